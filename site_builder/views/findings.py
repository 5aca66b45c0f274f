"""The findings page: what ``goldenthread check`` reports, grouped by what to do, then by kind.

Each group is a task (:data:`model.analysis.fixes.TASKS`: "Link plans,
priorities and leads", "Resolve repeated text"...), counted in errors,
warnings and information; within it each kind of finding has its
plain-language name, its code, what it means and what to do, and each finding
says which YAML file and line to edit.

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
from goldenthread.model.analysis.fixes import TASKS, fix_of
from goldenthread.site_builder import urls as U
from goldenthread.site_builder.markup import Href
from goldenthread.model.graph import item_texts
from goldenthread.site_builder.views.common import ItemLink, RagBadge, format_date, link_maker
from goldenthread.site_builder.views.items import SHOWN_ITEMS, FindingRow, finding_rows
from goldenthread.model.queries import one_line, priority_of
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
    edits: list[str]     # "groups/leadership.yaml:12" of each place to edit, relative to the plan folder


@dataclass(frozen=True)
class CodeGroup:
    """The findings of one code: its name in words, what it means and what to do."""

    code: str
    name: str
    severity: str
    meaning: str
    fix: str
    cards: list[FindingCard]


@dataclass(frozen=True)
class TaskGroup:
    """The findings of one task (what to do), kind by kind, with their counts by severity."""

    task: str
    anchor: str
    count: int
    counts: list[tuple[str, int]]   # (label, count) of each severity present, most serious first
    codes: list[CodeGroup]


@dataclass(frozen=True)
class FindingsView:
    """The findings page."""

    page: str
    total: int
    counts: list[tuple[str, int]]
    tasks: list[TaskGroup]
    json_href: Href
    as_of: str


def severity_counts(findings) -> list[tuple[str, int]]:
    """``[("errors", 0), ("warnings", 41), ("for information", 22)]``: the same words on every page.

    >>> from goldenthread.model.analysis.findings import finding
    >>> severity_counts([finding("cross-reference", "x", ["a"])])
    [('errors', 0), ('warnings', 0), ('for information', 1)]
    """
    counts = [(s, sum(f.severity == s for f in findings)) for s in SEVERITIES]
    return [(SEVERITY_WORDS[s] if n != 1 else SEVERITY_WORD[s], n) for s, n in counts]


#: How counts of each severity read in a sentence ("41 warnings, 22 for information").
SEVERITY_WORDS = {"error": "errors", "warning": "warnings", "info": "for information"}
SEVERITY_WORD = {"error": "error", "warning": "warning", "info": "for information"}


def edit_places(f) -> list[str]:
    """Where to edit a finding, as ``file:line`` (relative to the plan folder)."""
    return [f"{loc['file']}:{loc['line']}" for loc in f.locations]


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
    for node in f.nodes[:SHOWN_ITEMS]:     # a cluster's first few; the row says how many more
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
    """Build the findings page: tasks in :data:`TASKS` order, kinds most serious first."""
    page = U.FINDINGS
    by_code: dict[str, list] = {}
    for f in ctx.findings:
        by_code.setdefault(f.code, []).append(f)
    tasks = []
    for task in TASKS:
        codes = [c for c in by_code if fix_of(c).task == task]
        if not codes:
            continue
        codes.sort(key=lambda c: SEVERITIES.index(by_code[c][0].severity))  # stable: report order within
        groups, found_here = [], []
        for code in codes:
            found = by_code[code]
            found_here += found
            rows = finding_rows(ctx, page, found)
            cards = [FindingCard(row, compared_items(ctx, page, f),
                                 f"{f.details['score']:g}" if "score" in (f.details or {}) else "",
                                 edit_places(f))
                     for row, f in zip(rows, found)]
            fix = fix_of(code)
            groups.append(CodeGroup(code, fix.name, found[0].severity, CODES.get(code, ("", ""))[1], fix.fix,
                                    cards))
        counts = [(label, n) for label, n in severity_counts(found_here) if n]
        tasks.append(TaskGroup(task, "todo-" + _slug(task), len(found_here), counts, groups))
    return FindingsView(page=page, total=len(ctx.findings), counts=severity_counts(ctx.findings),
                        tasks=tasks, json_href=U.relative(page, f"{U.DOWNLOADS_DIR}/findings.json"),
                        as_of=format_date(ctx.as_of))


def _slug(text: str) -> str:
    """``link-plans-priorities-and-leads``: a task as an anchor.

    >>> _slug("Complete and correct outcomes' status")
    'complete-and-correct-outcomes-status'
    """
    return "-".join(re.findall(r"[a-z0-9]+", text.lower().replace("'", "")))
