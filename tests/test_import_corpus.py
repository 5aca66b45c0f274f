"""The import corpus: documents of other councils and services read as a person reads them.

Each tests/import_scenarios/NN_name/ holds a ``source.txt`` and the facts a
person transcribing it would write down (``facts.json``, made from the
document's description in tests/corpus_documents.py with due dates worked out
by hand): counts of priorities, actions, outcomes by RAG, plans, leads and
links, the full titles, and each outcome's timescale with its due date. The
accounting invariant holds over every scenario (the bundled plan's included).
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from goldenthread.model.graph import build_graph
from goldenthread.model.importer import run_import
from goldenthread.model.loader import load_plan

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = ROOT / "tests" / "import_scenarios"
CORPUS = sorted(p.name for p in SCENARIOS.iterdir() if (p / "facts.json").exists())
EVERY_SOURCE = [SCENARIOS / p.name / "source.txt" for p in sorted(SCENARIOS.iterdir()) if p.is_dir()]
BUNDLED = ROOT / "plan_data" / "source" / "service-development-plan-2020-21.txt"


def test_the_corpus_has_at_least_twelve_documents_of_every_size():
    assert len(CORPUS) >= 12
    sizes = [json.loads((SCENARIOS / name / "facts.json").read_text())["outcomes_by_rag"] for name in CORPUS]
    totals = sorted(sum(s.values()) for s in sizes)
    assert totals[0] <= 3 and totals[-1] >= 80


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    """Each corpus document imported once: (plan data, graph, report)."""
    cache = {}

    def get(name: str):
        if name not in cache:
            out = tmp_path_factory.mktemp(name) / "plan"
            report = run_import(SCENARIOS / name / "source.txt", out)
            data = load_plan(out)
            cache[name] = (data, build_graph(data), report)
        return cache[name]
    return get


@pytest.mark.parametrize("name", CORPUS)
def test_counts_are_what_a_reader_counts(name, imported):
    facts = json.loads((SCENARIOS / name / "facts.json").read_text())
    data, _graph, report = imported(name)
    assert {g.key: len(g.priorities) for g in data.groups} == facts["priorities"]
    assert sum(len(p.actions) for g in data.groups for p in g.priorities) == facts["actions"]
    by_rag = {value: 0 for value in facts["outcomes_by_rag"]}
    for group in data.groups:
        for priority in group.priorities:
            for action in priority.actions:
                for outcome in action.outcomes:
                    by_rag[outcome.rag or "none"] += 1
    assert by_rag == facts["outcomes_by_rag"]
    assert len(data.operational.plans) == facts["plans"]
    assert len(data.operational.leads) == facts["leads"]
    assert sum(len(p.priorities) for p in data.operational.plans) == facts["links"]
    assert not any(p.unresolved for p in data.operational.plans), [p.unresolved for p in data.operational.plans]
    # the dry run counts the same
    assert report.summary.to_dict()["outcomes_by_rag"] == facts["outcomes_by_rag"]


@pytest.mark.parametrize("name", CORPUS)
def test_titles_are_the_full_titles(name, imported):
    facts = json.loads((SCENARIOS / name / "facts.json").read_text())
    data, _graph, _report = imported(name)
    assert {g.key: [p.title for p in g.priorities] for g in data.groups} == facts["titles"]


@pytest.mark.parametrize("name", CORPUS)
def test_timescales_parse_to_the_due_dates_a_reader_gives(name, imported):
    facts = json.loads((SCENARIOS / name / "facts.json").read_text())
    _data, graph, _report = imported(name)
    outcomes = sorted((n for n, k in graph.nodes(data="kind") if k == "outcome"),
                      key=lambda n: graph.nodes[n]["source"]["lines"][0])
    read = [[graph.nodes[n]["timescale"], graph.nodes[n]["parsed_timescale"]["due"]] for n in outcomes
            if graph.nodes[n]["timescale"]]
    assert read == facts["timescales"]


@pytest.mark.parametrize("name", CORPUS)
def test_no_structure_changes_silently(name, imported):
    """Unknown ratings are reported at their line with a hint and kept as text; nothing is unaccounted for."""
    _data, graph, report = imported(name)
    unknown = [e for e in report.entries if e.code == "unknown-rating"]
    kept = [d for _, d in graph.nodes(data=True) if d.get("kind") == "outcome" and d.get("rag_text") and not d["rag"]]
    assert len(unknown) == len(kept)
    assert all(e.line for e in unknown)
    assert not [e for e in report.entries if e.level == "error"]


@pytest.mark.parametrize("source", EVERY_SOURCE + [BUNDLED], ids=lambda p: p.parent.name)
def test_every_word_of_every_scenario_is_accounted_for(source, tmp_path):
    report = run_import(source, tmp_path / "p", dry_run=True)
    problems = [e.format(source.name) for e in report.entries if e.code in ("unaccounted-text", "text-repeated")]
    assert not problems
    assert any(e.code == "accounting" and "every word is accounted for" in e.message for e in report.entries)


def test_lost_text_is_reported_at_its_line(tmp_path):
    """The invariant can fail: a paragraph the importer has no place for is named at its line."""
    lines = BUNDLED.read_text(encoding="utf-8").split("\n")
    lines.insert(30, "A stray paragraph between two tables")
    source = tmp_path / "export.txt"
    source.write_text("\n".join(lines), encoding="utf-8")
    report = run_import(source, tmp_path / "p", dry_run=True)
    lost = [e for e in report.entries if e.code == "unaccounted-text"]
    assert [(e.line, e.message.split(": ")[-1]) for e in lost] == [(31, "a stray paragraph between two tables")]
