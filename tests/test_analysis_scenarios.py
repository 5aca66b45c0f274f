"""Scenario tests: each folder under ``tests/scenarios/`` is a small plan and its expected analysis.

A scenario folder is either a plan folder (``plan.yaml``, ``groups/``,
``operational_plans.yaml``, ``source/``) with ``expected.json``, or a diff
scenario with ``old/`` and ``new/`` plan folders and ``expected.json``, or a history scenario with
``versions/<name>/`` plan folders (oldest first by name, the last the current plan): its
``expected.json`` holds the history and the change findings of ``check --previous``.

``expected.json`` holds ``options`` (inputs: ``as_of``, the IDs to
``trace`` and ``impact``, whether to compute ``dependencies`` and the
``trace_matrix``) and the expected outputs under the same names, plus
``findings`` (every finding of :func:`model.analysis.run_all`, as code,
severity, nodes, message and YAML locations) or ``diff``. Outputs are compared exactly.

Golden files change on purpose only: run ``GOLDENTHREAD_UPDATE_GOLDEN=1
.venv/bin/pytest tests/test_analysis_scenarios.py`` to rewrite them from the
code's output, then read the diff of ``expected.json`` before committing.
"""
from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest

from goldenthread.model.analysis import CODES, run_all
from goldenthread.model.analysis.dependencies import dependency_matrix
from goldenthread.model.analysis.changes import change_findings
from goldenthread.model.analysis.diff import diff
from goldenthread.model.history import plan_history
from goldenthread.model.analysis.impact import impact
from goldenthread.model.analysis.trace import trace, trace_matrix
from goldenthread.model.graph import build_graph
from goldenthread.model.loader import load_plan
from goldenthread.model.locations import locate_findings

SCENARIOS = Path(__file__).parent / "scenarios"
UPDATE = os.environ.get("GOLDENTHREAD_UPDATE_GOLDEN") == "1"


def scenario_dirs() -> list[Path]:
    return sorted(p for p in SCENARIOS.iterdir() if (p / "expected.json").is_file())


def finding_rows(findings) -> list[dict]:
    return [{"code": f.code, "severity": f.severity, "nodes": list(f.nodes), "message": f.message,
             "locations": list(f.locations)} for f in findings]


def actual_outputs(folder: Path, options: dict) -> dict:
    """Everything the scenario's ``options`` ask for, computed by the library."""
    if (folder / "versions").is_dir():
        # a history scenario: versions/<name>/ plan folders, oldest first by name; the last is current
        versions = sorted(p for p in (folder / "versions").iterdir() if p.is_dir())
        graphs = [(p.name, build_graph(load_plan(p))) for p in versions]
        history = plan_history(graphs[-1][1], graphs[-2::-1], current_label=graphs[-1][0])
        return json.loads(json.dumps({"history": history.to_dict(),
                                      "findings": finding_rows(locate_findings(graphs[-1][1], versions[-1],
                                                                               change_findings(history)))},
                                     default=str))
    if (folder / "old").is_dir():
        return {"diff": diff(load_plan(folder / "old"), load_plan(folder / "new")).to_dict()}
    g = build_graph(load_plan(folder))
    as_of = dt.date.fromisoformat(options["as_of"]) if options.get("as_of") else None
    out = {"findings": finding_rows(locate_findings(g, folder, run_all(g, as_of=as_of)))}
    if options.get("trace"):
        out["trace"] = {item: trace(g, item).to_dict() for item in options["trace"]}
    if options.get("trace_matrix"):
        out["trace_matrix"] = [row.to_dict() for row in trace_matrix(g)]
    if options.get("impact"):
        out["impact"] = {item: impact(g, item).to_dict() for item in options["impact"]}
    if options.get("dependencies"):
        out["dependencies"] = dependency_matrix(g).to_dict()
    return json.loads(json.dumps(out, default=str))  # dates and tuples as JSON would have them


@pytest.mark.parametrize("folder", scenario_dirs(), ids=lambda p: p.name)
def test_scenario(folder: Path):
    path = folder / "expected.json"
    expected = json.loads(path.read_text(encoding="utf-8"))
    options = expected.get("options", {})
    actual = actual_outputs(folder, options)
    if UPDATE:
        path.write_text(json.dumps({"options": options, **actual}, indent=2, ensure_ascii=False) + "\n",
                        encoding="utf-8")
        pytest.skip(f"rewrote {path.relative_to(SCENARIOS.parent)}")
    for key, value in actual.items():
        assert value == expected.get(key), f"{folder.name}: {key} differs from expected.json"


def test_every_code_has_a_scenario():
    """Each registered finding code is expected somewhere, so each is shown to fire on a plan."""
    seen = set()
    for folder in scenario_dirs():
        seen |= {f["code"] for f in json.loads((folder / "expected.json").read_text()).get("findings", [])}
    # unreachable-item cannot be written in YAML (nesting is the hierarchy): see
    # test_analysis_units.py::test_an_item_cut_off_from_the_vision_is_unreachable_and_so_is_everything_under_it.
    assert set(CODES) - seen == {"unreachable-item"}
