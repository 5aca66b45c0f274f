"""Queries of the plan graph, in one place: pure functions that take the graph first.

Analyses, site views, network views and the command line read the graph
through these rather than filtering ``in_edges``/``out_edges`` by hand, so
each question (what serves this priority? what is this item called? in what
order do items read?) has one answer.

>>> from goldenthread.model.analysis._examples import tiny_graph
>>> g = tiny_graph()
>>> sources_of(g, "LP1", SERVES), targets_of(g, "care-plan", LED_BY)
(['care-plan'], ['jo'])
>>> children(g, "LP1"), parent(g, "LP1.a"), priority_of(g, "LP1.a.o1")
(['LP1.a'], 'LP1', 'LP1')
>>> item_title(g, "LP1.a.o1"), kind_of(g, "jo")
('Strategy in place', 'lead')
"""
from __future__ import annotations

import weakref
from typing import Iterator

import networkx as nx

from goldenthread.model.errors import GoldenThreadError
from goldenthread.model.nodes import LED_BY, OUTCOME, PART_OF, PRIORITY, SERVES, Attr  # noqa: F401 (LED_BY, SERVES: examples)

#: RAG ratings in the order reports list them: best first, then "N/A", then no rating (``None``).
RAG_ORDER: tuple[str | None, ...] = ("GREEN", "AMBER/GREEN", "AMBER", "RED", "N/A", None)


def rag_worst_first(ratings) -> list[str | None]:
    """*ratings* ordered worst first (RED before GREEN), then "N/A", then no rating; unknown values last.

    >>> rag_worst_first([None, "GREEN", "N/A", "RED", "AMBER"])
    ['RED', 'AMBER', 'GREEN', 'N/A', None]
    """
    rated = len(RAG_ORDER) - 2   # the four colours; "N/A" and None keep their place at the end

    def rank(rag) -> int:
        i = RAG_ORDER.index(rag) if rag in RAG_ORDER else len(RAG_ORDER)
        return rated - 1 - i if i < rated else i
    return sorted(ratings, key=rank)


def kind_of(g: nx.MultiDiGraph, node: str) -> str:
    """The kind of *node* (one of :data:`model.nodes.NODE_KINDS`)."""
    return g.nodes[node][Attr.KIND]


def nodes_of_kind(g: nx.MultiDiGraph, kind: str) -> list[str]:
    """Node IDs of one kind, in insertion (reading) order."""
    return [n for n, k in g.nodes(data=Attr.KIND) if k == kind]


# -- edges by kind --------------------------------------------------------------------------------
def sources_of(g: nx.MultiDiGraph, node: str, kind: str) -> list[str]:
    """Nodes with an edge of *kind* pointing at *node* (e.g. the plans that SERVE a priority), in edge order."""
    return [u for u, _, k in g.in_edges(node, keys=True) if k == kind]


def targets_of(g: nx.MultiDiGraph, node: str, kind: str) -> list[str]:
    """Nodes that *node* points at with an edge of *kind* (e.g. the priorities a plan SERVES), in edge order."""
    return [v for _, v, k in g.out_edges(node, keys=True) if k == kind]


def edges_from(g: nx.MultiDiGraph, node: str) -> Iterator[tuple[str, str, dict]]:
    """``(target, edge kind, edge data)`` for every edge leaving *node*."""
    for _, target, kind, data in g.out_edges(node, keys=True, data=True):
        yield target, kind, data


def edges_to(g: nx.MultiDiGraph, node: str) -> Iterator[tuple[str, str, dict]]:
    """``(source, edge kind, edge data)`` for every edge arriving at *node*."""
    for source, _, kind, data in g.in_edges(node, keys=True, data=True):
        yield source, kind, data


def subgraph_of_kind(g: nx.MultiDiGraph, kind: str) -> nx.DiGraph:
    """A plain DiGraph of every node and only the edges of *kind*, for networkx traversals."""
    h = nx.DiGraph()
    h.add_nodes_from(g.nodes)
    h.add_edges_from((u, v) for u, v, k in g.edges(keys=True) if k == kind)
    return h


# -- the hierarchy --------------------------------------------------------------------------------
def parent(g: nx.MultiDiGraph, node: str) -> str | None:
    """The node *node* is part of, or ``None`` at the top (the plan)."""
    for _, target, kind in g.out_edges(node, keys=True):
        if kind == PART_OF:
            return target
    return None


