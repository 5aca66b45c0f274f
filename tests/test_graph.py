"""build_graph on the mini plan: typed nodes, typed edges, and the golden thread."""
from __future__ import annotations

import networkx as nx

from goldenthread.model import graph as G


def part_of_view(g: nx.MultiDiGraph) -> nx.DiGraph:
    """Only the hierarchy: the edges that make up the golden thread."""
    return nx.DiGraph((u, v) for u, v, kind in g.edges(keys=True) if kind == G.PART_OF)


def broken_threads(g: nx.MultiDiGraph) -> list[str]:
    """Items of the hierarchy that do not reach the vision through part-of edges."""
    hierarchy = part_of_view(g)
    kinds = (G.PRIORITY, G.ACTION, G.INDICATOR, G.OUTCOME)
    return [n for n, kind in g.nodes(data="kind") if kind in kinds
            and not (n in hierarchy and nx.has_path(hierarchy, n, "vision"))]


def test_the_golden_thread_holds(mini_graph):
    assert broken_threads(mini_graph) == []
    for outcome in G.nodes_of_kind(mini_graph, G.OUTCOME):
        chain = G.chain_to_top(mini_graph, outcome)
        assert [mini_graph.nodes[n]["kind"] for n in chain] == ["outcome", "action", "priority", "vision", "plan"]


def test_a_broken_thread_is_detected(mini_graph):
    """The check above can fail: an outcome cut from its action no longer reaches the vision."""
    mini_graph.remove_edge("LP2.a.o-strategy-in-place", "LP2.a", key=G.PART_OF)
    assert broken_threads(mini_graph) == ["LP2.a.o-strategy-in-place"]


def test_nodes_by_kind_in_reading_order(mini_graph):
    assert G.nodes_of_kind(mini_graph, G.PRIORITY) == ["LP1", "LP2", "DP1"]
    assert G.nodes_of_kind(mini_graph, G.ACTION) == ["LP1.main", "LP2.main", "LP2.a", "DP1.corporate-parenting"]
    assert len(G.nodes_of_kind(mini_graph, G.OUTCOME)) == 5
    assert len(G.nodes_of_kind(mini_graph, G.INDICATOR)) == 2
    assert G.nodes_of_kind(mini_graph, G.OPERATIONAL_PLAN) == ["fostering-plan", "education-plan"]
    assert G.nodes_of_kind(mini_graph, G.LEAD) == ["jo-bloggs", "sam-smith"]
    assert {kind for _, kind in mini_graph.nodes(data="kind")} == set(G.NODE_KINDS)


def test_edge_kinds(mini_graph):
    edges = {(u, v, k) for u, v, k in mini_graph.edges(keys=True)}
    assert {k for _, _, k in edges} == set(G.EDGE_KINDS)
    assert {(u, v) for u, v, k in edges if k == G.SERVES} == {("fostering-plan", "LP2"), ("fostering-plan", "DP1")}
    assert {(u, v) for u, v, k in edges if k == G.LED_BY} == {("fostering-plan", "jo-bloggs"),
                                                               ("education-plan", "sam-smith")}
    for u, v, k, data in mini_graph.edges(keys=True, data=True):
        assert data["kind"] == k


def test_text_naming_a_priority_becomes_a_references_edge(mini_graph):
    refs = [(u, v, d["text"]) for u, v, k, d in mini_graph.edges(keys=True, data=True) if k == G.REFERENCES]
    assert refs == [("LP2.a", "DP1", "departmental priority 1")]


def test_an_ambiguous_link_stays_unresolved_and_adds_no_edge(mini_graph):
    education = mini_graph.nodes["education-plan"]
    assert education["unresolved"] == [{"text": "Strategic Priority 1", "reason": "ambiguous",
                                        "candidates": ["DP1", "LP1"]}]
    assert education["document"] is None
    assert [k for _, _, k in mini_graph.out_edges("education-plan", keys=True)] == [G.LED_BY]


def test_node_attributes(mini_graph):
    lp2 = mini_graph.nodes["LP2"]
    assert (lp2["kind"], lp2["group"], lp2["number"], lp2["title"]) == ("priority", "leadership", 2,
                                                                         "Ambitious corporate parents")
    assert lp2["source"] == {"file": "source/plan.txt", "lines": [7, 8]}
    outcome = mini_graph.nodes["DP1.corporate-parenting.o-placement-stability"]
    assert (outcome["rag"], outcome["timescale"]) == ("AMBER/GREEN", "March 2022")
    assert outcome["parsed_timescale"]["due"] == "2022-03-31"
    assert (outcome["action"], outcome["priority"]) == ("DP1.corporate-parenting", "DP1")
    no_rag = mini_graph.nodes["DP1.corporate-parenting.o-local-offer"]
    assert (no_rag["rag"], no_rag["timescale"], no_rag["parsed_timescale"]["kind"]) == (None, None, "none")
    assert mini_graph.nodes["jo-bloggs"]["role"] == "Head of Permanence"


def test_plan_wide_facts_are_graph_attributes(mini_graph):
    assert mini_graph.graph["title"] == "Example Council - Service Plan 2021/2022"
    assert mini_graph.graph["period"]["label"] == "2021/2022"
    assert mini_graph.graph["groups"] == {"leadership": "2 Strategic Leadership Priorities",
                                          "departmental": "1 Strategic Departmental Priorities"}
    assert mini_graph.graph["source_file"] == "source/plan.txt"
