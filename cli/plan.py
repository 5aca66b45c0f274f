"""Commands on a plan folder as a whole: ``validate``, ``stats`` and ``export``.

Each is a thin layer over :func:`model.loader.load_plan`,
:func:`model.graph.build_graph`, :func:`model.stats.plan_stats` and
:func:`model.export.to_node_link`. An invalid plan raises
:class:`model.errors.PlanLoadError`, which the ``goldenthread`` group prints as
``file:line:col: error: ...`` with a hint, exiting with status 2.
"""
from __future__ import annotations

import json
from pathlib import Path

import click

from goldenthread.model.errors import relative
from goldenthread.model.export import to_node_link
from goldenthread.model.graph import load_graph
from goldenthread.model.stats import PlanStats, plan_stats
from goldenthread.model.text_files import write_text_atomically
from goldenthread.cli.paths import plan_dir_argument, resolve_plan_dir

#: The node kinds a one-line summary names, with their plural.
_SUMMARY = (("priority", "priorities"), ("action", "actions"), ("indicator", "indicators"),
            ("outcome", "outcomes"), ("operational_plan", "operational plans"), ("lead", "leads"))


def _load_graph(plan_dir: Path | None):
    directory = resolve_plan_dir(plan_dir)
    return directory, load_graph(directory)


def summary_line(directory: Path, stats: PlanStats) -> str:
    """``OK: plan_data: <title>: 14 priorities, 60 actions, ...``: what ``validate`` prints."""
    counts = ", ".join(f"{stats.nodes[kind]} {plural}" for kind, plural in _SUMMARY)
    return f"OK: {relative(directory)}: {stats.title}: {counts}"


def format_stats(stats: PlanStats) -> str:
    """The statistics as aligned plain text."""
    lines = [f"{stats.title} ({stats.period})", "", "Items"]
    lines += [f"  {kind:<18}{count:>5}" for kind, count in stats.nodes.items()]
    lines += ["", "Outcomes by RAG rating"]
    lines += [f"  {value:<18}{count:>5}" for value, count in stats.rag.items()]
    lines += ["", "Groups"]
    for key, group in stats.groups.items():
        lines.append(f"  {key} ({group['name']})")
        lines += [f"    {name:<16}{group[name]:>5}" for name in ("priorities", "actions", "indicators", "outcomes")]
    lines += ["", "Links"]
    lines += [f"  {kind:<18}{count:>5}" for kind, count in stats.links.items()]
    unresolved = stats.unresolved
    reasons = ", ".join(f"{reason} {count}" for reason, count in unresolved["by_reason"].items())
    lines += ["", f"Unresolved references: {unresolved['total']}" + (f" ({reasons})" if reasons else "")]
    return "\n".join(lines)


@click.command("validate")
@plan_dir_argument
def validate_command(plan_dir: Path | None) -> None:
    """Check a plan folder (default: plan_data/); exit 2 with the errors if it is invalid."""
    directory, g = _load_graph(plan_dir)
    click.echo(summary_line(directory, plan_stats(g)))


@click.command("stats")
@plan_dir_argument
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Plain text for people, JSON for scripts.")
def stats_command(plan_dir: Path | None, output_format: str) -> None:
    """Count a plan's items by kind, outcomes by RAG rating, groups and links."""
    _directory, g = _load_graph(plan_dir)
    stats = plan_stats(g)
    click.echo(json.dumps(stats.to_dict(), indent=2, ensure_ascii=False) if output_format == "json"
               else format_stats(stats))


@click.command("export")
@plan_dir_argument
@click.option("--format", "output_format", type=click.Choice(["json"]), default="json", show_default=True,
              help="Node-link JSON: {\"nodes\": [...], \"links\": [...]}.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write to this file instead of standard output.")
def export_command(plan_dir: Path | None, output_format: str, out: Path | None) -> None:
    """Export a plan's graph as node-link JSON."""
    _directory, g = _load_graph(plan_dir)
    text = json.dumps(to_node_link(g), indent=2, ensure_ascii=False) + "\n"
    if out is None:
        click.echo(text, nl=False)
    else:
        write_text_atomically(out, text)
        click.echo(f"wrote {relative(out)}", err=True)


COMMANDS = [validate_command, stats_command, export_command]
