"""The importer: the bundled plan is reproduced exactly, unseen documents in the same shape import
correctly, and bad input gives a clear error with nothing written."""
from __future__ import annotations

import filecmp
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from goldenthread.model.errors import GoldenThreadError
from goldenthread.model.graph import OUTCOME, build_graph, nodes_of_kind
from goldenthread.model.importer import run_import
from goldenthread.model.loader import load_plan
from goldenthread.model.synth.document import shaped_document
from goldenthread.cli.main import main

ROOT = Path(__file__).resolve().parents[1]
PLAN_DATA = ROOT / "plan_data"
SOURCE = PLAN_DATA / "source" / "service-development-plan-2020-21.txt"
SCENARIOS = ROOT / "tests" / "import_scenarios"
UPDATE = os.environ.get("GOLDENTHREAD_UPDATE_GOLDEN") == "1"


def _files(folder: Path) -> set[Path]:
    return {p.relative_to(folder) for p in folder.rglob("*") if p.is_file()}


def test_reimporting_the_shipped_source_reproduces_plan_data(tmp_path):
    out = tmp_path / "plan"
    run_import(SOURCE, out, PLAN_DATA / "import" / "corrections.yaml")
    produced = _files(out)
    committed = _files(PLAN_DATA) - {Path("import/corrections.yaml")}
    assert produced == committed
    for path in sorted(produced):
        assert (out / path).read_bytes() == (PLAN_DATA / path).read_bytes(), f"{path} differs from plan_data/"


def test_reimport_in_place_changes_nothing(tmp_path):
    copy = tmp_path / "plan_data"
    shutil.copytree(PLAN_DATA, copy)
    run_import(copy / "source" / SOURCE.name, copy, force=True)
    assert not filecmp.dircmp(copy, PLAN_DATA).diff_files
    for sub in ("groups", "import", "source"):
        assert not filecmp.dircmp(copy / sub, PLAN_DATA / sub).diff_files


@pytest.mark.parametrize("scenario", sorted(p.name for p in SCENARIOS.iterdir() if (p / "expected").is_dir()))
def test_import_scenario_matches_expected_folder(tmp_path, scenario):
    folder = SCENARIOS / scenario
    corrections = folder / "corrections.yaml"
    out = tmp_path / "out"
    run_import(folder / "source.txt", out, corrections if corrections.exists() else None)
    expected = folder / "expected"
    if UPDATE:
        shutil.rmtree(expected, ignore_errors=True)
        shutil.copytree(out, expected, ignore=shutil.ignore_patterns("source"))
    produced = _files(out) - {Path("source/source.txt")}
    assert produced == _files(expected)
    for path in sorted(produced):
        assert (out / path).read_text() == (expected / path).read_text(), f"{scenario}: {path}"


def test_unseen_document_reads_as_the_document_says(tmp_path):
    """Scenario 01 is a council plan the importer was not written against: check its facts one by one."""
    run_import(SCENARIOS / "01_other_council" / "source.txt", tmp_path / "p")
    data = load_plan(tmp_path / "p")
    groups = {g.key: g for g in data.groups}
    assert [p.id for p in groups["leadership"].priorities] == ["LP1", "LP2", "LP3"]
    assert [p.id for p in groups["departmental"].priorities] == ["DP1", "DP2"]
    lp2 = groups["leadership"].priorities[1]
    assert [a.id for a in lp2.actions] == ["LP2.main", "LP2.a", "LP2.b"]
    # Two bullets and two Timescale/RAG pairs: two outcomes; the page break's "on the website" joins the second.
    assert [(o.text, o.timescale, o.rag) for o in lp2.actions[0].outcomes] == [
        ("Panel in place and reporting to the board", "May 2022", "GREEN"),
        ("Annual report published on the website", "March 2023", "AMBER"),
    ]
    dp1 = groups["departmental"].priorities[0]
    assert [a.label for a in dp1.actions] == ["DISCHARGE", "REABLEMENT"]
    assert dp1.actions[0].steps == ["Daily huddles with the hospital", "Trusted assessors"]
    discharge = [(o.text, o.rag) for o in dp1.actions[0].outcomes]
    assert discharge == [("Delays halved", "AMBER"), ("Huddles every weekday", "GREEN"), ("Assessors in post", "RED"),
                         ("Readmissions within 30 days fall", None), ("Readmissions reported to the board", "AMBER")]
    # The shifted REABLEMENT row and the Timescale/RAG row after it.
    reablement = dp1.actions[1]
    assert [i.text for i in reablement.indicators] == ["More people need no further care"]
    assert [(o.timescale, o.rag, o.lines) for o in reablement.outcomes] == [("March 2023", "GREEN", (34, 35))]
    plans = {p.name: p for p in data.operational.plans}
    assert plans["Residents Voice Plan"].priorities == ["LP2", "DP2"]
    assert [(u.text, u.reason) for u in plans["Residents Voice Plan"].unresolved] == [
        ("Departmental Priority 9", "no-such-priority")]
    assert plans["Residents Voice Plan"].document is None
    assert [(u.reason, u.candidates) for u in plans["Safety Plan"].unresolved] == [("ambiguous", ["DP1", "LP1"])]
    assert [lead.name for lead in data.operational.leads] == ["Ann Other", "Bob Smith", "Cat Jones"]
    graph = build_graph(data)
    assert len(nodes_of_kind(graph, OUTCOME)) == 14


