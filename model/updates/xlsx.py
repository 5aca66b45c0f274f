"""Writing a lead's workbook with openpyxl, and reading one back as untrusted input.

Writing: the sheet ``Outcomes`` has a header row, the five read-only columns
locked and the three the lead fills in unlocked (the sheet is protected
without a password: protection stops slips, not people), ``New RAG`` a
drop-down of the ratings, and widths, wrapping and print setup (A4
landscape, one page wide, the header row on every page) so it reads on
paper. Every cell is written as text; text that Excel would take for a
formula gets Excel's quote prefix, so it shows and stays as text even when
edited. The export's record (:class:`~.sheet.Manifest`) goes in a very
hidden sheet. The file is the same byte for byte for the same plan: the
document's dates are fixed and the archive is packed with fixed times.

Reading: the file's size, then the archive's members and their declared sizes
(:mod:`zipfile` holds a member to its declared size while reading), are
checked before openpyxl parses any XML; macro-enabled files are refused; the
sheet is read in openpyxl's streaming mode, formulas as formulas (never
evaluated): a cell that holds one is an error at its place.
"""
from __future__ import annotations

import datetime as dt
import io
import os
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from goldenthread.model.errors import GoldenThreadError, Location
from goldenthread.model.schema import RAG_VALUES
from goldenthread.model.updates import limits
from goldenthread.model.updates.sheet import (COLUMNS, FORMULA_STARTS, HEADERS, INPUTS, LAYOUT_VERSION, SHEET,
                                               Manifest, Row, cell_text)

#: The very hidden sheet that holds the export's record.
RECORD_SHEET = "Export record"
#: The date written as the workbook's created and modified dates, and on its archive's members.
FIXED_TIME = dt.datetime(2020, 1, 1)


class WorkbookError(GoldenThreadError):
    """A workbook or CSV file from a lead could not be read, or a cell in it is wrong."""


@dataclass(frozen=True)
class CellLocation(Location):
    """A cell of a workbook: printed ``alyson-hanson.xlsx:Outcomes!F7``."""

    sheet: str = SHEET
    cell: str = ""

    def __str__(self) -> str:
        return f"{self.file}:{self.sheet}!{self.cell}" if self.cell else self.file


@dataclass
class SheetData:
    """What was read from one file: its rows (sheet row number, the eight cells) and the export's record.

    ``where(row, column)`` gives a cell's location; ``manifest.ids`` is empty
    when the file does not carry the row order (CSV: apply works it out).
    """

    display: str
    rows: list[tuple[int, list[Any]]]
    manifest: Manifest
    kind: str = "xlsx"
    #: CSV only: the Check cell of each row (its Timescale and RAG digest as exported), by line number.
    checks: dict[int, str] = field(default_factory=dict)

    def where(self, row: int, column: int) -> Location:
        if self.kind == "csv":
            return Location(self.display, row, column + 1)
        return CellLocation(self.display, sheet=SHEET, cell=f"{_letter(column)}{row}")

    def where_file(self) -> Location:
        return Location(self.display)


def _letter(column: int) -> str:
    """The letter of the 0-based *column* (A to Z: the sheet has eight)."""
    return chr(ord("A") + column)


# --- writing ---------------------------------------------------------------------------------------------

def workbook_bytes(rows: list[Row], manifest: Manifest, *, title: str) -> bytes:
    """The .xlsx file of one lead's rows, deterministic."""
    title = cell_text(title)[:200]
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    wrap = Alignment(wrap_text=True, vertical="top")
    unlocked = Protection(locked=False)
    ws.append([None] * len(HEADERS))
    for column, (name, width) in enumerate(COLUMNS):
        cell = ws.cell(row=1, column=column + 1)
        _put(cell, name)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDDDDD" if name not in INPUTS else "FFF2CC")
        cell.alignment = wrap
        ws.column_dimensions[_letter(column)].width = width
    for number, row in enumerate(rows, start=2):
        for column, value in enumerate((*row.cells(), "", "", "")):
            cell = ws.cell(row=number, column=column + 1)
            _put(cell, value)
            cell.alignment = wrap
            if HEADERS[column] in INPUTS:
                cell.protection = unlocked
                cell.number_format = "@"   # typed text stays text: "March 2021" is not turned into a date
    ratings = DataValidation(type="list", formula1='"' + ",".join(RAG_VALUES) + '"', allow_blank=True,
                             showErrorMessage=True, errorTitle="New RAG",
                             error="Choose a rating from the list: " + ", ".join(RAG_VALUES))
    ws.add_data_validation(ratings)
    if rows:
        ratings.add(f"F2:F{len(rows) + 1}")
    ws.freeze_panes = "B2"
    ws.protection.sheet = True
    ws.protection.formatColumns = False   # the lead may widen a column or a row to read it
    ws.protection.formatRows = False
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"
    ws.oddHeader.center.text = title.replace("&", "&&")
    ws.oddFooter.center.text = "Page &P of &N"

    record = wb.create_sheet(RECORD_SHEET)
    record.sheet_state = "veryHidden"
    for values in (("layout", LAYOUT_VERSION), ("fingerprint", manifest.fingerprint), ("lead", manifest.lead),
                   ("rows", str(len(manifest.ids)))):
        record.append([None, None])
        for column, value in enumerate(values):
            _put(record.cell(row=record.max_row, column=column + 1), value)
    for number, (item, original) in enumerate(zip(manifest.ids, manifest.originals), start=5):
        _put(record.cell(row=number, column=1), item)
        _put(record.cell(row=number, column=2), original)
    record.protection.sheet = True

    wb.properties.creator = "Golden Thread"
    wb.properties.title = title
    wb.properties.created = wb.properties.modified = FIXED_TIME
    buffer = io.BytesIO()
    wb.save(buffer)
    return _repack(buffer.getvalue())


