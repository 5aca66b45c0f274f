"""load_plan on a good plan folder: what it reads, in what order, with what types."""
from __future__ import annotations

import datetime as dt

from goldenthread.model.loader import load_plan
from goldenthread.model.schema import PlanData


def test_loads_every_file_of_the_mini_plan(mini_plan, mini_plan_dir):
    assert isinstance(mini_plan, PlanData)
    assert mini_plan.directory == str(mini_plan_dir)
    assert mini_plan.plan.title == "Example Council - Service Plan 2021/2022"
    assert mini_plan.plan.vision.text == "Every child thrives."
    assert [g.key for g in mini_plan.groups] == ["leadership", "departmental"]
    assert [p.id for p in mini_plan.priorities()] == ["LP1", "LP2", "DP1"]
    assert [op.id for op in mini_plan.operational.plans] == ["fostering-plan", "education-plan"]
    assert [lead.id for lead in mini_plan.operational.leads] == ["jo-bloggs", "sam-smith"]


def test_unquoted_dates_become_dates(mini_plan):
    assert mini_plan.plan.period.start == dt.date(2021, 4, 1)
    assert mini_plan.plan.period.end == dt.date(2022, 3, 31)
    assert mini_plan.plan.last_updated == dt.date(2022, 1, 10)


def test_quoted_dates_are_read_too(broken_plan):
    plan_dir = broken_plan([{"file": "plan.yaml", "replace": "start: 2021-04-01", "with": 'start: "2021-04-01"'}])
    assert load_plan(plan_dir).plan.period.start == dt.date(2021, 4, 1)


def test_the_source_document_lines_are_loaded(mini_plan):
    assert len(mini_plan.source_lines) == 18
    assert mini_plan.source_lines[0] == "OUR VISION"
    assert mini_plan.source_lines[-1] == "Education Plan"


def test_multiline_text_and_values_are_plain_python(mini_plan):
    indicator = mini_plan.groups[0].priorities[0].actions[0].indicators[0]
    assert indicator.text == "Stable management team\nBudgets managed"
    assert type(indicator.text) is str
    assert mini_plan.groups[0].priorities[0].actions[0].lines == (6, 6)


def test_rag_and_unresolved_references_are_kept(mini_plan):
    outcomes = [o for p in mini_plan.priorities() for a in p.actions for o in a.outcomes]
    assert [o.rag for o in outcomes] == ["GREEN", "AMBER", "RED", "AMBER/GREEN", None]
    education = mini_plan.operational.plans[1]
    assert education.document is None
    assert education.priorities == []
    assert [(u.text, u.reason, u.candidates) for u in education.unresolved] == [
        ("Strategic Priority 1", "ambiguous", ["DP1", "LP1"])]


def test_groups_are_read_in_the_order_plan_yaml_lists_them(broken_plan):
    plan_dir = broken_plan([{"file": "plan.yaml", "replace": "groups: [leadership, departmental]",
                             "with": "groups: [departmental, leadership]"}])
    assert [p.id for p in load_plan(plan_dir).priorities()] == ["DP1", "LP1", "LP2"]


def test_a_plan_without_a_source_document(broken_plan):
    plan_dir = broken_plan([{"file": "plan.yaml", "replace": "source_file: source/plan.txt\n", "with": ""},
                            {"file": "source/plan.txt", "delete": True}])
    data = load_plan(plan_dir)
    assert data.plan.source_file is None
    assert data.source_lines == []


def test_an_empty_operational_plans_file_is_fine(broken_plan):
    plan_dir = broken_plan([{"file": "operational_plans.yaml", "write": "plans: []\n"}])
    data = load_plan(plan_dir)
    assert data.operational.plans == [] and data.operational.leads == []


def test_load_plan_accepts_a_string_path(mini_plan_dir):
    assert load_plan(str(mini_plan_dir)).plan.id == "plan"


def test_a_yaml_tag_forcing_text_is_read_as_text(broken_plan):
    plan_dir = broken_plan([{"file": "groups/leadership.yaml", "replace": 'label: "1"', "with": "label: !!str 1"}])
    assert load_plan(plan_dir).groups[0].priorities[0].actions[0].label == "1"
