"""Commands for planners and auditors: ``check``, ``trace``, ``impact`` and ``diff``.

Each command loads the plan, calls one library function of
:mod:`model.analysis` and prints the result: JSON with :mod:`json`, CSV with
:func:`model.export.traceability_csv` (the writer of the site's download too,
formula cells guarded), text and Markdown by rendering the report views of
:mod:`model.reports` with the templates in ``cli/templates/``. Markdown goes through the site's escaping
(:func:`site_builder.pages.environment`): plan text never becomes live
Markdown or HTML in a pasted report. Text output drops control characters,
so plan text cannot drive the terminal.

Exit codes: ``check`` exits 0 when no finding reaches ``--fail-on``, 1 when
one does; every command exits 2 when the plan does not load or an ID is
unknown (raised as :class:`model.errors.GoldenThreadError`, printed by the
``goldenthread`` group).
"""
from __future__ import annotations

import datetime as dt
import json
import re
import sys
from importlib.resources import files
from pathlib import Path

import click

from goldenthread.cli.output import echo
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from goldenthread.model.analysis import at_or_above, run_all
from goldenthread.model.analysis.changes import change_findings
from goldenthread.model.analysis.diff import diff
from goldenthread.model.analysis.impact import impact
from goldenthread.model.analysis.trace import trace, trace_matrix
from goldenthread.model.graph import load_graph
from goldenthread.model.export import traceability_csv
from goldenthread.model.versions import load_history
from goldenthread.model.locations import locate_findings
from goldenthread.cli.one_shot import without_cycle_collection
from goldenthread.site_builder.pages import environment
from goldenthread.cli.paths import plan_dir_argument, previous_option, resolve_plan_dir
from goldenthread.model.reports import check_report, check_view, diff_view, trace_view

EXIT_OK, EXIT_FINDINGS = 0, 1
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\x9b]")

plan_dir_option = click.option("--plan-dir", type=click.Path(path_type=Path), default=None,
                               help="The plan folder (default: ./plan_data, else the bundled plan).")


def _text_value(value) -> str:
    """How text output prints a value: nothing for None, control characters removed."""
    return "" if value is None else _CONTROL.sub("", str(value))


#: The command line's own report templates, shipped as package data.
TEMPLATES = Path(str(files("goldenthread.cli") / "templates"))


def render(template: str, view: dict) -> str:
    """Render ``cli/templates/<template>``: ``.md`` with the site's Markdown escaping, ``.txt`` as plain text."""
    if template.endswith(".md"):
        env = environment(TEMPLATES)
    else:
        env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=False, finalize=_text_value,
                          undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                          keep_trailing_newline=True)
    return env.get_template(template).render(view=view)


def _load(plan_dir: Path | None):
    """The plan folder a command works on, and its graph."""
    directory = resolve_plan_dir(plan_dir)
    return directory, load_graph(directory)


class IsoDate(click.ParamType):
    """A date written YYYY-MM-DD, with a message that says so."""

    name = "date"

    def convert(self, value, param, ctx):
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            self.fail(f"'{value}' is not a date: write it as YYYY-MM-DD, e.g. 2021-01-22", param, ctx)


@click.command("check")
@plan_dir_argument
@click.option("--format", "output_format", type=click.Choice(["text", "json", "markdown"]), default="text",
              show_default=True, help="Text for people, JSON for scripts, Markdown to paste into a report.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info", "never"]), default="error",
              show_default=True, help="Exit 1 when a finding is at least this severe.")
@click.option("--as-of", type=IsoDate(), default=None, metavar="DATE",
              help="Judge overdue outcomes on this date (YYYY-MM-DD; default: the plan's last-updated date).")
@previous_option
@without_cycle_collection
def check_command(plan_dir: Path | None, output_format: str, fail_on: str, as_of: dt.date | None,
                  previous: tuple[str, ...]) -> None:
    """Check a plan: coverage, references, duplicates and data quality.

    With --previous, also what changed since the earlier versions: ratings
    that worsened, timescales that slipped, outcomes with no new commentary.
    """
    directory, g = _load(plan_dir)
    as_of_date = as_of or g.graph.get("last_updated")
    findings = run_all(g, as_of=as_of_date)
    history = load_history(g, previous, directory)
    if history is not None:
        findings += change_findings(history)
    findings = locate_findings(g, directory, findings)
    if output_format == "json":
        report = check_report(findings, as_of=as_of_date, fail_on=fail_on)
        echo(json.dumps(report, indent=2, ensure_ascii=False), json=True)
    else:
        view = check_view(g, findings, as_of=as_of_date, fail_on=fail_on, directory=directory)
        echo(render("check.md" if output_format == "markdown" else "check.txt", view), nl=False)
    if fail_on != "never" and at_or_above(findings, fail_on):
        sys.exit(EXIT_FINDINGS)


@click.command("trace")
@click.argument("item_id", required=False, metavar="[ID]")
@click.option("--all", "all_outcomes", is_flag=True, help="The traceability matrix: one CSV row per outcome.")
@click.option("--format", "output_format", type=click.Choice(["text", "json", "csv"]), default=None,
              help="text (default for one ID), json, or csv (the matrix rows; the only format of --all).")
@plan_dir_option
@without_cycle_collection
def trace_command(item_id: str | None, all_outcomes: bool, output_format: str | None,
                  plan_dir: Path | None) -> None:
    """Trace an item up to the vision, with the operational plans and leads that deliver it."""
    if all_outcomes == (item_id is not None):
        raise click.UsageError("give either an item ID or --all")
    if all_outcomes and output_format not in (None, "csv"):
        raise click.UsageError("--all writes the traceability matrix as CSV: use --format csv")
    directory, g = _load(plan_dir)
    output_format = output_format or ("csv" if all_outcomes else "text")
    if output_format == "csv":
        echo(traceability_csv(trace_matrix(g, within=item_id)), nl=False)
        return
    result = trace(g, item_id)
    if output_format == "json":
        echo(json.dumps(result.to_dict(), indent=2, ensure_ascii=False), json=True)
    else:
        echo(render("trace.txt", trace_view(result, directory)), nl=False)


@click.command("impact")
@click.argument("item_id", metavar="ID")
@plan_dir_option
@without_cycle_collection
def impact_command(item_id: str, plan_dir: Path | None) -> None:
    """What removing or renumbering an item would orphan or unlink: read it before a revision."""
    result = impact(_load(plan_dir)[1], item_id)
    echo(render("impact.txt", result), nl=False)


@click.command("diff")
@click.argument("old_dir", type=click.Path(path_type=Path), metavar="OLD_PLAN_DIR")
@click.argument("new_dir", type=click.Path(path_type=Path), metavar="NEW_PLAN_DIR")
@click.option("--format", "output_format", type=click.Choice(["text", "json", "markdown"]), default="text",
              show_default=True, help="Text for people, JSON for scripts, Markdown to paste into a report.")
@without_cycle_collection
def diff_command(old_dir: Path, new_dir: Path, output_format: str) -> None:
    """List what changed between two versions of a plan: items, RAG, timescales, links."""
    result = diff(load_graph(old_dir), load_graph(new_dir))
    if output_format == "json":
        echo(json.dumps(result.to_dict(), indent=2, ensure_ascii=False), json=True)
    else:
        view = diff_view(result, old_dir, new_dir)
        echo(render("diff.md" if output_format == "markdown" else "diff.txt", view), nl=False)


COMMANDS = [check_command, trace_command, impact_command, diff_command]
