"""What every view shares: the site context and the small value objects pages are made of.

A view is a plain dataclass of ready-made fields (strings, links, lists of
rows). Templates only print and loop: every graph query, count and link is
computed here, in Python, where it can be tested.

:class:`SiteContext` is built once per build (by :mod:`site_builder.build`)
and handed to every view function; views never load files or run analyses.
"""
from __future__ import annotations

import datetime as dt
import weakref
from dataclasses import dataclass, field
from typing import Callable

import networkx as nx

from goldenthread.model.graph import ACTION, INDICATOR, LEAD, OPERATIONAL_PLAN, OUTCOME, PLAN, PRIORITY, VISION, chain_to_top
from goldenthread.site_builder.markup import Href
from goldenthread.site_builder.urls import SiteUrls

#: RAG values in the order pages list them (best first), then "no rating".
RAG_ORDER: tuple[str | None, ...] = ("GREEN", "AMBER/GREEN", "AMBER", "RED", "N/A", None)

KIND_LABELS = {
    PLAN: "Plan", VISION: "Vision", PRIORITY: "Priority", ACTION: "Action",
    INDICATOR: "Indicator of success", OUTCOME: "Outcome",
    OPERATIONAL_PLAN: "Operational plan", LEAD: "Lead",
}


@dataclass
class SiteContext:
    """Everything the views read: the graph, what the analyses found, where things live.

    ``findings`` are :class:`model.analysis.findings.Finding` objects;
    ``dependencies`` is the analysis' result object (or ``None`` for a plan
    with no priorities); ``networks`` maps a view name (``plan`` or a
    priority ID) to the :class:`site_builder.network.render.NetworkView` written for
    it; ``source_lines`` are the lines of the plan's source document.
    """

    g: nx.MultiDiGraph
    urls: SiteUrls
    findings: list = field(default_factory=list)
    dependencies: dict | None = None
    trace_rows: list = field(default_factory=list)
    networks: dict = field(default_factory=dict)
    source_lines: list[str] = field(default_factory=list)
    as_of: dt.date | None = None

    # Indexes made on first use, so that each page's look-up costs what it finds, not the plan's size.
    _findings_by_node: dict | None = field(default=None, init=False, repr=False, compare=False)
    _cells_by_priority: dict | None = field(default=None, init=False, repr=False, compare=False)
    _items_by_priority: dict | None = field(default=None, init=False, repr=False, compare=False)
    _priorities_by_group: dict | None = field(default=None, init=False, repr=False, compare=False)
    _link_titles: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    def findings_about(self, nodes: set[str]) -> list:
        """The findings that name any of *nodes*, in report order."""
        if self._findings_by_node is None:
            self._findings_by_node = {}
            for i, finding in enumerate(self.findings):
                for node in set(finding.nodes):
                    self._findings_by_node.setdefault(node, []).append(i)
        found = {i for node in nodes for i in self._findings_by_node.get(node, ())}
        return [self.findings[i] for i in sorted(found)]

    def dependency_cells_of(self, priority: str) -> list[dict]:
        """The cells of the dependency matrix that involve *priority*, in the analysis' order."""
        if self._cells_by_priority is None:
            self._cells_by_priority = {}
            for cell in (self.dependencies or {}).get("cells", []):
                for p in {cell["a"], cell["b"]}:
                    self._cells_by_priority.setdefault(p, []).append(cell)
        return self._cells_by_priority.get(priority, [])

    def items_of_priority(self, priority: str) -> list[str]:
        """The items whose ``priority`` attribute is *priority* (its actions and indicators)."""
        if self._items_by_priority is None:
            self._items_by_priority = {}
            for node, p in self.g.nodes(data="priority"):
                if p is not None:
                    self._items_by_priority.setdefault(p, []).append(node)
        return self._items_by_priority.get(priority, [])

    def priorities_of_group(self, group: str) -> list[str]:
        """The priorities of the group *group* (a key of ``g.graph["groups"]``), in reading order."""
        if self._priorities_by_group is None:
            self._priorities_by_group = {}
            for node, data in self.g.nodes(data=True):
                if data.get("kind") == PRIORITY:
                    self._priorities_by_group.setdefault(data.get("group"), []).append(node)
        return self._priorities_by_group.get(group, [])


@dataclass(frozen=True)
class RagBadge:
    """A RAG rating as a word and a style: the word is always shown, never colour alone."""

    word: str
    css: str

    @classmethod
    def of(cls, rag: str | None) -> "RagBadge":
        """The badge for a RAG value (``None`` reads "No rating").

        >>> RagBadge.of("AMBER/GREEN")
        RagBadge(word='AMBER/GREEN', css='amber-green')
        >>> RagBadge.of(None).word
        'No rating'
        """
        if rag is None:
            return cls("No rating", "none")
        css = {"N/A": "na", "AMBER/GREEN": "amber-green"}.get(rag, rag.lower())
        return cls(rag, css)


@dataclass(frozen=True)
class ItemLink:
    """A link to an item: its ID, its one-line title, its kind in words and where it lives."""

    id: str
    title: str
    kind: str
    href: Href


