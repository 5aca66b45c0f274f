"""The outcomes dashboard: every outcome in one table, filterable by RAG, priority and timescale.

The table is complete and readable with no JavaScript. ``assets/outcomes-filter.js``
shows the filter controls and hides rows that do not match; it reads only the
``data-*`` attributes set here, so the filtering rules live in Python:

* ``data-rag``: the RAG word's style key (``red``, ``amber-green``, ``none``...);
* ``data-priority``: the priority ID;
* ``data-timescale``: space-separated tokens: ``overdue`` (an ``overdue``
  finding names it), ``due-YYYY-MM`` (its due month), ``recurring``,
  ``status`` (a status only, e.g. "Achieved"), ``unparsed``, ``none``.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from goldenthread.site_builder import urls as U
from goldenthread.site_builder.markup import Href
from goldenthread.site_builder.views.common import RagBadge, RagCount, format_date, rag_counts
from goldenthread.site_builder.views.items import OutcomeRow, outcome_row
from goldenthread.model.queries import RAG_ORDER, item_title, nodes_of_kind, outcomes_under
from goldenthread.model.nodes import Attr, OUTCOME, PRIORITY
from goldenthread.site_builder.context import SiteContext


@dataclass(frozen=True)
class Option:
    """One choice of a filter: the value rows carry, and its words."""

    value: str
    label: str


@dataclass(frozen=True)
class DashboardRow:
    """One outcome on the dashboard, with the data-* values the filter script reads."""

    outcome: OutcomeRow
    rag_key: str
    priority_id: str
    timescale_tokens: str
    overdue: bool


@dataclass(frozen=True)
class OutcomesView:
    """The outcomes dashboard (of the whole plan, or of one group of priorities on a large plan)."""

    page: str
    heading: str
    scope: str
    up: Href | None
    rows: list[DashboardRow]
    rag_counts: list[RagCount]
    rag_options: list[Option]
    priority_options: list[Option]
    timescale_options: list[Option]
    as_of: str


def timescale_tokens(parsed: dict | None, overdue: bool) -> list[str]:
    """The filter tokens of one outcome's parsed timescale (see the module docstring).

    >>> timescale_tokens({"kind": "date", "due": "2021-03-31", "recurrence": None}, True)
    ['overdue', 'due-2021-03']
    >>> timescale_tokens({"kind": "recurrence", "due": None, "recurrence": "Monthly"}, False)
    ['recurring']
    """
    parsed = parsed or {}
    tokens = ["overdue"] if overdue else []
    if parsed.get("due"):
        tokens.append("due-" + str(parsed["due"])[:7])
    if parsed.get("recurrence"):
        tokens.append("recurring")
    kind = parsed.get("kind")
    if kind in ("status", "unparsed", "none"):
        tokens.append(kind)
    return tokens


@dataclass(frozen=True)
class GroupOutcomes:
    """One group of priorities on the dashboard of a large plan: its page and its RAG counts."""

    name: str
    href: Href
    priorities: int
    total: int
    rag_counts: list[RagCount]


@dataclass(frozen=True)
class OutcomeGroupsView:
    """The dashboard of a large plan: RAG counts of the whole plan and of each group, linking
    to each group's own dashboard."""

    page: str
    total: int
    rag_counts: list[RagCount]
    groups: list[GroupOutcomes]
    as_of: str


def outcome_groups_view(ctx: SiteContext) -> OutcomeGroupsView:
    """The top of a split dashboard (see :func:`site_builder.generate.split_by_group`)."""
    g, page = ctx.g, U.OUTCOMES
    rows = []
    for key, name, priorities in priorities_by_group(g):
        outcomes = [o for p in priorities for o in outcomes_under(g, p)]
        rows.append(GroupOutcomes(name, U.relative(page, U.group_outcomes_page(key)), len(priorities),
                                  len(outcomes), rag_counts(g, outcomes)))
    outcomes = nodes_of_kind(g, OUTCOME)
    return OutcomeGroupsView(page=page, total=len(outcomes), rag_counts=rag_counts(g, outcomes), groups=rows,
                             as_of=format_date(ctx.as_of))


def priorities_by_group(g) -> list[tuple[str, str, list[str]]]:
    """``(key, name, priorities)`` of every group of priorities, in the plan's order."""
    members: dict[str, list[str]] = {}
    for p in nodes_of_kind(g, PRIORITY):
        members.setdefault(g.nodes[p].get(Attr.GROUP), []).append(p)
    return [(key, name, members.get(key, [])) for key, name in (g.graph.get("groups") or {}).items()]


def outcomes_view(ctx: SiteContext, group: str | None = None) -> OutcomesView:
    """Build the dashboard of the whole plan, or of the priorities of *group* only."""
    g = ctx.g
    overdue = {n for f in ctx.findings if f.code == "overdue" for n in f.nodes}
    if group is None:
        page, heading, scope, up = U.OUTCOMES, "Outcomes dashboard", "the plan", None
        priorities = nodes_of_kind(g, PRIORITY)
        outcomes = nodes_of_kind(g, OUTCOME)
    else:
        name = (g.graph.get("groups") or {}).get(group, group)
        page, heading, scope = U.group_outcomes_page(group), f"Outcomes: {name}", name
        up = U.relative(page, U.OUTCOMES)
        priorities = ctx.priorities_of_group(group)
        outcomes = [o for p in priorities for o in outcomes_under(g, p)]
    rows = []
    for o in outcomes:
        data = g.nodes[o]
        tokens = timescale_tokens(data.get(Attr.PARSED_TIMESCALE), o in overdue)
        rows.append(DashboardRow(outcome=outcome_row(ctx, page, o), rag_key=RagBadge.of(data.get(Attr.RAG)).css,
                                 priority_id=data[Attr.PRIORITY], timescale_tokens=" ".join(tokens),
                                 overdue=o in overdue))
    present = {r.rag_key for r in rows}
    rag_options = [Option(b.css, b.word) for b in map(RagBadge.of, RAG_ORDER) if b.css in present]
    priority_options = [Option(p, f"{p}: {item_title(g, p)}") for p in priorities]
    all_tokens = {t for r in rows for t in r.timescale_tokens.split()}
    as_of = format_date(ctx.as_of)
    timescale_options = []
    if "overdue" in all_tokens:
        timescale_options.append(Option("overdue", f"Overdue as of {as_of}" if as_of else "Overdue"))
    for token in sorted(t for t in all_tokens if t.startswith("due-")):
        month = dt.date.fromisoformat(token[4:] + "-01")
        timescale_options.append(Option(token, f"Due in {month:%B %Y}"))
    for token, label in (("recurring", "Recurring (monthly, termly...)"), ("status", "A status only (e.g. Achieved)"),
                         ("unparsed", "Not recognised as a date"), ("none", "No timescale")):
        if token in all_tokens:
            timescale_options.append(Option(token, label))
    return OutcomesView(page=page, heading=heading, scope=scope, up=up, rows=rows, rag_counts=rag_counts(g, outcomes), rag_options=rag_options,
                        priority_options=priority_options, timescale_options=timescale_options, as_of=as_of)
