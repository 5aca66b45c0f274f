"""Plan prose from phrase templates, with no accidental duplicates.

A statement is a template ("{measure} for {people} in {place} {trend} from
{a}% to {b}%") filled from a directorate family's vocabulary, localities and
numbers. :class:`Writer` keeps what it has written and redraws a statement
that would make the duplicate analyses fire by accident:

* it repeats a whole earlier statement, or a run of
  :data:`~model.analysis.duplicates.PASSAGE_CONTENT_WORDS` consecutive
  content words (every passage the duplicates analysis calls shared, at
  least :data:`~model.analysis.duplicates.PASSAGE_WORDS` words holding that
  many content words, contains one such run);
* it agrees with an earlier statement of the same template in every slot
  but one or two (numbers aside) and their wording scores :data:`NEAR` or more
  (the score of :func:`model.analysis.similarity.score`, kept well below the analysis'
  threshold): such pairs could be reported as near-duplicates.

So the only duplicates in a synthetic plan are the planted ones
(:mod:`model.synth.plant`).

>>> import random
>>> from goldenthread.model.synth.vocabulary import FAMILIES
>>> w = Writer(random.Random(1))
>>> text = w.write("outcome", FAMILIES[0])
>>> text == text.strip() and text[0].isupper()
True
"""
from __future__ import annotations

import random
import re
from functools import cache
from itertools import combinations

from rapidfuzz import fuzz, process

from goldenthread.model.analysis.duplicates import PASSAGE_CONTENT_WORDS
from goldenthread.model.analysis.wording import STOPWORDS, Wording
from goldenthread.model.synth.vocabulary import BOARDS, FALLS, METHODS, PLACE_KINDS, PLACES, TRENDS, VERBS, Family

#: A statement may share no run of this many consecutive content words with another...
RUN = PASSAGE_CONTENT_WORDS
#: ...nor score this much against a statement that differs from it in one slot.
NEAR = 85.0
_SLOT = re.compile(r"\{(\w+)\}")
_NUMERIC = {"n", "a", "b", "staff", "days", "weeks"}

TEMPLATES: dict[str, tuple[str, ...]] = {
    "outcome": (
        "{measure} in {place} {trend} from {a}% to {b}% for {people}",
        "{n} {people} in {place} supported through {service}",
        "{service} reaches {n} {people} across {place}, {method}",
        "{measure} {falls} by {a}% in {place} as {service} beds in",
        "{measure} in {place} reported to {board}; {n} cases audited",
        "{service} evaluated in {place}: {a}% of {people} say it helped",
        "waiting list for {service} in {place} cleared, {n} {people} seen",
        "{people} in {place} get {service} within {days} days, {method}",
    ),
    "indicator": (
        "quarterly audit of {service} in {place} shows {measure} at {a}% or better",
        "{a}% of {people} in {place} rate {service} as good",
        "{measure} for {people} in {place} tracked monthly, {method}",
        "{n} {people} in {place} engaged with {service}",
        "{measure} for {place} seen by {board} every {weeks} weeks",
    ),
    "action": (
        "{verb} {service} for {people} in {place}",
        "{verb} {service} {method} across {place}",
        "{verb} the approach to {measure} for {people} in {place}",
    ),
    "step": (
        "{verb} {service} in {place} {method}",
        "report {measure} in {place} to {board} each quarter",
        "train {staff} staff in {place} on {service}",
        "map {people} in {place} who need {service}",
    ),
}


_SLOTS_OF = {kind: [list(dict.fromkeys(_SLOT.findall(t))) for t in templates] for kind, templates in TEMPLATES.items()}
_CHOICES = {"method": METHODS, "board": BOARDS, "trend": TRENDS, "falls": FALLS}
_NUMBERS = {"n": (3, 480), "staff": (4, 90), "days": (2, 45), "weeks": (2, 12), "a": (5, 60), "b": (61, 98)}


