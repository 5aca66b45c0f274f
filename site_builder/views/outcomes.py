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

import dataclasses
import datetime as dt
import weakref
from dataclasses import dataclass, field
from urllib.parse import quote

from goldenthread.model.nodes import LED_BY, OUTCOME, PRIORITY, SERVES, Attr
from goldenthread.model.queries import (RAG_ORDER, item_title, nodes_of_kind, one_line, outcomes_under, sources_of,
                                        targets_of)
from goldenthread.site_builder import urls as U
from goldenthread.site_builder.context import SiteContext
from goldenthread.site_builder.markup import Href
from goldenthread.site_builder.views.common import ItemLink, RagBadge, RagCount, format_date, link_maker, rag_counts
from goldenthread.site_builder.views.history import CHANGE_FILTER, change_tokens, since_words
from goldenthread.site_builder.views.items import OutcomeRow, outcome_row


def _split(ctx: SiteContext) -> bool:
    """Whether the dashboard is split into a page per group (as :func:`site_builder.generate.split_by_group`
    decides), asked for every RAG link of every page: the outcomes are counted once per graph."""
    g = ctx.g
    counted = _OUTCOME_COUNTS.get(g)
    if counted is None or counted[0] != g.number_of_nodes():
        counted = _OUTCOME_COUNTS[g] = (g.number_of_nodes(), len(nodes_of_kind(g, OUTCOME)))
    return counted[1] > ctx.options.split_outcomes and len(g.graph.get("groups") or {}) > 1


#: graph -> (its number of nodes, its number of outcomes), counted once per graph (remade if it grew)
_OUTCOME_COUNTS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def dashboard_href(ctx: SiteContext, page: str, *, rag: str | None = None, priority: str | None = None,
                   action: str | None = None, plan: str | None = None, lead: str | None = None) -> Href:
    """The outcomes dashboard, relative to *page*, already filtered (``outcomes.html#rag=red&priority=DP2``).

    On a plan split by group (``ctx.options.split_outcomes``), a priority's outcomes are on its group's
    dashboard; a filter that spans groups (the whole plan, a plan or a lead) opens the list of groups,
    filtered by RAG nowhere (it has no table), so the link says only where to look.
    """
    target = U.OUTCOMES
    if _split(ctx):
        if priority is None:
            return U.relative(page, U.OUTCOMES)
        target = U.group_outcomes_page(ctx.g.nodes[priority].get("group"))
    filters = [(k, v) for k, v in (("rag", rag), ("priority", priority), ("action", action), ("plan", plan),
                                   ("lead", lead)) if v]
    state = "&".join(f"{k}={quote(v, safe='')}" for k, v in filters)
    return Href(U.relative(page, target) + (f"#{state}" if state else ""))


def linked_rag_counts(ctx: SiteContext, page: str, counts: list[RagCount], **filters: str) -> list[RagCount]:
    """*counts* with each non-zero count linked to the dashboard filtered by its RAG and *filters*."""
    return [dataclasses.replace(c, href=dashboard_href(ctx, page, rag=c.badge.css, **filters)) if c.count else c
            for c in counts]


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
    change_tokens: str = ""
    action_id: str = ""
    plans: list[ItemLink] = dataclasses.field(default_factory=list)   # operational plans serving its priority
    leads: list[ItemLink] = dataclasses.field(default_factory=list)   # and their leads

    @property
    def rag_rank(self) -> int:
        """The RAG's place in :data:`RAG_ORDER` (best first), for sorting by RAG."""
        return next((i for i, rag in enumerate(RAG_ORDER) if RagBadge.of(rag).css == self.rag_key), len(RAG_ORDER))

    @property
    def due_key(self) -> str:
        """The due date as ``YYYY-MM-DD`` (empty when none), for sorting by timescale."""
        return next((t[4:] for t in self.timescale_tokens.split() if t.startswith("due-")), "")

    @property
    def plan_ids(self) -> str:
        """The plans' IDs, space-separated, for ``data-plan``."""
        return " ".join(p.id for p in self.plans)

    @property
    def lead_ids(self) -> str:
        """The leads' IDs, space-separated, for ``data-lead``."""
        return " ".join(lead.id for lead in self.leads)


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
    #: The "changed since the previous version" choices, when the site is built with ``--previous``.
    change_options: list[Option] = field(default_factory=list)
    since: str = ""
    plan_options: list[Option] = dataclasses.field(default_factory=list)
    action_options: list[Option] = dataclasses.field(default_factory=list)
    lead_options: list[Option] = dataclasses.field(default_factory=list)


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
    link = link_maker(ctx, page)
    owners = {p: _plans_and_leads(g, p) for p in priorities}
    rows = []
    for o in outcomes:
        data = g.nodes[o]
        tokens = timescale_tokens(data.get(Attr.PARSED_TIMESCALE), o in overdue)
        plans, leads = owners.get(data[Attr.PRIORITY]) or _plans_and_leads(g, data[Attr.PRIORITY])
        rows.append(DashboardRow(outcome=outcome_row(ctx, page, o), rag_key=RagBadge.of(data.get(Attr.RAG)).css,
                                 priority_id=data[Attr.PRIORITY], timescale_tokens=" ".join(tokens),
                                 overdue=o in overdue,
                                 change_tokens=change_tokens(ctx, o) if ctx.history is not None else "",
                                 action_id=data.get("action") or "",
                                 plans=[link(p) for p in plans],
                                 leads=[link(lead) for lead in leads]))
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
    plan_ids = dict.fromkeys(p for plans, _ in owners.values() for p in plans)
    lead_ids = dict.fromkeys(lead for _, leads in owners.values() for lead in leads)
    change_options, since = [], ""
    if ctx.history is not None:
        present_changes = {t for r in rows for t in r.change_tokens.split()}
        change_options = [Option(token, label) for token, label in CHANGE_FILTER if token in present_changes]
        since = since_words(ctx.history)
        if not change_options:  # the filter is still offered, so that "nothing changed" can be seen
            change_options = [Option("changed", "Changed in any way")]
    return OutcomesView(page=page, heading=heading, scope=scope, up=up, rows=rows, rag_counts=rag_counts(g, outcomes), rag_options=rag_options,
                        priority_options=priority_options, timescale_options=timescale_options, as_of=as_of,
                        change_options=change_options, since=since,
                        plan_options=sorted((Option(p, item_title(g, p)) for p in plan_ids), key=_by_label),
                        lead_options=sorted((Option(x, item_title(g, x)) for x in lead_ids), key=_by_label),
                        action_options=[Option(a, f"{a}: {_action_name(g, a)}")
                                        for a in dict.fromkeys(r.action_id for r in rows if r.action_id)])


def _action_name(g, action: str) -> str:
    """An action or workstream as people know it: its label ("NEGLECT") and title, cut short."""
    data = g.nodes[action]
    label, title = (data.get("label") or "").strip(), item_title(g, action)
    named = f"{label.title() if label.isupper() else label} · {title}" if label and label != title else title
    return one_line(named, 70)


def _by_label(option: Option) -> tuple[str, str]:
    return option.label.lower(), option.value


def _plans_and_leads(g, priority: str) -> tuple[list[str], list[str]]:
    """The operational plans that serve *priority* (in the plan's order) and their leads."""
    plans = sources_of(g, priority, SERVES)
    leads = list(dict.fromkeys(lead for op in plans for lead in targets_of(g, op, LED_BY)))
    return plans, leads
