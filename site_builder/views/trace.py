"""A trace page per outcome (its permalink): the golden thread up to the vision, owners, source."""
from __future__ import annotations

from dataclasses import dataclass, field

from goldenthread.model.analysis.trace import trace
from goldenthread.site_builder.markup import Href
from goldenthread.site_builder.views.items import network_href
from goldenthread.site_builder.views.search import indicators_of, outcome_tags
from goldenthread.model.queries import one_line
from goldenthread.site_builder.views.common import ItemLink, RagBadge, format_date, link_maker
from goldenthread.site_builder.views.items import FindingRow, SourceLine, finding_rows, source_lines, source_text
from goldenthread.model.nodes import Attr
from goldenthread.site_builder.context import SiteContext
from goldenthread.site_builder.views.history import TimelineRow, timeline

#: How a plan comes to answer for an outcome, in words.
VIA = {
    "hierarchy": "serves its priority",
    "reference": "serves a priority its thread names in the text",
}


@dataclass(frozen=True)
class ChainStep:
    """One step up the golden thread."""

    item: ItemLink
    text: str


@dataclass(frozen=True)
class OwningPlan:
    """An operational plan that answers for the outcome, why, and its leads."""

    plan: ItemLink
    via: str
    serves: list[ItemLink]
    document: str
    leads: list[ItemLink]


@dataclass(frozen=True)
class TraceView:
    """The trace page of one outcome: its permalink."""

    page: str
    id: str
    heading: str
    text: str
    rag: RagBadge
    timescale: str
    due: str
    chain: list[ChainStep]
    plans: list[OwningPlan]
    source: str
    source_lines: list[SourceLine]
    findings: list[FindingRow]
    #: The outcome in every version, when the site is built with ``--previous``.
    timeline: list[TimelineRow] = field(default_factory=list)
    network_href: Href | None = None  # its thread as a network view, linked near the top of the page
    search_tags: list[str] = field(default_factory=list)    # see views.search.outcome_tags
    #: What its action is measured by, as (ID, text): each a heading, so search ranks its words as a title.
    indicators: list[tuple[str, str]] = field(default_factory=list)
    action: ItemLink | None = None
    priority: ItemLink | None = None


def trace_view(ctx: SiteContext, outcome: str) -> TraceView:
    """Build the trace page of *outcome*."""
    g = ctx.g
    page = ctx.urls.trace_page(outcome)
    link = link_maker(ctx, page)
    t = trace(g, outcome)
    data = g.nodes[outcome]
    leads_by_plan: dict[str, list[str]] = {}
    for lead in t.leads:
        for op in lead["plans"]:
            leads_by_plan.setdefault(op, []).append(lead["id"])
    chain = [ChainStep(link(step["id"]), g.nodes[step["id"]].get("text") or "") for step in t.chain[1:]]
    plans = [OwningPlan(link(p["id"]), VIA.get(p.get("via"), p.get("via") or ""),
                        [link(s) for s in p.get("serves", [])], p.get("document") or "",
                        [link(lead) for lead in leads_by_plan.get(p["id"], [])])
             for p in t.operational_plans]
    due = (data.get(Attr.PARSED_TIMESCALE) or {}).get("due")
    return TraceView(
        page=page, id=outcome,
        heading=one_line(data.get(Attr.TEXT), 110) or outcome,
        text=data.get(Attr.TEXT) or "",
        rag=RagBadge.of(data.get(Attr.RAG)),
        timescale=one_line(data.get(Attr.TIMESCALE)),
        due=format_date(due) if due else "",
        chain=chain,
        plans=plans,
        source=source_text(t.source),
        source_lines=source_lines(ctx, t.source),
        findings=finding_rows(ctx, page, ctx.findings_about({outcome})),
        timeline=timeline(ctx, outcome),
        network_href=network_href(ctx, page, outcome),
        search_tags=outcome_tags(g, outcome),
        indicators=[(i, one_line(g.nodes[i].get("text"))) for i in indicators_of(g, data.get("action"))],
        action=link(data["action"]) if data.get("action") in g else None,
        priority=link(data["priority"]) if data.get("priority") in g else None,
    )