@dataclass(frozen=True)
class RagCount:
    """How many outcomes carry one RAG rating, and their share of all (0-100)."""

    badge: RagBadge
    count: int
    percent: int
    href: Href | None = None    # the outcomes dashboard filtered to these outcomes (set when linked)


def one_line(text: str | None, width: int | None = None) -> str:
    """*text* with its whitespace collapsed, cut to at most *width* characters with an ellipsis.

    The cut falls between words (a browser tab or a heading never ends in half a word),
    unless a single word fills most of the width:

    >>> one_line("Stable  management\\nteam", 12)
    'Stable…'
    >>> one_line("Supercalifragilistic expialidocious", 12)
    'Supercalifr…'
    """
    flat = " ".join((text or "").split())
    if width and len(flat) > width:
        cut = flat[: width - 1]
        if flat[width - 1] != " " and " " in cut[width // 2:]:
            cut = cut[: cut.rindex(" ")]
        return cut.rstrip(" ,;:-–") + "…"
    return flat


def item_title(g: nx.MultiDiGraph, node: str) -> str:
    """The one-line name of an item: its title, else the first line of its text, else its ID."""
    data = g.nodes[node]
    if (data.get("title") or "").strip():
        return one_line(data["title"])
    for line in (data.get("text") or "").splitlines():
        if line.strip():
            return one_line(line)
    return node


#: Links show at most this many characters of an item's title; its own page shows it all.
LINK_TITLE_CHARS = 90


def link_maker(ctx: SiteContext, page: str) -> Callable[[str], ItemLink]:
    """A function that makes :class:`ItemLink` objects for items, relative to *page*."""
    titles = ctx._link_titles  # an item is linked from many pages: its title is cut once

    def link(node: str) -> ItemLink:
        title = titles.get(node)
        if title is None:
            title = titles[node] = one_line(item_title(ctx.g, node), LINK_TITLE_CHARS)
        return ItemLink(id=node, title=title, kind=KIND_LABELS[ctx.g.nodes[node]["kind"]],
                        href=ctx.urls.href(page, node))
    return link


def rag_counts(g: nx.MultiDiGraph, outcomes: list[str]) -> list[RagCount]:
    """Outcomes counted by RAG, in :data:`RAG_ORDER`, every rating listed (zero counts too)."""
    total = len(outcomes) or 1
    counts = {rag: 0 for rag in RAG_ORDER}
    for node in outcomes:
        rag = g.nodes[node].get("rag")
        counts[rag if rag in counts else None] += 1
    return [RagCount(RagBadge.of(rag), n, round(100 * n / total)) for rag, n in counts.items()]


def outcomes_under(g: nx.MultiDiGraph, node: str) -> list[str]:
    """The outcomes that are part of *node* (a priority or an action), in reading order.

    Walks down the ``part_of`` links from *node* only (its own subtree), so
    asking for every priority of a large plan stays linear in the plan's size.

    >>> from goldenthread.model.analysis._examples import tiny_graph
    >>> outcomes_under(tiny_graph(), "LP1")
    ['LP1.a.o1']
    """
    below: set[str] = set()
    stack = [node]
    while stack:
        for child, _, kind in g.in_edges(stack.pop(), keys=True):
            if kind == "part_of" and child not in below:
                below.add(child)
                stack.append(child)
    return sorted((n for n in below if g.nodes[n]["kind"] == OUTCOME), key=_reading_order(g).__getitem__)


_READING_ORDER: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _reading_order(g: nx.MultiDiGraph) -> dict[str, int]:
    """The position of every node of *g* in reading order (made once per graph, remade if it grew)."""
    order = _READING_ORDER.get(g)
    if order is None or len(order) != g.number_of_nodes():
        order = _READING_ORDER[g] = {n: i for i, n in enumerate(g.nodes)}
    return order


def priority_of(g: nx.MultiDiGraph, node: str) -> str | None:
    """The priority an item belongs to (itself for a priority), or ``None``."""
    return next((n for n in chain_to_top(g, node) if g.nodes[n]["kind"] == PRIORITY), None)


def noun(number: int, singular: str, plural: str | None = None) -> str:
    """The noun for *number* things: *singular* for one, else *plural* (default: singular + "s")."""
    return singular if number == 1 else plural or singular + "s"


def count(number: int, singular: str, plural: str | None = None) -> str:
    """*number* and the noun it counts (also the templates' ``|count``).

    >>> count(1, "outcome"), count(3, "outcome"), count(0, "priority", "priorities")
    ('1 outcome', '3 outcomes', '0 priorities')
    """
    return f"{number} {noun(number, singular, plural)}"


def format_date(value: dt.date | str | None) -> str:
    """A date as staff write it: ``10 January 2022``; empty for ``None``.

    >>> format_date(dt.date(2022, 1, 10))
    '10 January 2022'
    """
    if value is None:
        return ""
    if isinstance(value, str):
        value = dt.date.fromisoformat(value)
    return f"{value.day} {value:%B %Y}"
