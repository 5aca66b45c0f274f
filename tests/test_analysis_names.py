"""Issue 12: two leads or two plans with the same name, case and spacing aside, get a `duplicate-name` finding."""
from __future__ import annotations

import shutil

from click.testing import CliRunner

from goldenthread.cli.main import main
from goldenthread.model.analysis import run_all
from goldenthread.model.analysis.names import duplicate_names
from goldenthread.model.graph import build_graph
from goldenthread.model.loader import load_plan
from site_fixtures import MINI_PLAN


def _plan(tmp_path, *replacements):
    plan = tmp_path / "plan"
    shutil.copytree(MINI_PLAN, plan)
    ops = plan / "operational_plans.yaml"
    text = ops.read_text(encoding="utf-8")
    for old, new in replacements:
        assert text.count(old) == 1
        text = text.replace(old, new)
    ops.write_text(text, encoding="utf-8")
    return build_graph(load_plan(plan))


def test_the_mini_plan_has_no_duplicate_names(mini_graph):
    assert list(duplicate_names(mini_graph)) == []


def test_two_leads_of_one_name_case_and_spacing_aside(tmp_path):
    # reported: two leads (or plans) with the same name passed without a finding
    g = _plan(tmp_path, ("name: Sam Smith", "name: '  jo   BLOGGS '"))
    found = list(duplicate_names(g))
    assert [(f.code, f.severity, f.nodes) for f in found] == [("duplicate-name", "warning", ("jo-bloggs", "sam-smith"))]
    assert found[0].message == "2 leads share the name 'Jo Bloggs': jo-bloggs, sam-smith"
    assert found[0].details["kind"] == "lead"
    assert "duplicate-name" in [f.code for f in run_all(g)]


def test_two_plans_of_one_name(tmp_path):
    g = _plan(tmp_path, ("name: Education Plan", "name: fostering plan"))
    assert [(f.nodes, f.details["kind"]) for f in duplicate_names(g)] == [
        (("fostering-plan", "education-plan"), "operational plan")]


def test_a_lead_and_a_plan_of_one_name_are_not_duplicates(tmp_path):
    g = _plan(tmp_path, ("name: Sam Smith", "name: Fostering Plan"))
    assert list(duplicate_names(g)) == []


def test_check_reports_it(tmp_path, monkeypatch):
    _plan(tmp_path, ("name: Sam Smith", "name: Jo Bloggs"))
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "plan", "--format", "json"])
    assert '"code": "duplicate-name"' in result.output
