"""Counts that describe a plan graph: items by kind, RAG ratings, groups, links.

>>> from goldenthread.model.loader import load_plan                                  # doctest: +SKIP
>>> from goldenthread.model.graph import build_graph                                 # doctest: +SKIP
>>> plan_stats(build_graph(load_plan("tests/fixtures/mini_plan"))).rag  # doctest: +SKIP
{'GREEN': 1, 'AMBER': 1, 'RED': 1, 'AMBER/GREEN': 1, 'N/A': 0, 'none': 1}
>>> from goldenthread.model.analysis._examples import tiny_graph
>>> stats = plan_stats(tiny_graph())
>>> stats.nodes["outcome"], stats.groups["leadership"]["actions"], list(stats.to_dict())[:3]
(2, 2, ['title', 'period', 'nodes'])
"""
from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass

import networkx as nx

from goldenthread.model.schema import RAG_VALUES
from goldenthread.model.nodes import (ACTION, Attr, EDGE_KINDS, INDICATOR, NODE_KINDS, OPERATIONAL_PLAN, OUTCOME,
                                      PRIORITY)

#: The key under which outcomes with no RAG rating are counted.
NO_RAG = "none"


@dataclass(frozen=True)
class PlanStats:
    """Counts for a plan graph.

    ``nodes``: items per node kind (every kind, zeros included); ``rag``:
    outcomes per RAG value plus ``"none"``; ``groups``: per group key its name
    and counts of priorities, actions, indicators and outcomes; ``links``: edges
    per edge kind; ``unresolved``: the operational plans' unresolved references,
    in total (``total``) and per reason (``by_reason``).
    """

    title: str | None
    period: str | None
    nodes: dict[str, int]
    rag: dict[str, int]
    groups: dict[str, dict]
    links: dict[str, int]
    unresolved: dict

    def to_dict(self) -> dict:
        """JSON-ready: ``{"title", "period", "nodes", "rag", "groups", "links", "unresolved"}``."""
        return asdict(self)


def plan_stats(g: nx.MultiDiGraph) -> PlanStats:
    """Counts for the plan graph *g* (see :class:`PlanStats`)."""
    kinds = Counter(kind for _, kind in g.nodes(data=Attr.KIND))
    rag = Counter(g.nodes[n][Attr.RAG] or NO_RAG for n, kind in g.nodes(data=Attr.KIND) if kind == OUTCOME)
    links = Counter(kind for _, _, kind in g.edges(keys=True))
    groups = {key: {"name": name, "priorities": 0, "actions": 0, "indicators": 0, "outcomes": 0}
              for key, name in g.graph.get("groups", {}).items()}
    plural = {PRIORITY: "priorities", ACTION: "actions", INDICATOR: "indicators", OUTCOME: "outcomes"}
    for node, kind in g.nodes(data=Attr.KIND):
        if kind not in plural:
            continue
        priority = node if kind == PRIORITY else g.nodes[node][Attr.PRIORITY]
        groups[g.nodes[priority][Attr.GROUP]][plural[kind]] += 1
    reasons = Counter(ref["reason"] for n, kind in g.nodes(data=Attr.KIND) if kind == OPERATIONAL_PLAN
                      for ref in g.nodes[n].get(Attr.UNRESOLVED) or ())
    return PlanStats(
        title=g.graph.get("title"),
        period=(g.graph.get("period") or {}).get("label"),
        nodes={kind: kinds.get(kind, 0) for kind in NODE_KINDS},
        rag={value: rag.get(value, 0) for value in (*RAG_VALUES, NO_RAG)},
        groups=groups,
        links={kind: links.get(kind, 0) for kind in EDGE_KINDS},
        unresolved={"total": sum(reasons.values()), "by_reason": dict(sorted(reasons.items()))},
    )