def _put(cell, value: str) -> None:
    """Write *value* as text, never as a formula: Excel's quote prefix where it would read one."""
    if value == "":
        return   # an empty cell: nothing to write (it reads back as empty, as the plan's nothing)
    cell.value = value
    cell.data_type = "s"
    if value.startswith(FORMULA_STARTS):
        cell.quotePrefix = True


_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def _repack(data: bytes) -> bytes:
    """The same archive with fixed times: openpyxl stamps the members and the document's modified date with now."""
    out = io.BytesIO()
    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = _MODIFIED.sub(rb"\g<1>" + stamp + rb"\g<2>", content)
            target.writestr(fixed, content)
    return out.getvalue()


# --- reading ---------------------------------------------------------------------------------------------

MACRO_SUFFIXES = (".xlsm", ".xltm", ".xlam")


def read_workbook(path: Path, display: str) -> SheetData:
    """Read a lead's .xlsx file, as untrusted input: one located :class:`WorkbookError` when it cannot be."""
    where = Location(display)
    suffix = path.suffix.lower()
    if suffix in MACRO_SUFFIXES:
        raise WorkbookError("a macro-enabled workbook is refused", where,
                            "save it as an Excel Workbook (.xlsx) without macros and apply that file")
    if suffix in (".xls", ".xlsb", ".ods"):
        raise WorkbookError(f"not a workbook apply reads: {suffix} files are not accepted", where,
                            "save it as an Excel Workbook (.xlsx), or as CSV (UTF-8)")
    size = _size(path, where)
    if not zipfile.is_zipfile(path):
        raise WorkbookError("not a workbook: the file is not an .xlsx file (a zip archive)", where,
                            "apply reads the .xlsx files export wrote, or CSV files with the same columns")
    _check_archive(path, size, where)
    return _read_sheets(path, display)


def _size(path: Path, where: Location) -> int:
    try:
        size = os.stat(path).st_size
    except OSError as error:
        raise WorkbookError(f"cannot read the file: {error.strerror or error}", where,
                            "check the file name and that you may read it") from None
    if not path.is_file():
        raise WorkbookError("not a file", where, "give the workbook files themselves, not a folder")
    if size > limits.MAX_FILE_BYTES:
        raise WorkbookError(f"the file is {size:,} bytes, more than the limit of {limits.MAX_FILE_BYTES:,}",
                            where, "a lead's workbook is far smaller: check this is the file export wrote")
    return size


