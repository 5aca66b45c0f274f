"""Every kind of bad input gives one located, readable error: scenarios in tests/fixtures/bad/.

Each ``tests/fixtures/bad/<case>.yaml`` says how to break a copy of the mini
plan (``edits``) and the exact error text :func:`load_plan` must give
(``expected``), file:line:col, title and hint included.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from model.errors import Location, PlanLoadError
from model.loader import load_plan

CASES = sorted((Path(__file__).parent / "fixtures" / "bad").glob("*.yaml"))


def test_there_are_cases_for_every_kind_of_bad_input():
    names = {path.stem for path in CASES}
    required = {"bad_yaml_syntax", "wrong_type_number", "misspelt_field", "unknown_field", "unknown_rag",
                "missing_required_field", "duplicate_id", "unknown_priority_reference", "unknown_lead",
                "unknown_candidate", "group_key_mismatch", "priority_listed_twice", "lines_reversed",
                "lines_past_end", "missing_group_file", "missing_source_file", "several_errors"}
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


def test_a_file_that_is_not_utf8(broken_plan):
    plan_dir = broken_plan([])
    (plan_dir / "operational_plans.yaml").write_bytes(b"heading: caf\xe9\n")
    with pytest.raises(PlanLoadError) as caught:
        load_plan(plan_dir)
    assert caught.value.format() == ("plan/operational_plans.yaml: error: operational_plans.yaml is not UTF-8 text\n"
                                     "  hint: save the file as UTF-8 (byte 12 is not valid UTF-8)")


def test_a_source_file_outside_the_plan_folder_is_refused(broken_plan):
    plan_dir = broken_plan([{"file": "plan.yaml", "replace": "source_file: source/plan.txt",
                             "with": "source_file: ../../etc/passwd"}])
    with pytest.raises(PlanLoadError) as caught:
        load_plan(plan_dir)
    assert caught.value.title == "source_file '../../etc/passwd' is outside the plan folder"
    assert caught.value.location == Location("plan/plan.yaml", 9, 14)
