"""The analyses on the bundled 2020/21 plan find the document's real problems.

What is asserted here was read in the source document
(``plan_data/source/service-development-plan-2020-21.txt``), not taken from
the code's output: the operational plans table serves no leadership
priority 1, 2 or 6; "Strategic Priority 7" could be leadership or
departmental priority 7; the Education Plan's document is TBC; two
timescales say January 2020, before the plan period; the Leaving Care
Strategy is both a leadership indicator (5a) and a departmental step (4);
"Reviewed QA Framework" (departmental 7, AMBER) restates the leadership 6
review of the Quality Assurance Framework (AMBER/GREEN).
"""
from __future__ import annotations

import shutil

import pytest

from goldenthread.model.analysis import run_all
from goldenthread.model.analysis.diff import diff
from goldenthread.model.analysis.trace import trace
from goldenthread.model.graph import OPERATIONAL_PLAN, OUTCOME, SERVES, build_graph, nodes_of_kind
from goldenthread.model.loader import load_plan
from goldenthread.cli.paths import BUNDLED_PLAN_DIR

pytestmark = pytest.mark.skipif(not (BUNDLED_PLAN_DIR / "plan.yaml").is_file(), reason="no bundled plan")


@pytest.fixture(scope="module")
def graph():
    return build_graph(load_plan(BUNDLED_PLAN_DIR))


@pytest.fixture(scope="module")
def findings(graph):
    return run_all(graph)


def of_code(findings, code):
    return [f for f in findings if f.code == code]


def test_priorities_no_operational_plan_serves(findings):
    assert [f.nodes for f in of_code(findings, "priority-without-plan")] == [("LP1",), ("LP2",), ("LP6",)]


def test_strategic_priority_7_is_ambiguous(graph, findings):
    [found] = of_code(findings, "ambiguous-reference")
    assert graph.nodes[found.nodes[0]]["title"] == "Early Help & Support Development Plan"
    assert "'Strategic Priority 7'" in found.message and set(found.nodes[1:]) == {"LP7", "DP7"}


def test_the_education_plan_has_no_document(graph, findings):
    assert [graph.nodes[f.nodes[0]]["title"] for f in of_code(findings, "missing-document")] == ["Education Plan"]


def test_timescales_before_the_plan_period(graph, findings):
    found = of_code(findings, "timescale-outside-period")
    assert len(found) == 2
    assert all("January 2020" in graph.nodes[f.nodes[0]]["timescale"] for f in found)


def test_the_leaving_care_strategy_under_a_leadership_and_a_departmental_priority(findings):
    leaving_care = [f for f in of_code(findings, "duplicate") if "Leaving Care Strategy" in f.message]
    assert len(leaving_care) == 1
    assert leaving_care[0].details["priorities"] == ["LP5", "DP4"]
    assert any(f.nodes == ("LP5.a.i-develop-leaving-care-strategy", "DP4")
               for f in of_code(findings, "cross-reference"))


def test_duplicates_whose_rag_ratings_disagree(graph, findings):
    conflicts = [f for f in of_code(findings, "status-conflict") if "RAG" in f.details.get("disagree_on", [])]
    assert conflicts
    for f in conflicts:
        assert len({graph.nodes[n]["rag"] for n in f.nodes}) > 1


def test_an_achieved_outcome_rated_amber(graph, findings):
    found = [f for f in of_code(findings, "status-conflict") if "Achieved" in f.message]
    assert [graph.nodes[f.nodes[0]]["rag"] for f in found] == ["AMBER"]


def test_no_error_in_the_bundled_plan(findings):
    assert not [f for f in findings if f.severity == "error"]


def test_every_outcome_traces_to_the_vision_with_the_plans_of_its_priority(graph):
    for outcome in nodes_of_kind(graph, OUTCOME):
        t = trace(graph, outcome)
        assert t.chain[0]["id"] == outcome and t.chain[-1]["kind"] == "vision"
        priority = graph.nodes[outcome]["priority"]
        serving = {u for u, _, k in graph.in_edges(priority, keys=True) if k == SERVES}
        assert serving <= {p["id"] for p in t.operational_plans}
        leads = {graph.nodes[p["id"]]["lead"] for p in t.operational_plans} - {None}
        assert {lead["id"] for lead in t.leads} == leads


def test_diff_against_an_edited_copy_lists_exactly_the_edits(tmp_path):
    copy = tmp_path / "plan_data"
    shutil.copytree(BUNDLED_PLAN_DIR, copy)
    leadership = copy / "groups" / "leadership.yaml"
    text = leadership.read_text(encoding="utf-8")
    old_block = ("            text: Strategy to be in place with an outcomes based action plan.\n"
                 "            timescale: August 2020\n            rag: GREEN\n")
    assert text.count(old_block) == 1
    leadership.write_text(text.replace(old_block, old_block.replace("August 2020", "October 2020")
                                       .replace("GREEN", "AMBER")), encoding="utf-8")
    operational = copy / "operational_plans.yaml"
    text = operational.read_text(encoding="utf-8")
    old_plan = "    connected: Leadership Priority 7\n    priorities: [LP7]\n"
    assert text.count(old_plan) == 1
    operational.write_text(text.replace(old_plan, "    connected: Leadership Priority 7 Departmental Priority 1\n"
                                                  "    priorities: [LP7, DP1]\n"), encoding="utf-8")

    result = diff(load_plan(BUNDLED_PLAN_DIR), load_plan(copy))
    assert result.summary == {"added": 0, "removed": 0, "renamed": 0, "moved": 0, "changed": 2, "links": 1,
                                 "plan": 0}
    assert [(c["id"], c["changes"]) for c in result.changed] == [
        ("LP5.a.o-strategy-place-outcomes-based", [{"field": "timescale", "old": "August 2020", "new": "October 2020"},
                                                   {"field": "rag", "old": "GREEN", "new": "AMBER"}]),
        ("education-plan", [{"field": "connected", "old": "Leadership Priority 7",
                             "new": "Leadership Priority 7 Departmental Priority 1"}]),
    ]
    assert result.links == {"added": [{"plan": "education-plan", "priority": "DP1"}], "removed": []}


def test_every_operational_plan_is_checked(graph, findings):
    """Each plan either serves a priority or is reported; none is silently skipped."""
    for op in nodes_of_kind(graph, OPERATIONAL_PLAN):
        serves = [v for _, v, k in graph.out_edges(op, keys=True) if k == SERVES]
        reported = [f for f in of_code(findings, "plan-without-priority") if f.nodes[0] == op]
        assert bool(serves) != bool(reported)
