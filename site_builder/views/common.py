"""What every view shares: the small value objects pages are made of, and how items are linked.

A view is a plain dataclass of ready-made fields (strings, links, lists of
rows). Templates only print and loop: every graph query, count and link is
computed here, in Python, where it can be tested.

:class:`~site_builder.context.SiteContext` is made once per build (by
:func:`site_builder.generate.site_context`) and handed to every view
function; views never load files or run analyses.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Callable

import networkx as nx

from goldenthread.model.nodes import ACTION, INDICATOR, LEAD, OPERATIONAL_PLAN, OUTCOME, PLAN, PRIORITY, VISION, Attr
from goldenthread.model.queries import RAG_ORDER, item_title, kind_of, one_line
from goldenthread.site_builder.markup import Href
from goldenthread.site_builder.context import SiteContext

KIND_LABELS = {
    PLAN: "Plan", VISION: "Vision", PRIORITY: "Priority", ACTION: "Action",
    INDICATOR: "Indicator of success", OUTCOME: "Outcome",
    OPERATIONAL_PLAN: "Operational plan", LEAD: "Lead",
}


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


#: Links show at most this many characters of an item's title; its own page shows it all.
LINK_TITLE_CHARS = 90


def link_maker(ctx: SiteContext, page: str) -> Callable[[str], ItemLink]:
    """A function that makes :class:`ItemLink` objects for items, relative to *page*."""
    titles = ctx.link_titles  # an item is linked from many pages: its title is cut once

    def link(node: str) -> ItemLink:
        title = titles.get(node)
        if title is None:
            title = titles[node] = one_line(item_title(ctx.g, node), LINK_TITLE_CHARS)
        return ItemLink(id=node, title=title, kind=KIND_LABELS[kind_of(ctx.g, node)],
                        href=ctx.urls.href(page, node))
    return link


def rag_counts(g: nx.MultiDiGraph, outcomes: list[str]) -> list[RagCount]:
    """Outcomes counted by RAG, in :data:`RAG_ORDER`, every rating listed (zero counts too)."""
    total = len(outcomes) or 1
    counts = {rag: 0 for rag in RAG_ORDER}
    for node in outcomes:
        rag = g.nodes[node].get(Attr.RAG)
        counts[rag if rag in counts else None] += 1
    return [RagCount(RagBadge.of(rag), n, round(100 * n / total)) for rag, n in counts.items()]


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
