"""The home page: the vision, the period, headline figures, the RAG overview and ways in."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from goldenthread.site_builder import urls as U
from goldenthread.site_builder.markup import Href
from goldenthread.site_builder.views.charts import BarChart, bar_chart
from goldenthread.site_builder.views.common import (ItemLink, RagCount, format_date, link_maker, noun,
                                                    rag_counts)
from goldenthread.site_builder.views.findings import severity_counts
from goldenthread.site_builder.views.outcomes import linked_rag_counts
from goldenthread.model.queries import nodes_of_kind, outcomes_under
from goldenthread.model.nodes import ACTION, Attr, INDICATOR, LEAD, OPERATIONAL_PLAN, OUTCOME, PRIORITY, VISION
from goldenthread.site_builder.context import SiteContext
from goldenthread.site_builder.views.history import VersionChart, version_chart


@dataclass(frozen=True)
class Figure:
    """A headline number with what it counts, and where to see them."""

    value: int
    label: str
    href: Href
    note: str = ""


@dataclass(frozen=True)
class PriorityRagRow:
    """One row of the RAG-by-priority table."""

    priority: ItemLink
    counts: list[RagCount]
    total: int


@dataclass(frozen=True)
class WayIn:
    """A starting point for one kind of visitor."""

    audience: str
    question: str
    links: list[tuple[str, Href]]


@dataclass(frozen=True)
class HomeView:
    """The home page."""

    page: str
    title: str
    organisation: str
    period_label: str
    period_range: str
    last_updated: str
    vision_heading: str
    vision_text: str
    figures: list[Figure]
    outcome_total: int
    rag_counts: list[RagCount]
    rag_chart: BarChart
    priority_rows: list[PriorityRagRow]
    ways_in: list[WayIn]
    #: Every version's RAG counts, when the site is built with ``--previous``.
    version_chart: VersionChart | None = None


def home_view(ctx: SiteContext) -> HomeView:
    """Build the home page's view."""
    g, page = ctx.g, U.HOME
    info = g.graph
    period = info.get("period") or {}
    link = link_maker(ctx, page)
    outcomes = nodes_of_kind(g, OUTCOME)
    counts = linked_rag_counts(ctx, page, rag_counts(g, outcomes))
    priorities = nodes_of_kind(g, PRIORITY)
    vision = next((n for n, k in g.nodes(data=Attr.KIND) if k == VISION), None)
    vision_data = g.nodes[vision] if vision else {}

    def to(target: str) -> Href:
        return U.relative(page, target)

    groups = info.get("groups") or {}
    per_group = Counter(g.nodes[p].get(Attr.GROUP) for p in priorities)
    # A council plan may have hundreds of groups (directorates): then only how many.
    by_group = (", ".join(f"{per_group[key]} {key}" for key in groups) if len(groups) <= ctx.options.home_groups_named
                else f"in {len(groups)} groups")
    def figure(items: list, singular: str, plural: str | None, target: str, note: str = "") -> Figure:
        return Figure(len(items), noun(len(items), singular, plural), to(target), note)

    figures = [
        figure(priorities, "priority", "priorities", U.PRIORITIES, by_group),
        figure(nodes_of_kind(g, ACTION), "action or workstream", "actions and workstreams", U.PRIORITIES),
        figure(nodes_of_kind(g, INDICATOR), "indicator of success", "indicators of success", U.PRIORITIES),
        figure(outcomes, "outcome", None, U.OUTCOMES),
        figure(nodes_of_kind(g, OPERATIONAL_PLAN), "operational plan", None, U.PLANS),
        figure(nodes_of_kind(g, LEAD), "lead", None, U.PLANS + "#leads"),
        # the same numbers, in the same words, as the Findings page's
        figure(ctx.findings, "finding", None, U.FINDINGS,
               ", ".join(f"{n} {label}" for label, n in severity_counts(ctx.findings))),
    ]
    rows = []
    for p in priorities:
        under = outcomes_under(g, p)
        rows.append(PriorityRagRow(link(p), linked_rag_counts(ctx, page, rag_counts(g, under), priority=p),
                                   len(under)))
    ways_in = [
        WayIn("Everyone", "How is the plan doing?",
              [("Outcomes dashboard", to(U.OUTCOMES)), ("All priorities", to(U.PRIORITIES))]),
        WayIn("Service leads and managers", "What do my plans serve, and what do they deliver?",
              [("Operational plans and leads", to(U.PLANS))]),
        WayIn("Auditors", "Where does an outcome come from, and who owns it?",
              [("Trace an outcome", to(U.TRACE_INDEX)), ("Downloads", to(U.DOWNLOADS))]),
        WayIn("Planners revising the plan", "What needs fixing, and what depends on what?",
              [("Findings", to(U.FINDINGS)), ("Dependencies", to(U.DEPENDENCIES))]),
    ]
    return HomeView(
        page=page,
        title=info.get("title") or "Plan",
        organisation=info.get("organisation") or "",
        period_label=period.get("label") or "",
        period_range=(f"{format_date(period.get('start'))} to {format_date(period.get('end'))}"
                      if period.get("start") else ""),
        last_updated=format_date(info.get("last_updated")),
        vision_heading=vision_data.get(Attr.TITLE) or "Vision",
        vision_text=vision_data.get(Attr.TEXT) or "",
        figures=figures,
        outcome_total=len(outcomes),
        rag_counts=counts,
        rag_chart=bar_chart(counts),
        priority_rows=rows,
        ways_in=ways_in,
        version_chart=version_chart(ctx),
    )