def _check_archive(path: Path, size: int, where: Location) -> None:
    """Refuse zip bombs and macros before any XML is parsed: declared sizes, ratios, members."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise WorkbookError(f"not a workbook: the archive is damaged ({error})", where,
                            "save the workbook again from Excel, or export a new one") from None
    if len(members) > limits.MAX_MEMBERS:
        raise WorkbookError(f"the workbook has {len(members):,} parts, more than the limit of {limits.MAX_MEMBERS}",
                            where, "a workbook made by export has about a dozen: this is not one of them")
    total = 0
    for member in members:
        total += member.file_size
        packed = max(member.compress_size, 1)
        if member.file_size >= limits.RATIO_FLOOR_BYTES and member.file_size / packed > limits.MAX_RATIO:
            raise WorkbookError(f"the workbook's part {member.filename} unpacks to {member.file_size / packed:,.0f} "
                                f"times its packed size, more than the limit of {limits.MAX_RATIO}",
                                where, "this looks like a zip bomb: it was not opened")
        name = member.filename.lower()
        if name.endswith("vbaproject.bin") or name.endswith(".bin") and "vba" in name:
            raise WorkbookError("a macro-enabled workbook is refused (it holds a VBA project)", where,
                                "save it as an Excel Workbook (.xlsx) without macros and apply that file")
    if total > limits.MAX_UNPACKED_BYTES:
        raise WorkbookError(f"the workbook unpacks to {total:,} bytes, more than the limit of "
                            f"{limits.MAX_UNPACKED_BYTES:,}", where, "this looks like a zip bomb: it was not opened")


def _read_sheets(path: Path, display: str) -> SheetData:
    from openpyxl import load_workbook

    where = Location(display)
    try:
        wb = load_workbook(path, read_only=True, data_only=False, keep_links=False, keep_vba=False)
    except Exception as error:  # noqa: BLE001 - any failure to parse untrusted input is one located error
        raise WorkbookError(f"not a workbook openpyxl can read ({_reason(error)})", where,
                            "save the workbook again from Excel as .xlsx, or export a new one") from None
    try:
        if SHEET not in wb.sheetnames:
            raise WorkbookError(f"the workbook has no sheet '{SHEET}'", where,
                                "apply reads the sheet export wrote: do not rename or delete it")
        if RECORD_SHEET not in wb.sheetnames:
            raise WorkbookError("the workbook has no export record: it was not made by goldenthread updates export",
                                where, "fill in a workbook written by `goldenthread updates export`")
        data = SheetData(display=display, rows=[], manifest=Manifest(fingerprint="", lead=""))
        try:
            data.rows = _rows(wb[SHEET], data)
            data.manifest = _manifest(wb[RECORD_SHEET], data)
        except WorkbookError:
            raise
        except Exception as error:  # noqa: BLE001 - malformed sheet XML: one located error
            raise WorkbookError(f"not a workbook openpyxl can read ({_reason(error)})", where,
                                "save the workbook again from Excel as .xlsx, or export a new one") from None
        return data
    finally:
        wb.close()


def _reason(error: BaseException) -> str:
    """The name of what went wrong first (openpyxl wraps the XML parser's error in a ValueError)."""
    seen = set()
    while (error.__cause__ or error.__context__) is not None and id(error) not in seen:
        seen.add(id(error))
        error = error.__cause__ or error.__context__
    return type(error).__name__


def _rows(ws, data: SheetData) -> list[tuple[int, list[Any]]]:
    """The sheet's rows as values, header checked; formulas and overlong cells are errors at their place."""
    rows = []
    for number, cells in enumerate(ws.iter_rows(max_col=len(HEADERS)), start=1):
        if number > limits.MAX_ROWS:
            raise WorkbookError(f"the sheet has more than {limits.MAX_ROWS:,} rows", data.where(number, 0),
                                "a lead's workbook has one row per outcome: check this is the file export wrote")
        values = []
        for column, cell in enumerate(cells[:len(HEADERS)]):
            if getattr(cell, "data_type", None) == "f":
                raise WorkbookError("the cell holds a formula; formulas are never evaluated",
                                    data.where(number, column),
                                    "type the value itself (a formula's result is not read)")
            value = cell.value
            if isinstance(value, str) and len(value) > limits.MAX_CELL_CHARS:
                raise WorkbookError(f"the cell holds {len(value):,} characters, more than the limit of "
                                    f"{limits.MAX_CELL_CHARS:,}", data.where(number, column),
                                    "shorten it: commentary is a few sentences")
            values.append(value)
        values += [None] * (len(HEADERS) - len(values))
        if number == 1:
            _check_header(values, data)
        elif any(v not in (None, "") for v in values):
            rows.append((number, values))
    return rows


def _check_header(values: list[Any], data: SheetData) -> None:
    for column, (name, value) in enumerate(zip(HEADERS, values)):
        if value != name:
            raise WorkbookError(f"the header row was changed: this column's header should be '{name}'",
                                data.where(1, column), "apply reads the columns export wrote: "
                                "undo the change, or fill in a new export")


def _manifest(ws, data: SheetData) -> Manifest:
    """The export's record from the hidden sheet, checked for shape."""
    rows = []
    for number, cells in enumerate(ws.iter_rows(max_col=2, values_only=True), start=1):
        if number > limits.MAX_ROWS + 4:
            break
        rows.append(tuple(cells) + (None,) * (2 - len(cells)))
    head = {str(k): v for k, v in rows[:4]} if len(rows) >= 4 else {}
    try:
        count = int(head.get("rows"))
    except (TypeError, ValueError):
        count = -1
    body = rows[4:4 + max(count, 0)]
    if (head.get("layout") != LAYOUT_VERSION or not isinstance(head.get("fingerprint"), str)
            or not isinstance(head.get("lead"), str) or count < 0 or len(body) != count
            or not all(isinstance(i, str) and isinstance(o, str) for i, o in body)):
        raise WorkbookError("the workbook's export record is damaged", data.where_file(),
                            "fill in a new workbook from `goldenthread updates export`")
    return Manifest(fingerprint=head["fingerprint"], lead=head["lead"], ids=[i for i, _ in body],
                    originals=[o for _, o in body])
