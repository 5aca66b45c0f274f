"""Data quality of outcomes: timescales and RAG ratings a planner should look at.

Per outcome, from its raw and parsed timescale (:func:`model.timescale.parse_timescale`):

* ``missing-timescale`` / ``missing-rag`` (warning): the row has none;
* ``unparsed-timescale`` (warning): no date, recurrence or status can be read;
* ``recurring-timescale`` (info): a recurrence ("Monthly", "Termly") and no
  date, so the outcome can never be due, nor overdue;
* ``timescale-outside-period`` (warning): a date named before the plan
  period's start or after its end (``g.graph["period"]``). Dates are read at
  the precision the plan writes them: "March 2020" is outside a period
  starting 1 April 2020, "April 2020" is inside;
* ``overdue`` (warning), as of a date (by default the plan's last-updated
  date; with neither, no outcome is overdue): the due date has passed, the
  RAG is not GREEN (nor N/A), the timescale carries no done-status
  ("Achieved", "Complete"), no ongoing-status ("On track", "In focus": the
  date then says when it was last looked at) and no recurrence (a date
  followed by "and quarterly thereafter" starts a cycle, it is not a deadline);
* ``status-conflict`` (warning): the status written in the timescale
  contradicts the RAG: done ("Achieved") but not GREEN, or "Delayed" yet GREEN.

And per priority, action, indicator and outcome, after the outcomes:

* ``import-leftover`` (warning): a description, title or text that reads
  like a piece cut from a neighbouring cell by the import: it starts with a
  lower-case word ("the future to help themselves...") or ends with a dash,
  a comma or a joining word ("Achieving and Aspiring -").

>>> from goldenthread.model.analysis._examples import tiny_graph
>>> [(f.code, f.nodes) for f in quality(tiny_graph())]
[('status-conflict', ('LP1.a.o1',)), ('recurring-timescale', ('DP1.cp.o1',))]
"""
from __future__ import annotations

import datetime as dt
from typing import Iterator

import networkx as nx

from goldenthread.model.analysis.findings import Finding, finding, short_title, source_of
from goldenthread.model.nodes import Attr, ACTION, INDICATOR, OUTCOME, PRIORITY
from goldenthread.model.queries import nodes_of_kind, one_line


#: Statuses that say an outcome is done.
DONE_STATUSES = ("Achieved", "Complete", "Completed")
#: Statuses that say, by the plan's own account, that the work goes on as planned.
ONGOING_STATUSES = ("On track", "In focus")
#: Statuses that say an outcome is late.
LATE_STATUSES = ("Delayed",)
#: RAG values that mean "nothing left to chase".
SETTLED_RAGS = ("GREEN", "N/A")


def quality(g: nx.MultiDiGraph, *, as_of: dt.date | None = None) -> Iterator[Finding]:
    """Every data-quality finding, outcome by outcome in reading order.

    *as_of* is the date ``overdue`` is judged on; by default ``g.graph["last_updated"]``.
    """
    if as_of is None:
        as_of = g.graph.get("last_updated")
    period = g.graph.get("period") or {}
    for outcome in nodes_of_kind(g, OUTCOME):
        yield from outcome_quality(g, outcome, period=period, as_of=as_of)
    yield from import_leftovers(g)


#: The kinds whose prose is checked for import leftovers, and the fields of each.
_PROSE_FIELDS = {PRIORITY: ("title", "text"), ACTION: ("title", "text"), INDICATOR: ("text",),
                 OUTCOME: ("text",)}
#: Endings that leave a statement unfinished: a dash, a comma, an ampersand, or a joining word.
_OPEN_ENDINGS = ("-", "–", "—", ",", "&", "/")
#: Not "in" or "by": they end whole sentences as adverbs ("as the campaign beds in", "stood by").
_JOINING_WORDS = frozenset({"and", "or", "of", "the", "to", "for", "with", "a", "an"})
#: What a field is called in a message (a priority's ``text`` is its description in the YAML).
_FIELD_NAMES = {(PRIORITY, "text"): "description"}


