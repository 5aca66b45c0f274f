"""model.nodes and model.queries: the attributes written down are the ones the graph has; queries agree."""
from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from goldenthread.model import queries as Q
from goldenthread.model.graph import load_graph
from goldenthread.model.nodes import NODE_ATTRIBUTES, NODE_KINDS, LEAD, OPERATIONAL_PLAN, OUTCOME, PART_OF, PRIORITY, SERVES
from goldenthread.model.schema import RAG_VALUES

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def bundled():
    return load_graph(ROOT / "plan_data")


@pytest.mark.parametrize("plan", ["bundled", "mini_graph"])
def test_every_node_has_exactly_the_attributes_of_its_kind(plan, request):
    g = request.getfixturevalue(plan)
    seen = set()
    for node, data in g.nodes(data=True):
        seen.add(data["kind"])
        assert tuple(data) == NODE_ATTRIBUTES[data["kind"]], node
    assert seen == set(NODE_KINDS)


def test_rag_order_lists_every_rating_once_then_no_rating():
    assert sorted(Q.RAG_ORDER[:-1]) == sorted(RAG_VALUES) and Q.RAG_ORDER[-1] is None
    assert Q.rag_worst_first(Q.RAG_ORDER) == ["RED", "AMBER", "AMBER/GREEN", "GREEN", "N/A", None]


def test_queries_answer_the_hand_written_filters(bundled):
    g = bundled
    for node in g:
        assert Q.sources_of(g, node, SERVES) == [u for u, _, k in g.in_edges(node, keys=True) if k == SERVES]
        assert Q.children(g, node) == [u for u, _, k in g.in_edges(node, keys=True) if k == PART_OF]
        up = Q.chain_to_top(g, node)
        outside = g.nodes[node]["kind"] in (OPERATIONAL_PLAN, LEAD)  # not part of the hierarchy
        assert up == [node] if outside else up[-1] == "plan" and (Q.parent(g, node) is None) == (node == "plan")
        assert Q.priority_of(g, node) == next((n for n in up if g.nodes[n]["kind"] == PRIORITY), None)
    for priority in Q.nodes_of_kind(g, PRIORITY):
        below = nx.ancestors(nx.DiGraph([(u, v) for u, v, k in g.edges(keys=True) if k == PART_OF]), priority)
        assert Q.outcomes_under(g, priority) == [n for n in g if n in below and g.nodes[n]["kind"] == OUTCOME]


def test_reading_order_is_made_once_and_remade_when_the_graph_grows(mini_graph):
    order = Q.reading_order(mini_graph)
    assert Q.reading_order(mini_graph) is order and list(order) == list(mini_graph)
    mini_graph.add_node("late", kind="lead", title="Late", role=None, source=None)
    assert Q.reading_order(mini_graph)["late"] == len(order)


def test_item_title_is_one_line():
    g = nx.MultiDiGraph()
    g.add_node("a", kind="action", title="  Two\n words ", text="ignored")
    g.add_node("o", kind="outcome", text="\n\n  First   line \nsecond")
    g.add_node("i", kind="indicator", text="")
    assert [Q.item_title(g, n) for n in g] == ["Two words", "First line", "i"]
