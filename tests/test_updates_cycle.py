"""One quarter's cycle end to end: export, leads fill in workbooks with openpyxl, apply, validate.

The plan's YAML must change exactly where the leads said, and every other byte must stay as it was.
"""
from __future__ import annotations

import difflib
import re

from openpyxl import load_workbook

from goldenthread.model.analysis.diff import diff
from goldenthread.model.graph import build_graph
from goldenthread.model.loader import load_plan
from goldenthread.model.updates.xlsx import FORMULA_STARTS
from site_fixtures import BLOCK_PAYLOADS, HOSTILE, HOSTILE_LINES, PAYLOADS
from updates_support import export, fill, ids_of, plan_copy, run, tree_bytes

AS_OF = "2021-04-20"


def other_rating(rating):
    return "RED" if rating != "RED" else "GREEN"


def test_one_quarter_of_updates(tmp_path, monkeypatch):
    plan = plan_copy(tmp_path)
    before_files = {str(p.relative_to(plan)): p.read_bytes() for p in plan.rglob("*") if p.is_file()}
    old = load_plan(plan)
    g = build_graph(old)
    out = export(plan, tmp_path / "out")
    monkeypatch.chdir(out)

    # Alyson re-rates her first outcome, slips the second, comments on the third.
    alyson = ids_of(out / "alyson-hanson.xlsx")
    rerated, slipped, commented = alyson[0], alyson[1], alyson[2]
    new_rating = other_rating(g.nodes[rerated]["rag"])
    fill(out / "alyson-hanson.xlsx", {"F2": new_rating.lower(), "G3": "June 2021",
                                      "H4": "Recruitment finished in March.\nTraining starts in May."})
    # Janette comments on her last outcome and leaves the rest blank.
    janette = ids_of(out / "janette-clarke.xlsx")
    fill(out / "janette-clarke.xlsx", {f"H{len(janette) + 1}": "On track."})
    # Joanne's workbook comes back untouched; Imran's is not returned at all.
    result = run("updates", "apply", "alyson-hanson.xlsx", "janette-clarke.xlsx", "joanne-stewart.xlsx",
                 "--plan-dir", str(plan), "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    printed = result.stdout
    assert printed.startswith("Changes from ")
    assert f"    rag: {g.nodes[rerated]['rag']} -> {new_rating}\n" in printed
    assert f"    timescale: {g.nodes[slipped]['timescale']} -> June 2021\n" in printed
    assert f"    commentary: (none) -> {AS_OF}: Recruitment finished in March. Training starts in May.\n" in printed
    assert f"  last_updated: 2021-01-22 -> {AS_OF}\n" in printed
    assert printed.endswith(" 4 outcomes changed\n")

    assert run("validate", str(plan)).exit_code == 0
    new = load_plan(plan)
    h = build_graph(new)
    assert h.nodes[rerated]["rag"] == new_rating
    assert h.nodes[slipped]["timescale"] == "June 2021"
    assert h.nodes[commented]["commentary"] == {"date": AS_OF,
                                                "text": "Recruitment finished in March.\nTraining starts in May."}
    assert h.nodes[janette[-1]]["commentary"] == {"date": AS_OF, "text": "On track."}
    assert str(new.plan.last_updated) == AS_OF
    changes = diff(old, new).to_dict()
    assert {c["id"] for c in changes["changed"]} == {rerated, slipped, commented, janette[-1]}
    assert [c["field"] for c in changes["plan"]] == ["last_updated"]

    # Every other file is byte-identical; the changed ones differ only in the lines of the changed fields.
    after_files = {str(p.relative_to(plan)): p.read_bytes() for p in plan.rglob("*") if p.is_file()}
    assert set(after_files) == set(before_files)
    changed = {path for path in after_files if after_files[path] != before_files[path]}
    assert "plan.yaml" in changed and changed <= {"plan.yaml", "groups/leadership.yaml", "groups/departmental.yaml"}
    for path in changed:
        lines = difflib.ndiff(before_files[path].decode().splitlines(), after_files[path].decode().splitlines())
        edits = [line for line in lines if line[:2] in ("- ", "+ ")]
        removed = [line[2:].strip() for line in edits if line.startswith("- ")]
        added = [line[2:].strip() for line in edits if line.startswith("+ ")]
        assert all(re.match(r"(rag|timescale|last_updated):", line) for line in removed), removed
        allowed = r"(rag|timescale|last_updated|commentary|date|text):|Recruitment|Training"
        assert all(re.match(allowed, line) for line in added), added

    # The next export shows the new ratings; the returned workbook cannot be applied twice.
    again = export(plan, tmp_path / "next")
    ws = load_workbook(again / "alyson-hanson.xlsx")["Outcomes"]
    assert ws["E2"].value == new_rating and ws["D3"].value == "June 2021"
    assert run("updates", "apply", "alyson-hanson.xlsx", "--plan-dir", str(plan), "--as-of", AS_OF).exit_code == 2


def test_dry_run_writes_nothing(tmp_path, monkeypatch):
    plan = plan_copy(tmp_path)
    out = export(plan, tmp_path / "out")
    monkeypatch.chdir(out)
    fill(out / "jo-siddle.xlsx", {"H2": "Checked."})
    before = tree_bytes(plan)
    result = run("updates", "apply", "jo-siddle.xlsx", "--plan-dir", str(plan), "--as-of", AS_OF, "--dry-run")
    assert result.exit_code == 0
    assert result.stdout.endswith("dry run: 1 outcome would change; nothing was written\n")
    assert tree_bytes(plan) == before


def test_nothing_filled_in_changes_nothing(tmp_path, monkeypatch):
    plan = plan_copy(tmp_path)
    out = export(plan, tmp_path / "out")
    before = tree_bytes(plan)
    result = run("updates", "apply", *map(str, sorted(out.iterdir())), "--plan-dir", str(plan))
    assert result.exit_code == 0
    assert result.stdout.endswith("nothing to change: no row sets a new value; the plan was not written\n")
    assert tree_bytes(plan) == before


def test_hostile_commentary_goes_through_intact(tmp_path, monkeypatch):
    """Commentary is plain text from many hands: markup, templates, formulas and odd Unicode stay as typed."""
    plan = plan_copy(tmp_path)
    out = export(plan, tmp_path / "out")
    monkeypatch.chdir(out)
    ids = ids_of(out / "alyson-hanson.xlsx")
    formulas = ["=HYPERLINK(\"http://x.invalid\",\"click\")", "+SUM(1,2)", "-2+3", "@cmd", "=1+1\nsecond line"]
    texts = [HOSTILE, HOSTILE_LINES, f"First {HOSTILE}\n{HOSTILE_LINES}\nlast", *PAYLOADS, *BLOCK_PAYLOADS[:3],
             *formulas]
    texts = texts[:len(ids)]

    def typed_as_text(ws):   # as Excel stores what a lead types after a quote: text, with the quote prefix
        for row, text in enumerate(texts, start=2):
            cell = ws.cell(row, 8)
            cell.value = text
            cell.data_type = "s"
            cell.quotePrefix = text.startswith(FORMULA_STARTS)
    fill(out / "alyson-hanson.xlsx", {}, edit=typed_as_text)
    result = run("updates", "apply", "alyson-hanson.xlsx", "--plan-dir", str(plan), "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    g = build_graph(load_plan(plan))
    got = [g.nodes[item]["commentary"]["text"] for item in ids[:len(texts)]]
    assert got == [t.strip() for t in texts]
    assert "\x1b" not in result.stdout and "<script>" in result.stdout   # shown as text, nothing to a terminal


def test_a_hostile_plan_goes_through_export_and_apply(tmp_path, monkeypatch):
    """Plan text full of payloads comes back from the workbook unchanged, so no read-only cell looks edited."""
    from site_fixtures import hostile_plan
    plan = hostile_plan(tmp_path / "hostile")
    for file_format in ("xlsx", "csv"):
        out = export(plan, tmp_path / file_format, "--format", file_format)
        monkeypatch.chdir(out)
        g = build_graph(load_plan(plan))
        book = out / f"jo-bloggs.{file_format}"
        if file_format == "xlsx":
            item = ids_of(book)[0]
            fill(book, {"F2": other_rating(g.nodes[item]["rag"]), "H2": HOSTILE})
        else:
            import csv, io
            rows = list(csv.reader(io.StringIO(book.read_text(encoding="utf-8"), newline="")))
            item = rows[2][0]
            rows[2][5], rows[2][7] = other_rating(g.nodes[item]["rag"]), HOSTILE
            text = io.StringIO()
            csv.writer(text, lineterminator="\r\n").writerows(rows)
            book.write_text(text.getvalue(), encoding="utf-8", newline="")
        result = run("updates", "apply", book.name, "--plan-dir", str(plan), "--as-of", AS_OF)
        assert result.exit_code == 0, result.output
        h = build_graph(load_plan(plan))
        assert h.nodes[item]["rag"] == other_rating(g.nodes[item]["rag"])
        assert h.nodes[item]["commentary"]["text"] == HOSTILE.strip()
