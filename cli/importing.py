"""``goldenthread import``: a plan document's text export into a plan folder."""
from __future__ import annotations

from pathlib import Path

import click

from goldenthread.cli.output import echo

from goldenthread.model.importer import CORRECTIONS, REPORT, run_import


@click.command("import")
@click.argument("source", type=click.Path(path_type=Path))
@click.option("--out", "out", type=click.Path(path_type=Path), default=Path("plan_data"), show_default=True,
              help="The plan folder to write.")
@click.option("--corrections", type=click.Path(path_type=Path), default=None,
              help=f"Decisions about ambiguous rows [default: OUT/{CORRECTIONS}].")
@click.option("--force", is_flag=True,
              help="Replace the plan OUT already holds (the corrections file and other files are kept).")
@click.option("--verbose", "-v", is_flag=True, help="Also print the notes on how unusual rows were read.")
@click.option("--dry-run", is_flag=True,
              help="Print the whole report and what the import would write (counts), and write nothing.")
def import_command(source: Path, out: Path, corrections: Path | None, force: bool, verbose: bool,
                   dry_run: bool) -> None:
    """Import SOURCE, a plan document's text export, into the plan folder OUT.

    OUT must be new or empty; to replace the plan it holds, add --force. The
    plan is written all at once, or not at all. Prints the import report: what
    could not be placed with certainty, with its source line. The whole report
    is also written to OUT/import/report.txt. With --dry-run, prints the
    whole report and the counts of what would be written, and writes nothing.
    """
    report = run_import(source, out, corrections, force=force, dry_run=dry_run)
    if dry_run:
        echo(report.format(str(source)), nl=False)
        echo(f"dry run: nothing written; importing {source} into {out}/ would write:")
        echo(report.summary.format(), nl=False)
        return
    shown = [e for e in report.entries if verbose or e.level != "info"]
    for entry in sorted(shown, key=lambda e: (e.line or 0, e.code)):
        echo(entry.format(str(source)))
    counts = report.counts()
    echo(f"imported {source} into {out}/: {counts['warning']} warnings, {counts['info']} notes "
               f"(full report: {out / REPORT})")


COMMANDS = [import_command]
