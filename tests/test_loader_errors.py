"""Every kind of bad input gives one located, readable error: scenarios in tests/fixtures/bad/.

Each ``tests/fixtures/bad/<case>.yaml`` says how to break a copy of the mini
plan (``edits``) and the exact error text :func:`load_plan` must give
(``expected``), file:line:col, title and hint included.
"""
from __future__ import annotations

import codecs
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from goldenthread.model import yaml_source as source
from goldenthread.model.analysis.trace import trace
from goldenthread.model.errors import GoldenThreadError, Location, PlanLoadError
from goldenthread.model.graph import PART_OF, chain_to_top
from goldenthread.model.loader import load_plan
from goldenthread.model.quick_yaml import _is_plain, quick_load
from goldenthread.cli.main import main

ROOT = Path(__file__).resolve().parents[1]

CASES = sorted((Path(__file__).parent / "fixtures" / "bad").glob("*.yaml"))


def test_there_are_cases_for_every_kind_of_bad_input():
    names = {path.stem for path in CASES}
    required = {"bad_yaml_syntax", "wrong_type_number", "misspelt_field", "unknown_field", "unknown_rag",
                "missing_required_field", "duplicate_id", "unknown_priority_reference", "unknown_lead",
                "unknown_candidate", "group_key_mismatch", "priority_listed_twice", "lines_reversed",
                "lines_past_end", "missing_group_file", "missing_source_file", "several_errors",
                # hostile and broken input (issue 6)
                "self_reference", "vision_id_is_the_plan_id", "empty_plan_file", "no_groups_value",
                "latin1_file", "utf16_file", "utf32_file", "binary_file", "source_not_utf8", "text_too_long",
                "deep_nesting", "alias_bomb", "alias", "merge_key", "tag", "python_tag", "second_document",
                "key_is_a_number", "id_escaping_the_folder", "id_absolute_path", "id_with_backslash", "id_dot_dot",
                "id_trailing_dot", "id_windows_device_name", "id_site_page_name", "id_differs_only_in_case",
                "group_key_escaping_the_folder", "impossible_date", "merge_key_inline"}
    assert required <= names


def test_the_unbroken_mini_plan_loads(mini_plan_dir):
    assert load_plan(mini_plan_dir).plan.title == "Example Council - Service Plan 2021/2022"


@pytest.mark.parametrize("case", CASES, ids=[path.stem for path in CASES])
def test_bad_input_gives_the_expected_error(case, broken_plan, bad_case):
    spec = bad_case(case.stem)
    plan_dir = broken_plan(spec["edits"])
    with pytest.raises(PlanLoadError) as caught:
        load_plan(plan_dir)
    assert caught.value.format() == spec["expected"].rstrip("\n")


def test_a_misspelt_rag_value_is_located_and_hinted(broken_plan):
    plan_dir = broken_plan([{"file": "groups/leadership.yaml", "replace": "rag: AMBER\n", "with": "rag: AMBR\n"}])
    with pytest.raises(PlanLoadError) as caught:
        load_plan(plan_dir)
    error = caught.value
    assert error.location == Location("plan/groups/leadership.yaml", 40, 18)
    assert error.title == "unknown RAG value 'AMBR'"
    assert error.hint.startswith("did you mean AMBER?")
    assert error.details == []


def test_several_errors_are_all_reported_the_first_as_the_title(broken_plan, bad_case):
    spec = bad_case("several_errors")
    with pytest.raises(PlanLoadError) as caught:
        load_plan(broken_plan(spec["edits"]))
    error = caught.value
    assert error.title == "unknown RAG value 'AMBR'"
    assert [str(d.location) for d in error.details] == ["plan/groups/departmental.yaml:8:5",
                                                        "plan/operational_plans.yaml:8:11"]


def test_cross_file_checks_wait_until_every_file_is_valid(broken_plan):
    """A duplicate ID is not reported while a file is still invalid: its IDs are not known yet."""
    plan_dir = broken_plan([
        {"file": "groups/departmental.yaml", "replace": "id: DP1.corporate-parenting.o-local-offer",
         "with": "id: LP1.main.o-fewer-referrals"},
        {"file": "operational_plans.yaml", "replace": "    name: Fostering Plan\n", "with": ""},
    ])
    with pytest.raises(PlanLoadError) as caught:
        load_plan(plan_dir)
    assert caught.value.title == "missing required field `name` in operational plan 'fostering-plan'"
    assert caught.value.details == []


