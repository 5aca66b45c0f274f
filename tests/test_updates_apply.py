"""`goldenthread updates apply`: every bad cell is one located error with a hint, exit 2, nothing written.

Each case fills in a workbook the way a lead could get it wrong, and asserts the exact message.
"""
from __future__ import annotations

import pytest
from openpyxl import load_workbook

from goldenthread.model.graph import build_graph
from goldenthread.model.loader import load_plan
from goldenthread.model.updates.sheet import workbooks
from updates_support import export, fill, fill_csv, ids_of, plan_copy, run, tree_bytes

HINT_READ_ONLY = ("  hint: the read-only columns must stay as exported: undo the change, and put the new value in "
                  "New RAG, New timescale or Commentary")


@pytest.fixture
def cycle(tmp_path, monkeypatch):
    """A copy of the bundled plan and its export, with the working folder set to the export (messages name files)."""
    plan = plan_copy(tmp_path)
    out = export(plan, tmp_path / "out")
    monkeypatch.chdir(out)
    return plan, out


def refused(plan, *files, as_of="2021-04-20"):
    """Apply *files*; assert exit 2 and that nothing was written; return the message lines."""
    before = tree_bytes(plan)
    result = run("updates", "apply", *map(str, files), "--plan-dir", str(plan), "--as-of", as_of)
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert tree_bytes(plan) == before
    assert not [p for p in plan.parent.iterdir() if p.name.startswith(".plan_data")]
    return result.stderr.splitlines()


def test_unknown_rating(cycle):
    plan, out = cycle
    fill(out / "alyson-hanson.xlsx", {"F7": "Amberish"})
    assert refused(plan, "alyson-hanson.xlsx")[:2] == [
        "alyson-hanson.xlsx:Outcomes!F7: error: unknown rating 'Amberish'; did you mean AMBER?",
        "  hint: New RAG is one of GREEN, AMBER, RED, AMBER/GREEN, N/A (the drop-down's list)"]


def test_unknown_rating_far_from_any(cycle):
    plan, out = cycle
    fill(out / "alyson-hanson.xlsx", {"F3": "Purple"})
    assert refused(plan, "alyson-hanson.xlsx")[0] == "alyson-hanson.xlsx:Outcomes!F3: error: unknown rating 'Purple'"


def test_unknown_date(cycle):
    plan, out = cycle
    fill(out / "alyson-hanson.xlsx", {"G4": "When we can"})
    assert refused(plan, "alyson-hanson.xlsx")[:2] == [
        "alyson-hanson.xlsx:Outcomes!G4: error: unknown date 'When we can' in New timescale",
        "  hint: write a month and year (March 2021), a day (31/03/2021), a range (August-November 2020) or how "
        "often (Quarterly)"]


def test_id_not_in_the_plan(cycle):
    plan, out = cycle
    fill(out / "alyson-hanson.xlsx", {"A5": "LP5.no-such-outcome", "F5": "GREEN"})
    lines = refused(plan, "alyson-hanson.xlsx")
    assert lines[0] == "alyson-hanson.xlsx:Outcomes!A5: error: ID 'LP5.no-such-outcome' is not in the plan"
    assert lines[1].endswith("the ID column is read-only: undo the change, or fill in a new export")


@pytest.mark.parametrize("column, name", [("B", "Priority"), ("C", "Outcome"), ("D", "Timescale"), ("E", "RAG")])
def test_edited_read_only_column(cycle, column, name):
    plan, out = cycle
    fill(out / "alyson-hanson.xlsx", {f"{column}6": "RED" if name == "RAG" else "Something else"})
    assert refused(plan, "alyson-hanson.xlsx")[:2] == [
        f"alyson-hanson.xlsx:Outcomes!{column}6: error: the read-only column {name} was edited", HINT_READ_ONLY]


