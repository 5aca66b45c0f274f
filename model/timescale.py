"""Reading the Timescale cell of an outcome.

Plans write timescales as people speak: "March 2021", "August-November 2020",
"September and November 2020 Achieved", "Monthly", "Bi-monthly monitoring",
"January 2021 and quarterly thereafter", "Achieved". :func:`parse_timescale`
turns the raw text into a plain dict (JSON-ready) and never raises:

>>> parse_timescale("August-November 2020")["kind"], parse_timescale("August-November 2020")["end"]
('range', '2020-11-30')
>>> t = parse_timescale("December 2020 Achieved"); (t["kind"], t["due"], t["status"])
('date', '2020-12-31', 'Achieved')
>>> parse_timescale("Bi-monthly monitoring")["recurrence"]
'Bi-monthly'
>>> parse_timescale("Achieved")["kind"]
'status'
>>> parse_timescale("As soon as possible")["kind"]
'unparsed'

A month with no day means the end of that month: an outcome due "March 2021"
is overdue from 1 April 2021.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b\.?"
_MONTH_YEAR = re.compile(_MONTH + r"(?:\s*(?P<year>(?:19|20)\d{2}))?", re.IGNORECASE)
_NUMERIC_DATE = re.compile(r"\b(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>(?:19|20)\d{2})\b")
_RANGE_JOINER = re.compile(r"^\s*(?:-|–|—|to|until|till)\s*$", re.IGNORECASE)

#: Recurrence words, longest first so "Bi-monthly" wins over "monthly".
RECURRENCES = ("bi-monthly", "bimonthly", "bi-weekly", "fortnightly", "six weekly", "6 weekly",
               "weekly", "monthly", "quarterly", "termly", "annually", "annual", "yearly", "ongoing")
_RECURRENCE = re.compile(r"\b(" + "|".join(re.escape(r) for r in RECURRENCES) + r")\b", re.IGNORECASE)

#: Status words a timescale cell may carry instead of, or beside, a date.
STATUSES = ("achieved", "complete", "completed", "delayed", "on track", "in focus")
_STATUS = re.compile(r"\b(" + "|".join(STATUSES) + r")\b", re.IGNORECASE)

TIMESCALE_KINDS = ("date", "range", "recurrence", "status", "unparsed", "none")


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _dates(text: str) -> list[tuple[dt.date, dt.date, int, int]]:
    """(first day, last day, start offset, end offset) of every month or date named.

    A month written without a year takes the year of the next month that has
    one ("September and November 2020").
    """
    found: list[list] = []
    for m in _MONTH_YEAR.finditer(text):
        month = MONTHS[m.group("month").lower().rstrip(".")]
        year = int(m.group("year")) if m.group("year") else None
        found.append([month, year, m.start(), m.end()])
    for m in _NUMERIC_DATE.finditer(text):
        day, month, year = int(m.group("d")), int(m.group("m")), int(m.group("y"))
        if 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]:
            found.append([month, year, m.start(), m.end(), day])
    found.sort(key=lambda f: f[2])
    next_year = None
    for f in reversed(found):
        if f[1] is None:
            f[1] = next_year
        else:
            next_year = f[1]
    result = []
    for f in found:
        if f[1] is None:
            continue  # a month with no year anywhere after it: not a date we can place
        if len(f) == 5:
            day = dt.date(f[1], f[0], f[4])
            result.append((day, day, f[2], f[3]))
        else:
            result.append((dt.date(f[1], f[0], 1), _month_end(f[1], f[0]), f[2], f[3]))
    return result


def parse_timescale(raw: str | None) -> dict:
    """Parse a raw timescale into ``{"raw", "kind", "start", "end", "due", "dates", "recurrence", "status"}``.

    ``kind`` is one of :data:`TIMESCALE_KINDS`. ``due`` is the last day by which
    the outcome is due (the end of the last month named); ``start``/``end``
    bound a range; dates are ISO strings so the result is JSON-ready.
    """
    result = {"raw": raw, "kind": "none", "start": None, "end": None, "due": None,
              "dates": [], "recurrence": None, "status": None}
    if raw is None or not raw.strip():
        return result
    text = " ".join(raw.split())
    dates = _dates(text)
    recurrence = _RECURRENCE.search(text)
    status = _STATUS.search(text)
    if recurrence:
        result["recurrence"] = recurrence.group(1)[0].upper() + recurrence.group(1)[1:].lower()
    if status:
        result["status"] = status.group(1)[0].upper() + status.group(1)[1:].lower()
    if dates:
        result["dates"] = [d[1].isoformat() for d in dates]
        result["due"] = max(d[1] for d in dates).isoformat()
        is_range = len(dates) == 2 and _RANGE_JOINER.match(text[dates[0][3]:dates[1][2]])
        if is_range:
            result.update(kind="range", start=dates[0][0].isoformat(), end=dates[1][1].isoformat())
        else:
            result.update(kind="date", start=min(d[0] for d in dates).isoformat(),
                          end=result["due"])
    elif recurrence:
        result["kind"] = "recurrence"
    elif status:
        result["kind"] = "status"
    else:
        result["kind"] = "unparsed"
    return result