def test_a_plan_folder_that_does_not_exist(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(PlanLoadError) as caught:
        load_plan("no_such_plan")
    assert caught.value.format() == (
        "no_such_plan: error: plan folder no_such_plan does not exist\n"
        "  hint: pass the folder that holds plan.yaml, e.g. goldenthread validate plan_data")


def test_a_file_given_as_the_plan_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("plan.yaml").write_text("title: x\n")
    with pytest.raises(PlanLoadError) as caught:
        load_plan("plan.yaml")
    assert caught.value.title == "plan folder plan.yaml is not a folder"


def test_a_source_file_outside_the_plan_folder_is_refused(broken_plan):
    plan_dir = broken_plan([{"file": "plan.yaml", "replace": "source_file: source/plan.txt",
                             "with": "source_file: ../../etc/passwd"}])
    with pytest.raises(PlanLoadError) as caught:
        load_plan(plan_dir)
    assert caught.value.title == "source_file '../../etc/passwd' is outside the plan folder"
    assert caught.value.location == Location("plan/plan.yaml", 9, 14)


# --- through the command line: exit 2, the message alone, no traceback (but with --debug) -------------

@pytest.mark.parametrize("case", CASES, ids=[path.stem for path in CASES])
def test_validate_gives_exit_2_and_the_message_without_a_traceback(case, broken_plan, bad_case):
    spec = bad_case(case.stem)
    broken_plan(spec["edits"])
    result = CliRunner().invoke(main, ["validate", "plan"])
    assert result.exit_code == 2
    assert result.stderr == spec["expected"]
    assert result.stdout == ""


def test_validate_with_debug_shows_the_traceback(broken_plan, bad_case):
    broken_plan(bad_case("alias_bomb")["edits"])
    shown = subprocess.run([sys.executable, "-m", "goldenthread", "--debug", "validate", "plan"],
                           capture_output=True, text=True, timeout=120, check=False)
    assert shown.returncode != 0
    assert "Traceback (most recent call last)" in shown.stderr
    assert shown.stderr.rstrip().endswith("hint: delete the anchor, and write out in full every value that "
                                          "refers to it with *")
    assert "goldenthread.model.errors.PlanLoadError" in shown.stderr


def test_a_missing_plan_folder_through_the_cli(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["validate", "no_such_plan"])
    assert result.exit_code == 2
    assert result.stderr == ("no_such_plan: error: plan folder no_such_plan does not exist\n"
                             "  hint: pass the folder that holds plan.yaml, e.g. goldenthread validate plan_data\n")


def test_a_file_given_as_the_plan_folder_through_the_cli(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("plan.yaml").write_text("title: x\n")
    result = CliRunner().invoke(main, ["validate", "plan.yaml"])
    assert result.exit_code == 2
    assert result.stderr == ("plan.yaml: error: plan folder plan.yaml is not a folder\n"
                             "  hint: pass the folder that holds plan.yaml, e.g. goldenthread validate plan_data\n")


# --- valid, if unusual ----------------------------------------------------------------------------------

def _contents(data) -> tuple:
    return (data.plan.model_dump(), [g.model_dump() for g in data.groups], data.operational.model_dump(),
            data.source_lines)


def test_files_with_a_utf8_byte_order_mark_load_exactly_as_without(broken_plan, mini_plan):
    plan_dir = broken_plan([])
    files = sorted(p for p in plan_dir.rglob("*") if p.is_file())
    for path in files:
        path.write_bytes(codecs.BOM_UTF8 + path.read_bytes())
    assert _contents(load_plan(plan_dir)) == _contents(mini_plan)


def test_a_utf8_byte_order_mark_does_not_shift_error_columns(broken_plan, bad_case):
    plan_dir = broken_plan(bad_case("unknown_rag")["edits"])
    path = plan_dir / "groups" / "leadership.yaml"
    path.write_bytes(codecs.BOM_UTF8 + path.read_bytes())
    with pytest.raises(PlanLoadError) as caught:
        load_plan(plan_dir)
    assert caught.value.format() == bad_case("unknown_rag")["expected"].rstrip("\n")


def test_a_plan_with_no_groups_and_no_operational_plans_is_valid_and_empty(broken_plan):
    plan_dir = broken_plan([{"file": "plan.yaml", "replace": "groups: [leadership, departmental]", "with": "groups: []"},
                            {"file": "groups/leadership.yaml", "delete": True},
                            {"file": "groups/departmental.yaml", "delete": True},
                            {"file": "operational_plans.yaml", "write": "plans: []\n"}])
    data = load_plan(plan_dir)
    assert (data.groups, data.operational.plans, data.operational.leads) == ([], [], [])
    result = CliRunner().invoke(main, ["validate", "plan"])
    assert result.exit_code == 0
    assert result.stdout.startswith("OK:")


def test_a_group_with_no_priorities_is_valid(broken_plan):
    plan_dir = broken_plan([{"file": "groups/departmental.yaml",
                             "write": "key: departmental\nname: Departmental Priorities\npriorities: []\n"},
                            {"file": "operational_plans.yaml", "replace": "priorities: [LP2, DP1]",
                             "with": "priorities: [LP2]"},
                            {"file": "operational_plans.yaml", "replace": "candidates: [DP1, LP1]",
                             "with": "candidates: [LP1]"}])
    assert [g.priorities for g in load_plan(plan_dir).groups][1] == []


# --- limits: refused before the work they protect ------------------------------------------------------

def test_a_huge_file_is_refused_without_being_read(broken_plan):
    """A sparse 50 GB file: reading it whole would take minutes and all the memory; it is refused at once."""
    plan_dir = broken_plan([])
    with open(plan_dir / "operational_plans.yaml", "r+b") as handle:
        handle.truncate(50_000_000_000)
    with pytest.raises(PlanLoadError) as caught:
        load_plan(plan_dir)
    assert caught.value.format() == (
        "plan/operational_plans.yaml: error: operational_plans.yaml is too large: 50000.0 MB (the limit is 5.0 MB)\n"
        "  hint: check that this is the right file: a plan's files are far smaller; see docs/validation.md for "
        "the limits")


def test_a_file_just_under_the_limit_is_read(broken_plan, monkeypatch):
    plan_dir = broken_plan([])
    size = max(path.stat().st_size for path in plan_dir.rglob("*.yaml"))  # the largest file: groups/leadership.yaml
    monkeypatch.setattr(source, "MAX_YAML_BYTES", size)
    assert load_plan(plan_dir).plan.title
    monkeypatch.setattr(source, "MAX_YAML_BYTES", size - 1)
    with pytest.raises(PlanLoadError) as caught:
        load_plan(plan_dir)
    assert caught.value.title == "leadership.yaml is too large: 1,361 bytes (the limit is 1,360 bytes)"


def test_an_alias_bomb_is_refused_in_a_moment_not_expanded(broken_plan, bad_case):
    """Nine levels of nine aliases stand for 387 million values: expanding them would not finish.

    Run in a child process with a timeout so that a regression fails the test rather than hanging the suite.
    """
    broken_plan(bad_case("alias_bomb")["edits"])
    code = "from model.loader import load_plan\ntry:\n    load_plan('plan')\nexcept Exception as e:\n    print(e.title)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.stdout.strip() == "invalid YAML: anchor &a (plan files do not use anchors and aliases)"


@pytest.mark.parametrize("text", ["plans: &p []\n", "plans: [&x a, *x]\n", "heading: !!binary aGk=\nplans: []\n",
                                  "plans: [" * 60 + "]" * 60 + "\n"])
def test_the_quick_reader_never_accepts_what_the_careful_one_refuses(text):
    """Anchors, aliases, tags and deep nesting go to the careful reader, which refuses them with a location."""
    assert quick_load(text) is None


def test_a_quickly_read_alias_bomb_is_not_walked_value_by_value():
    """Even if an anchor slipped past the quick reader's patterns, the shared lists stop it at once."""
    bomb = ["lol"] * 9
    for _ in range(9):
        bomb = [bomb] * 9  # 9**10 values, 90 objects
    assert _is_plain({"plans": bomb}) is False


# --- the hierarchy cannot loop; graph code that walks it does not hang if handed one that does ---------

def test_a_graph_whose_hierarchy_loops_gives_an_error_not_a_hang(mini_graph):
    g = mini_graph.copy()
    g.remove_edge("LP1", "vision", key=PART_OF)
    g.add_edge("LP1", "LP1.main", key=PART_OF, kind=PART_OF)  # LP1.main is part of LP1, now LP1 of LP1.main
    with pytest.raises(GoldenThreadError) as caught:
        trace(g, "LP1.main.o-fewer-referrals")
    assert caught.value.title == "the plan's hierarchy loops: LP1.main -> LP1 -> LP1.main"


def test_a_self_loop_gives_an_error_not_a_hang(mini_graph):
    g = mini_graph.copy()
    g.remove_edge("vision", "plan", key=PART_OF)
    g.add_edge("vision", "vision", key=PART_OF, kind=PART_OF)
    with pytest.raises(GoldenThreadError, match="hierarchy loops: vision -> vision"):
        chain_to_top(g, "DP1")