def test_row_moved(cycle):
    plan, out = cycle
    ids = ids_of(out / "alyson-hanson.xlsx")

    def swap(ws):
        for column in range(1, 9):
            a, b = ws.cell(3, column), ws.cell(4, column)
            a.value, b.value = b.value, a.value
    fill(out / "alyson-hanson.xlsx", {}, edit=swap)
    assert refused(plan, "alyson-hanson.xlsx")[:2] == [
        f"alyson-hanson.xlsx:Outcomes!A3: error: a row was moved: outcome {ids[2]} was row 4 when exported",
        "  hint: rows cannot be moved or sorted: undo the move, or fill in a new export"]


def test_row_deleted(cycle):
    plan, out = cycle
    ids = ids_of(out / "alyson-hanson.xlsx")
    fill(out / "alyson-hanson.xlsx", {}, edit=lambda ws: ws.delete_rows(5))
    assert refused(plan, "alyson-hanson.xlsx")[:2] == [
        f"alyson-hanson.xlsx:Outcomes!A5: error: a row was deleted: outcome {ids[3]} (row 5 when exported) is missing",
        "  hint: rows cannot be deleted: leave an outcome's row with its input cells blank to change nothing"]


def test_last_row_deleted(cycle):
    plan, out = cycle
    ids = ids_of(out / "jo-siddle.xlsx")
    fill(out / "jo-siddle.xlsx", {}, edit=lambda ws: ws.delete_rows(ws.max_row))
    assert refused(plan, "jo-siddle.xlsx")[0] == (
        f"jo-siddle.xlsx:Outcomes!A{len(ids) + 1}: error: a row was deleted: outcome {ids[-1]} "
        f"(row {len(ids) + 1} when exported) is missing")


def test_row_copied(cycle):
    plan, out = cycle
    ids = ids_of(out / "jo-siddle.xlsx")

    def copy(ws):
        ws.append([c.value for c in ws[2]])
    fill(out / "jo-siddle.xlsx", {}, edit=copy)
    assert refused(plan, "jo-siddle.xlsx")[0] == (
        f"jo-siddle.xlsx:Outcomes!A{len(ids) + 2}: error: outcome {ids[0]} appears twice (also on row 2)")


def shared_outcome(plan):
    """An outcome in two leads' workbooks, with their row numbers."""
    books = workbooks(build_graph(load_plan(plan)))
    for a, rows_a in books.items():
        for b, rows_b in books.items():
            common = [r.id for r in rows_a if r.id in {x.id for x in rows_b}] if a < b else []
            if common:
                item = common[0]
                return item, (a, [r.id for r in rows_a].index(item) + 2), (b, [r.id for r in rows_b].index(item) + 2)
    raise AssertionError("the bundled plan has an outcome that two leads answer for")


def test_two_workbooks_set_one_outcome_differently(cycle):
    plan, out = cycle
    item, (a, row_a), (b, row_b) = shared_outcome(plan)
    fill(out / f"{a}.xlsx", {f"F{row_a}": "GREEN"})
    fill(out / f"{b}.xlsx", {f"F{row_b}": "RED"})
    assert refused(plan, f"{a}.xlsx", f"{b}.xlsx")[:2] == [
        f"{b}.xlsx:Outcomes!F{row_b}: error: outcome {item}: New RAG is 'RED' here but 'GREEN' at "
        f"{a}.xlsx:Outcomes!F{row_a}",
        "  hint: two workbooks set the same outcome differently: agree on one value and clear the other"]


def test_two_workbooks_agreeing_are_fine(cycle):
    plan, out = cycle
    item, (a, row_a), (b, row_b) = shared_outcome(plan)
    fill(out / f"{a}.xlsx", {f"F{row_a}": "RED"})
    fill(out / f"{b}.xlsx", {f"F{row_b}": "red"})
    result = run("updates", "apply", f"{a}.xlsx", f"{b}.xlsx", "--plan-dir", str(plan), "--as-of", "2021-04-20")
    assert result.exit_code == 0, result.output
    assert build_graph(load_plan(plan)).nodes[item]["rag"] == "RED"


