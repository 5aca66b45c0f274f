"""Checking what the leads returned, cell by cell, against the plan and the export's record.

:func:`read_updates` reads every file (:mod:`.xlsx`, :mod:`.csvfile`) and
returns the :class:`Update` of each outcome whose New RAG, New timescale or
Commentary was filled in, or raises one :class:`~.xlsx.WorkbookError` at the
first bad cell (the others in its ``details``). Bad cells: an unknown rating
or date, an ID not in the plan, an edited read-only cell, a row moved,
deleted or copied, two files setting one outcome differently, a file made
from another version of the plan (its fingerprint), a rating or timescale
the plan changed since the export (only where the row sets a new value).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx

from goldenthread.model.errors import Location, relative
from goldenthread.model.explain import suggest
from goldenthread.model.graph import OUTCOME, nodes_of_kind
from goldenthread.model.limits import MAX_TEXT_CHARS
from goldenthread.model.schema import RAG_VALUES, PlanData
from goldenthread.model.timescale import parse_timescale
from goldenthread.model.updates.csvfile import read_csv
from goldenthread.model.updates.sheet import HEADERS, digest, fingerprint, row_of, workbooks
from goldenthread.model.updates.xlsx import SheetData, WorkbookError, read_workbook

ID, PRIORITY, OUTCOME_TEXT, TIMESCALE, RAG, NEW_RAG, NEW_TIMESCALE, COMMENTARY = range(len(HEADERS))
#: How many further bad cells one error lists after the first.
MAX_DETAILS = 50
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_READ_ONLY_HINT = ("the read-only columns must stay as exported: undo the change, and put the new value in "
                   "New RAG, New timescale or Commentary")
_RATINGS = ", ".join(RAG_VALUES)


@dataclass
class Update:
    """What the leads set for one outcome, and where (one location per field set)."""

    id: str
    rag: str | None = None
    timescale: str | None = None
    commentary: str | None = None
    where: dict[str, Location] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {"id": self.id, "rag": self.rag, "timescale": self.timescale, "commentary": self.commentary,
                "where": {k: str(v) for k, v in self.where.items()}}


def read_file(path: Path) -> SheetData:
    """One returned file: CSV by its name, else a workbook."""
    display = relative(path)
    return read_csv(path, display) if path.suffix.lower() == ".csv" else read_workbook(path, display)


def read_updates(paths: list[Path], data: PlanData, g: nx.MultiDiGraph) -> list[Update]:
    """Every filled-in outcome of *paths*, checked; in the plan's reading order.

    Raises :class:`WorkbookError` at the first bad cell, the others (up to
    :data:`MAX_DETAILS`) in its ``details``; ``tests/test_updates_apply.py``
    asserts each message.
    """
    errors: list[WorkbookError] = []
    current = fingerprint(data)
    layouts = {lead: [r.id for r in rows] for lead, rows in workbooks(g).items()}
    outcomes = set(nodes_of_kind(g, OUTCOME))
    updates: dict[str, Update] = {}
    for path in paths:
        try:
            sheet = read_file(path)
        except WorkbookError as error:
            errors.append(error)
            continue
        _check_sheet(sheet, current, layouts, outcomes, g, updates, errors)
    if errors:
        first = errors[0]
        more = errors[1:MAX_DETAILS + 1]
        if len(errors) > MAX_DETAILS + 1:
            more.append(WorkbookError(f"... and {len(errors) - MAX_DETAILS - 1} more", None, None))
        raise WorkbookError(first.title, first.location, first.hint, details=more)
    order = {n: i for i, n in enumerate(g)}
    return sorted(updates.values(), key=lambda u: order[u.id])


def _text(value: Any) -> str:
    """A cell's value as text, as export wrote it: ``""`` for an empty cell."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.replace("\r\n", "\n")
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    return str(value)


