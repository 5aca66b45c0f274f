"""Findings say where to edit: the YAML file, line and column of each item (model/locations.py)."""
from __future__ import annotations

import functools
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from goldenthread.cli.main import main as cli
from goldenthread.cli.paths import BUNDLED_PLAN_DIR
from goldenthread.model.analysis import CODES, run_all
from goldenthread.model.analysis.fixes import FIXES, TASKS
from goldenthread.model.graph import build_graph
from goldenthread.model.loader import load_plan
from goldenthread.model.locations import ItemPlaces, locate_findings
from goldenthread.model.yaml_source import read_yaml

SCENARIOS = Path(__file__).parent / "scenarios"


@functools.lru_cache(maxsize=16)
def careful_read(path: Path):
    return read_yaml(path)


def careful_id_position(directory: Path, places: ItemPlaces, node: str):
    """The position of *node*'s ``id`` key by the careful (round-trip) parser."""
    file = places.file_of(node)
    doc = careful_read(directory / file)
    location = doc.location(places._doc_paths()[node] + ("id",), key=True)
    return {"file": file, "line": location.line, "column": location.column}


@pytest.mark.parametrize("folder", [BUNDLED_PLAN_DIR, SCENARIOS / "03_duplicates", SCENARIOS / "04_quality"],
                         ids=lambda p: p.name)
def test_the_quick_scan_finds_every_item_where_the_careful_parser_does(folder: Path):
    g = build_graph(load_plan(folder))
    places = ItemPlaces(g, folder)
    checked = 0
    for node, kind in g.nodes(data="kind"):
        if kind in ("plan", "vision"):
            continue  # plan.yaml may give them no `id` at all
        assert places.locate(node) == careful_id_position(folder, places, node), node
        checked += 1
    assert checked > 5


def test_a_field_is_located_on_its_own_line(tmp_path: Path):
    shutil.copytree(SCENARIOS / "04_quality", tmp_path / "plan")
    g = build_graph(load_plan(tmp_path / "plan"))
    where = ItemPlaces(g, tmp_path / "plan").locate("LP1.a.unparsed", ("timescale",))
    line = (tmp_path / "plan" / where["file"]).read_text().splitlines()[where["line"] - 1]
    assert line[where["column"] - 1:].startswith("timescale: As soon as possible")


def test_an_id_the_scan_is_unsure_of_is_found_by_the_careful_parser(tmp_path: Path):
    plan = tmp_path / "plan"
    shutil.copytree(SCENARIOS / "04_quality", plan)
    group = plan / "groups" / "leadership.yaml"
    text = group.read_text()
    # the same "id: LP1.a.unparsed" line inside another item's block text: the scan cannot tell which is the item
    text = text.replace("            text: No RAG given\n",
                        "            text: |\n              see below\n              id: LP1.a.unparsed\n", 1)
    group.write_text(text)
    g = build_graph(load_plan(plan))
    places = ItemPlaces(g, plan)
    assert places.locate("LP1.a.unparsed") == careful_id_position(plan, places, "LP1.a.unparsed")
    assert places.locate("LP1.a.unparsed")["line"] == text.splitlines().index("          - id: LP1.a.unparsed") + 1


def test_every_finding_of_the_bundled_plan_points_at_its_item():
    g = build_graph(load_plan(BUNDLED_PLAN_DIR))
    findings = locate_findings(g, BUNDLED_PLAN_DIR, run_all(g))
    assert findings and all(f.locations for f in findings)
    for f in findings:
        lines = (BUNDLED_PLAN_DIR / f.locations[0]["file"]).read_text(encoding="utf-8").splitlines()
        # the line is the item's own id, or a field within a few lines of it
        at = f.locations[0]["line"] - 1
        around = "\n".join(lines[max(0, at - 40):at + 1])
        assert f"id: {f.nodes[0]}" in around, (f.code, f.nodes[0], f.locations[0])


def test_check_json_gives_locations_beside_the_source():
    result = CliRunner().invoke(cli, ["check", str(BUNDLED_PLAN_DIR), "--format", "json", "--fail-on", "never"])
    assert result.exit_code == 0, result.output
    findings = json.loads(result.output)["findings"]
    first = next(f for f in findings if f["code"] == "priority-without-plan")
    assert first["source"]["lines"]
    assert first["locations"][0]["file"].startswith("groups/") and first["locations"][0]["line"] > 0
    ambiguous = next(f for f in findings if f["code"] == "ambiguous-reference")
    assert [loc["file"] for loc in ambiguous["locations"]] == ["operational_plans.yaml"]  # not the priorities


def test_check_text_shows_name_fix_and_file_line():
    result = CliRunner().invoke(cli, ["check", str(BUNDLED_PLAN_DIR), "--fail-on", "never"])
    fix = FIXES["priority-without-plan"]
    assert fix.name in result.output and fix.fix in result.output
    assert "groups/leadership.yaml:" in result.output


def test_every_code_has_a_name_a_task_and_a_fix():
    assert set(FIXES) == set(CODES)
    for code, fix in FIXES.items():
        assert fix.name and fix.fix and fix.task in TASKS, code
    assert len({fix.name for fix in FIXES.values()}) == len(FIXES), "two codes read the same"