def _pick(name: str, rng: random.Random, family: Family) -> str:
    """A value for the slot *name* of a template."""
    if name in _NUMBERS:
        return str(rng.randint(*_NUMBERS[name]))
    if name == "place":
        return f"{rng.choice(PLACES)} {rng.choice(PLACE_KINDS)}"
    if name == "verb":
        return rng.choice(VERBS).lower()
    if name in _CHOICES:
        return rng.choice(_CHOICES[name])
    return rng.choice({"people": family.people, "service": family.services, "measure": family.measures}[name])


class Writer:
    """Writes statements for one plan, never repeating itself by accident (see the module docstring)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.runs: set[tuple[str, ...]] = set()
        self.wholes: set[tuple[str, ...]] = set()
        self.projections: dict[tuple, list[str]] = {}
        self.redraws = 0

    def fill(self, kind: str, family: Family) -> tuple[str, tuple, tuple[str, ...]]:
        """One filled template of *kind*, its slots' values (numbers aside) and its canonical words."""
        rng = self.rng
        index = rng.randrange(len(TEMPLATES[kind]))
        template = TEMPLATES[kind][index]
        values: dict[str, str] = {}
        for name in _SLOTS_OF[kind][index]:
            values[name] = _pick(name, rng, family)
        text = _SLOT.sub(lambda m: values[m.group(1)], template)
        slots = (kind, index, tuple(v for k, v in sorted(values.items()) if k not in _NUMERIC))
        # Canonical words piece by piece: slots and the text between them meet at spaces or
        # punctuation, so this is what Wording().words(text) gives, at a fraction of the cost.
        words = tuple(w for i, piece in enumerate(_SLOT.split(template))
                      for w in _canonical(values[piece] if i % 2 else piece))
        return text[0].upper() + text[1:], slots, words

    def write(self, kind: str, family: Family, tries: int = 50) -> str:
        """A new statement of *kind* ("outcome", "indicator", "action" or "step") in *family*'s words."""
        for _ in range(tries):
            text, slots, words = self.fill(kind, family)
            if self.accept(words, slots):
                return text
            self.redraws += 1
        raise RuntimeError(f"could not write a distinct {kind} statement in {tries} tries")

    def claim(self, words: tuple[str, ...], allowed: set[tuple[str, ...]] = frozenset()) -> bool:
        """Record the runs of a statement written elsewhere (a planted copy); False if it shares one not *allowed*."""
        runs = content_runs(words) - allowed
        if runs & self.runs:
            return False
        self.runs |= runs
        return True

    def accept(self, words: tuple[str, ...], slots: tuple) -> bool:
        """Record a statement (its canonical *words*) and return True, unless it would duplicate an earlier one."""
        runs = content_runs(words)
        kind, index, values = slots
        if words in self.wholes or runs & self.runs:
            return False
        joined = " ".join(words)
        # Any two statements of a template that differ in at most two slots share one of these keys.
        keep = max(1, len(values) - 2)
        projections = [(kind, index, chosen, tuple(values[i] for i in chosen))
                       for chosen in combinations(range(len(values)), keep)]
        for key in projections:
            others = self.projections.get(key)
            if others and any(process.extractOne(joined, others, scorer=scorer, score_cutoff=NEAR)
                              for scorer in (fuzz.ratio, fuzz.token_sort_ratio)):
                return False
        self.wholes.add(words)
        self.runs |= runs
        for key in projections:
            self.projections.setdefault(key, []).append(joined)
        return True


def content_runs(words) -> set[tuple[str, ...]]:
    """Every run of :data:`RUN` consecutive content words among canonical *words*.

    >>> sorted(content_runs("review the care plan of every child in ashby ward".split()))
    [('care', 'plan', 'every', 'child', 'ashby', 'ward'), ('review', 'care', 'plan', 'every', 'child', 'ashby')]
    """
    content = [w for w in words if w not in STOPWORDS]
    return {tuple(content[i:i + RUN]) for i in range(len(content) - RUN + 1)}


_WORDING = Wording()


@cache
def _canonical(piece: str) -> tuple[str, ...]:
    return tuple(_WORDING.words(piece))
