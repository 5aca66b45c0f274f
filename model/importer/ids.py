"""Stable, readable, URL-safe IDs for imported items.

An ID is made from what the item is, not where it stands: a priority is
``LP5`` (its group's initials and its number, which the document states), a
sub-objective ``LP5.a``, a workstream ``DP2.neglect`` (its heading) and an
indicator or outcome its action's ID plus the first significant words of its
text (``DP2.neglect.o-implementation-neglect-champions``). Inserting an item
therefore renumbers nothing. Clashes get ``-2``, ``-3`` in reading order.
"""
from __future__ import annotations

import re
import unicodedata

STOPWORDS = frozenset(
    "a an the and or of to for in on with be will is are by at as our we all from into that this "
    "their its it".split()
)


def slug(text: str, words: int = 4) -> str:
    """The first *words* significant words of *text*, lower case, joined by hyphens.

    >>> slug("Integrated/shared 2 year development check developed")
    'integrated-shared-2-year'
    >>> slug("QUALITY OF ASSESSMENTS AND DRIVING PLANS", 3)
    'quality-assessments-driving'
    >>> slug("!!!")
    'item'
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    tokens = [t for t in re.findall(r"[a-z0-9]+", ascii_text.lower()) if t not in STOPWORDS]
    return "-".join(tokens[:words]) or "item"


class IdRegistry:
    """Hands out IDs, adding ``-2``, ``-3`` where a wanted ID is taken."""

    def __init__(self) -> None:
        self.taken: set[str] = set()

    def claim(self, wanted: str) -> str:
        candidate, n = wanted, 1
        while candidate in self.taken:
            n += 1
            candidate = f"{wanted}-{n}"
        self.taken.add(candidate)
        return candidate


def group_prefix(key: str, taken: set[str]) -> str:
    """``LP`` for the leadership group, ``DP`` for departmental; longer when initials clash."""
    for length in range(1, len(key) + 1):
        prefix = key[:length].upper() + "P"
        if prefix not in taken:
            return prefix
    return key.upper() + "P"
