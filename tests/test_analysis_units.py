"""Unit tests of the analyses' building blocks, on the mini plan or a graph changed in place.

The findings of whole plans are scenario tests (``tests/scenarios``); what a
YAML plan cannot express (an item cut off from the vision) or what is easier
said in one line (a registry rule, an error message) is tested here.
"""
from __future__ import annotations

import datetime as dt

import pytest

from goldenthread.model.analysis import CODES, SEVERITIES, at_or_above, require_node, run_all, summary
from goldenthread.model.analysis.duplicates import comparable, plan_wording, statements
from goldenthread.model.analysis.findings import finding, short_title
from goldenthread.model.analysis.impact import impact
from goldenthread.model.analysis.orphans import orphans
from goldenthread.model.analysis.quality import quality
from goldenthread.model.analysis.trace import trace
from goldenthread.model.analysis.wording import Wording, find_acronyms, normalise, stem
from goldenthread.model.errors import UnknownItemError
from goldenthread.model.graph import PART_OF


def test_every_code_has_a_known_severity_and_a_meaning():
    assert CODES
    for code, (severity, meaning) in CODES.items():
        assert severity in SEVERITIES, code
        assert meaning.endswith("."), code


def test_a_finding_takes_its_severity_from_the_registry_and_refuses_unknown_codes():
    f = finding("dangling-reference", "x names DP9", ["x"], {"file": "s.txt", "lines": [3, 4]}, text="DP9")
    assert (f.severity, f.nodes) == ("error", ("x",))
    assert f.to_dict() == {"code": "dangling-reference", "severity": "error", "message": "x names DP9",
                           "nodes": ["x"], "source": {"file": "s.txt", "lines": [3, 4]},
                           "details": {"text": "DP9"}, "locations": []}
    with pytest.raises(ValueError, match="unregistered finding code 'no-such-code'"):
        finding("no-such-code", "?", [])


def test_thresholds_and_summary_count_by_severity():
    found = [finding("dangling-reference", "a", ["a"]), finding("overdue", "b", ["b"]),
             finding("cross-reference", "c", ["c"])]
    assert [f.code for f in at_or_above(found, "error")] == ["dangling-reference"]
    assert [f.code for f in at_or_above(found, "warning")] == ["dangling-reference", "overdue"]
    assert len(at_or_above(found, "info")) == 3
    assert summary(found)["by_severity"] == {"error": 1, "warning": 1, "info": 1}


def test_a_message_cuts_a_long_title_between_words_and_never_runs_past_its_width(mini_graph):
    """Issue 13: messages quoted titles cut mid-word ("...a good start in life; Ea…"), unlike the site's titles."""
    mini_graph.nodes["LP2"]["title"] = "Early Help Children and young people getting a good start in life; Early Help"
    # before: 'Early Help Children and young people getting a good start in life; Ea…'
    assert short_title(mini_graph, "LP2", 70) == "Early Help Children and young people getting a good start in life…"
    mini_graph.nodes["LP2"]["title"] = "x" * 10_000                   # one word: still cut, to the width exactly
    assert short_title(mini_graph, "LP2", 70) == "x" * 69 + "…"
    mini_graph.nodes["LP2"]["title"] = "Short title"
    assert short_title(mini_graph, "LP2", 70) == "Short title"


def test_an_item_cut_off_from_the_vision_is_unreachable_and_so_is_everything_under_it(mini_graph):
    mini_graph.remove_edge("LP2.a", "LP2", key=PART_OF)
    found = [(f.code, f.nodes) for f in orphans(mini_graph) if f.code == "unreachable-item"]
    assert found == [("unreachable-item", ("LP2.a",)), ("unreachable-item", ("LP2.a.o-strategy-in-place",))]
    assert all(CODES[code][0] == "error" for code, _ in found)


def test_the_mini_plan_reaches_the_vision_everywhere(mini_graph):
    assert not [f for f in orphans(mini_graph) if f.code == "unreachable-item"]


def test_run_all_is_deterministic(mini_graph):
    assert run_all(mini_graph) == run_all(mini_graph)


def test_without_a_date_nothing_is_overdue(mini_graph):
    mini_graph.graph["last_updated"] = None
    assert not [f for f in quality(mini_graph) if f.code == "overdue"]
    late = [f.nodes for f in quality(mini_graph, as_of=dt.date(2022, 6, 1)) if f.code == "overdue"]
    assert late == [("LP2.a.o-strategy-in-place",), ("DP1.corporate-parenting.o-placement-stability",)]


def test_unknown_ids_are_refused_with_the_closest_ids(mini_graph):
    with pytest.raises(UnknownItemError) as caught:
        require_node(mini_graph, "LP2.b")
    assert caught.value.title == "no item with ID 'LP2.b' in the plan"
    assert caught.value.hint.startswith("did you mean LP2.a, LP2, ")
    for function in (trace, impact):
        with pytest.raises(UnknownItemError):
            function(mini_graph, "nothing-like-it")


def test_normalise_cuts_references_punctuation_and_joins_hyphens():
    assert normalise("Multi-agency  Board (as Departmental Priority 4); reviewed!") == "multiagency board reviewed"
    assert [stem(w) for w in ("reviewed", "plans", "focus", "process", "training")] == \
        ["review", "plan", "focus", "process", "train"]


def test_acronyms_are_expanded_only_when_spelled_out_once_in_the_same_passage():
    assert find_acronyms([["QA Framework", "Quality Assurance"]]) == {"qa": "quality assurance"}
    # Spelled out two ways: left alone.
    assert find_acronyms([["CP plan", "Child Protection", "Corporate Parenting"]]) == {}
    # Spelled out only in another passage: a coincidence, left alone.
    assert find_acronyms([["SR team"], ["Staff Retention"]]) == {}
    w = Wording({"qa": "quality assurance"})
    assert w.words("Reviewed QA Framework") == ["review", "quality", "assurance", "framework"]


def test_statements_skip_generic_cells_and_repeats_within_one_item(mini_graph):
    texts = [(s.node, s.text) for s in statements(mini_graph)]
    assert ("LP2.main.o-board-in-place", "Board in place") not in texts       # three words: generic
    nodes = [n for n, _ in texts]
    assert len(nodes) == len(set((n, t) for n, t in texts))


def test_restating_a_step_as_its_own_outcome_is_not_a_duplicate(mini_graph):
    assert not comparable(mini_graph, "DP1.corporate-parenting", "DP1.corporate-parenting.o-local-offer")
    assert comparable(mini_graph, "DP1.corporate-parenting.o-local-offer",
                      "DP1.corporate-parenting.o-placement-stability")
    assert comparable(mini_graph, "LP2.a", "DP1.corporate-parenting")


def test_plan_wording_reads_acronyms_from_the_plan(mini_graph):
    assert isinstance(plan_wording(mini_graph), Wording)
