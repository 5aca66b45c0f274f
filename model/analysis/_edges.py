"""Small typed-edge lookups shared by the analyses (one edge kind at a time)."""
from __future__ import annotations

import networkx as nx


def sources_of(g: nx.MultiDiGraph, node: str, kind: str) -> list[str]:
    """Nodes with an edge of *kind* pointing at *node* (e.g. the plans that SERVE a priority)."""
    return [u for u, _, k in g.in_edges(node, keys=True) if k == kind]


def targets_of(g: nx.MultiDiGraph, node: str, kind: str) -> list[str]:
    """Nodes that *node* points at with an edge of *kind* (e.g. the priorities a plan SERVES)."""
    return [v for _, v, k in g.out_edges(node, keys=True) if k == kind]


def subgraph_of_kind(g: nx.MultiDiGraph, kind: str) -> nx.DiGraph:
    """A plain DiGraph of every node and only the edges of *kind*, for networkx traversals."""
    h = nx.DiGraph()
    h.add_nodes_from(g.nodes)
    h.add_edges_from((u, v) for u, v, k in g.edges(keys=True) if k == kind)
    return h
