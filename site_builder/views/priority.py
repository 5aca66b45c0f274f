"""A page per priority: its actions, indicators and outcomes, who serves it, what it depends on."""
from __future__ import annotations

from dataclasses import dataclass, field

from goldenthread.site_builder.markup import Href
from goldenthread.site_builder.views.items import network_href
from goldenthread.site_builder.views.common import ItemLink, RagCount, link_maker, rag_counts
from goldenthread.site_builder.views.search import priority_tags
from goldenthread.site_builder.views.items import (FindingRow, NetworkEmbed, OutcomeRow, finding_rows, network_embed,
                                      outcome_row)
from goldenthread.model.queries import children, item_title, outcomes_under, sources_of, targets_of
from goldenthread.model.nodes import ACTION, Attr, INDICATOR, LED_BY, OUTCOME, SERVES
from goldenthread.site_builder.context import SiteContext

#: How each kind of dependency evidence reads on a page.
EVIDENCE_LABELS = {
    "reference": "named in the text",
    "shared-plan": "served by the same operational plan",
    "shared-lead": "led by the same person",
    "duplicate": "the same statement in both",
    "near-duplicate": "similar statements in both",
}


@dataclass(frozen=True)
class IndicatorRow:
    """One indicator of success of an action."""

    id: str
    text: str


@dataclass(frozen=True)
class ActionSection:
    """One action or workstream with its steps, indicators and outcomes."""

    id: str
    label: str
    title: str
    text: str
    steps: list[str]
    indicators: list[IndicatorRow]
    outcomes: list[OutcomeRow]


@dataclass(frozen=True)
class Workstream:
    """An action or workstream as a way in: its name, where it is, and its outcomes by RAG (linked)."""

    link: ItemLink
    name: str
    outcomes: int
    rag_counts: list[RagCount]


def workstreams(ctx: SiteContext, page: str, priority: str) -> list[Workstream]:
    """The actions and workstreams of *priority*, each with its RAG counts linked to the dashboard."""
    from goldenthread.site_builder.views.outcomes import _action_name, linked_rag_counts  # (outcomes imports us)

    g = ctx.g
    link = link_maker(ctx, page)
    found = []
    for action in children(g, priority, ACTION):
        outcomes = children(g, action, OUTCOME)
        counts = [c for c in rag_counts(g, outcomes) if c.count]
        found.append(Workstream(link(action), _action_name(g, action), len(outcomes),
                                linked_rag_counts(ctx, page, counts, priority=priority, action=action)))
    return found


@dataclass(frozen=True)
class ServingPlan:
    """An operational plan that serves the priority, its lead and its document."""

    plan: ItemLink
    lead: ItemLink | None
    document: str


@dataclass(frozen=True)
class Evidence:
    """One piece of evidence for a dependency, in words, with the items it rests on."""

    kind: str
    label: str
    text: str
    items: list[ItemLink]


@dataclass(frozen=True)
class Dependency:
    """Another priority this one is linked with, and why."""

    other: ItemLink
    evidence: list[Evidence]


@dataclass(frozen=True)
class PriorityView:
    """The page of one priority."""

    page: str
    id: str
    title: str
    heading: str
    group_name: str
    number: int
    description: str
    outcome_total: int
    rag_counts: list[RagCount]
    workstreams: list[Workstream]
    actions: list[ActionSection]
    serving: list[ServingPlan]
    dependencies: list[Dependency]
    findings: list[FindingRow]
    network: NetworkEmbed | None
    network_href: Href | None = None  # the view full size, linked near the top of the page
    search_tags: list[str] = field(default_factory=list)


def priority_view(ctx: SiteContext, priority: str) -> PriorityView:
    """Build the page of *priority*."""
    from goldenthread.site_builder.views.outcomes import linked_rag_counts

    g = ctx.g
    page = ctx.urls.priority_page(priority)
    link = link_maker(ctx, page)
    data = g.nodes[priority]
    actions = []
    for action in children(g, priority, ACTION):
        a = g.nodes[action]
        actions.append(ActionSection(
            id=action, label=a.get(Attr.LABEL) or "", title=a.get(Attr.TITLE) or "", text=a.get(Attr.TEXT) or "",
            steps=list(a.get(Attr.STEPS) or []),
            indicators=[IndicatorRow(i, g.nodes[i].get(Attr.TEXT) or "") for i in children(g, action, INDICATOR)],
            outcomes=[outcome_row(ctx, page, o) for o in children(g, action, OUTCOME)]))
    serving = []
    for op in sources_of(g, priority, SERVES):
        leads = targets_of(g, op, LED_BY)
        serving.append(ServingPlan(link(op), link(leads[0]) if leads else None, g.nodes[op].get(Attr.DOCUMENT) or ""))
    outcomes = outcomes_under(g, priority)
    subtree = {priority, *outcomes, *ctx.items_of_priority(priority)}
    return PriorityView(
        page=page, id=priority, title=item_title(g, priority),
        heading=f"{priority}: {item_title(g, priority)}",
        group_name=(g.graph.get("groups") or {}).get(data.get(Attr.GROUP), data.get(Attr.GROUP) or ""),
        number=data.get(Attr.NUMBER) or 0,
        description=data.get(Attr.TEXT) or "",
        outcome_total=len(outcomes),
        rag_counts=linked_rag_counts(ctx, page, [c for c in rag_counts(g, outcomes) if c.count], priority=priority),
        workstreams=workstreams(ctx, page, priority),
        actions=actions,
        serving=serving,
        dependencies=dependencies_of(ctx, page, priority),
        findings=finding_rows(ctx, page, ctx.findings_about(subtree)),
        network=network_embed(ctx, page, priority),
        network_href=network_href(ctx, page, priority),
        search_tags=priority_tags(g, priority, [a.id for a in actions]),
    )


def dependencies_of(ctx: SiteContext, page: str, priority: str) -> list[Dependency]:
    """The priorities *priority* shares evidence with, strongest first, with the evidence."""
    if not ctx.dependencies:
        return []
    link = link_maker(ctx, page)
    found = []
    for cell in ctx.dependency_cells_of(priority):
        other = cell["b"] if cell["a"] == priority else cell["a"]
        found.append((cell["weight"], Dependency(link(other), evidence_list(ctx, page, cell["evidence"]))))
    found.sort(key=lambda pair: -pair[0])
    return [dep for _, dep in found]


def evidence_list(ctx: SiteContext, page: str, evidence: list[dict]) -> list[Evidence]:
    """The evidence of one dependency cell, in words, with links to its items."""
    link = link_maker(ctx, page)
    return [Evidence(kind=e["kind"], label=EVIDENCE_LABELS.get(e["kind"], e["kind"]), text=e.get("text") or "",
                     items=[link(n) for n in e.get("nodes", []) if n in ctx.g])
            for e in evidence]
