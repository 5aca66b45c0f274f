"""Importing a plan document's text export into a plan folder (``plan_data/``).

>>> report = run_import(Path("export.txt"), Path("plan_data"))   # doctest: +SKIP

reads the export, applies the decisions in ``plan_data/import/corrections.yaml``
(if any), and writes ``plan.yaml``, ``groups/<key>.yaml``,
``operational_plans.yaml``, a copy of the source under ``source/`` and the
import report under ``import/report.txt``. Nothing is written when the import
has errors; files are written to a temporary folder first and moved into place
only when the whole plan loads.
"""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from model.errors import ImportError_, Location, relative
from model.limits import MAX_SOURCE_BYTES
from model.text_files import read_text_file
from model.importer.assemble import build_plan
from model.importer.corrections import load_corrections
from model.importer.document import read_document
from model.importer.report import ImportReport
from model.importer.writer import to_yaml, write_text

CORRECTIONS = Path("import") / "corrections.yaml"
REPORT = Path("import") / "report.txt"


def read_source(source: Path) -> list[str]:
    """The export's lines, newline-free; a clear error if it cannot be read as text."""
    source = Path(source)
    if not source.exists():
        raise ImportError_(f"no such file: {relative(source)}", hint="give the path of the plan's text export") from None
    if source.is_dir():
        raise ImportError_(f"{relative(source)} is a folder", Location(relative(source)),
                           hint="give the path of the plan's text export") from None
    text = read_text_file(source, ImportError_, limit=MAX_SOURCE_BYTES, display=relative(source))
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def run_import(source: Path, out: Path, corrections: Path | None = None) -> ImportReport:
    """Import *source* into the plan folder *out*; return the import report."""
    source, out = Path(source), Path(out)
    if out.exists() and not out.is_dir():
        raise ImportError_(f"{relative(out)} is a file, not a plan folder", Location(relative(out)),
                           hint="give --out the folder to write the plan into (it is created if missing)")
    lines = read_source(source)
    report = ImportReport()
    decisions = load_corrections(corrections if corrections is not None else out / CORRECTIONS)
    doc = read_document(lines, report)
    source_file = f"source/{source.name}"
    plan, groups, operational = build_plan(doc, source_file, decisions, report)
    name = relative(source)
    if report.errors:
        first, *rest = report.errors
        raise ImportError_(first.message, Location(name, first.line), hint=first.hint,
                           details=[ImportError_(e.message, Location(name, e.line), hint=e.hint) for e in rest])

    header = (f"Imported by `goldenthread import` from {source_file}.\n"
              "Edit freely: IDs are stable and never renumbered. See docs/yaml-format.md.")
    files = {Path("plan.yaml"): to_yaml(plan, header),
             Path("operational_plans.yaml"): to_yaml(operational, header),
             REPORT: report.format(source_file)}
    for group in groups:
        files[Path("groups") / f"{group.key}.yaml"] = to_yaml(group, header)
    try:
        _write_atomically(out, files, source, Path(source_file))
    except OSError as error:
        raise ImportError_(f"cannot write the plan folder: {error.strerror}", Location(relative(error.filename or out)),
                           hint="check that the folder can be written to; nothing was changed") from None
    return report


def _write_atomically(out: Path, files: dict[Path, str], source: Path, source_copy: Path) -> None:
    """Write everything beside *out*, check that it loads, then move it into place."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=out.parent, prefix=".import-") as tmp:
        staging = Path(tmp)
        for path, text in files.items():
            write_text(staging / path, text)
        (staging / source_copy).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, staging / source_copy)
        from model.loader import load_plan  # the importer's output must pass the same checks as hand edits
        load_plan(staging)
        out.mkdir(parents=True, exist_ok=True)
        stale = {p for p in (out / "groups").glob("*.yaml")} if (out / "groups").is_dir() else set()
        for path in list(files) + [source_copy]:
            target = out / path
            target.parent.mkdir(parents=True, exist_ok=True)
            stale.discard(target)
            if target.resolve() != (staging / path).resolve():
                (staging / path).replace(target)
        for path in stale:
            path.unlink()