@pytest.mark.parametrize("leadership, departmental, rows, plans", [(1, 1, 1, 1), (3, 9, 2, 4), (12, 2, 7, 15)])
def test_documents_of_other_sizes_import_with_every_item(tmp_path, leadership, departmental, rows, plans):
    source = tmp_path / "export.txt"
    source.write_text(shaped_document(leadership, departmental, rows, plans), encoding="utf-8")
    run_import(source, tmp_path / "p")
    data = load_plan(tmp_path / "p")
    lead_group, dept_group = data.groups
    assert [p.number for p in lead_group.priorities] == list(range(1, leadership + 1))
    assert [p.number for p in dept_group.priorities] == list(range(1, departmental + 1))
    for group in data.groups:
        for priority in group.priorities:
            outcomes = [o for a in priority.actions for o in a.outcomes]
            assert len(outcomes) == rows, priority.id
            assert all(o.timescale and o.rag for o in outcomes)
    assert all(len(p.actions[0].steps) == 2 for p in dept_group.priorities)
    assert len(data.operational.plans) == plans
    assert len(data.operational.leads) == min(plans, 3)
    has_page_break = (leadership + departmental) * rows > 5
    assert str(data.plan.last_updated) == ("2024-02-01" if has_page_break else "None")


# --- bad input: a clear error, nothing written ------------------------------------------------

def _import_error(*args, **kwargs) -> GoldenThreadError:
    with pytest.raises(GoldenThreadError) as info:
        run_import(*args, **kwargs)
    return info.value


def test_missing_source_file(tmp_path):
    error = _import_error(tmp_path / "nope.txt", tmp_path / "out")
    assert error.title == f"no such file: {tmp_path / 'nope.txt'}"
    assert error.hint == "give the path of the plan's text export"
    assert not (tmp_path / "out").exists()


def test_source_that_is_not_utf8(tmp_path):
    source = tmp_path / "export.txt"
    source.write_bytes("Plan 2020/2021\n".encode() + b"\xff\xfe caf\xe9\n")
    error = _import_error(source, tmp_path / "out")
    assert error.title == "export.txt is not UTF-8 text: byte 0xFF is not valid UTF-8"
    assert (error.location.line, error.location.column) == (2, 1)
    assert error.hint.startswith("save the file as UTF-8")


def test_document_without_title_or_tables(tmp_path):
    source = tmp_path / "export.txt"
    source.write_text("Just some notes\n\nnothing tabular here\n", encoding="utf-8")
    error = _import_error(source, tmp_path / "out")
    assert error.title == "no table of priorities found: this does not look like a plan's text export"
    assert not (tmp_path / "out").exists()


def _corrections(tmp_path, text: str) -> Path:
    path = tmp_path / "corrections.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_decision_for_a_line_that_has_no_such_cell_stops_the_import(tmp_path):
    corrections = _corrections(tmp_path, "priority_titles:\n  - line: 3\n    title: Nothing here\n")
    error = _import_error(SOURCE, tmp_path / "out", corrections)
    assert error.title == "corrections: no priority cell starts on line 3"
    assert error.location.line == 3
    assert not (tmp_path / "out").exists()


def test_split_whose_start_is_not_in_the_cell(tmp_path):
    corrections = _corrections(tmp_path, "outcome_splits:\n  - line: 160\n    starts: [Evidence of an improving, "
                                         "Words that are not there]\n")
    error = _import_error(SOURCE, tmp_path / "out", corrections)
    assert error.title == "outcome split for line 160: 'Words that are not there' not found in the cell " \
                          "(after the previous start)"


def test_split_with_the_wrong_number_of_starts(tmp_path):
    corrections = _corrections(tmp_path, "outcome_splits:\n  - line: 160\n    starts: [Evidence, New, Third]\n")
    error = _import_error(SOURCE, tmp_path / "out", corrections)
    assert error.title == "outcome split for line 160 gives 3 starts for 2 Timescale/RAG pairs"
    assert error.hint == "list exactly 2 starts, one per outcome"