def children(g: nx.MultiDiGraph, node: str, kind: str | None = None) -> list[str]:
    """The items directly part of *node* (only those of *kind*, if given), in reading order.

    >>> from goldenthread.model.analysis._examples import tiny_graph
    >>> children(tiny_graph(), "vision", PRIORITY)
    ['LP1', 'LP2', 'DP1']
    """
    return [u for u, _, k in g.in_edges(node, keys=True)
            if k == PART_OF and (kind is None or g.nodes[u][Attr.KIND] == kind)]


def chain_to_top(g: nx.MultiDiGraph, node: str) -> list[str]:
    """*node* and every node above it through part-of edges, ending at the plan.

    A graph built from a loaded plan has no loop (the hierarchy is nesting and
    IDs are unique); a graph made any other way that has one gets an error
    naming the loop, not an endless walk:

    >>> g = nx.MultiDiGraph(); _ = g.add_edge("a", "b", key=PART_OF), g.add_edge("b", "a", key=PART_OF)
    >>> chain_to_top(g, "a")
    Traceback (most recent call last):
    ...
    goldenthread.model.errors.GoldenThreadError: error: the plan's hierarchy loops: a -> b -> a
      hint: each item is part of one item above it, up to the plan; check how this graph was made
    """
    chain, seen = [node], {node}
    while (up := parent(g, chain[-1])) is not None:
        chain.append(up)
        if up in seen:
            raise GoldenThreadError(f"the plan's hierarchy loops: {' -> '.join(chain[chain.index(up):])}",
                                    hint="each item is part of one item above it, up to the plan; "
                                         "check how this graph was made")
        seen.add(up)
    return chain


def priority_of(g: nx.MultiDiGraph, node: str) -> str | None:
    """The priority an item belongs to (itself for a priority), or ``None`` (the plan, a lead...)."""
    return next((n for n in chain_to_top(g, node) if g.nodes[n][Attr.KIND] == PRIORITY), None)


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
            if kind == PART_OF and child not in below:
                below.add(child)
                stack.append(child)
    return sorted((n for n in below if g.nodes[n][Attr.KIND] == OUTCOME), key=reading_order(g).__getitem__)


# -- reading order --------------------------------------------------------------------------------
_READING_ORDER: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def reading_order(g: nx.MultiDiGraph) -> dict[str, int]:
    """The position of every node of *g* in reading order (the order the plan lists them).

    Made once per graph and kept while the graph lives; remade if nodes were
    added or removed since. Callers sort with ``key=reading_order(g).__getitem__``
    and must not change the mapping.

    >>> from goldenthread.model.analysis._examples import tiny_graph
    >>> g = tiny_graph(); order = reading_order(g)
    >>> order["plan"], order["vision"], reading_order(g) is order
    (0, 1, True)
    """
    order = _READING_ORDER.get(g)
    if order is None or len(order) != g.number_of_nodes():
        order = _READING_ORDER[g] = {n: i for i, n in enumerate(g.nodes)}
    return order


# -- names ----------------------------------------------------------------------------------------
def one_line(text: str | None, width: int | None = None) -> str:
    """*text* with its whitespace collapsed, cut to at most *width* characters with an ellipsis.

    The cut falls between words (a browser tab, a heading or a message never
    ends in half a word), unless a single word fills most of the width: the
    result never runs past *width*, however long a word is.

    >>> one_line("Stable  management\\nteam", 12)
    'Stable…'
    >>> one_line("Supercalifragilistic expialidocious", 12)
    'Supercalifr…'
    >>> one_line("Short enough", 12)
    'Short enough'
    """
    flat = " ".join((text or "").split())
    if width and len(flat) > width:
        cut = flat[: width - 1]
        if flat[width - 1] != " " and " " in cut[width // 2:]:
            cut = cut[: cut.rindex(" ")]
        return cut.rstrip(" ,;:-–") + "…"
    return flat


def item_title(g: nx.MultiDiGraph, node: str) -> str:
    """The one-line name of an item: its title, else the first line of its text, else its ID.

    Whitespace runs read as one space, so the name fits on one line.

    >>> g = nx.MultiDiGraph(); g.add_node("o1", kind="outcome", text="Fewer   referrals\\nFaster")
    >>> item_title(g, "o1")
    'Fewer referrals'
    """
    data = g.nodes[node]
    if (data.get(Attr.TITLE) or "").strip():
        return " ".join(data[Attr.TITLE].split())
    for line in (data.get(Attr.TEXT) or "").splitlines():
        if line.strip():
            return " ".join(line.split())
    return node