def _check_sheet(sheet: SheetData, current: str, layouts: dict[str, list[str]], outcomes: set[str],
                 g: nx.MultiDiGraph, updates: dict[str, Update], errors: list[WorkbookError]) -> None:
    manifest = sheet.manifest
    if manifest.fingerprint != current:
        errors.append(WorkbookError(
            "the workbook was made from another version of the plan", sheet.where_file(),
            "the plan's outcomes, texts or links changed since it was exported: export a new workbook "
            "and copy the lead's entries into it"))
        return
    if sheet.kind == "csv":
        if manifest.lead not in layouts:
            errors.append(WorkbookError(f"the export record names '{manifest.lead}', who has no outcomes in the "
                                        "plan", sheet.where(1, 3), "line 1 must stay as export wrote it"))
            return
        expected = layouts[manifest.lead]
        originals = {number: sheet.checks.get(number, "") for number, _ in sheet.rows}
    else:
        expected = manifest.ids
        by_id = dict(zip(manifest.ids, manifest.originals))
        originals = {number: by_id.get(_text(values[ID]), "") for number, values in sheet.rows}
    seen: dict[str, int] = {}
    in_file = {_text(values[ID]).strip() for _, values in sheet.rows}
    exported = set(expected)
    for k, (number, values) in enumerate(sheet.rows):
        item = _text(values[ID]).strip()
        error = _check_place(sheet, k, number, item, expected, exported, in_file, seen, outcomes,
                             hints=len(errors) <= MAX_DETAILS)
        seen.setdefault(item, number)
        if error:
            errors.append(error)
            continue
        _check_row(sheet, number, values, g.nodes[item], row_of(g, item), originals[number], updates, errors)
    if len(sheet.rows) < len(expected):
        missing = next((item for item in expected if item not in in_file), expected[len(sheet.rows)])
        last = sheet.rows[-1][0] + 1 if sheet.rows else 2
        errors.append(WorkbookError(
            f"a row was deleted: outcome {missing} ({_row_name(sheet, expected.index(missing))} when exported) "
            "is missing", sheet.where(last, ID),
            "rows cannot be deleted: leave an outcome's row with its input cells blank to change nothing"))


def _row_name(sheet: SheetData, k: int) -> str:
    """How a message names the *k*-th outcome row (0-based): ``row 7`` of the sheet, ``outcome row 6`` of a CSV."""
    return f"outcome row {k + 1}" if sheet.kind == "csv" else f"row {k + 2}"


def _check_place(sheet: SheetData, k: int, number: int, item: str, expected: list[str], exported: set[str],
                 in_file: set[str], seen: dict[str, int], outcomes: set[str], *,
                 hints: bool = True) -> WorkbookError | None:
    """The error of a row that is not the outcome the export put there, or ``None``.

    *hints*: look for a close ID (a search of the whole row list) only for errors that are shown.
    """
    where = sheet.where(number, ID)
    redo = "undo the change, or fill in a new export"
    if not item:
        return WorkbookError("the row has no ID", where, f"the ID column is read-only: {redo}")
    if item not in outcomes:
        close = suggest(item, expected) if hints and len(item) <= 200 else None
        return WorkbookError(f"ID '{_shown(item)}' is not in the plan", where,
                             (f"did you mean {close}? " if close else "") + f"the ID column is read-only: {redo}")
    if item in seen:
        return WorkbookError(f"outcome {item} appears twice (also on {_place(sheet, seen[item])})", where,
                             "rows cannot be copied: delete the copy")
    if item not in exported:
        return WorkbookError(f"outcome {item} was not in this workbook when it was exported", where,
                             "rows cannot be added or copied from another workbook: remove this row")
    if k < len(expected) and expected[k] == item:
        return None
    if k < len(expected) and expected[k] not in in_file:
        return WorkbookError(f"a row was deleted: outcome {expected[k]} ({_row_name(sheet, k)} when exported) "
                             "is missing", where,
                             "rows cannot be deleted: leave an outcome's row with its input cells blank to "
                             "change nothing")
    return WorkbookError(f"a row was moved: outcome {item} was {_row_name(sheet, expected.index(item))} when "
                         "exported", where, "rows cannot be moved or sorted: undo the move, or fill in a new export")


def _place(sheet: SheetData, number: int) -> str:
    return f"line {number}" if sheet.kind == "csv" else f"row {number}"


