"""`goldenthread updates export`: who gets which outcomes, and workbooks a lead can fill in and print."""
from __future__ import annotations

import csv
import io

from openpyxl import load_workbook

from goldenthread.model.graph import build_graph
from goldenthread.model.loader import load_plan
from goldenthread.model.schema import RAG_VALUES
from goldenthread.model.updates.sheet import HEADERS, leads_of_outcomes, workbooks
from goldenthread.model.updates.xlsx import RECORD_SHEET
from site_fixtures import HOSTILE, MINI_PLAN, hostile_plan
from updates_support import BUNDLED_PLAN, export, ids_of, plan_copy, run


def test_each_lead_gets_the_outcomes_of_the_priorities_their_plans_serve(tmp_path):
    g = build_graph(load_plan(BUNDLED_PLAN))
    out = export(BUNDLED_PLAN, tmp_path / "out")
    for outcome, leads in leads_of_outcomes(g).items():
        priority = g.nodes[outcome]["priority"]
        serving = {g.nodes[op]["lead"] for op, p, k in g.in_edges(priority, keys=True) if k == "serves"}
        assert set(leads) == serving - {None}
    books = workbooks(g)
    assert sorted(p.stem for p in out.iterdir()) == sorted(books)
    for lead, rows in books.items():
        assert ids_of(out / f"{lead}.xlsx") == [r.id for r in rows]
    unassigned = set(ids_of(out / "unassigned.xlsx"))
    assert unassigned and all(not leads_of_outcomes(g)[o] for o in unassigned)


def test_the_command_says_what_it_wrote(tmp_path):
    result = run("updates", "export", str(MINI_PLAN), "--out", str(tmp_path / "out"))
    assert result.exit_code == 0
    assert result.output.splitlines()[0] == f"wrote {tmp_path / 'out' / 'jo-bloggs.xlsx'}: 4 outcomes (Jo Bloggs)"


def test_the_sheet_has_the_columns_locks_drop_down_and_print_setup(tmp_path):
    out = export(BUNDLED_PLAN, tmp_path / "out")
    wb = load_workbook(out / "alyson-hanson.xlsx")
    ws = wb["Outcomes"]
    assert [c.value for c in ws[1]] == list(HEADERS)
    assert ws.protection.sheet
    last = ws.max_row
    assert all(ws[f"{col}{row}"].protection.locked for col in "ABCDE" for row in (1, 2, last))
    assert not any(ws[f"{col}{row}"].protection.locked for col in "FGH" for row in (2, last))
    [ratings] = ws.data_validations.dataValidation
    assert ratings.type == "list" and ratings.formula1 == '"' + ",".join(RAG_VALUES) + '"'
    assert str(ratings.sqref) == f"F2:F{last}"
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4)
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == "$1:$1"
    assert all(ws[f"C{row}"].alignment.wrap_text for row in (1, 2, last))
    widths = [ws.column_dimensions[c].width for c in "ABCDEFGH"]
    # A4 landscape, fitted to one page wide: the columns must stay near the page's width to be readable
    assert 150 <= sum(widths) <= 260 and min(widths) >= 9
    assert wb[RECORD_SHEET].sheet_state == "veryHidden"


def test_export_is_the_same_byte_for_byte(tmp_path):
    first = export(BUNDLED_PLAN, tmp_path / "a")
    second = export(BUNDLED_PLAN, tmp_path / "b")
    for path in first.iterdir():
        assert path.read_bytes() == (second / path.name).read_bytes(), path.name
    csv_a = export(BUNDLED_PLAN, tmp_path / "c", "--format", "csv")
    csv_b = export(BUNDLED_PLAN, tmp_path / "d", "--format", "csv")
    assert [p.read_bytes() for p in sorted(csv_a.iterdir())] == [p.read_bytes() for p in sorted(csv_b.iterdir())]


def test_hostile_plan_text_is_written_as_text_never_as_a_formula(tmp_path):
    plan = hostile_plan(tmp_path / "hostile")
    formulas = ["=HYPERLINK(\"http://x.invalid\",\"click\")", "+1+2", "-2+3", "@SUM(1)", "\tTab", "\rCR"]
    path = plan / "groups" / "leadership.yaml"
    text = path.read_text(encoding="utf-8")
    first = text.index("text: ", text.index("outcomes:"))
    end = text.index("\n", first)
    path.write_text(text[:first] + "text: " + '"' + formulas[0].replace('"', '\\"') + '"' + text[end:],
                    encoding="utf-8")
    out = export(plan, tmp_path / "out")
    data = load_plan(plan)
    g = build_graph(data)
    for book in out.iterdir():
        ws = load_workbook(book)["Outcomes"]
        for row in ws.iter_rows(min_row=2):
            assert all(cell.data_type == "s" or cell.value is None for cell in row[:5])
            item = row[0].value
            assert row[2].value == g.nodes[item]["text"]
            assert row[3].value == g.nodes[item]["timescale"] and row[4].value == g.nodes[item]["rag"]
            assert HOSTILE in row[1].value or g.nodes[g.nodes[item]["priority"]]["title"] in row[1].value
            for cell in row[:5]:
                assert cell.quotePrefix == str(cell.value).startswith(("=", "+", "-", "@", "\t", "\r"))
    guarded = [c for b in out.iterdir() for r in load_workbook(b)["Outcomes"].iter_rows(min_row=2) for c in r
               if c.quotePrefix]
    assert guarded and all(c.value.startswith("=HYPERLINK") for c in guarded)
    csv_out = export(plan, tmp_path / "csv", "--format", "csv")
    rows = [r for p in csv_out.iterdir() for r in csv.reader(io.StringIO(p.read_text(encoding="utf-8")))]
    assert any(cell.startswith("'=HYPERLINK") for row in rows for cell in row)
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for row in rows for cell in row)


def test_characters_a_workbook_cannot_hold_are_shown_not_written(tmp_path):
    """Most control characters cannot be stored in a workbook (XML 1.0): they are shown as U+FFFD."""
    import io as _io
    from goldenthread.model.updates.sheet import Row, cell_text, manifest_of
    from goldenthread.model.updates.xlsx import workbook_bytes
    assert cell_text("Bell\x07 and escape\x1b here") == "Bell\ufffd and escape\ufffd here"
    rows = [Row("o1", cell_text("P\x00"), cell_text("Bell\x07 and escape\x1b here"), "", "RED")]
    data = workbook_bytes(rows, manifest_of("f" * 64, "jo", rows), title="Plan\x07 title")
    ws = load_workbook(_io.BytesIO(data))["Outcomes"]
    assert [c.value for c in ws[2]][:5] == ["o1", "P\ufffd", "Bell\ufffd and escape\ufffd here", None, "RED"]
