"""Findings about change over time (``goldenthread check --previous``): a pure function of a history.

* ``rating-worsened`` (warning): the outcome's rating is worse than in the
  previous version (RED < AMBER < AMBER/GREEN < GREEN; see
  :data:`model.history.RAG_SCALE`).
* ``timescale-slipped`` (warning): its due date moved later between
  versions, with how many times across all the versions given.
* ``stale-commentary`` (info): it was in the previous version and the
  current one brings no new commentary (none at all, or the same as before).

>>> from goldenthread.model.analysis._examples import tiny_graph
>>> from goldenthread.model.history import plan_history
>>> old, new = tiny_graph(), tiny_graph()
>>> new.nodes["LP1.a.o1"]["rag"] = "RED"
>>> [f.code for f in change_findings(plan_history(new, [("last quarter", old)])) if "LP1.a.o1" in f.nodes]
['rating-worsened', 'stale-commentary']
"""
from __future__ import annotations

import datetime as dt

from goldenthread.model.analysis.findings import Finding, finding, short_title, source_of
from goldenthread.model.history import PlanHistory


def _month(iso: str) -> str:
    day = dt.date.fromisoformat(iso)
    return f"{day:%B %Y}"


def change_findings(history: PlanHistory) -> list[Finding]:
    """Every change finding, outcome by outcome in the current plan's reading order."""
    g = history.current.g
    since = history.previous.name
    found: list[Finding] = []
    for o, h in history.outcomes.items():
        name = f"{o} '{short_title(g, o, 50)}'"
        where = source_of(g, o)
        before, now = h.previous, h.current
        if h.latest_move() == "worsened":
            found.append(finding("rating-worsened", f"{name} worsened from {before.rag} to {now.rag} since {since}",
                                 [o], where, old=before.rag, new=now.rag, since=since))
        slips = h.slips()
        if slips:
            dues = [s.due for s in h.states if s.present and s.due]
            dues = [d for i, d in enumerate(dues) if i == 0 or d != dues[i - 1]]
            path = " -> ".join(_month(d) for d in dues)
            times = "once" if len(slips) == 1 else f"{len(slips)} times"
            found.append(finding("timescale-slipped",
                                 f"{name}: due date moved later {times} across {len(history.versions)} versions "
                                 f"({path})", [o], where, times=len(slips),
                                 dates=dues))
        if before is not None and not h.has_new_commentary():
            last = now.commentary
            said = f"last commentary {last['date']}" if last else "no commentary at all"
            found.append(finding("stale-commentary", f"{name} has no new commentary since {since} ({said})",
                                 [o], where, since=since, last=last["date"] if last else None))
    return found
