"""A page per operational plan and per lead: what they serve, and the outcomes that depend on them."""
from __future__ import annotations

from dataclasses import dataclass, field

from goldenthread.site_builder.markup import Href
from goldenthread.site_builder.views.items import network_href
from goldenthread.site_builder.views.common import ItemLink, RagCount, link_maker, rag_counts
from goldenthread.site_builder.views.outcomes import linked_rag_counts
from goldenthread.site_builder.views.items import FindingRow, OutcomeRow, SourceLine, finding_rows, outcome_row, source_lines, \
    source_text
from goldenthread.model.queries import item_title, outcomes_under, sources_of, targets_of
from goldenthread.model.nodes import Attr, LED_BY, SERVES
from goldenthread.site_builder.context import SiteContext

#: How the reason of an unresolved reference reads on a page.
REASONS = {
    "ambiguous": "ambiguous: more than one priority fits",
    "no-such-priority": "no such priority in the plan",
    "unparsed": "names no priority we recognise",
}


@dataclass(frozen=True)
class UnresolvedRef:
    """A connected-priority entry that could not be resolved: its words, why, and what it could mean."""

    text: str
    reason: str
    candidates: list[ItemLink]


@dataclass(frozen=True)
class PriorityOutcomes:
    """The outcomes of one priority that a plan or lead answers for."""

    priority: ItemLink
    outcomes: list[OutcomeRow]


@dataclass(frozen=True)
class PlanSummary:
    """One operational plan a lead leads: its document and the priorities it serves."""

    plan: ItemLink
    document: str
    priorities: list[ItemLink]


@dataclass(frozen=True)
class OperationalPlanView:
    """The page of one operational plan."""

    page: str
    id: str
    heading: str
    lead: ItemLink | None
    lead_role: str
    document: str
    connected: str
    priorities: list[ItemLink]
    unresolved: list[UnresolvedRef]
    outcomes: list[PriorityOutcomes]
    findings: list[FindingRow]
    source: str
    source_lines: list[SourceLine]
    network_href: Href | None = None  # its network view, linked near the top of the page
    outcome_total: int = 0
    rag_counts: list[RagCount] = field(default_factory=list)   # linked to the dashboard filtered by this plan


@dataclass(frozen=True)
class LeadView:
    """The page of one lead."""

    page: str
    id: str
    name: str
    heading: str
    role: str
    plans: list[PlanSummary]
    outcomes: list[PriorityOutcomes]
    findings: list[FindingRow]
    source: str
    network_href: Href | None = None  # its network view, linked near the top of the page
    outcome_total: int = 0
    rag_counts: list[RagCount] = field(default_factory=list)   # linked to the dashboard filtered by this lead


def _rag_summary(ctx: SiteContext, page: str, priorities: list[str], **owner: str) -> tuple[int, list[RagCount]]:
    """How many outcomes depend on *priorities*, and their RAG counts linked to the filtered dashboard."""
    outcomes = list(dict.fromkeys(o for p in priorities for o in outcomes_under(ctx.g, p)))
    counts = [c for c in rag_counts(ctx.g, outcomes) if c.count]
    return len(outcomes), linked_rag_counts(ctx, page, counts, **owner)


def _outcomes_of(ctx: SiteContext, page: str, priorities: list[str]) -> list[PriorityOutcomes]:
    link = link_maker(ctx, page)
    return [PriorityOutcomes(link(p), [outcome_row(ctx, page, o) for o in outcomes_under(ctx.g, p)])
            for p in priorities]


def operational_plan_view(ctx: SiteContext, op: str) -> OperationalPlanView:
    """Build the page of the operational plan *op*."""
    g = ctx.g
    page = ctx.urls.item_page(op)
    link = link_maker(ctx, page)
    data = g.nodes[op]
    leads = targets_of(g, op, LED_BY)
    priorities = targets_of(g, op, SERVES)
    unresolved = [UnresolvedRef(u["text"], REASONS.get(u["reason"], u["reason"]),
                                [link(c) for c in u.get("candidates") or [] if c in g])
                  for u in data.get(Attr.UNRESOLVED) or []]
    total, counts = _rag_summary(ctx, page, priorities, plan=op)
    return OperationalPlanView(
        outcome_total=total, rag_counts=counts,
        page=page, id=op, heading=f"Operational plan: {item_title(g, op)}",
        lead=link(leads[0]) if leads else None,
        lead_role=(g.nodes[leads[0]].get("role") or "") if leads else "",
        document=data.get(Attr.DOCUMENT) or "",
        connected=data.get(Attr.CONNECTED) or "",
        priorities=[link(p) for p in priorities],
        unresolved=unresolved,
        outcomes=_outcomes_of(ctx, page, priorities),
        findings=finding_rows(ctx, page, ctx.findings_about({op})),
        source=source_text(data.get(Attr.SOURCE)),
        source_lines=source_lines(ctx, data.get(Attr.SOURCE)),
        network_href=network_href(ctx, page, op),
    )


def lead_view(ctx: SiteContext, lead: str) -> LeadView:
    """Build the page of the lead *lead*."""
    g = ctx.g
    page = ctx.urls.item_page(lead)
    link = link_maker(ctx, page)
    plans = sources_of(g, lead, LED_BY)
    priorities = list(dict.fromkeys(p for op in plans for p in targets_of(g, op, SERVES)))
    total, counts = _rag_summary(ctx, page, priorities, lead=lead)
    return LeadView(
        outcome_total=total, rag_counts=counts,
        page=page, id=lead, name=item_title(g, lead), heading=f"Lead: {item_title(g, lead)}",
        role=g.nodes[lead].get(Attr.ROLE) or "",
        plans=[PlanSummary(link(op), g.nodes[op].get(Attr.DOCUMENT) or "",
                           [link(p) for p in targets_of(g, op, SERVES)]) for op in plans],
        outcomes=_outcomes_of(ctx, page, priorities),
        findings=finding_rows(ctx, page, ctx.findings_about({lead})),
        source=source_text(g.nodes[lead].get(Attr.SOURCE)),
        network_href=network_href(ctx, page, lead),
    )
