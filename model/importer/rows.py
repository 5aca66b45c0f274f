"""Putting the cells of one priority-table row back in their columns.

Some rows of the export are shifted: the cells of one row start a few
columns too far right (the Timescale and RAG columns then hold prose) or too
far left (a RAG value stands in the Indicators column, and the last columns
are empty). :func:`align_row` moves the cells back only on positive evidence
and tells the report which evidence it saw.
"""
from __future__ import annotations

import re

from goldenthread.model.importer.cells import cell_parts, squash
from goldenthread.model.importer.document import SourceRow
from goldenthread.model.importer.report import ImportReport
from goldenthread.model.importer.ratings import looks_like_prose, read_rating

COLUMNS = ("priority", "action", "indicator", "outcome", "timescale", "rag")
_NUMBERED = re.compile(r"^\s*(?:<p>\s*)?(?:\(?\d+\b|\(?[IVXivx]+[.):]|priority\s+\d)", re.IGNORECASE)


def rag_value(text: str) -> str | None:
    """The canonical rating for one spelling, or ``None`` when it is not a rating (see :mod:`.ratings`).

    >>> rag_value("AMBER/ GREEN"), rag_value("Amber"), rag_value("n/a"), rag_value("Monthly")
    ('AMBER/GREEN', 'AMBER', 'N/A', None)
    """
    return read_rating(text).value


def rag_parts(raw: str) -> list[str] | None:
    """The ratings in a RAG cell (one per paragraph), or ``None`` if any part is not a rating."""
    values = [rag_value(p) for p in cell_parts(raw)]
    return None if any(v is None for v in values) else values  # type: ignore[return-value]


def align_row(row: SourceRow, columns: dict[str, int], report: ImportReport) -> dict[str, str]:
    """The row's cells by column name, shifted back into place only on positive evidence.

    Shifted right: the RAG column holds prose (a list or a sentence, see
    :func:`looks_like_prose`). Shifted left: a known rating stands in an
    earlier column, right after a filled cell, with only empty cells after it.
    An unknown value in the RAG column ("Amber-Green") is neither: it stays
    where it is, and the caller keeps it as text and reports it.
    """
    width = len(COLUMNS)
    cells = [row.cells[columns[name]] if columns[name] < len(row.cells) else "" for name in COLUMNS]
    extra = [c for i, c in enumerate(row.cells) if i not in columns.values() and c.strip()]
    if extra:
        report.warn(row.line, "extra-cells", f"{len(extra)} cells beyond the table's columns were ignored: "
                    + "; ".join(repr(squash(" ".join(cell_parts(c)))[:80]) for c in extra),
                    hint="check the row in the source; the export may have split a cell")
        for cell in extra:
            report.account(row.line, cell, "a cell beyond the table's columns")
    rag_index = width - 1
    filled = [i for i, c in enumerate(cells) if c.strip()]
    if not filled:
        return dict(zip(COLUMNS, cells))

    rag_cell = cells[rag_index]
    if rag_cell.strip() and looks_like_prose(rag_cell):
        # Shifted right: find where the first filled cell really belongs.
        first = filled[0]
        target = 0 if _NUMBERED.match(cells[first]) else 1
        shift = first - target
        if shift > 0:
            cells = cells[shift:] + [""] * shift
            report.warn(row.line, "shifted-row",
                        f"row stood {shift} columns right of its place: evidence, prose in the RAG column "
                        f"({squash(' '.join(cell_parts(rag_cell)))[:40]!r}) and {shift} empty cells before the "
                        f"first; read it from the {COLUMNS[target]} column on",
                        hint="check that the row's cells now match the document's columns")
    elif not rag_cell.strip():
        # Shifted left: a rating followed only by empty cells, after a filled cell.
        for index in range(rag_index - 1, 0, -1):
            if cells[index].strip():
                if rag_parts(cells[index]) is not None and index >= 2 and cells[index - 1].strip():
                    shift = rag_index - index
                    cells = [""] * shift + cells[: width - shift]
                    report.warn(row.line, "shifted-row",
                                f"row stood {shift} columns left of its place: evidence, the rating "
                                f"{squash(cells[rag_index])!r} in the {COLUMNS[index]} column with the last "
                                f"{shift} cells empty; moved it back",
                                hint="check that the row's cells now match the document's columns")
                break
    return dict(zip(COLUMNS, cells))
