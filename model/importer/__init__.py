"""Importing a plan document's text export into a plan folder (``plan_data/``).

>>> report = run_import(Path("export.txt"), Path("plan_data"))   # doctest: +SKIP

reads the export, applies the decisions in ``plan_data/import/corrections.yaml``
(if any), and writes ``plan.yaml``, ``groups/<key>.yaml``,
``operational_plans.yaml``, a copy of the source under ``source/`` and the
import report under ``import/report.txt``. It writes into a new or empty
folder, or, with ``force=True``, replaces a plan folder. Nothing is written
when the import has errors; the new folder is built beside the old one and
swapped in only when the whole plan loads (:mod:`model.importer.folder`).
"""
from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from goldenthread.model.errors import PlanImportError, Location, PlanLoadError, relative
from goldenthread.model.importer.accounting import check_accounting
from goldenthread.model.importer.assemble import build_plan
from goldenthread.model.importer.corrections import load_corrections
from goldenthread.model.importer.document import read_document
from goldenthread.model.importer.folder import check_target, loading_failed, replace_folder
from goldenthread.model.importer.report import ImportReport
from goldenthread.model.importer.summary import ImportSummary
from goldenthread.model.importer.writer import to_yaml, write_text
from goldenthread.model.limits import MAX_SOURCE_BYTES, MAX_TEXT_CHARS
from goldenthread.model.text_files import plain_text_name, read_text_file

CORRECTIONS = Path("import") / "corrections.yaml"
REPORT = Path("import") / "report.txt"


def read_source(source: Path) -> list[str]:
    """The export's lines, newline-free; a clear error if it cannot be read as text."""
    source = Path(source)
    name = relative(source)
    if not source.exists():
        raise PlanImportError(f"no such file: {name}", Location(name), hint="give the path of the plan's text export")
    if source.is_dir():
        raise PlanImportError(f"{name} is a folder", Location(name), hint="give the path of the plan's text export")
    text = read_text_file(source, PlanImportError, limit=MAX_SOURCE_BYTES, display=name)
    if not text.strip():
        raise PlanImportError(f"{source.name} is empty", Location(name),
                           hint="give the plan's text export: the document saved as text, with its tables")
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for number, line in enumerate(lines, start=1):
        if len(line) > MAX_TEXT_CHARS:  # no plan text can hold it: say where, before reading the document
            raise PlanImportError(f"line {number} is too long ({len(line):,} characters; a text of a plan may have "
                               f"{MAX_TEXT_CHARS:,})", Location(name, number, MAX_TEXT_CHARS + 1),
                               hint="check that this is the plan's text export: its lines are a paragraph or a "
                                    "table row each")
    return lines


def run_import(source: Path, out: Path, corrections: Path | None = None, *, force: bool = False,
               dry_run: bool = False) -> ImportReport:
    """Import *source* into the plan folder *out*; return the import report.

    *out* must be new or empty, or, with *force*, a plan folder to replace
    (see :mod:`model.importer.folder`). Nothing is written unless the whole
    import succeeds; with *dry_run*, nothing is written at all. The report's
    ``summary`` (:class:`ImportSummary`) counts what the plan holds.
    """
    source, out = Path(source), Path(out)
    if not dry_run:
        check_target(out, out / CORRECTIONS, force)
    lines = read_source(source)
    report = ImportReport()
    decisions = load_corrections(corrections if corrections is not None else out / CORRECTIONS)
    doc = read_document(lines, report)
    source_file = f"source/{plain_text_name(source.name)}"   # data, whatever its name: never a page
    name = relative(source)
    if not any(table.kind == "priorities" for table in doc.tables):  # not a plan: say only that
        raise PlanImportError("no table of priorities found: this does not look like a plan's text export",
                           Location(name), hint="a plan's text export has a heading like '7 Strategic Leadership "
                                                "Priorities' followed by a table whose cells are separated by tabs")
    try:
        plan, groups, operational = build_plan(doc, source_file, decisions, report)
    except ValidationError as error:  # a value no plan field can hold, e.g. a text over the length limit
        if not report.errors:
            problem = error.errors()[0]
            raise PlanImportError(f"the document holds what a plan cannot: {problem['msg']} "
                               f"(at {'.'.join(str(step) for step in problem['loc'])})", Location(name),
                               hint="see docs/validation.md for what a plan may hold") from None
    if not report.errors:
        check_accounting(lines, plan, groups, operational, decisions, report)
    if report.errors:
        first, *rest = report.errors
        raise PlanImportError(first.message, Location(name, first.line), hint=first.hint,
                           details=[PlanImportError(e.message, Location(name, e.line), hint=e.hint) for e in rest])

    report.summary = ImportSummary.of(groups, operational)
    if dry_run:
        return report
    header = (f"Imported by `goldenthread import` from {source_file}.\n"
              "Edit freely: IDs are stable and never renumbered. See docs/yaml-format.md.")
    files = {Path("plan.yaml"): to_yaml(plan, header),
             Path("operational_plans.yaml"): to_yaml(operational, header),
             REPORT: report.format(source_file)}
    for group in groups:
        files[Path("groups") / f"{group.key}.yaml"] = to_yaml(group, header)
    try:
        replace_folder(out, files, source, Path(source_file), write_text,
                       recheck=lambda: check_target(out, out / CORRECTIONS, force, during=True))
    except PlanLoadError as error:
        raise loading_failed(error, source) from None
    except OSError as error:
        raise PlanImportError(f"cannot write the plan folder: {error.strerror}", Location(relative(error.filename or out)),
                           hint="check that the folder and the one above it can be written to; nothing was "
                                "changed") from None
    return report
