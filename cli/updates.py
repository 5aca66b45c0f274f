"""``goldenthread updates export|apply``: quarterly updates from the leads, through spreadsheets.

Thin: the work is in :mod:`model.updates`. ``apply`` prints what will change
with ``diff``'s own templates, then writes the plan (all at once or not at
all); a bad cell is one located error, exit 2, nothing written.
"""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import click

from goldenthread.cli.output import echo

from goldenthread.cli.analysis import IsoDate, _text_value, plan_dir_option, render
from goldenthread.model.reports import diff_view
from goldenthread.cli.paths import plan_dir_argument, resolve_plan_dir
from goldenthread.model.errors import relative
from goldenthread.model.graph import build_graph
from goldenthread.model.loader import load_plan
from goldenthread.model.updates.apply import apply_updates
from goldenthread.model.updates.export import FORMATS, export_updates
from goldenthread.model.updates.validate import read_updates


@click.group("updates")
def updates_group() -> None:
    """Quarterly updates from the leads: export a workbook per lead, apply the filled-in workbooks."""


@updates_group.command("export")
@plan_dir_argument
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="The folder to write the workbooks into (made if it does not exist).")
@click.option("--format", "file_format", type=click.Choice(FORMATS), default="xlsx", show_default=True,
              help="xlsx workbooks, or CSV files with the same columns for councils without Excel.")
def export_command(plan_dir: Path | None, out: Path, file_format: str) -> None:
    """Write one workbook per lead, OUT/<lead-id>.xlsx, with the outcomes their plans answer for."""
    data = load_plan(resolve_plan_dir(plan_dir))
    files = export_updates(data, out, file_format=file_format)
    for written in files:
        rows = f"{written.rows} outcome{'' if written.rows == 1 else 's'}"
        echo(f"wrote {relative(written.path)}: {rows} ({_text_value(written.name)})")
    echo(f"{len(files)} file{'' if len(files) == 1 else 's'}: send each lead theirs; they fill in New RAG, "
               "New timescale and Commentary, then run `goldenthread updates apply` on the returned files")


@updates_group.command("apply")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="FILE...")
@plan_dir_option
@click.option("--as-of", type=IsoDate(), default=None, metavar="DATE",
              help="The date of the commentary and the plan's new last-updated date (YYYY-MM-DD; default: today).")
@click.option("--dry-run", is_flag=True, help="Check the files and print what would change; write nothing.")
@click.option("--format", "output_format", type=click.Choice(["text", "json", "markdown"]), default="text",
              show_default=True, help="How to print the changes (as `goldenthread diff` does).")
def apply_command(files: tuple[Path, ...], plan_dir: Path | None, as_of: dt.date | None, dry_run: bool,
                  output_format: str) -> None:
    """Read the leads' workbooks (or CSV files), check every cell, print the changes and write the plan."""
    directory = resolve_plan_dir(plan_dir)
    data = load_plan(directory)
    graph = build_graph(data)
    updates = read_updates(list(files), data, graph)
    applied = apply_updates(directory, data, updates, as_of or dt.date.today(), write=not dry_run, graph=graph)
    if output_format == "json":
        echo(json.dumps(applied.to_dict(), indent=2, ensure_ascii=False))
        return
    view = diff_view(applied.changes, directory, directory)
    view["new"] = f"the {len(files)} returned file{'' if len(files) == 1 else 's'}"
    echo(render("diff.md" if output_format == "markdown" else "diff.txt", view), nl=False)
    outcomes = f"{applied.outcomes} outcome{'' if applied.outcomes == 1 else 's'}"
    if not applied.outcomes:
        echo("nothing to change: no row sets a new value; the plan was not written")
    elif dry_run:
        echo(f"dry run: {outcomes} would change; nothing was written")
    else:
        echo(f"updated {relative(directory)}: {outcomes} changed")


COMMANDS = [updates_group]
