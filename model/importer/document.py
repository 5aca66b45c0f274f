"""Reading the text export line by line into its parts: title, vision, tables.

The export is a word processor's "save as text" of a plan: the vision and
title as plain lines, then tables whose rows are tab-separated cells. Every
page repeats a page header ("... – Last updated: 22/01/2021") and the table's
header row; a row that continues a cell from the previous page is the first
row after that repeated header. This module only finds those parts and
remembers line numbers; :mod:`model.importer.priorities` and
:mod:`model.importer.operational` give them meaning.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from goldenthread.model.importer.report import ImportReport

_PAGE_HEADER = re.compile(r"(?:Last\s+)?updated:?\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", re.IGNORECASE)
#: Other lines a word processor repeats on every page: "Page 3 of 12", "- 3 -".
_PAGE_MARK = re.compile(r"^(?:page\s+\d+(?:\s+of\s+\d+)?|[-–]\s*\d+\s*[-–])$", re.IGNORECASE)
_TITLE = re.compile(r"\bPlan\b.*?\b((?:19|20)\d{2})\s*(?:[/–-]|\bto\b)\s*((?:19|20)?\d{2})\b", re.IGNORECASE)
_PRIORITY_SECTION = re.compile(r"^\s*(?:(\d+)\s+)?(.*\bPriorities)(?:\s+(?:for\s+)?(?:19|20)\d{2}(?:\s*[/–-]\s*\d{2,4})?)?"
                               r"[\s:]*$", re.IGNORECASE)
_VISION = re.compile(r"^\s*VISION\b", re.IGNORECASE)

#: Header words that identify each column of a priority table, in any order.
PRIORITY_COLUMNS = {
    "priority": ("priority", "objective"),
    "action": ("what we need to do", "what we will do", "action"),
    "indicator": ("indicators of success", "make a difference", "indicator", "success measure"),
    "outcome": ("outcomes", "how will we know", "impact"),
    "timescale": ("timescale", "target date", "deadline", "by when", "due date", "when"),
    "rag": ("rag", "status", "rating"),
}
#: ... and of the operational plans table.
PLAN_COLUMNS = {
    "plan": ("operational", "service plan", "plan name"),
    "priorities": ("connected priority", "priority", "priorities"),
    "lead": ("lead", "officer", "owner"),
    "document": ("link", "document"),
}


@dataclass
class SourceRow:
    """One data row: its cells and where it stands.

    ``page_start`` is true for the first row after a repeated table header,
    the only place where a cell of the previous row can continue.
    """

    line: int
    cells: list[str]
    page_start: bool = False


@dataclass
class Table:
    kind: str                       # "priorities" or "plans"
    heading: str
    heading_line: int
    declared_count: int | None = None
    columns: dict[str, int] = field(default_factory=dict)
    rows: list[SourceRow] = field(default_factory=list)


@dataclass
class Document:
    lines: list[str]
    title: str | None = None
    title_line: int | None = None
    period: tuple[int, int] | None = None       # (first year, second year)
    last_updated: dt.date | None = None
    vision_heading: str | None = None
    vision_text: str | None = None
    vision_lines: tuple[int, int] | None = None
    tables: list[Table] = field(default_factory=list)


def _match_columns(cells: list[str], vocabulary: dict[str, tuple[str, ...]]) -> dict[str, int] | None:
    """Map column names to indices when *cells* is a header row of that vocabulary."""
    found: dict[str, int] = {}
    for index, cell in enumerate(cells):
        text = " ".join(re.sub(r"<[^>]+>", " ", cell).lower().split())
        if len(text) > 80:
            return None      # a header names its column in a few words; a long cell is data
        for name, words in vocabulary.items():
            if name not in found and any(w in text for w in words):
                found[name] = index
                break
    return found if len(found) == len(vocabulary) else None


def read_document(lines: list[str], report: ImportReport) -> Document:
    """Split the export into title, vision and tables, keeping line numbers (1-based)."""
    doc = Document(lines=lines)
    table: Table | None = None
    pending_heading: tuple[str, int, int | None, str] | None = None
    after_header = False
    vision_lines: list[tuple[int, str]] = []
    in_vision = False

    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if not stripped:
            continue
        if _PAGE_MARK.match(stripped):
            report.account(number, stripped, "page header")
            after_header = table is not None
            continue
        page = _PAGE_HEADER.search(stripped)
        if page and "\t" not in line:
            report.account(number, stripped, "page header")
            after_header = table is not None     # a new page, even where the table header is not repeated
            day, month, year = (int(g) for g in page.groups())
            try:
                updated = dt.date(year, month, day)
            except ValueError:
                report.warn(number, "bad-date", f"page header date {page.group(0)!r} is not a date")
                continue
            if doc.last_updated and updated != doc.last_updated:
                report.warn(number, "page-header", f"page header says last updated {updated}, "
                            f"earlier pages say {doc.last_updated}; kept the first")
            doc.last_updated = doc.last_updated or updated
            continue
        if "\t" not in line:
            in_vision = _read_plain_line(doc, number, stripped, vision_lines, in_vision)
            section = _PRIORITY_SECTION.match(stripped)
            if section and re.search(r"\bplans?\b", stripped, re.IGNORECASE) and not section.group(1):
                section = None           # "Operational plans underpinning the ... Priorities"
            if section:
                pending_heading = (stripped, number, int(section.group(1)) if section.group(1) else None,
                                   "priorities")
            elif doc.tables or doc.title:
                if "plan" in stripped.lower() and not _TITLE.search(stripped):
                    pending_heading = (stripped, number, None, "plans")
            continue
        cells = line.split("\t")
        priority_header = _match_columns(cells, PRIORITY_COLUMNS)
        plan_header = None if priority_header else _match_columns(cells, PLAN_COLUMNS)
        if priority_header or plan_header:
            report.account(number, line, "table header row")
            kind = "priorities" if priority_header else "plans"
            if pending_heading and pending_heading[3] == kind:
                heading, heading_line, count, _ = pending_heading
                table = Table(kind, heading, heading_line, count, priority_header or plan_header)
                doc.tables.append(table)
                pending_heading = None
                after_header = False
            elif table is not None and table.kind == kind:
                after_header = True      # the header repeated on a new page
            elif kind == "priorities" and not _last_columns(doc, kind):
                # The only priority table, with no heading of its own: one group, named for what it is.
                table = Table(kind, "Priorities", number, None, priority_header)
                doc.tables.append(table)
                after_header = False
                report.info(number, "table-without-heading", "a priority table with no heading above it: "
                            "read as one group called 'Priorities'",
                            hint="a heading like '7 Strategic Leadership Priorities' names the group")
            else:
                report.error(number, "orphan-table", "a table header with no section heading before it",
                             hint="a priority table starts after a line like '7 Strategic Leadership Priorities'")
                table = None
            continue
        if pending_heading and pending_heading[3] == "priorities" and _last_columns(doc, "priorities"):
            # A new section whose first page omits the table header: same columns as the last table.
            heading, heading_line, count, kind = pending_heading
            table = Table(kind, heading, heading_line, count, dict(_last_columns(doc, kind)))
            doc.tables.append(table)
            pending_heading = None
            report.info(number, "header-reused", f"no table header under {heading!r}: "
                        "read with the columns of the table before it")
        if table is None:
            report.warn(number, "stray-row", "a table row outside any table: skipped")
            report.account(number, line, "a table row outside any table (skipped)")
            continue
        table.rows.append(SourceRow(number, cells, page_start=after_header))
        after_header = False

    if vision_lines:
        doc.vision_text = " ".join(text for _, text in vision_lines)
        first = doc.vision_lines[0] if doc.vision_lines else vision_lines[0][0]
        doc.vision_lines = (first, vision_lines[-1][0])
    return doc


def _last_columns(doc: Document, kind: str) -> dict[str, int] | None:
    tables = [t for t in doc.tables if t.kind == kind]
    return tables[-1].columns if tables else None


def _read_plain_line(doc: Document, number: int, text: str,
                     vision_lines: list[tuple[int, str]], in_vision: bool) -> bool:
    """Take the vision heading, its text, and the plan title from plain lines."""
    if doc.title is None and not doc.tables:
        title = _TITLE.search(text)
        if title:
            doc.title, doc.title_line = text, number
            first, second = int(title.group(1)), title.group(2)
            doc.period = (first, int(second) if len(second) == 4 else first // 100 * 100 + int(second))
            return False
    if _VISION.match(text) and doc.vision_heading is None:
        doc.vision_heading = text
        if doc.vision_lines is None:
            doc.vision_lines = (number, number)
        return True
    if in_vision and not doc.tables and not _PRIORITY_SECTION.match(text) and not _TITLE.search(text) and not (
            doc.title_line and doc.vision_lines and doc.title_line > doc.vision_lines[0]):
        vision_lines.append((number, text))   # the vision's text runs to the title, or to the first heading
        return True
    return False
