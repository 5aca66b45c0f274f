"""The command line's reports as plain data: what ``check``, ``trace`` and ``diff`` print, ready to render.

Each function turns an analysis result into a dict of ready-made strings and
lists (counts in words, source references people can open, values shown in
one line) that the command line's text and Markdown templates only print.
The rendering itself (templates, escaping, control characters) stays with
the command line; ``impact`` prints its :class:`~model.analysis.impact.Impact`
as it is.

>>> where({"file": "source/plan.txt", "lines": [12, 14]})
'source/plan.txt:12-14'
>>> check_report([], as_of=None, fail_on="error")["summary"]["total"]
0
"""
from __future__ import annotations

import datetime as dt
import functools
import json
import os
from pathlib import Path

import networkx as nx

from goldenthread.model.analysis import CODES, SEVERITIES, at_or_above, summary
from goldenthread.model.analysis.diff import PlanDiff
from goldenthread.model.analysis.findings import Finding
from goldenthread.model.analysis.fixes import fix_of
from goldenthread.model.analysis.trace import Trace
from goldenthread.model.errors import relative

SEVERITY_LABELS = {"error": "Errors", "warning": "Warnings", "info": "Information"}


def check_report(findings: list[Finding], *, as_of: dt.date | None, fail_on: str) -> dict:
    """The JSON document ``check --format json`` prints: the findings, and their summary."""
    return {"findings": [f.to_dict() for f in findings],
            "summary": {**summary(findings), "as_of": as_of.isoformat() if as_of else None, "fail_on": fail_on}}


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


def check_view(g: nx.MultiDiGraph, findings: list[Finding], *, as_of: dt.date | None, fail_on: str,
               directory: Path | str | None = None) -> dict:
    """What the check report prints: findings grouped by severity, then code (sources relative to *directory*)."""
    counts = summary(findings)["by_severity"]
    groups = []
    for severity in SEVERITIES:
        of_severity = [f for f in findings if f.severity == severity]
        codes = []
        for code in dict.fromkeys(f.code for f in of_severity):
            rows = [{"message": f.message, "nodes": ", ".join(f.nodes),
                     "where": where(f.source, directory),
                     "edit": "; ".join(edit_where(loc, directory) for loc in f.locations) or "no YAML position"}
                    for f in of_severity if f.code == code]
            fix = fix_of(code)
            codes.append({"code": code, "name": fix.name, "fix": fix.fix, "meaning": CODES[code][1],
                          "count": len(rows), "findings": rows})
        groups.append({"label": SEVERITY_LABELS[severity], "count": len(of_severity), "codes": codes})
    return {
        "title": g.graph.get("title") or "Plan",
        "as_of": as_of.isoformat() if as_of else "no date (the plan has no last-updated date)",
        "counts": ", ".join(f"{counts[s]} {s if counts[s] == 1 or s == 'info' else s + 's'}" for s in SEVERITIES),
        "severities": groups,
        "fail_on": fail_on,
        "failing": len(at_or_above(findings, fail_on)) if fail_on != "never" else 0,
    }


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


def diff_view(result: PlanDiff, old: Path, new: Path) -> dict:
    """What the diff templates print."""
    def show(value):
        if isinstance(value, dict) and set(value) == {"date", "text"}:   # an outcome's commentary
            return f"{value['date']}: {' '.join(str(value['text']).split())}"
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
