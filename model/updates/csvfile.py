"""The workbook as CSV, for councils without Excel: the same columns, and the export's record inline.

Line 1 is the export's record (``# Golden Thread updates export``, the
layout version, the plan's fingerprint and whom the file is for); line 2 the
header; then one line per outcome, whose last column ``Check`` is the digest
of its Timescale and RAG as exported. The row order is not stored: apply
works it out from the plan, which the fingerprint says has the same items
and links. Every cell that a spreadsheet would take for a formula is written
with a leading ``'`` (removed again on reading); a cell that still starts
with ``=`` when read back is a formula typed by hand, and an error.
"""
from __future__ import annotations

import csv
import io
from pathlib import Path

from goldenthread.model.errors import Location
from goldenthread.model.updates import limits
from goldenthread.model.updates.sheet import HEADERS, LAYOUT_VERSION, Manifest, Row, guard, unguard
from goldenthread.model.updates.xlsx import SheetData, WorkbookError, _size

RECORD_MARK = "# Golden Thread updates export"
CSV_HEADERS = (*HEADERS, "Check")


def csv_text(rows: list[Row], manifest: Manifest) -> str:
    """The CSV file of one lead's rows."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([RECORD_MARK, f"layout {LAYOUT_VERSION}", f"plan {manifest.fingerprint}",
                     f"for {manifest.lead}", "", "", "", "", ""])
    writer.writerow(CSV_HEADERS)
    for row in rows:
        writer.writerow([guard(v) for v in (*row.cells(), "", "", "")] + [row.original()])
    return out.getvalue()


def read_csv(path: Path, display: str) -> SheetData:
    """Read a CSV file back, as untrusted input."""
    where = Location(display)
    _size(path, where)
    with open(path, "rb") as stream:
        raw = stream.read(limits.MAX_FILE_BYTES + 1)   # the file may have grown since it was measured
    if len(raw) > limits.MAX_FILE_BYTES:
        raise WorkbookError(f"the file is more than the limit of {limits.MAX_FILE_BYTES:,} bytes", where,
                            "a lead's file is far smaller: check this is the file export wrote")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[:error.start].count(b"\n") + 1
        raise WorkbookError("the CSV file is not UTF-8 text", Location(display, line),
                            "save it as \"CSV UTF-8 (comma delimited)\"") from None
    if "\x00" in text:
        raise WorkbookError("not a CSV file: it holds NUL characters", where,
                            "apply reads the CSV files export wrote, saved as CSV UTF-8")
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    data = SheetData(display=display, rows=[], manifest=Manifest(fingerprint="", lead=""), kind="csv")
    line = 1
    try:
        for number, cells in enumerate(reader, start=1):
            start, line = line, reader.line_num + 1
            if number > limits.MAX_ROWS + 1:
                raise WorkbookError(f"the file has more than {limits.MAX_ROWS:,} rows", Location(display, start),
                                    "a lead's file has one row per outcome: check this is the file export wrote")
            if number == 1:
                data.manifest = _record(cells, display)
                continue
            values = _values(cells, start, data)
            if number == 2:
                for column, name in enumerate(CSV_HEADERS):
                    if (values[column] if column < len(values) else None) != name:
                        raise WorkbookError(f"the header row was changed: this column's header should be "
                                            f"'{name}'", data.where(start, column),
                                            "apply reads the columns export wrote: undo the change")
                continue
            if any(v for v in values):
                values += [""] * (len(CSV_HEADERS) - len(values))
                data.checks[start] = values[len(HEADERS)]
                data.rows.append((start, values[:len(HEADERS)]))
    except csv.Error as error:
        raise WorkbookError(f"not a CSV file apply can read ({error})", Location(display, line),
                            "save it as \"CSV UTF-8 (comma delimited)\"") from None
    if not data.manifest.fingerprint:
        raise WorkbookError("the file has no export record: it was not made by goldenthread updates export",
                            where, "fill in a file written by `goldenthread updates export --format csv`")
    return data


def _values(cells: list[str], line: int, data: SheetData) -> list[str]:
    values = []
    for column, value in enumerate(cells[:len(CSV_HEADERS)]):
        if len(value) > limits.MAX_CELL_CHARS:
            raise WorkbookError(f"the cell holds {len(value):,} characters, more than the limit of "
                                f"{limits.MAX_CELL_CHARS:,}", data.where(line, column),
                                "shorten it: commentary is a few sentences")
        if value.startswith("="):
            raise WorkbookError("the cell holds a formula; formulas are never evaluated", data.where(line, column),
                                "type the value itself; to start a text with '=', put a ' before it")
        values.append(unguard(value).replace("\r\n", "\n"))
    return values


def _record(cells: list[str], display: str) -> Manifest:
    cells = [*cells, "", "", "", ""]
    if (cells[0] != RECORD_MARK or cells[1] != f"layout {LAYOUT_VERSION}" or not cells[2].startswith("plan ")
            or not cells[3].startswith("for ")):
        raise WorkbookError("the file has no export record: it was not made by goldenthread updates export",
                            Location(display, 1), "line 1 must stay as export wrote it; fill in a new export")
    return Manifest(fingerprint=cells[2][5:], lead=cells[3][4:])
