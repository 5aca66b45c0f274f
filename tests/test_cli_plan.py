"""The plan commands through click's CliRunner: validate, stats, export."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from goldenthread.model.errors import relative
from goldenthread.model.graph import EDGE_KINDS, NODE_KINDS
from goldenthread.model.schema import RAG_VALUES
from goldenthread.cli import paths
from goldenthread.cli.main import main

MINI_PLAN = Path(__file__).parent / "fixtures" / "mini_plan"
MINI = str(MINI_PLAN)


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_validate_prints_one_ok_line():
    result = run("validate", MINI)
    assert result.exit_code == 0
    assert result.stdout == (f"OK: {relative(MINI_PLAN)}: Example Council - Service Plan 2021/2022: 3 priorities, 4 actions, 2 indicators, "
                             "5 outcomes, 2 operational plans, 2 leads\n")


def test_validate_reports_a_broken_plan_with_exit_2_and_no_traceback(broken_plan, bad_case):
    spec = bad_case("several_errors")
    plan_dir = broken_plan(spec["edits"])
    result = run("validate", str(plan_dir))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == spec["expected"]
    assert "Traceback" not in result.output


def test_validate_a_folder_that_does_not_exist(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("validate", "missing")
    assert result.exit_code == 2
    assert result.stderr.startswith("missing: error: plan folder missing does not exist\n")


def test_plan_dir_defaults_to_plan_data_in_the_working_directory(tmp_path, monkeypatch):
    shutil.copytree(MINI_PLAN, tmp_path / "plan_data")
    monkeypatch.chdir(tmp_path)
    result = run("validate")
    assert result.exit_code == 0
    assert result.stdout.startswith("OK: plan_data: Example Council")


def test_without_a_local_plan_data_the_bundled_plan_is_the_default(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert paths.default_plan_dir() == Path(__file__).resolve().parents[1] / "plan_data"
    assert paths.resolve_plan_dir("elsewhere") == Path("elsewhere")


def test_stats_as_text():
    result = run("stats", MINI)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "Example Council - Service Plan 2021/2022 (2021/2022)"
    assert "  outcome               5" in lines
    assert "  AMBER/GREEN           1" in lines
    assert "  none                  1" in lines
    assert "  leadership (2 Strategic Leadership Priorities)" in lines
    assert "  serves                2" in lines
    assert lines[-1] == "Unresolved references: 1 (ambiguous 1)"


def test_stats_as_json():
    result = run("stats", MINI, "--format", "json")
    assert result.exit_code == 0
    stats = json.loads(result.stdout)
    assert stats["nodes"] == {"plan": 1, "vision": 1, "priority": 3, "action": 4, "indicator": 2, "outcome": 5,
                              "operational_plan": 2, "lead": 2}
    assert stats["rag"] == {"GREEN": 1, "AMBER": 1, "RED": 1, "AMBER/GREEN": 1, "N/A": 0, "none": 1}
    assert stats["groups"]["departmental"] == {"name": "1 Strategic Departmental Priorities", "priorities": 1,
                                               "actions": 1, "indicators": 1, "outcomes": 2}
    assert stats["links"] == {"part_of": 15, "serves": 2, "led_by": 2, "references": 1}
    assert stats["unresolved"] == {"total": 1, "by_reason": {"ambiguous": 1}}


def test_export_gives_node_link_json_as_the_issue_specifies():
    result = run("export", MINI, "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    nodes = {node["id"]: node for node in data["nodes"]}
    assert len(nodes) == len(data["nodes"]) == 20
    for node in data["nodes"]:
        assert node["kind"] in NODE_KINDS
        assert "title" in node or "text" in node
        assert "source" in node
        assert node["source"] is None or (node["source"]["file"] == "source/plan.txt"
                                          and len(node["source"]["lines"]) == 2)
        if node["kind"] == "priority":
            assert node["group"] in ("leadership", "departmental") and isinstance(node["number"], int)
        if node["kind"] == "outcome":
            assert node["rag"] in (*RAG_VALUES, None) and "timescale" in node
        if node["kind"] == "operational_plan":
            assert "document" in node and isinstance(node["unresolved"], list)
    assert nodes["DP1.corporate-parenting.o-local-offer"]["rag"] is None
    assert nodes["education-plan"]["document"] is None
    assert nodes["education-plan"]["unresolved"][0]["reason"] == "ambiguous"
    assert nodes["LP2"]["source"] == {"file": "source/plan.txt", "lines": [7, 8]}
    for link in data["links"]:
        assert set(link) >= {"source", "target", "kind"}
        assert link["kind"] in EDGE_KINDS and link["source"] in nodes and link["target"] in nodes
    serves = sorted((l["source"], l["target"]) for l in data["links"] if l["kind"] == "serves")
    assert serves == [("fostering-plan", "DP1"), ("fostering-plan", "LP2")]
    assert data["graph"]["period"] == {"label": "2021/2022", "start": "2021-04-01", "end": "2022-03-31"}


def test_export_is_deterministic_and_can_write_a_file(tmp_path):
    first, second = run("export", MINI), run("export", MINI)
    assert first.stdout == second.stdout
    out = tmp_path / "plan.json"
    result = run("export", MINI, "--out", str(out))
    assert result.exit_code == 0
    assert out.read_text(encoding="utf-8") == first.stdout
    assert list(tmp_path.iterdir()) == [out]  # no temporary file left behind


def test_export_of_a_broken_plan_writes_nothing(broken_plan, tmp_path):
    plan_dir = broken_plan([{"file": "groups/leadership.yaml", "replace": "rag: AMBER\n", "with": "rag: AMBR\n"}])
    result = run("export", str(plan_dir), "--out", "plan.json")
    assert result.exit_code == 2
    assert result.stderr.startswith("plan/groups/leadership.yaml:40:18: error: unknown RAG value 'AMBR'")
    assert not (tmp_path / "plan.json").exists()


def test_export_into_a_missing_folder_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("export", MINI, "--out", "no/such/folder/plan.json")
    assert result.exit_code == 2
    assert result.stderr == ("no/such/folder/plan.json: error: folder no/such/folder does not exist\n"
                             "  hint: create the folder first, or choose another --out\n")


def test_export_accepts_only_json():
    result = run("export", MINI, "--format", "csv")
    assert result.exit_code == 2
    assert "Invalid value for '--format': 'csv'" in result.output
