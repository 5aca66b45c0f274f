"""Issue 11's findings, one by one: each imports correctly or is reported at its line, never silently."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from click.testing import CliRunner

from goldenthread.cli.main import main
from goldenthread.model.analysis.quality import quality
from goldenthread.model.graph import build_graph
from goldenthread.model.importer import run_import
from goldenthread.model.loader import load_plan

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "plan_data" / "source" / "service-development-plan-2020-21.txt"
CORRECTIONS = ROOT / "plan_data" / "import" / "corrections.yaml"
LINES = SOURCE.read_text(encoding="utf-8").split("\n")


def _edited(tmp_path: Path, edits: dict[int, tuple[str, str]]) -> Path:
    """The shipped export with, on each 1-based line, one text replaced by another."""
    lines = list(LINES)
    for number, (old, new) in edits.items():
        assert old in lines[number - 1], (number, old)
        lines[number - 1] = lines[number - 1].replace(old, new)
    path = tmp_path / "export.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def test_an_unknown_rating_never_changes_the_structure(tmp_path):
    """Issue 11, found 1: 'Amber-Green' is a rating; 'Ambre' on a row with an empty Action cell is kept as text."""
    original = run_import(SOURCE, tmp_path / "a", dry_run=True).summary.to_dict()
    source = _edited(tmp_path, {23: ("AMBER/ GREEN", "Amber-Green"), 26: ("AMBER/ GREEN", "Amber-Green"),
                                39: ("AMBER/ GREEN", "Amber-Green"), 25: ("\tGREEN", "\tAmbre")})
    report = run_import(source, tmp_path / "b")
    counts = report.summary.to_dict()
    assert counts["actions"] == original["actions"] and counts["outcomes"] == original["outcomes"]
    assert counts["outcomes_by_rag"]["AMBER/GREEN"] == original["outcomes_by_rag"]["AMBER/GREEN"] == 5
    unknown = [e for e in report.entries if e.code == "unknown-rating"]
    assert [(e.line, e.message) for e in unknown] == [(25, "unknown rating 'Ambre'; did you mean AMBER?")]
    assert not [e for e in report.entries if e.code == "shifted-row" and e.line in (23, 25, 26, 39)]
    data = load_plan(tmp_path / "b")
    lp4 = next(p for g in data.groups for p in g.priorities if p.id == "LP4")
    neglect = next(o for a in lp4.actions for o in a.outcomes if o.lines[0] == 25)
    assert (neglect.rag, neglect.rag_text, neglect.timescale) == (None, "Ambre", "December 2020")
    amber_green = next(o for a in lp4.actions for o in a.outcomes if o.lines[0] == 26)
    assert (amber_green.rag, amber_green.rag_text) == ("AMBER/GREEN", "Amber-Green")


def test_quarter_timescales_are_due_and_can_be_overdue(tmp_path):
    """Issue 11, found 3: 'Q3 2021/22' is due 31 December 2021; an AMBER item due then is overdue."""
    source = _edited(tmp_path, {45: ("October 2020", "Q3 2020/21"), 50: ("March 2021", "Q4 20/21")})
    run_import(source, tmp_path / "p")
    graph = build_graph(load_plan(tmp_path / "p"))
    found = {f.nodes[0]: f for f in quality(graph, as_of=dt.date(2021, 4, 2)) if f.code == "overdue"}
    due = {graph.nodes[n]["timescale"]: f.details["due"] for n, f in found.items()}
    assert due["Q3 2020/21"] == "2020-12-31" and due["Q4 20/21"] == "2021-03-31"
    assert not [f for f in quality(graph) if f.code == "unparsed-timescale" and "Q" in f.details["timescale"]]


def test_numbering_with_a_full_stop_imports(tmp_path):
    """Issue 11, found 5: priorities numbered '1.' instead of '1)' import the same."""
    edits = {n: (f"{d}) ", f"{d}. ") for n, d in ((17, 1), (18, 2), (23, 3), (24, 4), (34, 5), (45, 6), (48, 7))}
    report = run_import(_edited(tmp_path, edits), tmp_path / "p", dry_run=True)
    assert report.summary.to_dict() == run_import(SOURCE, tmp_path / "q", dry_run=True).summary.to_dict()


def test_without_corrections_structure_is_reported_not_invented(tmp_path):
    """Issue 11, found 6 and 7."""
    report = run_import(SOURCE, tmp_path / "p")
    data = load_plan(tmp_path / "p")
    assert data.plan.organisation is None                                 # nothing invented
    long_titles = {e.line: e for e in report.entries if e.code == "long-priority-title"}
    assert {57, 75, 120, 161} <= set(long_titles)
    assert "title: Early Help;" in long_titles[57].hint
    # issue 13: the quoted title is cut between words, not "...a good start in life; Ear'"
    assert "'Early Help Children and young people getting a good start in life…'" in long_titles[57].message
    dp1 = next(p for g in data.groups for p in g.priorities if p.id == "DP1")
    assert len(dp1.actions) == 1                                          # line 68 continues its cell
    assert "Target CAF improvement work" in dp1.actions[0].text
    headings = [(o.heading, o.text.split("\n")[0][:20]) for o in dp1.actions[0].outcomes if o.heading]
    assert headings == [("Data Collection", "Data return on numbe"), ("Quality Assurance", "QA checks of develop")]


def test_the_organisation_is_a_recorded_decision(tmp_path):
    report = run_import(SOURCE, tmp_path / "p", CORRECTIONS)
    decisions = [e for e in report.entries if e.code == "decision"]
    assert len(decisions) == 1 and "Blackburn with Darwen Borough Council" in decisions[0].message
    assert "Blackburn with Darwen Borough Council" not in SOURCE.read_text(encoding="utf-8")


def test_dry_run_prints_the_report_and_counts_and_writes_nothing(tmp_path):
    out = tmp_path / "plan"
    result = CliRunner().invoke(main, ["import", str(SOURCE), "--out", str(out), "--dry-run"])
    assert result.exit_code == 0, result.output
    assert not out.exists()
    assert "[accounting]" in result.output and "[long-priority-title]" in result.output
    assert "priorities: 14 (7 leadership, 7 departmental)" in result.output
    assert "outcomes: 105 (" in result.output and "operational plans: 11" in result.output
    assert "leads: 7" in result.output and "links from plans to priorities: 20" in result.output