def test_workbook_from_another_version_of_the_plan(cycle):
    plan, out = cycle
    path = plan / "groups" / "leadership.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("Strategy to be in place", "Strategy in place", 1),
                    encoding="utf-8")
    fill(out / "alyson-hanson.xlsx", {"F3": "GREEN"})
    assert refused(plan, "alyson-hanson.xlsx")[:2] == [
        "alyson-hanson.xlsx: error: the workbook was made from another version of the plan",
        "  hint: the plan's outcomes, texts or links changed since it was exported: export a new workbook and "
        "copy the lead's entries into it"]


def test_rating_changed_in_the_plan_since_the_export(cycle):
    plan, out = cycle
    item, (a, row_a), (b, row_b) = shared_outcome(plan)
    current = build_graph(load_plan(plan)).nodes[item]["rag"]
    new = "RED" if current != "RED" else "GREEN"
    fill(out / f"{a}.xlsx", {f"F{row_a}": new})
    assert run("updates", "apply", f"{a}.xlsx", "--plan-dir", str(plan), "--as-of", "2021-04-20").exit_code == 0
    fill(out / f"{b}.xlsx", {f"H{row_b}": "Still on track."})
    assert refused(plan, f"{b}.xlsx")[0] == (
        f"{b}.xlsx:Outcomes!E{row_b}: error: outcome {item} changed in the plan since this workbook was exported: "
        f"its RAG is now {new}, not {current}")
    fill(out / f"{b}.xlsx", {f"H{row_b}": None})   # a row that sets nothing is not stale: the rest applies
    fill(out / f"{b}.xlsx", {"H2": "Progress as planned."})
    assert run("updates", "apply", f"{b}.xlsx", "--plan-dir", str(plan), "--as-of", "2021-04-21").exit_code == 0


def test_formula_is_an_error_at_its_place(cycle):
    plan, out = cycle
    fill(out / "alyson-hanson.xlsx", {"H3": "=HYPERLINK(\"http://x.invalid\")"})
    assert refused(plan, "alyson-hanson.xlsx")[:2] == [
        "alyson-hanson.xlsx:Outcomes!H3: error: the cell holds a formula; formulas are never evaluated",
        "  hint: type the value itself (a formula's result is not read)"]


def test_control_character_in_commentary(cycle):
    plan, out = cycle
    fill(out / "alyson-hanson.xlsx", {"H3": "Terminal \x9b31m red"})   # openpyxl itself refuses most C0 characters
    assert refused(plan, "alyson-hanson.xlsx")[:2] == [
        "alyson-hanson.xlsx:Outcomes!H3: error: the commentary holds a control character (U+009B)",
        "  hint: remove it: commentary is plain text (new lines are fine)"]


def test_header_changed(cycle):
    plan, out = cycle
    fill(out / "alyson-hanson.xlsx", {"F1": "Rating"})
    assert refused(plan, "alyson-hanson.xlsx")[0] == (
        "alyson-hanson.xlsx:Outcomes!F1: error: the header row was changed: this column's header should be 'New RAG'")


def test_every_bad_cell_is_listed_after_the_first(cycle):
    plan, out = cycle
    fill(out / "alyson-hanson.xlsx", {"F3": "Amberish", "G4": "Soonish", "F5": "GREEN"})
    lines = refused(plan, "alyson-hanson.xlsx")
    assert [line for line in lines if ": error: " in line] == [
        "alyson-hanson.xlsx:Outcomes!F3: error: unknown rating 'Amberish'; did you mean AMBER?",
        "alyson-hanson.xlsx:Outcomes!G4: error: unknown date 'Soonish' in New timescale"]


# --- CSV, for councils without Excel ----------------------------------------------------------------------


