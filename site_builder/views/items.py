"""Rows that several pages show: outcomes, findings, network views, source lines."""
from __future__ import annotations

import html
import re
from dataclasses import dataclass
from urllib.parse import quote

from goldenthread.model.graph import ACTION, INDICATOR, LEAD, OPERATIONAL_PLAN, OUTCOME, PLAN, PRIORITY, VISION

from goldenthread.model.analysis.fixes import fix_of
from goldenthread.site_builder.markup import Href
from goldenthread.model.queries import one_line
from goldenthread.site_builder.views.common import ItemLink, RagBadge, format_date, link_maker
from goldenthread.site_builder import urls as U
from goldenthread.model.nodes import Attr
from goldenthread.site_builder.context import SiteContext


@dataclass(frozen=True)
class OutcomeRow:
    """One outcome as a table row: its words, timescale, RAG and where to trace it."""

    id: str
    text: str
    timescale: str
    due: str
    rag: RagBadge
    trace_href: Href
    action: ItemLink
    priority: ItemLink


@dataclass(frozen=True)
class FindingRow:
    """One finding: what, how serious, which items, where in the source."""

    code: str
    severity: str
    message: str
    items: list[ItemLink]
    source: str
    more: int = 0               # items not listed (a cluster may hold thousands; all are in findings.json)
    name: str = ""                                  # the code in plain words
    edits: tuple[str, ...] = ()                     # "groups/leadership.yaml:12" of each place to edit


@dataclass(frozen=True)
class NetworkEmbed:
    """A network view embedded in a page, and its text alternative (a table of the same links)."""

    src: Href
    title: str
    rows: list[tuple[ItemLink | None, str, ItemLink | None, str, str]]
    node_count: int
    note: str = ""              # what the view leaves out, in words
    list_href: Href | None = None  # where all of it is listed


#: A page lists this many items of one finding; the rest are in findings.json.
SHOWN_ITEMS = 10
#: A quoted source line is cut after this many characters (the downloadable source has it whole).
MAX_QUOTED_CHARS = 1000


@dataclass(frozen=True)
class SourceLine:
    """One line of the plan's source document, with its number; ``cut`` when it was cut short."""

    number: int
    text: str
    cut: bool = False

    @classmethod
    def quoted(cls, number: int, text: str) -> "SourceLine":
        """The line as a page quotes it: at most :data:`MAX_QUOTED_CHARS` characters, the cut marked.

        >>> line = SourceLine.quoted(7, "x" * 5000)
        >>> len(line.text), line.cut
        (1000, True)
        """
        if len(text) <= MAX_QUOTED_CHARS:
            return cls(number, text)
        return cls(number, text[:MAX_QUOTED_CHARS], cut=True)

    @property
    def clean(self) -> str:
        """The line as a reader sees it: markup the export left in (``<ul style=...>``, ``<i>``) removed.

        >>> SourceLine(3, 'Fewer <i>How to achieve:</i> <ul style="x"> referrals\t GREEN').clean
        'Fewer How to achieve: referrals GREEN'
        """
        return " ".join(html.unescape(_TAG.sub(" ", self.text)).split())

    @property
    def has_markup(self) -> bool:
        """Whether the raw line differs from :attr:`clean` by more than spacing (then it is offered too)."""
        return self.clean != " ".join(self.text.split())


#: An HTML or XML tag as the document's export leaves them in the text.
_TAG = re.compile(r"</?[A-Za-z][^<>]{0,500}>")


def outcome_row(ctx: SiteContext, page: str, outcome: str) -> OutcomeRow:
    """The row of *outcome* as seen from *page*."""
    data = ctx.g.nodes[outcome]
    link = link_maker(ctx, page)
    due = (data.get(Attr.PARSED_TIMESCALE) or {}).get("due")
    return OutcomeRow(
        id=outcome,
        text=data.get(Attr.TEXT) or "",
        timescale=one_line(data.get(Attr.TIMESCALE)),
        due=format_date(due) if due else "",
        rag=RagBadge.of(data.get(Attr.RAG)),
        trace_href=ctx.urls.href(page, outcome),
        action=link(data[Attr.ACTION]),
        priority=link(data[Attr.PRIORITY]),
    )