def leftover_reason(text: str) -> str | None:
    """Why *text* looks like a fragment left over from an import, or ``None``.

    >>> leftover_reason("the future to help themselves and each other succeed.")
    'starts in lower case'
    >>> leftover_reason("Achieving and Aspiring -")
    "ends with '-'"
    >>> leftover_reason("Improved outcomes for children and")
    "ends with 'and'"
    >>> leftover_reason("eCAF in place"), leftover_reason("Fewer referrals.")
    (None, None)
    >>> leftover_reason("Stability improves as the fostering campaign beds in") is None
    True
    """
    flat = " ".join(text.split())
    if not flat:
        return None
    first = flat.split(" ", 1)[0]
    if first.isalpha() and first.islower():
        return "starts in lower case"
    if flat.endswith(_OPEN_ENDINGS):
        return f"ends with '{flat[-1]}'"
    last = flat.rsplit(" ", 1)[-1]
    if " " in flat and last.lower() in _JOINING_WORDS:
        return f"ends with '{last}'"
    return None


def import_leftovers(g: nx.MultiDiGraph) -> Iterator[Finding]:
    """``import-leftover`` findings, item by item in reading order."""
    for node, data in g.nodes(data=True):
        fields = _PROSE_FIELDS.get(data.get("kind"))
        for key in fields or ():
            value = data.get(key)
            reason = leftover_reason(value) if isinstance(value, str) else None
            if reason:
                field_name = _FIELD_NAMES.get((data["kind"], key), key)
                shown = short_title(g, node, 50) if key == "title" else one_line(value, 50)
                yield finding("import-leftover",
                              f"{node}: its {field_name} '{shown}'"
                              f" {reason}: it looks like a fragment left over from the import",
                              [node], source_of(g, node), field=field_name, reason=reason)


def _date(value) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def outcome_quality(g: nx.MultiDiGraph, outcome: str, *, period: dict,
                    as_of: dt.date | None) -> Iterator[Finding]:
    """The data-quality findings of one outcome."""
    data = g.nodes[outcome]
    raw, rag = data.get(Attr.TIMESCALE), data.get(Attr.RAG)
    parsed = data.get(Attr.PARSED_TIMESCALE) or {}
    name = f"{outcome} '{short_title(g, outcome, 50)}'"
    where = source_of(g, outcome)
    if not raw:
        yield finding("missing-timescale", f"{name} has no timescale", [outcome], where)
    if not rag:
        yield finding("missing-rag", f"{name} has no RAG rating", [outcome], where)
    if not raw:
        return
    kind, status = parsed.get("kind"), parsed.get("status")
    if status in DONE_STATUSES and rag and rag != "GREEN":
        yield finding("status-conflict", f"{name}: timescale says '{status}' but RAG is {rag}",
                      [outcome], where, status=status, rag=rag)
    if status in LATE_STATUSES and rag == "GREEN":
        yield finding("status-conflict", f"{name}: timescale says '{status}' but RAG is GREEN",
                      [outcome], where, status=status, rag=rag)
    if kind == "unparsed":
        yield finding("unparsed-timescale", f"{name}: timescale '{raw}' has no date, recurrence or status",
                      [outcome], where, timescale=raw)
    elif kind == "recurrence":
        yield finding("recurring-timescale",
                      f"{name}: timescale '{raw}' recurs ({parsed['recurrence']}) and has no due date",
                      [outcome], where, timescale=raw, recurrence=parsed["recurrence"])
    outside = _outside_period(parsed, period)
    if outside:
        yield finding("timescale-outside-period",
                      f"{name}: timescale '{raw}' names {', '.join(outside)}, outside the plan period "
                      f"{period.get('label', '')} ({_date(period['start'])} to {_date(period['end'])})",
                      [outcome], where, timescale=raw, dates=outside)
    due = _date(parsed.get("due"))
    if (as_of and due and due < as_of and rag not in SETTLED_RAGS and status not in DONE_STATUSES
            and status not in ONGOING_STATUSES and not parsed.get("recurrence")):
        yield finding("overdue", f"{name} was due by {due} ('{raw}') and is {rag or 'not rated'} as of {as_of}",
                      [outcome], where, due=due.isoformat(), as_of=as_of.isoformat(), rag=rag)


def _outside_period(parsed: dict, period: dict) -> list[str]:
    """The month(s) named that lie wholly before the period's start or after its end."""
    start, end = _date(period.get("start")), _date(period.get("end"))
    if not start or not end:
        return []
    outside = []
    for iso in parsed.get("dates") or []:
        last_day = _date(iso)  # parse_timescale gives the last day of each month named
        if last_day < start or last_day.replace(day=1) > end:
            outside.append(last_day.strftime("%B %Y"))
    return outside
