"""Helpers for the updates tests: a plan copy, an export, and a lead filling in a workbook with openpyxl."""
from __future__ import annotations

import csv
import hashlib
import io
import shutil
from pathlib import Path

from click.testing import CliRunner
from openpyxl import load_workbook

from goldenthread.cli.main import main

BUNDLED_PLAN = Path(__file__).resolve().parents[1] / "plan_data"
COLUMN = {"ID": "A", "Priority": "B", "Outcome": "C", "Timescale": "D", "RAG": "E", "New RAG": "F",
          "New timescale": "G", "Commentary": "H"}


def run(*args: str):
    """Run the goldenthread command; the result has exit_code, stdout and stderr."""
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def plan_copy(tmp_path: Path, source: Path = BUNDLED_PLAN) -> Path:
    target = tmp_path / "plan_data"
    shutil.copytree(source, target)
    return target


def export(plan: Path, out: Path, *extra: str) -> Path:
    result = run("updates", "export", str(plan), "--out", str(out), *extra)
    assert result.exit_code == 0, result.output
    return out


def tree_bytes(folder: Path) -> dict[str, str]:
    """Every file under *folder* by relative path, as a hash of its bytes."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def ids_of(workbook: Path) -> list[str]:
    ws = load_workbook(workbook, read_only=True)["Outcomes"]
    return [row[0] for row in ws.iter_rows(min_row=2, max_col=1, values_only=True)]


def fill(workbook: Path, cells: dict[str, object], *, edit=None) -> None:
    """Fill cells (``{"F7": "GREEN"}``) as a lead would, and save; *edit(ws)* may do more."""
    wb = load_workbook(workbook)
    ws = wb["Outcomes"]
    for ref, value in cells.items():
        ws[ref] = value
    if edit:
        edit(ws)
    wb.save(workbook)


def fill_csv(path: Path, edit) -> None:
    """Edit a CSV file's rows (a list of lists, record line and header included) and save it back."""
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    edit(rows)
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8", newline="")
