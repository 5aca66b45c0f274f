"""Reading the Timescale cell of an outcome.

Plans write timescales as people speak: "March 2021", "August-November 2020",
"September and November 2020 Achieved", "Q3 2021/22", "FY21/22", "Autumn
term 2020", "end of March 2021", "Mar-21", "31/03/2021", "Monthly",
"Ongoing", "Achieved". :func:`parse_timescale` turns the raw text into a
plain dict (JSON-ready) and never raises:

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
>>> t = parse_timescale("Q3 2021/22"); (t["kind"], t["start"], t["due"])
('range', '2021-10-01', '2021-12-31')
>>> [parse_timescale(x)["due"] for x in ("Q4 21/22", "FY21/22", "Mar-21", "by April 2021", "Autumn term 2020")]
['2022-03-31', '2022-03-31', '2021-03-31', '2021-04-30', '2020-12-31']

Text that needs the plan's period to be placed ("Quarter 3", "Q1-Q2",
"Spring term", "September", "Ongoing") is anchored on *period* when it is
given, and is otherwise unparsed (or, for a recurrence, has no due date):

>>> import datetime as dt
>>> year = (dt.date(2021, 4, 1), dt.date(2022, 3, 31))
>>> t = parse_timescale("Quarter 3", year); (t["start"], t["due"], t["anchored"])
('2021-10-01', '2021-12-31', True)
>>> parse_timescale("Q1-Q2", year)["end"], parse_timescale("Spring term", year)["due"]
('2021-09-30', '2022-03-31')
>>> t = parse_timescale("Ongoing", year); (t["kind"], t["due"], t["recurrence"])
('recurrence', '2022-03-31', 'Ongoing')

A month with no day means the end of that month: an outcome due "March 2021"
is overdue from 1 April 2021. The readings are listed in docs/yaml-format.md.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9

_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
_MONTH = r"(?P<month>" + _MONTH_NAMES + r")\b\.?"
#: "March 2021", "Mar-21", "March '21", "Mar 21" (abbreviated only: "March 21" is a day), "March".
_MONTH_YEAR = re.compile(_MONTH + r"(?:,?\s*(?P<year>(?:19|20)\d{2})\b|\s*(?:-|'|’)\s*(?P<yy>\d{2})\b"
                         r"|(?:(?<=\b[A-Za-z]{3})|(?<=\bSept))(?<![Mm]ay)\s(?P<yy2>\d{2})\b(?![/:.]\d))?", re.IGNORECASE)
#: "31 March 2021", "31st March 2021", "March 31st, 2021".
_DAY_MONTH_YEAR = re.compile(r"\b(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s*(?P<year>(?:19|20)\d{2})\b"
                             r"|\b(?P<month2>" + _MONTH_NAMES + r")\.?\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?,?\s+"
                             r"(?P<year2>(?:19|20)\d{2})\b", re.IGNORECASE)
_NUMERIC_DATE = re.compile(r"\b(?P<d>\d{1,2})[/.](?P<m>\d{1,2})[/.](?P<y>(?:19|20)\d{2}|\d{2})\b")
_ISO_DATE = re.compile(r"\b(?P<y>(?:19|20)\d{2})-(?P<m>\d{2})-(?P<d>\d{2})\b")
#: A financial year: "2021/22", "2021/2022", "2021-22", "FY21/22", "FY 2021-22".
_FY = r"(?:FY\s*)?(?P<fy1>(?:19|20)?\d{2})\s*[/-]\s*(?P<fy2>(?:19|20)?\d{2})"
_FINANCIAL_YEAR = re.compile(r"(?<![\d/.])" + _FY + r"(?![\d/.])", re.IGNORECASE)
#: "Q3", "Quarter 3", "Q1-Q2", "Q1 to Q3", each with an optional year: "Q3 2021/22", "Q3 21/22", "Q3 2021".
_QUARTER = re.compile(r"\b(?:Q|Quarter\s*)(?P<q1>[1-4])\b(?:\s*(?:-|–|to|and|&)\s*(?:Q|Quarter\s*)(?P<q2>[1-4])\b)?"
                      r"(?:\s*(?:of\s+|,\s*|\(\s*)?(?:" + _FY + r"|(?P<qy>(?:19|20)\d{2}))\)?)?", re.IGNORECASE)
_TERM = re.compile(r"\b(?P<term>autumn|spring|summer)\s+term\b(?:\s*(?P<year>(?:19|20)\d{2}))?", re.IGNORECASE)
_SEASON = re.compile(r"\b(?P<season>spring|summer|autumn|fall|winter)\b(?:\s*(?P<year>(?:19|20)\d{2}))?",
                     re.IGNORECASE)
_RANGE_JOINER = re.compile(r"^\s*(?:-|–|—|to|until|till|through|thru|and)\s*$", re.IGNORECASE)
_RANGE_OPENER = re.compile(r"\b(?:between|from)\s*$", re.IGNORECASE)

#: School terms (first month, last month) and seasons, in the UK.
TERMS = {"autumn": (9, 12), "spring": (1, 3), "summer": (4, 7)}
SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 2)}

#: Recurrence words, longest first so "Bi-monthly" wins over "monthly".
RECURRENCES = ("bi-monthly", "bimonthly", "bi-weekly", "fortnightly", "six weekly", "6 weekly", "six monthly",
               "6 monthly", "half-termly", "half termly", "bi-annually", "biannually", "weekly", "monthly",
               "quarterly", "termly", "annually", "annual", "yearly", "ongoing")
#: Recurrences that mean "through, or once in, the plan's year": due by the end of its period.
#: ("Monthly" and the like recur within the year and have no due date.)
ONCE_IN_THE_PERIOD = ("Ongoing", "Annually", "Annual", "Yearly")
_RECURRENCE = re.compile(r"\b(" + "|".join(re.escape(r) for r in RECURRENCES) + r")\b", re.IGNORECASE)

#: Status words a timescale cell may carry instead of, or beside, a date.
STATUSES = ("achieved", "complete", "completed", "delayed", "on track", "in focus")
_STATUS = re.compile(r"\b(" + "|".join(STATUSES) + r")\b", re.IGNORECASE)

TIMESCALE_KINDS = ("date", "range", "recurrence", "status", "unparsed", "none")

Period = tuple[dt.date, dt.date]


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _add_months(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + months
    return index // 12, index % 12 + 1


def _year(text: str | None) -> int | None:
    if not text:
        return None
    value = int(text)
    return value if value >= 1900 else 2000 + value


def _fy_start(first: str, second: str) -> int | None:
    """The first year of a financial year written "2021/22", or ``None`` when it is no such pair."""
    a, b = _year(first), _year(second)
    if a is None or b is None or not (0 < b - a <= 3):
        return None
    return a


def _fy_month(period: Period | None) -> int:
    """The month a financial year starts: the plan period's, else April (the UK public sector's)."""
    return period[0].month if period else 4


class _Span:
    """Part of the text naming a stretch of days."""

    def __init__(self, first: dt.date, last: dt.date, start: int, end: int, *, single: bool = False,
                 anchored: bool = False) -> None:
        self.first, self.last, self.start, self.end = first, last, start, end
        self.single = single            # one month or one day, not a quarter or year
        self.anchored = anchored


def _in_period(months: tuple[int, int], period: Period) -> tuple[dt.date, dt.date] | None:
    """The first stretch from month *months[0]* to *months[1]* that starts inside *period*."""
    for year in range(period[0].year - 1, period[1].year + 1):
        first = dt.date(year, months[0], 1)
        end_year = year + (1 if months[1] < months[0] else 0)
        last = _month_end(end_year, months[1])
        if period[0] <= first <= period[1] or (first < period[0] <= last):
            return first, last
    return None


class _Reader:
    def __init__(self, text: str, period: Period | None) -> None:
        self.text, self.period = text, period
        self.taken = [False] * len(text)
        self.spans: list[_Span] = []

    def free(self, match: re.Match) -> bool:
        return not any(self.taken[match.start():match.end()])

    def take(self, span: _Span) -> None:
        for i in range(span.start, span.end):
            self.taken[i] = True
        self.spans.append(span)

    def read(self) -> list[_Span]:
        self._days()
        self._quarters()
        self._financial_years()
        self._terms_and_seasons()
        self._months()
        return sorted(self.spans, key=lambda s: s.start)

    def _days(self) -> None:
        for m in _ISO_DATE.finditer(self.text):
            self._day(m, int(m.group("y")), int(m.group("m")), int(m.group("d")))
        for m in _DAY_MONTH_YEAR.finditer(self.text):
            if m.group("d"):
                self._day(m, int(m.group("year")), MONTHS[m.group("month").lower().rstrip(".")], int(m.group("d")))
            else:
                self._day(m, int(m.group("year2")), MONTHS[m.group("month2").lower()], int(m.group("d2")))
        for m in _NUMERIC_DATE.finditer(self.text):
            self._day(m, _year(m.group("y")), int(m.group("m")), int(m.group("d")))

    def _day(self, m: re.Match, year: int, month: int, day: int) -> None:
        if self.free(m) and 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]:
            date = dt.date(year, month, day)
            self.take(_Span(date, date, m.start(), m.end(), single=True))

    def _quarters(self) -> None:
        for m in _QUARTER.finditer(self.text):
            if not self.free(m):
                continue
            q1, q2 = int(m.group("q1")), int(m.group("q2") or m.group("q1"))
            start_month = _fy_month(self.period)
            anchored = False
            if m.group("fy1"):
                fy = _fy_start(m.group("fy1"), m.group("fy2"))
            elif m.group("qy"):
                fy = int(m.group("qy"))          # "Q3 2021": the financial year that starts in 2021
            elif self.period:
                fy, anchored = self.period[0].year, True
            else:
                continue                         # "Quarter 3" of which year? unparsed without the plan
            if fy is None or q2 < q1:
                continue
            first = dt.date(*_add_months(fy, start_month, 3 * (q1 - 1)), 1)
            last = _month_end(*_add_months(fy, start_month, 3 * q2 - 1))
            self.take(_Span(first, last, m.start(), m.end(), anchored=anchored))

    def _financial_years(self) -> None:
        for m in _FINANCIAL_YEAR.finditer(self.text):
            fy = _fy_start(m.group("fy1"), m.group("fy2"))
            if not self.free(m) or fy is None:
                continue
            years = _year(m.group("fy2")) - fy
            start_month = _fy_month(self.period)
            first = dt.date(fy, start_month, 1)
            last = _month_end(*_add_months(fy, start_month, 12 * years - 1))
            self.take(_Span(first, last, m.start(), m.end()))

    def _terms_and_seasons(self) -> None:
        for pattern, table, group in ((_TERM, TERMS, "term"), (_SEASON, SEASONS, "season")):
            for m in pattern.finditer(self.text):
                if not self.free(m):
                    continue
                months = table[m.group(group).lower()]
                if m.group("year"):
                    year = int(m.group("year"))
                    first = dt.date(year, months[0], 1)
                    last = _month_end(year + (1 if months[1] < months[0] else 0), months[1])
                    self.take(_Span(first, last, m.start(), m.end()))
                elif self.period and (stretch := _in_period(months, self.period)):
                    self.take(_Span(*stretch, m.start(), m.end(), anchored=True))

    def _months(self) -> None:
        found: list[list] = []
        for m in _MONTH_YEAR.finditer(self.text):
            if not self.free(m):
                continue
            word = m.group("month").lower().rstrip(".")
            if word == "may" and not (m.group("year") or m.group("yy")) and not self._month_context(m):
                continue  # "may" the verb
            year = int(m.group("year")) if m.group("year") else _year(m.group("yy") or m.group("yy2"))
            found.append([MONTHS[word], year, m.start(), m.end()])
        next_year = None
        for f in reversed(found):  # "September and November 2020": a yearless month takes the next year named
            if f[1] is None:
                f[1] = next_year
                if next_year is not None and f[0] > self._month_of_next(found, f):
                    f[1] = next_year - 1      # "December and January 2021": December 2020
            else:
                next_year = f[1]
        for month, year, start, end in found:
            anchored = False
            if year is None:
                if not self.period:
                    continue  # a month with no year anywhere after it: not a date we can place
                year = _in_period((month, month), self.period)[0].year if _in_period((month, month), self.period) \
                    else None
                if year is None:
                    continue
                anchored = True
            self.take(_Span(dt.date(year, month, 1), _month_end(year, month), start, end, single=True,
                            anchored=anchored))

    def _month_context(self, m: re.Match) -> bool:
        before = self.text[:m.start()].rstrip().lower()
        return bool(re.search(r"(?:\b(?:by|in|end of|of|from|to|until|before)|[-–,&])$", before)) or m.start() == 0

    @staticmethod
    def _month_of_next(found: list[list], item: list) -> int:
        later = [f for f in found if f[2] > item[2] and f[1] is not None]
        return later[0][0] if later else 13


def parse_timescale(raw: str | None, period: Period | None = None) -> dict:
    """Parse a raw timescale into ``{"raw", "kind", "start", "end", "due", "dates", "recurrence", "status", "anchored"}``.

    ``kind`` is one of :data:`TIMESCALE_KINDS`. ``due`` is the last day by which
    the outcome is due (the end of the last month, quarter, term or year named);
    ``start``/``end`` bound it; ``dates`` lists the last day of each month or
    date named (what ``timescale-outside-period`` checks); dates are ISO
    strings so the result is JSON-ready. *period* (first and last day of the
    plan) places what names no year; ``anchored`` says it was used.
    """
    result = {"raw": raw, "kind": "none", "start": None, "end": None, "due": None,
              "dates": [], "recurrence": None, "status": None, "anchored": False}
    if raw is None or not raw.strip():
        return result
    text = " ".join(raw.split())
    spans = _Reader(text, period).read()
    recurrence = _RECURRENCE.search(text)
    status = _STATUS.search(text)
    if recurrence:
        result["recurrence"] = recurrence.group(1)[0].upper() + recurrence.group(1)[1:].lower()
    if status:
        result["status"] = status.group(1)[0].upper() + status.group(1)[1:].lower()
    if spans:
        result["anchored"] = any(s.anchored for s in spans)
        result["dates"] = [s.last.isoformat() for s in spans]
        result["due"] = max(s.last for s in spans).isoformat()
        joined = len(spans) == 2 and _RANGE_JOINER.match(text[spans[0].end:spans[1].start]) and (
            not text[spans[0].end:spans[1].start].strip().lower() == "and" or _RANGE_OPENER.search(text[:spans[0].start]))
        if joined:
            result.update(kind="range", start=spans[0].first.isoformat(), end=spans[1].last.isoformat())
        elif len(spans) == 1 and not spans[0].single:
            result.update(kind="range", start=spans[0].first.isoformat(), end=spans[0].last.isoformat())
        else:
            result.update(kind="date", start=min(s.first for s in spans).isoformat(), end=result["due"])
    elif recurrence:
        result["kind"] = "recurrence"
        if period and result["recurrence"] in ONCE_IN_THE_PERIOD:  # "Ongoing", "Annually": by the period's end
            result.update(start=period[0].isoformat(), end=period[1].isoformat(), due=period[1].isoformat(),
                          anchored=True)
    elif status:
        result["kind"] = "status"
    else:
        result["kind"] = "unparsed"
    return result
