"""Commands for planners and auditors: ``check``, ``trace``, ``impact`` and ``diff``.

Each command loads the plan, calls one library function of
:mod:`model.analysis` and renders the result: JSON with :mod:`json`, CSV with
the site's own writer (so the download and the command agree, formula cells
guarded), text and Markdown with the templates in
``site_builder/templates/cli/``. Markdown goes through the site's escaping
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
import functools
import json
import os
import re
import sys
from importlib.resources import files
from pathlib import Path

import click
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from goldenthread.model.analysis import CODES, SEVERITIES, at_or_above, run_all, summary
from goldenthread.model.analysis.diff import PlanDiff, diff
from goldenthread.model.analysis.fixes import fix_of
from goldenthread.model.analysis.impact import impact
from goldenthread.model.analysis.trace import Trace, trace, trace_matrix
from goldenthread.model.errors import relative
from goldenthread.model.graph import load_graph
from goldenthread.model.locations import locate_findings
from goldenthread.site_builder.downloads import traceability_csv
from goldenthread.cli.one_shot import without_cycle_collection
from goldenthread.site_builder.pages import environment
from goldenthread.cli.paths import plan_dir_argument, resolve_plan_dir

EXIT_OK, EXIT_FINDINGS = 0, 1
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\x9b]")
_SEVERITY_LABELS = {"error": "Errors", "warning": "Warnings", "info": "Information"}

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
    directory = resolve_plan_dir(plan_dir)
    g = load_graph(directory)
    g.graph["directory"] = directory   # where the source references point, for the reports
    return g


def where(source: dict | None, directory: Path | str | None = None) -> str:
    """``plan_data/source/plan.txt:12-14``: a source reference as people type it to open the file."""
    if not source or not source.get("lines"):
        return "no source line"
    first, last = source["lines"][0], source["lines"][-1]
    lines = str(first) if first == last else f"{first}-{last}"
    path = source.get("file") or "source"
    if directory is not None:
        path = _relative_source(os.getcwd(), str(directory), path)
    return f"{path}:{lines}"


def edit_where(location: dict, directory: Path | str | None = None) -> str:
    """``plan_data/groups/leadership.yaml:12:7``: a finding's YAML location, as people type it to open the file.

    >>> edit_where({"file": "groups/a.yaml", "line": 12, "column": 7})
    'groups/a.yaml:12:7'
    """
    path = location["file"]
    if directory is not None:
        path = _relative_source(os.getcwd(), str(directory), path)
    return f"{path}:{location['line']}:{location['column']}"


@functools.lru_cache(maxsize=64)
def _relative_source(cwd: str, directory: str, path: str) -> str:
    # resolving a path asks the file system: once per file (and working folder), not once per finding
    return relative(Path(directory) / path)


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


def check_view(g, findings, *, as_of: dt.date | None, fail_on: str) -> dict:
    """What the check templates print: findings grouped by severity, then code."""
    counts = summary(findings)["by_severity"]
    groups = []
    for severity in SEVERITIES:
        of_severity = [f for f in findings if f.severity == severity]
        codes = []
        for code in dict.fromkeys(f.code for f in of_severity):
            rows = [{"message": f.message, "nodes": ", ".join(f.nodes),
                     "where": where(f.source, g.graph.get("directory")),
                     "edit": "; ".join(edit_where(loc, g.graph.get("directory")) for loc in f.locations)
                     or "no YAML position"}
                    for f in of_severity if f.code == code]
            fix = fix_of(code)
            codes.append({"code": code, "name": fix.name, "fix": fix.fix, "meaning": CODES[code][1],
                          "count": len(rows), "findings": rows})
        groups.append({"label": _SEVERITY_LABELS[severity], "count": len(of_severity), "codes": codes})
    return {
        "title": g.graph.get("title") or "Plan",
        "as_of": as_of.isoformat() if as_of else "no date (the plan has no last-updated date)",
        "counts": ", ".join(f"{counts[s]} {s if counts[s] == 1 or s == 'info' else s + 's'}" for s in SEVERITIES),
        "severities": groups,
        "fail_on": fail_on,
        "failing": len(at_or_above(findings, fail_on)) if fail_on != "never" else 0,
    }


@click.command("check")
@plan_dir_argument
@click.option("--format", "output_format", type=click.Choice(["text", "json", "markdown"]), default="text",
              show_default=True, help="Text for people, JSON for scripts, Markdown to paste into a report.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info", "never"]), default="error",
              show_default=True, help="Exit 1 when a finding is at least this severe.")
@click.option("--as-of", type=IsoDate(), default=None, metavar="DATE",
              help="Judge overdue outcomes on this date (YYYY-MM-DD; default: the plan's last-updated date).")
@without_cycle_collection
def check_command(plan_dir: Path | None, output_format: str, fail_on: str, as_of: dt.date | None) -> None:
    """Check a plan: coverage, references, duplicates and data quality."""
    g = _load(plan_dir)
    as_of_date = as_of or g.graph.get("last_updated")
    findings = locate_findings(g, g.graph["directory"], run_all(g, as_of=as_of_date))
    if output_format == "json":
        report = {"findings": [f.to_dict() for f in findings],
                  "summary": {**summary(findings), "as_of": as_of_date.isoformat() if as_of_date else None,
                              "fail_on": fail_on}}
        click.echo(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        view = check_view(g, findings, as_of=as_of_date, fail_on=fail_on)
        click.echo(render("check.md" if output_format == "markdown" else "check.txt", view), nl=False)
    if fail_on != "never" and at_or_above(findings, fail_on):
        sys.exit(EXIT_FINDINGS)


def trace_view(result: Trace, directory: Path | None = None) -> dict:
    """What the trace text template prints."""
    via = {"hierarchy": "serves the chain's priority", "reference": "serves a priority the text names",
           "self": "the item itself", "led": "led by this lead"}
    chain = result.chain
    return {
        "id": result.id, "kind": chain[0]["kind"],
        "chain": [{**s, "title": " ".join(str(s["title"] or "").split())} for s in chain],
        "kind_width": max(len(s["kind"]) for s in chain), "id_width": max(len(s["id"]) for s in chain),
        "plans": [{**p, "serves": ", ".join(p["serves"]) or "no priority", "via": via.get(p["via"], p["via"]),
                   "document": p["document"] or "none (TBC)"} for p in result.operational_plans],
        "leads": [{**lead, "plans": ", ".join(lead["plans"])} for lead in result.leads],
        "where": where(result.source, directory),
    }


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
    g = _load(plan_dir)
    output_format = output_format or ("csv" if all_outcomes else "text")
    if output_format == "csv":
        click.echo(traceability_csv(trace_matrix(g, within=item_id)), nl=False)
        return
    result = trace(g, item_id)
    if output_format == "json":
        click.echo(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
    else:
        click.echo(render("trace.txt", trace_view(result, g.graph.get("directory"))), nl=False)


@click.command("impact")
@click.argument("item_id", metavar="ID")
@plan_dir_option
@without_cycle_collection
def impact_command(item_id: str, plan_dir: Path | None) -> None:
    """What removing or renumbering an item would orphan or unlink: read it before a revision."""
    result = impact(_load(plan_dir), item_id)
    click.echo(render("impact.txt", result), nl=False)


def diff_view(result: PlanDiff, old: Path, new: Path) -> dict:
    """What the diff templates print."""
    def show(value):
        if isinstance(value, list):
            return "; ".join(json.dumps(v, ensure_ascii=False) if isinstance(v, dict) else str(v) for v in value)
        if isinstance(value, dict):
            return json.dumps(value, ensure_ascii=False)
        return "(none)" if value is None else " ".join(str(value).split())
    s = result.summary
    counts = ", ".join(f"{s[k]} {k}" for k in ("added", "removed", "renamed", "moved", "changed"))
    counts += f", {s['links']} link change{'' if s['links'] == 1 else 's'}"
    return {
        "old": relative(old), "new": relative(new), "counts": counts,
        "plan": [{**c, "old": show(c["old"]), "new": show(c["new"])} for c in result.plan],
        "added": result.added, "removed": result.removed, "renamed": result.renamed,
        "moved": result.moved,
        "changed": [{**item, "changes": [{**c, "old": show(c["old"]), "new": show(c["new"])}
                                         for c in item["changes"]]} for item in result.changed],
        "links_added": result.links["added"], "links_removed": result.links["removed"],
    }


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
        click.echo(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
    else:
        view = diff_view(result, old_dir, new_dir)
        click.echo(render("diff.md" if output_format == "markdown" else "diff.txt", view), nl=False)


COMMANDS = [check_command, trace_command, impact_command, diff_command]
