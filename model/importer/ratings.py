"""Reading what a council writes in the RAG column: every spelling of a rating, and what is not one.

Councils write the same rating many ways. :func:`read_rating` folds case,
spaces and the joiners between two colours ("/", "-", " ", "and", "&") and
single letters, and says what it did:

>>> [read_rating(t).value for t in ("Amber-Green", "green / amber", "A/G", "g", "Amber and Green")]
['AMBER/GREEN', 'AMBER/GREEN', 'AMBER/GREEN', 'GREEN', 'AMBER/GREEN']
>>> r = read_rating("Blue"); (r.value, r.how)
('GREEN', "BRAG 'Blue' (delivered) read as GREEN")
>>> read_rating("Red/Amber").value
'RED'
>>> r = read_rating("Ambre"); (r.value, r.suggestion)
(None, 'AMBER')
>>> read_rating("GREEN").how is None
True
>>> r = read_rating("Green (on track)"); (r.value, r.raw)
('GREEN', 'Green (on track)')

The mapping (also in docs/importing.md): GREEN, AMBER, RED and N/A as
written; Amber/Green and Green/Amber in any form are AMBER/GREEN; Red/Amber
and Amber/Red are RED (the worse colour: no value between them exists, and an
auditor should see the risk); the BRAG extension Blue, Complete, Completed or
Delivered (B, C) is GREEN (delivered is on track), the raw text being kept
beside it. Anything else is *not* a rating: the caller keeps the raw text and
reports it, with :attr:`Rating.suggestion` as a did-you-mean hint.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from goldenthread.model.schema import RAG_VALUES

_COLOURS = {"GREEN": "GREEN", "G": "GREEN", "AMBER": "AMBER", "A": "AMBER", "RED": "RED", "R": "RED",
            "YELLOW": "AMBER", "Y": "AMBER"}
_DELIVERED = {"BLUE", "B", "COMPLETE", "COMPLETED", "C", "DELIVERED", "DONE"}
_NOT_APPLICABLE = {"NA", "N/A", "N.A", "N.A.", "NOT APPLICABLE", "NOTAPPLICABLE"}
_PAIRS = {frozenset({"AMBER", "GREEN"}): "AMBER/GREEN", frozenset({"AMBER", "RED"}): "RED"}
_JOINER = re.compile(r"\s*(?:/|\\|-|–|—|&|\+|\band\b|\s)\s*", re.IGNORECASE)
#: A rating with a comment after it: "Green (on track)", "AMBER - delays", "Red: no funding".
_COMMENT = re.compile(r"^\s*([A-Za-z/ &-]{1,20}?)\s*(?:\(|\s[-–—]\s|:|;|,)\s*\S.*$", re.DOTALL)
#: Every canonical value and the words councils use, for did-you-mean hints.
_HINT_WORDS = [*RAG_VALUES, "BLUE", "COMPLETE"]


@dataclass(frozen=True)
class Rating:
    """One RAG cell part: its canonical ``value`` (``None`` when not a rating), how it was read, the raw text."""

    raw: str
    value: str | None
    how: str | None = None              # a sentence for the report when the spelling was normalised
    suggestion: str | None = None       # for an unknown value: the nearest rating

    @property
    def known(self) -> bool:
        return self.value is not None


def read_rating(text: str) -> Rating:
    """Read one rating as written (see the module docstring for the mapping)."""
    raw = " ".join(text.split())
    folded = raw.upper().strip(" .")
    if folded in RAG_VALUES:
        return Rating(raw, folded)
    squashed = re.sub(r"\s+", "", folded)
    if squashed in RAG_VALUES:
        return Rating(raw, squashed, f"rating {raw!r} read as {squashed}")
    if folded in _NOT_APPLICABLE or squashed in _NOT_APPLICABLE:
        return Rating(raw, "N/A", f"rating {raw!r} read as N/A")
    if folded in _DELIVERED:
        return Rating(raw, "GREEN", f"BRAG {raw!r} (delivered) read as GREEN")
    parts = [p for p in _JOINER.split(folded) if p]
    colours = [_COLOURS.get(p) for p in parts]
    if parts and all(colours) and len(set(colours)) <= 2:
        distinct = frozenset(colours)
        value = colours[0] if len(distinct) == 1 else _PAIRS.get(distinct)
        if value is not None:
            how = None if raw == value else f"rating {raw!r} read as {value}"
            if value == "RED" and len(distinct) == 2:
                how = f"rating {raw!r} read as RED (the worse of its two colours)"
            return Rating(raw, value, how)
    if len(parts) == 1 and parts[0] in {"AG", "GA"}:
        return Rating(raw, "AMBER/GREEN", f"rating {raw!r} read as AMBER/GREEN")
    commented = _COMMENT.match(raw)
    if commented:
        head = read_rating(commented.group(1))
        if head.known:
            return Rating(raw, head.value, f"rating {raw!r} read as {head.value} (its comment kept in rag_text)")
    close = difflib.get_close_matches(folded, _HINT_WORDS, n=1, cutoff=0.5)
    if not close and len(parts) == 2:
        fixed = [difflib.get_close_matches(p, ["GREEN", "AMBER", "RED"], n=1, cutoff=0.6) for p in parts]
        if all(fixed) and frozenset(f[0] for f in fixed) in _PAIRS:
            close = [_PAIRS[frozenset(f[0] for f in fixed)]]
    suggestion = {"BLUE": "GREEN", "COMPLETE": "GREEN"}.get(close[0], close[0]) if close else None
    return Rating(raw, None, None, suggestion)


def looks_like_prose(raw_cell: str) -> bool:
    """Whether a RAG cell holds prose (a list, a paragraph, a sentence), the only proof of a shifted row.

    An unknown short value ("Amber-Green", "On hold") is not prose: it is a
    rating we cannot read, kept as text and never used to move cells.

    >>> looks_like_prose('<ul style="list-style-type: none"> Continue to work with partners')
    True
    >>> looks_like_prose("Amber-Green"), looks_like_prose("<p>AMBER</p> <p>GREEN</p>"), looks_like_prose("On hold")
    (False, False, False)
    >>> looks_like_prose("Amber - recruitment delayed by the pandemic and by sickness")
    False
    """
    if re.search(r"<\s*(ul|li)\b|[•▪●]", raw_cell, re.IGNORECASE):
        return True
    text = " ".join(re.sub(r"<[^>]+>", " ", raw_cell).split())
    if read_rating(text).known:
        return False         # a rating with a comment after it: "Amber - recruitment delayed by the pandemic"
    return len(text.split()) > 6 or len(text) > 60
