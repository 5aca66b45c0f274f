"""The bad-input corpus of returned workbooks: each is refused with one located error, exit 2, nothing written.

A returned workbook is untrusted input from many hands. The corpus is made here, from a real export:
zip bombs, macro-enabled files, files that are not workbooks, XML with entity declarations, sheets
too long, cells too long. Each case asserts the exact first line of the message.
"""
from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from goldenthread.model.updates import limits
from updates_support import export, plan_copy, run, tree_bytes


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("export")
    return export(plan_copy(base), base / "out") / "jo-siddle.xlsx"


@pytest.fixture
def plan(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return plan_copy(tmp_path)


def refused(plan: Path, name: str) -> list[str]:
    before = tree_bytes(plan)
    result = run("updates", "apply", name, "--plan-dir", str(plan), "--as-of", "2021-04-20")
    assert result.exit_code == 2, result.output
    assert tree_bytes(plan) == before
    assert "Traceback" not in result.output
    return result.stderr.splitlines()


def rezip(source: Path, target: Path, replace: dict[str, bytes] | None = None, add: dict[str, bytes] | None = None):
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            new.writestr(info.filename, (replace or {}).get(info.filename, old.read(info.filename)))
        for name, data in (add or {}).items():
            new.writestr(name, data)


def test_macro_enabled_file_is_refused_by_its_name(plan, exported):
    Path("returned.xlsm").write_bytes(exported.read_bytes())
    assert refused(plan, "returned.xlsm")[:2] == [
        "returned.xlsm: error: a macro-enabled workbook is refused",
        "  hint: save it as an Excel Workbook (.xlsx) without macros and apply that file"]


def test_macros_inside_a_file_named_xlsx_are_refused(plan, exported):
    rezip(exported, Path("returned.xlsx"), add={"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0 macro"})
    assert refused(plan, "returned.xlsx")[0] == (
        "returned.xlsx: error: a macro-enabled workbook is refused (it holds a VBA project)")


@pytest.mark.parametrize("content", [b"", b"ID,Priority\n", b"%PDF-1.4 not a workbook", b"PK\x03\x04 truncated"])
def test_a_file_that_is_not_a_workbook(plan, content):
    Path("returned.xlsx").write_bytes(content)
    assert refused(plan, "returned.xlsx")[:2] == [
        "returned.xlsx: error: not a workbook: the file is not an .xlsx file (a zip archive)",
        "  hint: apply reads the .xlsx files export wrote, or CSV files with the same columns"]


def test_a_truncated_workbook(plan, exported):
    data = exported.read_bytes()
    Path("returned.xlsx").write_bytes(data[:len(data) // 2])
    assert refused(plan, "returned.xlsx")[0] == (
        "returned.xlsx: error: not a workbook: the file is not an .xlsx file (a zip archive)")


def test_a_zip_that_is_not_a_workbook(plan):
    with zipfile.ZipFile("returned.xlsx", "w") as archive:
        archive.writestr("hello.txt", "hello")
    assert refused(plan, "returned.xlsx")[0] == (
        "returned.xlsx: error: not a workbook openpyxl can read (KeyError)")


def test_old_excel_and_other_formats_are_refused(plan):
    Path("returned.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
    assert refused(plan, "returned.xls")[0] == (
        "returned.xls: error: not a workbook apply reads: .xls files are not accepted")


def test_a_file_too_large_is_refused_before_it_is_read(plan):
    with open("returned.xlsx", "wb") as f:
        f.truncate(limits.MAX_FILE_BYTES + 1)   # sparse: no disk used
    assert refused(plan, "returned.xlsx")[0] == (
        f"returned.xlsx: error: the file is {limits.MAX_FILE_BYTES + 1:,} bytes, more than the limit of "
        f"{limits.MAX_FILE_BYTES:,}")


def test_a_zip_bomb_is_refused_before_it_is_unpacked(plan, exported):
    rezip(exported, Path("returned.xlsx"), add={"xl/media/bomb.bin": bytes(50_000_000)})
    assert Path("returned.xlsx").stat().st_size < 200_000
    lines = refused(plan, "returned.xlsx")
    assert re.fullmatch(r"returned\.xlsx: error: the workbook's part xl/media/bomb\.bin unpacks to [\d,]+ times its "
                        r"packed size, more than the limit of 100", lines[0]), lines[0]
    assert lines[1] == "  hint: this looks like a zip bomb: it was not opened"


def test_too_much_unpacked_in_all_is_refused(plan, exported, monkeypatch):
    monkeypatch.setattr(limits, "MAX_UNPACKED_BYTES", 10_000)
    Path("returned.xlsx").write_bytes(exported.read_bytes())
    lines = refused(plan, "returned.xlsx")
    assert re.fullmatch(r"returned\.xlsx: error: the workbook unpacks to [\d,]+ bytes, more than the limit of 10,000",
                        lines[0]), lines[0]


def test_too_many_parts_are_refused(plan, exported):
    rezip(exported, Path("returned.xlsx"), add={f"extra/{n}.xml": b"<x/>" for n in range(limits.MAX_MEMBERS)})
    lines = refused(plan, "returned.xlsx")
    assert re.fullmatch(rf"returned\.xlsx: error: the workbook has [\d,]+ parts, more than the limit of "
                        rf"{limits.MAX_MEMBERS}", lines[0]), lines[0]


def test_xml_entity_declarations_are_refused(plan, exported):
    with zipfile.ZipFile(exported) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml")
    bomb = (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
            + sheet.split(b"?>", 1)[-1].replace(b"<t>", b"<t>&b;", 1))
    assert b"<t>&b;" in bomb
    rezip(exported, Path("returned.xlsx"), replace={"xl/worksheets/sheet1.xml": bomb})
    assert refused(plan, "returned.xlsx")[0] == (
        "returned.xlsx: error: not a workbook openpyxl can read (EntitiesForbidden)")


def test_too_many_rows_are_refused(plan, exported, monkeypatch):
    monkeypatch.setattr(limits, "MAX_ROWS", 3)
    Path("returned.xlsx").write_bytes(exported.read_bytes())
    assert refused(plan, "returned.xlsx")[0] == "returned.xlsx:Outcomes!A4: error: the sheet has more than 3 rows"


def test_a_cell_too_long_is_refused(plan, exported, monkeypatch):
    # openpyxl cuts what it writes at Excel's limit: test a lower limit, above every text of the bundled plan
    monkeypatch.setattr(limits, "MAX_CELL_CHARS", 5_000)
    from openpyxl import load_workbook
    wb = load_workbook(exported)
    wb["Outcomes"]["H2"] = "x" * 5_001
    wb.save("returned.xlsx")
    assert refused(plan, "returned.xlsx")[0] == (
        "returned.xlsx:Outcomes!H2: error: the cell holds 5,001 characters, more than the limit of 5,000")


def test_a_workbook_not_made_by_export(plan):
    wb = Workbook()
    wb.active.title = "Outcomes"
    wb.save("returned.xlsx")
    assert refused(plan, "returned.xlsx")[0] == (
        "returned.xlsx: error: the workbook has no export record: it was not made by goldenthread updates export")
    wb.active.title = "Sheet1"
    wb.save("returned.xlsx")
    assert refused(plan, "returned.xlsx")[0] == "returned.xlsx: error: the workbook has no sheet 'Outcomes'"


def test_a_damaged_export_record(plan, exported):
    from openpyxl import load_workbook
    wb = load_workbook(exported)
    wb["Export record"]["B4"] = "999"
    wb.save("returned.xlsx")
    assert refused(plan, "returned.xlsx")[0] == "returned.xlsx: error: the workbook's export record is damaged"


def test_missing_file_and_folder(plan):
    assert refused(plan, "nowhere.xlsx")[0] == "nowhere.xlsx: error: cannot read the file: No such file or directory"
    Path("folder.xlsx").mkdir()
    assert refused(plan, "folder.xlsx")[0] == "folder.xlsx: error: not a file"


@pytest.mark.parametrize("content, message", [
    (b"\xff\xfe\x00I\x00D", "returned.csv:1: error: the CSV file is not UTF-8 text"),
    (b"ID\x00,x\r\n", "returned.csv: error: not a CSV file: it holds NUL characters"),
    (b"ID,Priority,Outcome\r\n", "returned.csv:1: error: the file has no export record: it was not made by "
                                 "goldenthread updates export"),
    (b'"unclosed\r\n', "returned.csv:1: error: not a CSV file apply can read (unexpected end of data)"),
])
def test_bad_csv_files(plan, content, message):
    Path("returned.csv").write_bytes(content)
    assert refused(plan, "returned.csv")[0] == message


def test_security_page_states_the_limits():
    page = (Path(__file__).resolve().parents[1] / "docs" / "security.md").read_text(encoding="utf-8")
    section = page[page.index("## Workbooks from the leads"):]
    for value in (limits.MAX_FILE_BYTES, limits.MAX_UNPACKED_BYTES, limits.MAX_RATIO, limits.MAX_MEMBERS,
                  limits.MAX_ROWS, limits.MAX_CELL_CHARS):
        assert f"{value:,}" in section, value
