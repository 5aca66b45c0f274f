"""Reading how a cell is numbered: "1)", "1.", "(1)", "1 -", "1:", "Priority 1:", Roman numerals, "a.".

A number only counts as a priority's number when it is written as one: a
marker ("1)", "1.", "(1)", "1 -", "1:"), a word ("Priority 1"), or a number
standing alone as the cell's first paragraph ("<p>1</p>"). "2020 review" or
"33% reduction" are text, never numbers.

>>> [priority_number(t)[:2] for t in ("1) Retain", "2. Be visible", "(3) Build", "4 - Leaders",
...                                     "Priority 5: Systems", "VI. Education", "(iv) Care", "7: Assurance")]
[(1, 'Retain'), (2, 'Be visible'), (3, 'Build'), (4, 'Leaders'), (5, 'Systems'), (6, 'Education'), (4, 'Care'), (7, 'Assurance')]
>>> [priority_number(t) for t in ("2020 review of the framework", "33% fewer", "1.5 million more")]
[None, None, None]
>>> priority_number("12", alone=True)[:2]
(12, '')
>>> lettered("b) Strengthening approaches"), lettered("(c) Listening"), lettered("I am")
(('b', 'Strengthening approaches'), ('c', 'Listening'), None)
"""
from __future__ import annotations

import re

_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50}
_ROMAN = r"(?=[ivxlIVXL])(?:x{0,3}|X{0,3})(?:ix|iv|v?i{0,3}|IX|IV|V?I{0,3})"
_NUMBER = rf"(?P<n>\d{{1,2}}|{_ROMAN})"
#: "Priority 1:", "Objective 2 -", "Aim 3."
_WORDED = re.compile(rf"^(?:priority|objective|aim|ambition|theme|outcome)\s+{_NUMBER}\s*(?:[.):–—-]\s*|\s+|$)(?P<rest>.*)$",
                     re.IGNORECASE | re.DOTALL)
_MARKED = re.compile(rf"^(?:\(\s*{_NUMBER}\s*\)|{_NUMBER.replace('?P<n>', '?P<m>')}\s*(?:\)|[.:](?=\s|$)|\s[–—-](?=\s)))"
                     r"\s*(?P<rest>.*)$", re.DOTALL)
_ALONE = re.compile(rf"^{_NUMBER}$")
_LETTERED = re.compile(r"^(?:\(([a-h])\)|([a-h])[.)])\s+(.*)$", re.DOTALL)
_SUB_NUMBER = re.compile(r"^(\d{1,2})\.(\d{1,2})[.)]?\s+(.*)$", re.DOTALL)


def roman_value(text: str) -> int | None:
    """The value of a Roman numeral (I to XXXIX), or ``None``.

    >>> roman_value("XIV"), roman_value("iv"), roman_value("IIII")
    (14, 4, None)
    """
    low = text.lower()
    if not low or not re.fullmatch(_ROMAN, low) or not re.fullmatch(_ROMAN, text):
        return None
    total = 0
    for a, b in zip(low, low[1:] + " "):
        value = _ROMAN_VALUES[a]
        total += -value if b != " " and _ROMAN_VALUES[b] > value else value
    return total or None


def _value(token: str) -> int | None:
    if token.isdigit():
        value = int(token)
        return value if 1 <= value <= 99 else None
    return roman_value(token)


def priority_number(text: str, *, alone: bool = False) -> tuple[int, str, str] | None:
    """``(number, rest of the text, the marker as written)`` when *text* starts with a priority number.

    With *alone*, a bare number that is the whole text (a cell's first
    paragraph "<p>1</p>") counts too.
    """
    text = text.strip()
    for pattern in (_WORDED, _MARKED):
        match = pattern.match(text)
        if match:
            token = match.group("n") if "n" in match.groupdict() and match.group("n") else match.group("m")
            value = _value(token)
            if value is not None and (token.isdigit() or _plausible_roman(token, match.group("rest"))):
                rest = match.group("rest")
                return value, rest.strip(), text[: len(text) - len(rest)].strip()
    if alone:
        match = _ALONE.match(text)
        if match and _value(match.group("n")) is not None:
            return _value(match.group("n")), "", text
    return None


def _plausible_roman(token: str, rest: str) -> bool:
    # "I." could be the pronoun in "I. e." prose, but a Roman marker is followed by a word in capitals.
    return bool(rest[:1].isupper() or rest[:1].isdigit() or rest[:1] == "<" or not rest)


def lettered(text: str) -> tuple[str, str] | None:
    """``(letter, rest)`` for a lettered sub-objective: "a.", "b)" or "(c)" then text."""
    match = _LETTERED.match(text.strip())
    if not match:
        return None
    return (match.group(1) or match.group(2)), match.group(3)


def sub_number(text: str) -> tuple[int, int, str] | None:
    """``(priority, action, rest)`` for an action numbered under its priority: "1.2 Develop", "3.1) Review".

    >>> sub_number("1.2 Develop the offer"), sub_number("1.5 million more") is None
    ((1, 2, 'Develop the offer'), True)
    """
    match = _SUB_NUMBER.match(text.strip())
    if not match or not match.group(3)[:1].isupper():
        return None
    return int(match.group(1)), int(match.group(2)), match.group(3)


def strip_number(text: str) -> str:
    """*text* without its leading priority number or letter, if it has one.

    >>> strip_number("1) Retain support"), strip_number("Priority 2: Early help"), strip_number("Early help")
    ('Retain support', 'Early help', 'Early help')
    """
    found = priority_number(text)
    if found:
        return found[1]
    sub = sub_number(text)
    if sub:
        return sub[2]
    letter = lettered(text)
    return letter[1] if letter else text.strip()
