"""Cross-priority dependencies: which priorities depend on each other, and the evidence.

Four kinds of evidence link two priorities A and B:

* ``reference``: an item under A names B in its text (a REFERENCES edge);
* ``shared-plan``: one operational plan SERVES both A and B;
* ``shared-lead``: one lead leads plans that between them serve A and B, and
  no single plan of theirs serves both (that is already ``shared-plan``);
* ``duplicate`` / ``near-duplicate``: a duplicate finding whose items stand
  under A and B (the same work written into both).

Bridge items are the items that connect two or more priorities on their own:
operational plans, leads (when their plans together connect more than any one
of them does), and items whose text names another priority; ranked by how
many priorities they connect.

>>> from goldenthread.model.analysis._examples import tiny_graph
>>> m = dependency_matrix(tiny_graph())
>>> [p["id"] for p in m.priorities], m.matrix
(['LP1', 'LP2', 'DP1'], [[0, 0, 3], [0, 0, 0], [3, 0, 0]])
>>> [e["kind"] for e in m.cells[0]["evidence"]]
['reference', 'shared-lead', 'duplicate']
>>> [(b["id"], b["priorities"]) for b in m.bridges]
[('jo', ['LP1', 'DP1']), ('DP1.cp', ['DP1', 'LP1'])]
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from itertools import combinations
from typing import Iterable, TypedDict

import networkx as nx

from goldenthread.model.queries import nodes_of_kind, reading_order, sources_of, targets_of
from goldenthread.model.analysis.duplicates import duplicates
from goldenthread.model.analysis.findings import Finding, short_title
from goldenthread.model.nodes import Attr, LEAD, LED_BY, OPERATIONAL_PLAN, PRIORITY, REFERENCES, SERVES


EVIDENCE_KINDS = ("reference", "shared-plan", "shared-lead", "duplicate", "near-duplicate")
_BRIDGE_KIND_ORDER = {OPERATIONAL_PLAN: 0, LEAD: 1}


class MatrixPriority(TypedDict):
    """A row (and column) of the matrix: a priority."""

    id: str
    title: str | None
    group: str | None
    number: int | None


class Evidence(TypedDict):
    """One piece of evidence that two priorities depend on each other (``kind``: see the module docstring)."""

    kind: str
    nodes: list[str]
    text: str


class Cell(TypedDict):
    """A non-empty cell: priorities ``a`` before ``b`` in the matrix' order, and their evidence."""

    a: str
    b: str
    weight: int
    evidence: list[Evidence]


class Bridge(TypedDict):
    """An item that connects two or more priorities on its own."""

    id: str
    kind: str
    title: str
    priorities: list[str]
    count: int


@dataclass(frozen=True)
class DependencyMatrix:
    """The priority x priority matrix: ``matrix[i][j]`` counts the evidence linking ``priorities`` i and j
    (symmetric); ``cells`` holds the evidence of each non-empty cell; ``bridges`` the connecting items."""

    priorities: list[MatrixPriority] = field(default_factory=list)
    matrix: list[list[int]] = field(default_factory=list)
    cells: list[Cell] = field(default_factory=list)
    bridges: list[Bridge] = field(default_factory=list)

    def to_dict(self) -> dict:
        """JSON-ready: ``{"priorities", "matrix", "cells", "bridges"}``."""
        return asdict(self)


def dependency_matrix(g: nx.MultiDiGraph, findings: Iterable[Finding] | None = None) -> DependencyMatrix:
    """The priority x priority matrix of *g*, its evidence and the bridge items.

    *findings* supplies the duplicate findings; when ``None`` the duplicates analysis is run.
    """
    priorities = nodes_of_kind(g, PRIORITY)
    position = {p: i for i, p in enumerate(priorities)}
    evidence: dict[tuple[str, str], list[Evidence]] = {}

    def add(a: str, b: str, kind: str, nodes: list[str], text: str) -> None:
        if a == b or a not in position or b not in position:
            return
        pair = tuple(sorted((a, b), key=position.get))
        items = evidence.setdefault(pair, [])
        entry: Evidence = {"kind": kind, "nodes": nodes, "text": text}
        if entry not in items:
            items.append(entry)

    for node, kind in g.nodes(data=Attr.KIND):
        for _, target, key, data in g.out_edges(node, keys=True, data=True):
            if key == REFERENCES and g.nodes[node].get(Attr.PRIORITY):
                add(g.nodes[node][Attr.PRIORITY], target, "reference", [node, target],
                    f"{node} names {target} ('{data.get('text', target)}')")
    for op in nodes_of_kind(g, OPERATIONAL_PLAN):
        served = targets_of(g, op, SERVES)
        for a, b in combinations(served, 2):
            add(a, b, "shared-plan", [op], f"{g.nodes[op].get('title') or op} serves both")
    for lead in nodes_of_kind(g, LEAD):
        plans = sources_of(g, lead, LED_BY)
        together = {frozenset(p) for op in plans for p in combinations(targets_of(g, op, SERVES), 2)}
        reach = list(dict.fromkeys(p for op in plans for p in targets_of(g, op, SERVES)))
        for a, b in combinations(reach, 2):
            if frozenset((a, b)) not in together:
                add(a, b, "shared-lead", [lead, *plans],
                    f"{g.nodes[lead].get('title') or lead} leads plans serving both")
    if findings is None:
        findings = duplicates(g)
    for f in findings:
        if f.code in ("duplicate", "near-duplicate"):
            for a, b in combinations((f.details or {}).get("priorities", []), 2):
                add(a, b, f.code, list(f.nodes), f.message)

    matrix = [[0] * len(priorities) for _ in priorities]
    cells: list[Cell] = []
    for (a, b), items in sorted(evidence.items(), key=lambda kv: (position[kv[0][0]], position[kv[0][1]])):
        items.sort(key=lambda e: EVIDENCE_KINDS.index(e["kind"]))
        matrix[position[a]][position[b]] = matrix[position[b]][position[a]] = len(items)
        cells.append({"a": a, "b": b, "weight": len(items), "evidence": items})
    return DependencyMatrix(
        priorities=[{"id": p, "title": g.nodes[p].get(Attr.TITLE), "group": g.nodes[p].get(Attr.GROUP),
                     "number": g.nodes[p].get(Attr.NUMBER)} for p in priorities],
        matrix=matrix,
        cells=cells,
        bridges=bridges(g),
    )


def bridges(g: nx.MultiDiGraph) -> list[Bridge]:
    """Items that connect two or more priorities on their own, most connected first."""
    order = reading_order(g)
    found: list[Bridge] = []
    for node, kind in g.nodes(data=Attr.KIND):
        if kind == OPERATIONAL_PLAN:
            connected = targets_of(g, node, SERVES)
        elif kind == LEAD:
            plans = sources_of(g, node, LED_BY)
            connected = [p for op in plans for p in targets_of(g, op, SERVES)]
            if any(set(connected) <= set(targets_of(g, op, SERVES)) for op in plans):
                continue  # one of the lead's plans bridges the same priorities already
        else:
            named = targets_of(g, node, REFERENCES)
            own = [g.nodes[node][Attr.PRIORITY]] if named and g.nodes[node].get(Attr.PRIORITY) else []
            connected = own + named
        connected = list(dict.fromkeys(connected))
        if len(connected) >= 2:
            found.append({"id": node, "kind": kind, "title": short_title(g, node, 80),
                          "priorities": connected, "count": len(connected)})
    found.sort(key=lambda b: (-b["count"], _BRIDGE_KIND_ORDER.get(b["kind"], 2), order[b["id"]]))
    return found
