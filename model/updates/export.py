"""``updates export``: one file per lead, written into a folder.

Each file is written beside its final name and renamed into place, so a
reader never sees half a workbook; the same plan gives the same bytes.

>>> import tempfile, pathlib
>>> from goldenthread.model.analysis._examples import tiny_plan
>>> [(f.path.name, f.rows) for f in export_updates(tiny_plan(), pathlib.Path(tempfile.mkdtemp()))]
[('jo.xlsx', 2)]
"""
from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from goldenthread.model.errors import GoldenThreadError, Location, relative
from goldenthread.model.graph import build_graph
from goldenthread.model.schema import PlanData
from goldenthread.model.updates.csvfile import csv_text
from goldenthread.model.updates.sheet import UNASSIGNED, fingerprint, manifest_of, workbooks
from goldenthread.model.updates.xlsx import workbook_bytes

FORMATS = ("xlsx", "csv")


@dataclass
class ExportedFile:
    """One file written: its path, whom it is for and how many outcome rows it holds."""

    path: Path
    lead: str
    name: str
    rows: int

    def to_dict(self) -> dict:
        return {"path": str(self.path), "lead": self.lead, "name": self.name, "rows": self.rows}


def export_updates(data: PlanData, out: Path, *, file_format: str = "xlsx", g=None) -> list[ExportedFile]:
    """Write ``out/<lead-id>.<format>`` for every lead with outcomes, and ``out/unassigned.<format>``."""
    if file_format not in FORMATS:
        raise ValueError(f"file_format must be one of {FORMATS}")
    g = g if g is not None else build_graph(data)
    try:
        books = workbooks(g)
    except ValueError as error:
        raise GoldenThreadError(str(error), Location(relative(out)),
                                "give the lead another ID in operational_plans.yaml") from None
    _check_names(books, out)
    out.mkdir(parents=True, exist_ok=True)
    stamp = fingerprint(data)
    written = []
    for lead, rows in books.items():
        name = "Outcomes no operational plan answers for" if lead == UNASSIGNED else g.nodes[lead].get("title") or lead
        manifest = manifest_of(stamp, lead, rows)
        title = f"{data.plan.title}: {name}"
        payload = (workbook_bytes(rows, manifest, title=title) if file_format == "xlsx"
                   else csv_text(rows, manifest).encode("utf-8"))
        path = out / f"{lead}.{file_format}"
        _write_atomically(path, payload)
        written.append(ExportedFile(path=path, lead=lead, name=name, rows=len(rows)))
    return written


def _check_names(books: dict, out: Path) -> None:
    """Two leads whose IDs differ only in case would share a file on Windows and macOS; a lead called unassigned too."""
    seen: dict[str, str] = {}
    for lead in books:
        other = seen.setdefault(lead.lower(), lead)
        if other != lead:
            raise GoldenThreadError(f"leads {other} and {lead} would get the same file name", Location(relative(out)),
                                    "give one of them another ID in operational_plans.yaml")


def _write_atomically(path: Path, payload: bytes) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
