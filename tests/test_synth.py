"""Synthetic plans (``goldenthread synth``): valid, deterministic, to scale, and their plants are found.

The analyses are counted against the manifest exactly: for every finding
code, the items the findings name are the items planted, no more and no
fewer (recall and precision both 1). The background text is written so that
nothing else is a duplicate by accident (:mod:`model.synth.text`).
"""
from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest
from click.testing import CliRunner
from ruamel.yaml import YAML

from goldenthread.model.analysis import run_all
from goldenthread.model.graph import build_graph, group_index
from goldenthread.model.loader import load_plan
from goldenthread.model.quick_yaml import quick_load
from goldenthread.model.references import find_references
from goldenthread.model.yaml_source import to_plain
from goldenthread.model.stats import plan_stats
from goldenthread.model.synth import MANIFEST_FILE, synthesize
from goldenthread.cli.main import main

BUNDLED = {"priorities": 14, "actions": 21, "indicators": 34, "outcomes": 105, "operational_plans": 11, "leads": 7}


def write(plan, folder: Path) -> Path:
    for name, text in plan.files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def scale3(tmp_path_factory):
    plan = synthesize(3, seed=1)
    return plan, write(plan, tmp_path_factory.mktemp("synth3"))


def found_vs_planted(folder: Path, manifest: dict) -> tuple[dict, dict]:
    found: dict[str, set] = defaultdict(set)
    for f in run_all(build_graph(load_plan(folder))):
        found[f.code].add(frozenset(f.nodes))
    planted = {code: {frozenset(e["nodes"]) for e in entries} for code, entries in manifest["planted"].items()}
    return dict(found), planted


def test_the_command_writes_a_valid_plan_and_its_manifest(tmp_path):
    out = tmp_path / "plan"
    result = CliRunner().invoke(main, ["synth", "--scale", "1", "--out", str(out)])
    assert result.exit_code == 0, result.output
    manifest = json.loads((out / MANIFEST_FILE).read_text(encoding="utf-8"))
    stats = plan_stats(build_graph(load_plan(out)))
    assert stats.nodes["priority"] == manifest["counts"]["priorities"] == 14
    assert stats.nodes["outcome"] == manifest["counts"]["outcomes"]
    assert f"{manifest['counts']['outcomes']} outcomes" in result.output


def test_the_command_replaces_its_own_folder_but_no_other(tmp_path):
    out = tmp_path / "plan"
    assert CliRunner().invoke(main, ["synth", "--out", str(out), "--seed", "1"]).exit_code == 0
    assert CliRunner().invoke(main, ["synth", "--out", str(out), "--seed", "2"]).exit_code == 0
    assert json.loads((out / MANIFEST_FILE).read_text(encoding="utf-8"))["seed"] == 2
    other = tmp_path / "notes"
    other.mkdir()
    (other / "minutes.txt").write_text("keep me", encoding="utf-8")
    result = CliRunner().invoke(main, ["synth", "--out", str(other)])
    assert result.exit_code == 2
    assert "not empty and was not written by goldenthread" in result.output and "hint:" in result.output
    assert [p.name for p in other.iterdir()] == ["minutes.txt"]
    assert not list(tmp_path.glob(".*synth*")), "no temporary folder is left behind"


def test_the_same_seed_gives_the_same_plan_and_another_seed_another():
    assert synthesize(2, seed=5) == synthesize(2, seed=5)
    assert synthesize(2, seed=5).files != synthesize(2, seed=6).files


def test_counts_are_the_bundled_plans_times_the_scale(scale3):
    one = synthesize(1).manifest["counts"]
    three = scale3[0].manifest["counts"]
    for counts, n in ((one, 1), (three, 3)):
        assert counts["groups"] == 2 * n
        assert counts["priorities"] == BUNDLED["priorities"] * n
        # The bundled plan's counts, times n, give or take what chance and the plants add or remove.
        for kind in ("actions", "indicators", "outcomes", "operational_plans", "leads"):
            assert 0.75 * BUNDLED[kind] * n <= counts[kind] <= 1.3 * BUNDLED[kind] * n, (kind, counts)


def test_every_file_reads_quickly_and_as_the_careful_reader_reads_it():
    for name, text in synthesize(1, seed=2).files.items():
        quick = quick_load(text)
        assert quick is not None, f"{name} would be read the slow way"
        assert quick == to_plain(YAML(typ="rt").load(text)), name


def test_connected_cells_read_back_as_the_priorities_and_unresolved_references(scale3):
    data = load_plan(scale3[1])
    index = group_index(data.groups)
    unresolved_seen = 0
    for op in data.operational.plans:
        refs = find_references(op.connected or "", index)
        assert sorted(i for r in refs for i in r.ids) == sorted(op.priorities), op.id
        wanted = [(u.text, u.reason, u.candidates) for u in op.unresolved if u.reason != "unparsed"]
        assert [(r.text, r.reason, r.candidates) for r in refs if not r.resolved] == wanted, op.id
        unresolved_seen += len(op.unresolved)
    assert unresolved_seen > 0


@pytest.mark.parametrize("seed", [0, 1])
def test_the_analyses_find_exactly_what_was_planted_at_scale_1(tmp_path, seed):
    plan = synthesize(1, seed=seed)
    found, planted = found_vs_planted(write(plan, tmp_path), plan.manifest)
    assert found == planted


def test_the_analyses_find_exactly_what_was_planted_at_scale_3(scale3):
    plan, folder = scale3
    found, planted = found_vs_planted(folder, plan.manifest)
    assert found == planted
    for code in ("duplicate", "near-duplicate", "status-conflict", "priority-without-plan",
                 "ambiguous-reference", "plan-without-priority", "lead-without-plan"):
        assert planted[code], f"nothing planted for {code}"


def test_the_analyses_find_exactly_what_was_planted_at_scale_10(tmp_path):
    plan = synthesize(10, seed=0)
    found, planted = found_vs_planted(write(plan, tmp_path), plan.manifest)
    assert {code: len(v) for code, v in found.items()} == {code: len(v) for code, v in planted.items()}
    assert found == planted


def test_planted_rates_are_kept(scale3):
    manifest = scale3[0].manifest
    outcomes = manifest["counts"]["outcomes"]
    dup_rate = manifest["rates"]["duplicate"]["rate"] + manifest["rates"]["duplicate-passage"]["rate"]
    assert len(manifest["planted"]["duplicate"]) == pytest.approx(dup_rate * outcomes, abs=2)
    assert len(manifest["planted"]["near-duplicate"]) == pytest.approx(
        manifest["rates"]["near-duplicate"]["rate"] * outcomes, abs=2)