def _shown(text: str, limit: int = 80) -> str:
    """A cell's text inside a message: control characters escaped, long text cut."""
    text = _UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _check_row(sheet: SheetData, number: int, values: list[Any], node: dict, exported, original: str,
               updates: dict[str, Update], errors: list[WorkbookError]) -> None:
    item = exported.id
    for column, want in ((PRIORITY, exported.priority), (OUTCOME_TEXT, exported.outcome)):
        if _text(values[column]) != want:
            errors.append(WorkbookError(f"the read-only column {HEADERS[column]} was edited",
                                        sheet.where(number, column), _READ_ONLY_HINT))
            return
    timescale, rag = _text(values[TIMESCALE]), _text(values[RAG])
    if digest(timescale, rag) != original:
        column = RAG if rag != exported.rag else TIMESCALE
        errors.append(WorkbookError(f"the read-only column {HEADERS[column]} was edited",
                                    sheet.where(number, column), _READ_ONLY_HINT))
        return
    new = _inputs(sheet, number, values, errors)
    if new is None or not any(v is not None for v in new.values()):
        return
    for column, field_name, was in ((RAG, "rag", rag), (TIMESCALE, "timescale", timescale)):
        now = exported.rag if field_name == "rag" else exported.timescale
        if was != now:
            errors.append(WorkbookError(
                f"outcome {item} changed in the plan since this workbook was exported: its {HEADERS[column]} is "
                f"now {now or '(none)'}, not {was or '(none)'}", sheet.where(number, column),
                "another update was applied to it first: export a new workbook and fill that in"))
            return
    update = updates.setdefault(item, Update(item))
    for field_name, value in new.items():
        if value is None:
            continue
        column = {"rag": NEW_RAG, "timescale": NEW_TIMESCALE, "commentary": COMMENTARY}[field_name]
        where = sheet.where(number, column)
        before = getattr(update, field_name)
        if before is not None and before != value:
            errors.append(WorkbookError(
                f"outcome {item}: {HEADERS[column]} is '{_shown(value)}' here but '{_shown(before)}' at "
                f"{update.where[field_name]}", where,
                "two workbooks set the same outcome differently: agree on one value and clear the other"))
            continue
        if before is None:
            setattr(update, field_name, value)
            update.where[field_name] = where


def _inputs(sheet: SheetData, number: int, values: list[Any], errors: list[WorkbookError]) -> dict | None:
    """The row's New RAG, New timescale and Commentary, checked (``None`` for a blank cell), or ``None`` on error."""
    count = len(errors)
    rag = _text(values[NEW_RAG]).strip() or None
    if rag is not None:
        known = {v.upper(): v for v in RAG_VALUES}
        if rag.upper() in known:
            rag = known[rag.upper()]
        else:
            close = suggest(rag, list(RAG_VALUES)) if len(rag) <= 200 else None
            errors.append(WorkbookError(f"unknown rating '{_shown(rag)}'" + (f"; did you mean {close}?" if close else ""),
                                        sheet.where(number, NEW_RAG),
                                        f"New RAG is one of {_RATINGS} (the drop-down's list)"))
    timescale = _timescale(values[NEW_TIMESCALE], sheet, number, errors)
    commentary = values[COMMENTARY]
    if isinstance(commentary, (dt.date, dt.datetime)):
        commentary = _text(commentary)
    commentary = _text(commentary).strip() or None
    if commentary is not None:
        bad = _CONTROL.search(commentary.replace("\t", " "))
        if bad:
            errors.append(WorkbookError(f"the commentary holds a control character (U+{ord(bad.group()):04X})",
                                        sheet.where(number, COMMENTARY),
                                        "remove it: commentary is plain text (new lines are fine)"))
        elif len(commentary) > MAX_TEXT_CHARS:
            errors.append(WorkbookError(f"the commentary is {len(commentary):,} characters, more than the "
                                        f"limit of {MAX_TEXT_CHARS:,}", sheet.where(number, COMMENTARY),
                                        "shorten it"))
    if len(errors) > count:
        return None
    return {"rag": rag, "timescale": timescale, "commentary": commentary}


def _timescale(value: Any, sheet: SheetData, number: int, errors: list[WorkbookError]) -> str | None:
    """New timescale as the plan writes timescales; a date Excel made of typed text becomes text again."""
    if isinstance(value, dt.datetime):
        # Excel turns "March 2021" into 1 March 2021: a first of the month is read as that month.
        return value.strftime("%B %Y") if value.day == 1 else value.strftime("%d/%m/%Y")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    text = " ".join(_text(value).split())
    if not text:
        return None
    if _CONTROL.search(text) or parse_timescale(text)["kind"] == "unparsed":
        errors.append(WorkbookError(f"unknown date '{_shown(text)}' in New timescale", sheet.where(number, NEW_TIMESCALE),
                                    "write a month and year (March 2021), a day (31/03/2021), a range "
                                    "(August-November 2020) or how often (Quarterly)"))
        return None
    return text