def test_corrections_file_with_a_misspelt_field(tmp_path):
    corrections = _corrections(tmp_path, "priority_title:\n  - line: 57\n    title: Early Help\n")
    error = _import_error(SOURCE, tmp_path / "out", corrections)
    assert error.title == "corrections file: unknown field `priority_title`"
    assert error.hint.startswith("did you mean `priority_titles`?")
    assert (error.location.line, error.location.column) == (1, 1)


def test_corrections_file_that_is_not_yaml(tmp_path):
    corrections = _corrections(tmp_path, "plan: [unclosed\n")
    error = _import_error(SOURCE, tmp_path / "out", corrections)
    assert error.title == "invalid YAML: expected ',' or ']', but got '<stream end>'"
    assert error.location.line == 2


def test_failed_import_leaves_an_existing_plan_folder_untouched(tmp_path):
    copy = tmp_path / "plan_data"
    shutil.copytree(PLAN_DATA, copy)
    _corrections(copy / "import", "priority_titles:\n  - line: 3\n    title: Nothing here\n")
    before = {p: p.read_bytes() for p in copy.rglob("*") if p.is_file()}
    _import_error(copy / "source" / SOURCE.name, copy, None, force=True)
    assert {p: p.read_bytes() for p in copy.rglob("*") if p.is_file()} == before


def test_cli_import_prints_the_report_and_exits_2_on_error(tmp_path):
    runner = CliRunner()
    result = runner.invoke(main, ["import", str(SCENARIOS / "01_other_council" / "source.txt"),
                                  "--out", str(tmp_path / "p")])
    assert result.exit_code == 0, result.output
    assert "warning: [reference-ambiguous] Safety Plan: 'Strategic Priority 1' could mean DP1 or LP1" in result.output
    assert "imported " in result.output
    bad = runner.invoke(main, ["import", str(tmp_path / "missing.txt"), "--out", str(tmp_path / "q")])
    assert bad.exit_code == 2
    assert bad.output.startswith(f"{tmp_path / 'missing.txt'}: error: no such file:")
    assert "Traceback" not in bad.output


def _all_ids(folder: Path) -> list[str]:
    graph = build_graph(load_plan(folder))
    return list(graph.nodes)


def test_inserting_a_row_renumbers_nothing(tmp_path):
    """IDs come from what an item is, not where it stands: a new row adds one ID and changes none."""
    original = (SCENARIOS / "01_other_council" / "source.txt").read_text(encoding="utf-8").split("\n")
    run_import(SCENARIOS / "01_other_council" / "source.txt", tmp_path / "before")
    at = next(i for i, line in enumerate(original) if line.startswith("\t\t") and "Carers feel supported" in line)
    inserted = "\t".join(["", "", '<ul style="list-style-type: none"> Volunteers recruited ',
                          '<ul style="list-style-type: none"> Forty new volunteers ', "March 2023", "AMBER"])
    edited = tmp_path / "source.txt"
    edited.write_text("\n".join(original[:at] + [inserted] + original[at:]), encoding="utf-8")
    run_import(edited, tmp_path / "after")
    before, after = _all_ids(tmp_path / "before"), _all_ids(tmp_path / "after")
    assert set(after) - set(before) == {"LP1.main.i-volunteers-recruited", "LP1.main.o-forty-new-volunteers"}
    assert set(before) <= set(after)


def test_out_that_is_a_file(tmp_path):
    out = tmp_path / "notes.txt"
    out.write_text("keep me", encoding="utf-8")
    error = _import_error(SOURCE, out)
    assert error.title == f"{out} is a file, not a plan folder"
    assert out.read_text(encoding="utf-8") == "keep me"


def test_step_split_that_matches_no_step(tmp_path):
    corrections = _corrections(tmp_path, "step_splits:\n  - line: 161\n    starts: [No such step, Another]\n")
    error = _import_error(SOURCE, tmp_path / "out", corrections)
    assert error.title == "corrections: no step starting 'No such step' in an action cell on line 161"
    assert error.location.line == 161


def test_step_split_cuts_a_step_at_the_recorded_starts(tmp_path):
    corrections = _corrections(tmp_path, "step_splits:\n  - line: 161\n    starts: [QAF to reflect the programme, "
                                         "\"Strategic oversight; Strengthen\"]\n")
    run_import(SOURCE, tmp_path / "out", corrections)
    action = next(a for p in load_plan(tmp_path / "out").priorities() for a in p.actions
                  if a.id == "DP7.quality-assurance")
    assert [s.split()[0] for s in action.steps] == ["QAF", "Strategic"]
    assert action.steps[0].endswith("practice improvement.")