def finding_rows(ctx: SiteContext, page: str, findings: list) -> list[FindingRow]:
    """Findings as rows, their items linked from *page*."""
    link = link_maker(ctx, page)
    rows = []
    for f in findings:
        shown = [n for n in f.nodes[:SHOWN_ITEMS] if n in ctx.g]
        rows.append(FindingRow(code=f.code, severity=f.severity, message=f.message, items=[link(n) for n in shown],
                               source=source_text(f.source), more=max(0, len(f.nodes) - SHOWN_ITEMS),
                               name=fix_of(f.code).name,
                               edits=tuple(f"{loc['file']}:{loc['line']}" for loc in f.locations)))
    return rows


def source_text(source: dict | None) -> str:
    """``source/plan.txt, lines 12-14`` (or one line), or empty when unknown.

    >>> source_text({"file": "source/plan.txt", "lines": [12, 14]})
    'source/plan.txt, lines 12-14'
    """
    if not source or not source.get("lines"):
        return ""
    first, last = source["lines"][0], source["lines"][-1]
    where = f"line {first}" if first == last else f"lines {first}-{last}"
    return f"{source.get('file') or 'source'}, {where}"


def source_lines(ctx: SiteContext, source: dict | None) -> list[SourceLine]:
    """The lines of the source document that *source* points at (none when not shipped)."""
    if not source or not source.get("lines") or not ctx.source_lines:
        return []
    first, last = source["lines"][0], source["lines"][-1]
    return [SourceLine.quoted(n, ctx.source_lines[n - 1]) for n in range(first, last + 1)
            if 0 < n <= len(ctx.source_lines)]


def network_embed(ctx: SiteContext, page: str, name: str) -> NetworkEmbed | None:
    """The embed of the network view *name* on *page*, or ``None`` when none was written."""
    view = ctx.networks.get(name)
    if view is None:
        return None
    link = link_maker(ctx, page)

    def end(ref) -> ItemLink | None:
        if ref.link is not None:  # a group or a count of items not drawn: no ID, a link of its own
            return ItemLink(id="", title=ref.title, kind=ref.kind_label, href=network_link(ctx, page, ref.link))
        return link(ref.id) if ref.id in ctx.g else None

    rows = [(end(row.source), row.relation, end(row.target), row.source.kind_label, row.target.kind_label)
            for row in view.rows]
    list_href = network_link(ctx, page, view.full_list) if view.note and view.full_list else None
    return NetworkEmbed(src=U.relative(page, ctx.urls.network_file(name)), title=view.title, rows=rows,
                        node_count=len(view.nodes), note=view.note, list_href=list_href)


def network_link(ctx: SiteContext, from_page: str, link: tuple[str, str | None]) -> Href:
    """The URL, relative to *from_page*, of a network view's link: an item's page, another view, or
    the list of every priority (see :class:`site_builder.network.planner.ViewPlan`)."""
    kind, target = link
    if kind == "item":
        return ctx.urls.href(from_page, target)
    if kind == "view":
        return U.relative(from_page, ctx.urls.network_file(target))
    if kind == "home":
        return U.relative(from_page, U.HOME)
    if kind == "views":
        return U.relative(from_page, U.NETWORK_INDEX)
    return U.relative(from_page, U.PRIORITIES)


def network_view_of(ctx: SiteContext, item: str) -> tuple[str, str | None] | None:
    """The network view that is about *item* (its name, and the item to pick out in it), or ``None``.

    A priority, an operational plan and a lead have a view each; an action has its thread; an
    outcome or indicator is picked out in its action's thread (``#<ID>``), or has a thread of
    its own when that view had no room for it; the vision is in the overview.
    """
    kind = ctx.g.nodes[item]["kind"]
    names = {PRIORITY: item, OPERATIONAL_PLAN: f"plans/{item}", LEAD: f"leads/{item}", ACTION: f"thread/{item}",
             VISION: "plan", PLAN: "plan"}
    if kind in (OUTCOME, INDICATOR):
        shared = ctx.networks.get(f"thread/{ctx.g.nodes[item].get('action')}")
        if shared is not None and any(ref.id == item for ref in shared.nodes):
            return f"thread/{ctx.g.nodes[item]['action']}", item
        names[kind] = f"thread/{item}"
    name = names.get(kind)
    return (name, None) if name in ctx.networks else None


def network_href(ctx: SiteContext, page: str, item: str) -> Href | None:
    """A link from *page* to the network view about *item* (see :func:`network_view_of`), or ``None``."""
    found = network_view_of(ctx, item)
    if found is None:
        return None
    name, picked = found
    href = U.relative(page, ctx.urls.network_file(name))
    return Href(href + "#" + quote(picked, safe="")) if picked else href
