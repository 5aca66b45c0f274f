"""Index pages: all priorities, all operational plans and leads, the traceability matrix."""
from __future__ import annotations

from dataclasses import dataclass, field

from goldenthread.site_builder import urls as U
from goldenthread.site_builder.markup import Href
from goldenthread.site_builder.views.common import ItemLink, RagBadge, RagCount, link_maker, rag_counts
from goldenthread.site_builder.views.outcomes import linked_rag_counts, priorities_by_group
from goldenthread.site_builder.views.priority import Workstream, workstreams
from goldenthread.model.queries import children, nodes_of_kind, one_line, outcomes_under, sources_of, targets_of
from goldenthread.model.nodes import ACTION, Attr, LEAD, LED_BY, OPERATIONAL_PLAN, SERVES
from goldenthread.site_builder.context import SiteContext


@dataclass(frozen=True)
class PriorityCard:
    """One priority on the priorities page: its size, RAG summary and the plans serving it."""

    priority: ItemLink
    description: str
    actions: int
    outcomes: int
    rag_counts: list[RagCount]
    plans: list[ItemLink]
    workstreams: list[Workstream] = field(default_factory=list)


@dataclass(frozen=True)
class PriorityGroupView:
    """One group of priorities (e.g. the leadership priorities) on the priorities page."""

    name: str
    priorities: list[PriorityCard]


@dataclass(frozen=True)
class PrioritiesIndexView:
    """The page listing every priority."""

    page: str
    groups: list[PriorityGroupView]


@dataclass(frozen=True)
class PlanRow:
    """One operational plan in the table of plans, as the plan states it and as resolved."""

    plan: ItemLink
    lead: ItemLink | None
    priorities: list[ItemLink]
    connected: str
    unresolved: list[str]
    document: str


@dataclass(frozen=True)
class LeadRow:
    """One lead in the table of leads."""

    lead: ItemLink
    role: str
    plans: list[ItemLink]


@dataclass(frozen=True)
class PlansIndexView:
    """The page listing every operational plan and lead."""

    page: str
    plans: list[PlanRow]
    leads: list[LeadRow]


@dataclass(frozen=True)
class TraceRow:
    """One row of the traceability matrix."""

    outcome: ItemLink
    action: ItemLink | None
    priority: ItemLink | None
    plans: list[ItemLink]
    leads: list[ItemLink]
    timescale: str
    rag: RagBadge
    source_lines: str


@dataclass(frozen=True)
class TraceIndexView:
    """The traceability matrix page (of the whole plan, or of one group on a large plan)."""

    page: str
    heading: str
    up: Href | None
    rows: list[TraceRow]
    csv_href: Href


@dataclass(frozen=True)
class GroupTrace:
    """One group of priorities on the trace index of a large plan."""

    name: str
    href: Href
    priorities: int
    outcomes: int


@dataclass(frozen=True)
class TraceGroupsView:
    """The trace index of a large plan: one traceability matrix per group, and the whole as CSV."""

    page: str
    total: int
    groups: list[GroupTrace]
    csv_href: Href


def priorities_index_view(ctx: SiteContext) -> PrioritiesIndexView:
    """Every priority, group by group, with its size and RAG summary."""
    g, page = ctx.g, U.PRIORITIES
    link = link_maker(ctx, page)
    groups = []
    for key, name in (g.graph.get("groups") or {}).items():
        cards = []
        for p in ctx.priorities_of_group(key):
            outcomes = outcomes_under(g, p)
            cards.append(PriorityCard(
                priority=link(p), description=one_line(g.nodes[p].get(Attr.TEXT), 240),
                actions=len(children(g, p, ACTION)), outcomes=len(outcomes),
                rag_counts=linked_rag_counts(ctx, page, [c for c in rag_counts(g, outcomes) if c.count], priority=p),
                plans=[link(op) for op in sources_of(g, p, SERVES)],
                workstreams=workstreams(ctx, page, p)))
        groups.append(PriorityGroupView(name=name, priorities=cards))
    return PrioritiesIndexView(page=page, groups=groups)


def plans_index_view(ctx: SiteContext) -> PlansIndexView:
    """Every operational plan with its lead and priorities, and every lead with their plans."""
    g, page = ctx.g, U.PLANS
    link = link_maker(ctx, page)
    plans = []
    for op in nodes_of_kind(g, OPERATIONAL_PLAN):
        data = g.nodes[op]
        leads = targets_of(g, op, LED_BY)
        plans.append(PlanRow(
            plan=link(op), lead=link(leads[0]) if leads else None,
            priorities=[link(p) for p in targets_of(g, op, SERVES)],
            connected=data.get(Attr.CONNECTED) or "",
            unresolved=[u["text"] for u in data.get(Attr.UNRESOLVED) or []],
            document=data.get(Attr.DOCUMENT) or ""))
    leads = [LeadRow(lead=link(lead), role=g.nodes[lead].get(Attr.ROLE) or "",
                     plans=[link(op) for op in sources_of(g, lead, LED_BY)])
             for lead in nodes_of_kind(g, LEAD)]
    return PlansIndexView(page=page, plans=plans, leads=leads)


def trace_groups_view(ctx: SiteContext) -> TraceGroupsView:
    """The top of a split trace index (see :func:`site_builder.generate.split_by_group`)."""
    g, page = ctx.g, U.TRACE_INDEX
    groups = [GroupTrace(name, U.relative(page, U.group_trace_page(key)), len(priorities),
                         sum(len(outcomes_under(g, p)) for p in priorities))
              for key, name, priorities in priorities_by_group(g)]
    return TraceGroupsView(page=page, total=len(ctx.trace_rows), groups=groups,
                           csv_href=U.relative(page, f"{U.DOWNLOADS_DIR}/traceability.csv"))


def trace_index_view(ctx: SiteContext, group: str | None = None) -> TraceIndexView:
    """The traceability matrix (one row per outcome), each outcome linking to its trace; of the
    whole plan, or of the outcomes under the priorities of *group* only."""
    g = ctx.g
    rows = ctx.trace_rows
    if group is None:
        page, heading, up = U.TRACE_INDEX, "Trace an outcome", None
    else:
        page = U.group_trace_page(group)
        heading = f"Trace an outcome: {(g.graph.get('groups') or {}).get(group, group)}"
        up = U.relative(page, U.TRACE_INDEX)
        # Each priority's rows, not a scan of the whole matrix per group (200 groups x 10,000 rows).
        members = set(ctx.priorities_of_group(group))
        rows = [r for r in rows if r.priority_id in members]
    link = link_maker(ctx, page)

    def links(joined: str | None) -> list[ItemLink]:
        return [link(n) for n in (joined or "").split("; ") if n in g]

    rows = [TraceRow(
        outcome=link(r.outcome_id),
        action=link(r.action_id) if r.action_id else None,
        priority=link(r.priority_id) if r.priority_id else None,
        plans=links(r.operational_plans), leads=links(r.leads),
        timescale=r.timescale or "", rag=RagBadge.of(r.rag),
        source_lines=r.source_lines or "") for r in rows]
    return TraceIndexView(page=page, heading=heading, up=up, rows=rows,
                          csv_href=U.relative(page, f"{U.DOWNLOADS_DIR}/traceability.csv"))
