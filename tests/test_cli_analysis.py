"""The check, trace, impact and diff commands: formats, exit codes, errors and escaping."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from goldenthread.model.analysis import run_all
from goldenthread.model.analysis.diff import diff
from goldenthread.model.analysis.trace import MATRIX_COLUMNS, trace
from goldenthread.model.errors import relative
from goldenthread.model.graph import build_graph, nodes_of_kind
from goldenthread.model.loader import load_plan
from goldenthread.cli.main import main

SCENARIOS = Path(__file__).parent / "scenarios"
REFERENCES = SCENARIOS / "02_references"      # has errors (dangling references)
CLEAN = SCENARIOS / "09_clean"                 # has no finding at all
CHAIN = SCENARIOS / "07_trace"


def run(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args])


# --- check -------------------------------------------------------------------------------------

@pytest.mark.parametrize("args, code", [
    ((REFERENCES,), 1),                          # errors, default --fail-on error
    ((REFERENCES, "--fail-on", "never"), 0),
    ((CLEAN,), 0),
    ((CLEAN, "--fail-on", "info"), 0),
])
def test_check_exit_codes(args, code):
    assert run("check", *args).exit_code == code


def test_check_fails_on_warnings_only_when_asked(mini_plan_dir):
    assert run("check", mini_plan_dir).exit_code == 0                  # warnings, no errors
    assert run("check", mini_plan_dir, "--fail-on", "warning").exit_code == 1


def test_check_exits_2_with_the_error_when_the_plan_does_not_load(broken_plan):
    plan = broken_plan([{"file": "groups/leadership.yaml", "replace": "rag: GREEN", "with": "rag: GREN"}])
    result = run("check", plan)
    assert result.exit_code == 2
    assert "plan/groups/leadership.yaml:" in result.output and "error:" in result.output
    assert "Traceback" not in result.output


def test_check_json_holds_every_finding_and_a_summary():
    result = run("check", REFERENCES, "--format", "json")
    report = json.loads(result.output)
    expected = run_all(build_graph(load_plan(REFERENCES)))
    assert [f["code"] for f in report["findings"]] == [f.code for f in expected]
    for f in report["findings"]:
        assert set(f) >= {"code", "severity", "message", "nodes", "source"}
    assert report["summary"]["by_severity"] == {"error": 2, "warning": 4, "info": 1}
    assert report["summary"]["as_of"] == "2021-10-01"


def test_check_text_groups_by_severity_then_code_with_ids_and_source_lines():
    out = run("check", REFERENCES, "--fail-on", "never").output
    assert out.index("Errors (2)") < out.index("Warnings (4)") < out.index("Information (1)")
    assert ("  Reference to a priority that does not exist [dangling-reference] (2): "
            "A reference names a priority that does not exist.") in out
    assert "  What to do: Correct the group or number of the reference, or remove it." in out
    assert ("      edit: tests/scenarios/02_references/operational_plans.yaml:" in out)
    assert "items: care-plan; source: tests/scenarios/02_references/source/plan.txt:16" in out


def test_check_as_of_moves_the_overdue_date():
    plan = SCENARIOS / "05_overdue_as_of"
    assert "overdue" not in run("check", plan).output
    late = run("check", plan, "--as-of", "2022-01-15").output
    assert late.count("was due by") == 2 and "as of 2022-01-15" in late
    bad = run("check", plan, "--as-of", "15/01/2022")
    assert bad.exit_code == 2 and "'15/01/2022' is not a date: write it as YYYY-MM-DD" in bad.output


def test_plan_text_is_escaped_in_markdown_and_plain_in_text(broken_plan):
    evil = "<script>alert(1)</script> *bold* | [x](javascript:alert(1))"
    plan = broken_plan([{"file": "groups/leadership.yaml", "replace": "text: Board in place",
                         "with": f"text: \"{evil}\""}])
    markdown = run("check", plan, "--format", "markdown").output
    assert "<script>" not in markdown and "*bold*" not in markdown and "](javascript:" not in markdown
    assert "&lt;script&gt;" in markdown and "&#124;" in markdown
    text = run("check", plan, "--fail-on", "never").output
    assert "<script>alert(1)</script>" in text


def test_a_control_character_written_as_a_yaml_escape_never_reaches_a_report(broken_plan):
    # issue 12: YAML's \e (ESC) used to pass validation and reach every report; now it is refused
    plan = broken_plan([{"file": "groups/leadership.yaml", "replace": "text: Board in place",
                         "with": 'text: "Board \\e[31mred"'}])
    result = CliRunner().invoke(main, ["check", str(plan)])
    assert result.exit_code == 2 and "\x1b" not in result.output
    assert "the character U+001B is not allowed in a YAML file" in result.output


# --- trace -------------------------------------------------------------------------------------

def test_trace_json_is_the_library_result():
    result = run("trace", "LP1.a.o1", "--plan-dir", CHAIN, "--format", "json")
    assert json.loads(result.output) == trace(build_graph(load_plan(CHAIN)), "LP1.a.o1").to_dict()


def test_trace_text_shows_the_chain_plans_leads_and_source():
    out = run("trace", "LP1.a.o1", "--plan-dir", CHAIN).output
    assert out.splitlines()[3:7] == [
        "  outcome   LP1.a.o1  Partners trained in the graded care profile",
        "  action    LP1.a     Launch the neglect strategy with partners",
        "  priority  LP1       Safe children",
        "  vision    vision    Our vision",
    ]
    assert "neglect-plan: Neglect Plan; serves LP1" in out and "ann-lee: Ann Lee, Head of Safeguarding" in out
    assert out.rstrip().endswith("Source: tests/scenarios/07_trace/source/plan.txt:5")


def test_trace_all_is_the_matrix_one_row_per_outcome():
    result = run("trace", "--all", "--format", "csv", "--plan-dir", CHAIN)
    rows = list(csv.DictReader(io.StringIO(result.output)))
    g = build_graph(load_plan(CHAIN))
    assert tuple(rows[0]) == MATRIX_COLUMNS
    assert [r["outcome_id"] for r in rows] == nodes_of_kind(g, "outcome")
    assert rows[0]["operational_plans"] == "neglect-plan" and rows[0]["leads"] == "ann-lee"
    assert run("trace", "--all", "--plan-dir", CHAIN).output == result.output      # csv is the default


def test_trace_csv_of_one_item_is_its_part_of_the_matrix():
    rows = list(csv.DictReader(io.StringIO(run("trace", "LP2", "--format", "csv", "--plan-dir", CHAIN).output)))
    assert [r["outcome_id"] for r in rows] == ["LP2.a.o1", "LP2.b.o1"]


@pytest.mark.parametrize("args, message", [
    ((), "give either an item ID or --all"),
    (("LP1", "--all"), "give either an item ID or --all"),
    (("--all", "--format", "json"), "use --format csv"),
])
def test_trace_usage_errors(args, message):
    result = run("trace", *args, "--plan-dir", CHAIN)
    assert result.exit_code == 2 and message in result.output


@pytest.mark.parametrize("command", ["trace", "impact"])
def test_unknown_id_exits_2_and_suggests_the_closest(command):
    result = run(command, "LP1.x.o1", "--plan-dir", CHAIN)
    assert result.exit_code == 2
    assert result.output.startswith("error: no item with ID 'LP1.x.o1' in the plan\n  hint: did you mean LP1.a.o1")


# --- impact ------------------------------------------------------------------------------------

def test_impact_names_what_would_be_orphaned_and_unlinked():
    out = run("impact", "DP1", "--plan-dir", CHAIN).output
    assert out.startswith("Impact of removing or renumbering DP1 (priority): Neglect\n")
    assert "  action DP1.neglect: NEGLECT: to feature in all areas of practice" in out
    assert "  operational plan neglect-plan: would no longer serve DP1 [loses-priority]" in out
    assert "  indicator LP1.a.i1: its text names DP1, which would no longer exist [reference-dangles]" in out
    assert "  indicator LP1.a.i1: 'departmental priority 1'" in out


def test_impact_of_a_lead():
    out = run("impact", "ann-lee", "--plan-dir", CHAIN).output
    assert "  operational plan fostering-plan: would have no lead [left-without-lead]" in out
    assert "renumbered" not in out                      # only priorities have numbers


# --- diff --------------------------------------------------------------------------------------

@pytest.mark.parametrize("scenario", ["20_diff_edits", "21_diff_renamed_moved"])
def test_diff_json_is_the_library_result(scenario):
    old, new = SCENARIOS / scenario / "old", SCENARIOS / scenario / "new"
    result = run("diff", old, new, "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.output) == json.loads(json.dumps(diff(load_plan(old), load_plan(new)).to_dict()))


def test_diff_text_and_markdown_list_the_edits():
    old, new = SCENARIOS / "20_diff_edits" / "old", SCENARIOS / "20_diff_edits" / "new"
    text = run("diff", old, new).output
    assert "  outcome LP2.b.o1:\n    timescale: March 2022 -> January 2022\n    rag: AMBER -> GREEN\n" in text
    assert "  + fostering-plan -> LP2\n  - care-plan -> DP2\n" in text
    markdown = run("diff", old, new, "--format", "markdown").output
    assert "| LP2.b.o1 | rag | AMBER | GREEN |" in markdown
    assert "| removed | care-plan | DP2 |" in markdown


def test_diff_of_a_plan_with_itself_is_empty():
    out = run("diff", CLEAN, CLEAN).output
    assert out.splitlines() == [f"Changes from {relative(CLEAN)} to {relative(CLEAN)}: 0 added, 0 removed, 0 renamed, 0 moved, "
                                "0 changed, 0 link changes"]


def test_diff_exits_2_when_a_plan_does_not_load(tmp_path):
    result = run("diff", CLEAN, tmp_path / "missing")
    assert result.exit_code == 2 and "does not exist" in result.output
