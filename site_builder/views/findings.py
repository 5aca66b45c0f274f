"""The findings page: what ``goldenthread check`` reports, grouped by severity and code.

Duplicates and near-duplicates are shown side by side: each item's own words
next to the other's, with where each stands in the plan, so a planner can
see at a glance whether they say the same thing.
"""
from __future__ import annotations

from dataclasses import dataclass

from model.analysis import CODES, SEVERITIES
from site_builder import urls as U
from site_builder.markup import Href
from site_builder.views.common import ItemLink, SiteContext, format_date, link_maker, priority_of
from site_builder.views.items import FindingRow, finding_rows

SEVERITY_LABELS = {"error": "Errors", "warning": "Warnings", "info": "For information"}
#: Codes whose items are compared side by side.
COMPARED = ("duplicate", "near-duplicate")


@dataclass(frozen=True)
class ComparedItem:
    """One item of a duplicate group: its link, the words compared and its priority."""

    item: ItemLink
    text: str
    priority: ItemLink | None


@dataclass(frozen=True)
class FindingCard:
    row: FindingRow
    compared: list[ComparedItem]
    score: str


@dataclass(frozen=True)
class CodeGroup:
    code: str
    meaning: str
    cards: list[FindingCard]


@dataclass(frozen=True)
class SeverityGroup:
    severity: str
    label: str
    count: int
    codes: list[CodeGroup]


@dataclass(frozen=True)
class FindingsView:
    page: str
    total: int
    counts: list[tuple[str, int]]
    groups: list[SeverityGroup]
    json_href: Href
    as_of: str


def compared_items(ctx: SiteContext, page: str, f) -> list[ComparedItem]:
    """The items of a duplicate or near-duplicate finding with the words that were compared."""
    if f.code not in COMPARED:
        return []
    link = link_maker(ctx, page)
    details = f.details or {}
    texts = details.get("texts") or [details.get("text")] * len(f.nodes)
    items = []
    for node, text in zip(f.nodes, texts):
        if node not in ctx.g:
            continue
        priority = priority_of(ctx.g, node)
        items.append(ComparedItem(link(node), text or "", link(priority) if priority else None))
    return items


def findings_view(ctx: SiteContext) -> FindingsView:
    """Build the findings page."""
    page = U.FINDINGS
    groups = []
    for severity in SEVERITIES:
        of_severity = [f for f in ctx.findings if f.severity == severity]
        codes = []
        for code in dict.fromkeys(f.code for f in of_severity):
            found = [f for f in of_severity if f.code == code]
            rows = finding_rows(ctx, page, found)
            cards = [FindingCard(row, compared_items(ctx, page, f),
                                 f"{f.details['score']:g}" if "score" in (f.details or {}) else "")
                     for row, f in zip(rows, found)]
            codes.append(CodeGroup(code, CODES.get(code, ("", ""))[1], cards))
        groups.append(SeverityGroup(severity, SEVERITY_LABELS[severity], len(of_severity), codes))
    return FindingsView(page=page, total=len(ctx.findings), counts=[(g.label, g.count) for g in groups],
                        groups=groups, json_href=U.relative(page, f"{U.DOWNLOADS_DIR}/findings.json"),
                        as_of=format_date(ctx.as_of))
