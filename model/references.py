"""Finding and resolving references to priorities written in plain words.

Plans refer to their own priorities in prose: the operational plans table says
"Leadership Priority 5 Departmental Priority 4,5", an action says "(as
departmental priority 4)". A reference names a group by one word and one or
more numbers. The word is matched against the words of each group's name and
key, so "Leadership" picks the group named "7 Strategic Leadership
Priorities"; "Strategic" fits both "Strategic Leadership" and "Strategic
Departmental" and is therefore *ambiguous*; a number the group lacks is
*no-such-priority*. Nothing is guessed.

>>> groups = {"leadership": ("7 Strategic Leadership Priorities", {1: "LP1", 5: "LP5"}),
...           "departmental": ("7 Strategic Departmental Priorities", {4: "DP4", 5: "DP5"})}
>>> [(r.text, r.ids, r.reason) for r in find_references("Leadership Priority 5 Departmental Priority 4,5", groups)]
[('Leadership Priority 5', ['LP5'], None), ('Departmental Priority 4', ['DP4'], None), ('Departmental Priority 5', ['DP5'], None)]
>>> [(r.text, r.candidates, r.reason) for r in find_references("Strategic Priority 5", groups)]
[('Strategic Priority 5', ['DP5', 'LP5'], 'ambiguous')]
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

#: "<Word> Priority 4", "<Word> Priorities 4, 5 and 7", "<Word> Priority 4,5", "<Word> Priorities 2-4".
REFERENCE = re.compile(
    r"\b(?P<word>[A-Za-z]+)\s+priorit(?:y|ies)\s*(?:no\.?|number|[:#])?\s*"
    r"(?P<numbers>\d+(?:\s*(?:,|&|\band\b|-|–|\bto\b)\s*\d+)*)\b",
    re.IGNORECASE,
)
_NUMBER = re.compile(r"\d+")
_RANGE = re.compile(r"(\d+)\s*(?:-|–|\bto\b)\s*(\d+)", re.IGNORECASE)
#: What may stand between references without being one: separators and joining words.
_JOINERS = re.compile(r"(?:[\s,;/&+.]|\band\b|\bor\b|\bplus\b)+", re.IGNORECASE)


def _numbers(text: str) -> list[int]:
    """The numbers of a reference's number list, ranges written out ("2-4" is 2, 3, 4; at most 50 long).

    >>> _numbers("2-4, 7 and 9"), _numbers("4,5")
    ([2, 3, 4, 7, 9], [4, 5])
    """
    numbers: list[int] = []
    cursor = 0
    for match in _RANGE.finditer(text):
        numbers += [int(n) for n in _NUMBER.findall(text[cursor:match.start()])]
        first, last = int(match.group(1)), int(match.group(2))
        numbers += list(range(first, last + 1)) if 0 <= last - first <= 50 else [first, last]
        cursor = match.end()
    numbers += [int(n) for n in _NUMBER.findall(text[cursor:])]
    return list(dict.fromkeys(numbers))

#: Words that describe every group and so never pick one.
_GENERIC_WORDS = {"priority", "priorities"}

#: group key -> (group name, {priority number: priority id})
GroupIndex = dict[str, tuple[str, dict[int, str]]]


@dataclass
class Reference:
    """One group-and-number reference found in a text.

    ``ids`` holds the single priority it resolves to when it resolves with
    certainty; otherwise ``reason`` says why not and ``candidates`` lists the
    priorities it could mean.
    """

    text: str
    start: int
    end: int
    ids: list[str] = field(default_factory=list)
    reason: str | None = None
    candidates: list[str] = field(default_factory=list)

    @property
    def resolved(self) -> bool:
        return self.reason is None


def groups_matching(word: str, groups: GroupIndex) -> list[str]:
    """The keys of the groups whose name or key contains *word* (case-insensitive)."""
    word = word.lower()
    if word in _GENERIC_WORDS:
        return list(groups)
    return [key for key, (name, _numbers) in groups.items() if word == key.lower() or word in _words_of(name)]


@lru_cache(maxsize=4096)
def _words_of(name: str) -> frozenset[str]:
    """The lower-case words of a group's name (a plan has a few names, and many references to them)."""
    return frozenset(re.findall(r"[a-z]+", name.lower()))


def might_refer(text: str) -> bool:
    """False when *text* cannot hold a reference: it has no "priorit" in any case (a quick test first).

    Non-ASCII text always might: the case-insensitive pattern also matches
    letters such as the dotless "ı" that ``lower()`` does not turn into ASCII.
    """
    return "riorit" in text.lower() or not text.isascii()


def find_references(text: str, groups: GroupIndex) -> list[Reference]:
    """Every priority reference in *text*, one :class:`Reference` per number.

    Words that name no group ("the priority 3") are not references and are
    skipped: only a word that names at least one group counts.
    """
    found: list[Reference] = []
    if not might_refer(text):
        return found
    for match in REFERENCE.finditer(text):
        keys = groups_matching(match.group("word"), groups)
        if not keys:
            continue
        word = match.group("word")
        numbers = _numbers(match.group("numbers"))
        for number in numbers:
            ref_text = f"{word} Priority {number}" if len(numbers) > 1 else _tidy(match.group(0))
            candidates = sorted(groups[k][1][number] for k in keys if number in groups[k][1])
            ref = Reference(text=ref_text, start=match.start(), end=match.end())
            if len(keys) > 1:
                ref.reason = "ambiguous"
                ref.candidates = candidates
            elif not candidates:
                ref.reason = "no-such-priority"
            else:
                ref.ids = candidates
            found.append(ref)
    return found


def unmatched_text(text: str, refs: list[Reference]) -> str:
    """What is left of *text* once the references are cut out (for reporting).

    Separators and joining words between references ("," "and" "&") are not
    left over: they are how lists of references are written.

    >>> groups = {"leadership": ("Leadership Priorities", {8: "LP8"}), "departmental": ("Departmental", {5: "DP5"})}
    >>> text = "Departmental Priority 5, Leadership priority 8"
    >>> unmatched_text(text, find_references(text, groups))
    ''
    >>> text = "departmental priorities 2-4 and Leadership Priority 8; see annex"
    >>> [r.text for r in find_references(text, groups)], unmatched_text(text, find_references(text, groups))
    (['departmental Priority 2', 'departmental Priority 3', 'departmental Priority 4', 'Leadership Priority 8'], 'see annex')
    """
    spans = sorted({(r.start, r.end) for r in refs})
    pieces, cursor = [], 0
    for start, end in spans:
        pieces.append(text[cursor:start])
        cursor = max(cursor, end)
    pieces.append(text[cursor:])
    kept = [piece for piece in pieces if not _JOINERS.fullmatch(piece) and piece.strip()]
    return " ".join(" ".join(kept).split()).strip(" ,;&/")


def _tidy(text: str) -> str:
    return " ".join(text.split())
