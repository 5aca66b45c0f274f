"""The findings page: what ``goldenthread check`` reports, grouped by severity and code.

Duplicates, near-duplicates and status conflicts between items are shown
side by side: each item's own words next to the other's (the shared passage
of a duplicate marked), with where each stands in the plan and, for
outcomes, their RAG and timescale, so a planner sees at a glance whether
they say the same thing and where they disagree.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from goldenthread.model.analysis import CODES, SEVERITIES
from goldenthread.site_builder import urls as U
from goldenthread.site_builder.markup import Href
from goldenthread.model.graph import item_texts
from goldenthread.site_builder.views.common import ItemLink, RagBadge, format_date, link_maker, one_line
from goldenthread.site_builder.views.items import FindingRow, finding_rows
from goldenthread.model.queries import priority_of
from goldenthread.model.nodes import Attr, OUTCOME
from goldenthread.site_builder.context import SiteContext

SEVERITY_LABELS = {"error": "Errors", "warning": "Warnings", "info": "For information"}
#: Codes whose items are compared side by side (when a finding names two or more).
COMPARED = ("duplicate", "near-duplicate", "status-conflict")


@dataclass(frozen=True)
class ComparedItem:
    """One item of a compared group: its link, its words (split around the shared passage),
    its priority, and for an outcome its RAG and timescale."""

    item: ItemLink
    before: str
    passage: str
    after: str
    priority: ItemLink | None
    rag: RagBadge | None
    timescale: str


@dataclass(frozen=True)
class FindingCard:
    """One finding on the findings page, with its items side by side when compared."""

    row: FindingRow
    compared: list[ComparedItem]
    score: str


@dataclass(frozen=True)
class CodeGroup:
    """The findings of one code, with what the code means."""

    code: str
    meaning: str
    cards: list[FindingCard]


@dataclass(frozen=True)
class SeverityGroup:
    """The findings of one severity, code by code."""

    severity: str
    label: str
    count: int
    codes: list[CodeGroup]


@dataclass(frozen=True)
class FindingsView:
    """The findings page."""

    page: str
    total: int
    counts: list[tuple[str, int]]
    groups: list[SeverityGroup]
    json_href: Href
    as_of: str


_WORD = re.compile(r"\w+(?:['’]\w+)*")


def split_around(text: str, passage: str) -> tuple[str, str, str]:
    """*text* as (before, shared, after): the longest run of *passage*'s words found in *text*
    (ignoring case, spacing and punctuation between words), or ``(text, "", "")`` when they
    share fewer than three words in a row.

    >>> split_around("We will Develop a  strategy, now", "develop a strategy (as priority 4)")
    ('We will ', 'Develop a  strategy', ', now')
    >>> split_around("Nothing shared here", "other words entirely")
    ('Nothing shared here', '', '')
    """
    words = list(_WORD.finditer(text))
    match = difflib.SequenceMatcher(None, [w.group(0).lower() for w in words],
                                    [w.lower() for w in _WORD.findall(passage)], autojunk=False)
    at, _, size = match.find_longest_match()
    if size < 3:
        return text, "", ""
    start, end = words[at].start(), words[at + size - 1].end()
    return text[:start], text[start:end], text[end:]


def _own_words(g, node: str, passages: list[str]) -> tuple[str, str, str]:
    """The item's own text that shares the longest run of words with one of *passages*
    (split around it), else its main text. Matching by content, not by position, keeps each
    item next to its own words whatever order an analysis lists the texts in."""
    texts = list(item_texts(g, node))
    best = (texts[0] if texts else "", "", "")
    for text in texts:
        for passage in passages:
            parts = split_around(text, passage)
            if len(parts[1]) > len(best[1]):
                best = parts
    return best


def compared_items(ctx: SiteContext, page: str, f) -> list[ComparedItem]:
    """The items of a duplicate, near-duplicate or status-conflict finding, side by side."""
    if f.code not in COMPARED or len(f.nodes) < 2:
        return []
    g = ctx.g
    link = link_maker(ctx, page)
    details = f.details or {}
    passages = [t for t in details.get("texts") or [details.get("text")] if t]
    items = []
    for node in f.nodes:
        if node not in g:
            continue
        before, passage, after = _own_words(g, node, passages)
        if f.code != "duplicate":  # only a duplicate shares an exact passage worth marking
            before, passage, after = before + passage + after, "", ""
        data = g.nodes[node]
        is_outcome = data[Attr.KIND] == OUTCOME
        priority = priority_of(g, node)
        items.append(ComparedItem(link(node), before, passage, after, link(priority) if priority else None,
                                  RagBadge.of(data.get(Attr.RAG)) if is_outcome else None,
                                  one_line(data.get(Attr.TIMESCALE)) if is_outcome else ""))
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
