"""Wording: reducing plan prose to comparable words.

Two statements say the same thing when their *words* agree, not their
punctuation or their spelling of the same term. :class:`Wording` reduces a
text to canonical words:

1. cross-references ("(as departmental priority 4)") are cut: they are links,
   not content;
2. case, punctuation and spacing are dropped; hyphenated words are joined
   ("Multi-agency" = "multiagency");
3. acronyms the plan itself spells out are expanded ("QA" is written out as
   "Quality Assurance" elsewhere in the plan, so both read "quality
   assurance"). An acronym is expanded only when the plan spells it out in
   exactly one way, in capitalised words; otherwise it is left alone;
4. words are lightly stemmed ("reviewed", "reviews" -> "review").

Content words are the canonical words minus :data:`STOPWORDS`.

>>> w = Wording.from_texts([["Review the Quality Assurance Framework", "Reviewed QA Framework"]])
>>> w.acronyms
{'qa': 'quality assurance'}
>>> w.words("Reviewed QA Framework (as departmental priority 4).")
['review', 'quality', 'assurance', 'framework']
>>> w.content("Develop a Leaving Care Strategy for care leavers")
['develop', 'leav', 'care', 'strategy', 'care', 'leaver']
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import chain
from typing import Iterable

from goldenthread.model.references import might_refer

#: Words that carry no meaning of their own in plan prose.
STOPWORDS = frozenset("""
a an and are as at be been by for from has have in into is it its of on or our that the their them
they this those to was we were which will with within via so all any can do does each per
""".split())

# "(as departmental priority 4)", "see leadership priorities 2 and 3": links, cut before comparing.
_REFERENCE = re.compile(r"\(?\s*(?:as\s+|see\s+)?\b[a-z]+\s+priorit(?:y|ies)\s+\d+(?:\s*(?:,|&|and)\s*\d+)*\s*\)?",
                        re.IGNORECASE)
_JOINED = re.compile(r"(?<=\w)[-'’](?=\w)")   # multi-agency -> multiagency, leaver's -> leavers
_NON_WORD = re.compile(r"[\W_]+")
_TOKEN = re.compile(r"\w+(?:[-'’]\w+)*|&")
_ACRONYM = re.compile(r"\b[A-Z]{2,6}\b")
_WORD = re.compile(r"[A-Za-z][A-Za-z’']*")


def normalise(text: str) -> str:
    """Lower case, cross-references cut, hyphens joined, punctuation and spacing collapsed.

    >>> normalise("Develop a Leaving-Care Strategy (as departmental priority 4).")
    'develop a leavingcare strategy'
    """
    text = _REFERENCE.sub(" ", text.replace("&", " and "))
    text = _JOINED.sub("", text.lower())
    return " ".join(_NON_WORD.sub(" ", text).split())


def stem(word: str) -> str:
    """A light suffix-stripping stem, enough to equate "review", "reviews" and "reviewed".

    >>> [stem(w) for w in ("reviewed", "reviewing", "plans", "process", "focus", "care")]
    ['review', 'review', 'plan', 'process', 'focus', 'care']
    """
    if len(word) > 5 and word.endswith("ing"):
        return word[:-3]
    if len(word) > 4 and word.endswith("ed"):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def find_acronyms(passages: Iterable[Iterable[str]]) -> dict[str, str]:
    """``{acronym: expansion}`` (lower case) for acronyms the plan spells out in exactly one way.

    *passages* are groups of texts that belong together (a priority and
    everything under it). An expansion counts only where the acronym is used
    in the same passage, and is a run of capitalised words, none a stopword
    nor itself an acronym, whose initials spell it ("Quality Assurance" for
    QA). Initials that merely happen to match in another part of the plan
    ("Staff Retention" for an SR team) are not taken for a definition.

    >>> find_acronyms([["QA Framework", "Quality Assurance"], ["SR team"], ["Staff Retention"]])
    {'qa': 'quality assurance'}
    """
    spelled: dict[str, set[str]] = defaultdict(set)
    for passage in passages:
        texts = list(passage)
        used = {a for t in texts for a in _ACRONYM.findall(t)}
        if not used:
            continue
        for text in texts:
            words = [w.replace("’", "'").split("'")[0] for w in _WORD.findall(text)]
            # the words an expansion may hold: capitalised, neither a stopword nor an acronym
            fit = [w[0].isupper() and w not in used and w.lower() not in STOPWORDS for w in words]
            for i in range(len(words)):
                for size in range(2, 7):
                    if i + size > len(words) or not all(fit[i:i + size]):
                        break
                    window = words[i:i + size]
                    initials = "".join(w[0] for w in window).upper()
                    if initials in used:
                        spelled[initials].add(" ".join(w.lower() for w in window))
    return {a.lower(): next(iter(e)) for a, e in sorted(spelled.items()) if len(e) == 1}


@dataclass
class Wording:
    """Canonical words of texts, with the acronyms of one plan (see the module docstring)."""

    acronyms: dict[str, str] = field(default_factory=dict)
    _canonical: dict[str, tuple[str, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        # token -> canonical words; a plan has a few thousand distinct tokens: each is reduced once
        self._canonical = _Reduced(self._reduce)

    @classmethod
    def from_texts(cls, passages: Iterable[Iterable[str]]) -> "Wording":
        """A :class:`Wording` knowing the acronyms spelled out in *passages* (see :func:`find_acronyms`)."""
        return cls(find_acronyms(passages))

    def spans(self, text: str) -> list[tuple[str, int, int]]:
        """``(canonical word, start, end)``: each canonical word with the span of *text* it comes from.

        The spans let a report quote the original words of a passage found
        among canonical words.
        """
        cut = [m.span() for m in _REFERENCE.finditer(text)] if might_refer(text) else []
        canonical, out = self._canonical, []
        for m in _TOKEN.finditer(text):
            start = m.start()
            if cut and any(a <= start < b for a, b in cut):
                continue
            words = canonical[m.group()]
            end = m.end()
            out.extend((word, start, end) for word in words)
        return out

    def _reduce(self, token: str) -> tuple[str, ...]:
        """The canonical words of one token of text."""
        token = _JOINED.sub("", token.lower()).replace("&", "and")
        return tuple(stem(word) for part in token.split("_")
                     for word in self.acronyms.get(part, part).split() if word)

    def words(self, text: str) -> list[str]:
        """Canonical words of *text*, in order (what :meth:`spans` gives, without the spans)."""
        if might_refer(text):
            return [w for w, _, _ in self.spans(text)]
        return list(chain.from_iterable(map(self._canonical.__getitem__, _TOKEN.findall(text))))

    def runs(self, text: str) -> list[tuple[str, tuple[str, ...]]]:
        """``(text before, canonical words)`` for each token of *text* (cross-references cut).

        The text before a token runs from the end of the previous token kept:
        it holds the punctuation between the two, and any cross-reference cut.
        A token may give no word (``_``) or several (an acronym spelled out).

        >>> Wording({"qa": "quality assurance"}).runs("QA (annual) - done")
        [('', ('quality', 'assurance')), (' (', ('annual',)), (') - ', ('done',))]
        """
        canonical = self._canonical
        if not might_refer(text):
            return list(zip(_TOKEN.split(text), map(canonical.__getitem__, _TOKEN.findall(text))))
        cut = [m.span() for m in _REFERENCE.finditer(text)]
        out, previous_end = [], 0
        for m in _TOKEN.finditer(text):
            start = m.start()
            if not any(a <= start < b for a, b in cut):
                out.append((text[previous_end:start], canonical[m.group()]))
                previous_end = m.end()
        return out

    def content(self, text: str) -> list[str]:
        """Canonical words of *text* that are not stopwords, in order."""
        return [w for w in self.words(text) if w not in STOPWORDS]


class _Reduced(dict):
    """``{token: canonical words}``, filled on first look-up by *reduce*."""

    def __init__(self, reduce):
        super().__init__()
        self.reduce = reduce

    def __missing__(self, token: str) -> tuple[str, ...]:
        words = self[token] = self.reduce(token)
        return words
