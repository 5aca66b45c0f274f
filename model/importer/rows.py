"""Putting the cells of one priority-table row back in their columns.

Some rows of the export are shifted: the cells of one row start a few
columns too far right (the Timescale and RAG columns then hold prose) or too
far left (a RAG value stands in the Indicators column, and the last columns
are empty). :func:`align_row` detects both from the RAG column, which can only
hold a rating, and moves the cells back, telling the report what it did.
"""
from __future__ import annotations

import re

from goldenthread.model.importer.cells import cell_parts
from goldenthread.model.importer.document import SourceRow
from goldenthread.model.importer.report import ImportReport
from goldenthread.model.schema import RAG_VALUES

COLUMNS = ("priority", "action", "indicator", "outcome", "timescale", "rag")
_NUMBERED = re.compile(r"^\s*(?:<p>\s*)?\d+\b")

#: Spellings seen for each rating, folded to the canonical value.
_RAG_SPELLINGS = {value.replace("/", ""): value for value in RAG_VALUES}
_RAG_SPELLINGS.update({"NA": "N/A", "AMBERGREEN": "AMBER/GREEN", "GREENAMBER": "AMBER/GREEN"})


def rag_value(text: str) -> str | None:
    """The canonical rating for one spelling, or ``None`` when it is not a rating.

    >>> rag_value("AMBER/ GREEN"), rag_value("Amber"), rag_value("n/a"), rag_value("Monthly")
    ('AMBER/GREEN', 'AMBER', 'N/A', None)
    """
    folded = re.sub(r"[\s/]+", "", text).upper()
    return _RAG_SPELLINGS.get(folded)


def rag_parts(raw: str) -> list[str] | None:
    """The ratings in a RAG cell (one per paragraph), or ``None`` if any part is not a rating."""
    parts = cell_parts(raw)
    values = [rag_value(p) for p in parts]
    return None if any(v is None for v in values) else values  # type: ignore[return-value]


def align_row(row: SourceRow, columns: dict[str, int], report: ImportReport) -> dict[str, str]:
    """The row's cells by column name, shifted back into place when needed."""
    width = len(COLUMNS)
    cells = [row.cells[columns[name]] if columns[name] < len(row.cells) else "" for name in COLUMNS]
    extra = [c for i, c in enumerate(row.cells) if i not in columns.values() and c.strip()]
    if extra:
        report.warn(row.line, "extra-cells", f"{len(extra)} cells beyond the table's columns were ignored",
                    hint="check the row in the source; the export may have split a cell")
    rag_index = width - 1
    filled = [i for i, c in enumerate(cells) if c.strip()]
    if not filled:
        return dict(zip(COLUMNS, cells))

    rag_cell = cells[rag_index]
    if rag_cell.strip() and rag_parts(rag_cell) is None:
        # Shifted right: find where the first filled cell really belongs.
        first = filled[0]
        target = 0 if _NUMBERED.match(cells[first]) else 1
        shift = first - target
        if shift > 0:
            cells = cells[shift:] + [""] * shift
            report.warn(row.line, "shifted-row",
                        f"row stood {shift} columns right of its place (prose in the RAG column); "
                        f"read it from the {COLUMNS[target]} column on",
                        hint="check that the row's cells now match the document's columns")
        else:
            report.warn(row.line, "bad-rag", f"RAG cell {rag_cell.strip()!r} is not a rating; ignored",
                        hint="ratings are " + ", ".join(RAG_VALUES))
            cells[rag_index] = ""
    elif not rag_cell.strip():
        # Shifted left: a rating followed only by empty cells.
        for index in range(rag_index - 1, 0, -1):
            if cells[index].strip():
                if rag_parts(cells[index]) is not None and index >= 2:
                    shift = rag_index - index
                    cells = [""] * shift + cells[: width - shift]
                    report.warn(row.line, "shifted-row",
                                f"row stood {shift} columns left of its place (a rating in the "
                                f"{COLUMNS[index]} column); moved it back",
                                hint="check that the row's cells now match the document's columns")
                break
    return dict(zip(COLUMNS, cells))