@pytest.fixture
def csv_cycle(tmp_path, monkeypatch):
    plan = plan_copy(tmp_path)
    out = export(plan, tmp_path / "out", "--format", "csv")
    monkeypatch.chdir(out)
    return plan, out


def test_csv_is_applied_like_a_workbook(csv_cycle):
    plan, out = csv_cycle

    def edit(rows):
        rows[2][5], rows[3][6], rows[4][7] = "red", "June 2021", "'=not a formula, a guarded text"
    fill_csv(out / "alyson-hanson.csv", edit)
    ids = [row[0] for row in __import__("csv").reader(open(out / "alyson-hanson.csv", encoding="utf-8"))][2:]
    result = run("updates", "apply", "alyson-hanson.csv", "--plan-dir", str(plan), "--as-of", "2021-04-20")
    assert result.exit_code == 0, result.output
    g = build_graph(load_plan(plan))
    assert g.nodes[ids[0]]["rag"] == "RED" and g.nodes[ids[1]]["timescale"] == "June 2021"
    assert g.nodes[ids[2]]["commentary"] == {"date": "2021-04-20", "text": "=not a formula, a guarded text"}


def test_csv_bad_cells_are_located_by_line_and_column(csv_cycle):
    plan, out = csv_cycle

    def edit(rows):
        rows[6][5] = "Amberish"
    fill_csv(out / "alyson-hanson.csv", edit)
    assert refused(plan, "alyson-hanson.csv")[0] == (
        "alyson-hanson.csv:7:6: error: unknown rating 'Amberish'; did you mean AMBER?")


def test_csv_formula_is_an_error(csv_cycle):
    plan, out = csv_cycle

    def edit(rows):
        rows[3][7] = "=1+1"
    fill_csv(out / "alyson-hanson.csv", edit)
    assert refused(plan, "alyson-hanson.csv")[0] == (
        "alyson-hanson.csv:4:8: error: the cell holds a formula; formulas are never evaluated")


def test_csv_row_moved_and_deleted(csv_cycle):
    plan, out = csv_cycle
    ids = [row[0] for row in __import__("csv").reader(open(out / "alyson-hanson.csv", encoding="utf-8"))][2:]
    fill_csv(out / "alyson-hanson.csv", lambda rows: rows.insert(2, rows.pop(3)))
    assert refused(plan, "alyson-hanson.csv")[0] == (
        f"alyson-hanson.csv:3:1: error: a row was moved: outcome {ids[1]} was outcome row 2 when exported")
    fill_csv(out / "alyson-hanson.csv", lambda rows: rows.insert(3, rows.pop(2)))
    fill_csv(out / "alyson-hanson.csv", lambda rows: rows.pop(4))
    assert refused(plan, "alyson-hanson.csv")[0] == (
        f"alyson-hanson.csv:5:1: error: a row was deleted: outcome {ids[2]} (outcome row 3 when exported) is missing")


def test_csv_control_character(csv_cycle):
    plan, out = csv_cycle
    fill_csv(out / "alyson-hanson.csv", lambda rows: rows[3].__setitem__(7, "Escape \x1b[2J here"))
    assert refused(plan, "alyson-hanson.csv")[0] == (
        "alyson-hanson.csv:4:8: error: the commentary holds a control character (U+001B)")


def test_csv_edited_read_only_and_other_version(csv_cycle):
    plan, out = csv_cycle
    fill_csv(out / "alyson-hanson.csv", lambda rows: rows[2].__setitem__(4, "RED" if rows[2][4] != "RED" else "GREEN"))
    assert refused(plan, "alyson-hanson.csv")[0] == "alyson-hanson.csv:3:5: error: the read-only column RAG was edited"
    fill_csv(out / "alyson-hanson.csv", lambda rows: rows[0].__setitem__(2, "plan 0123"))
    assert refused(plan, "alyson-hanson.csv")[0] == (
        "alyson-hanson.csv: error: the workbook was made from another version of the plan")
