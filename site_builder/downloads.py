"""The site's downloads: the graph as JSON, the findings as JSON, the traceability matrix as CSV.

Written with the same shapes as the command line gives them (``export
--format json``, ``check --format json``, ``trace --all --format csv``), so a
file downloaded from the intranet and one made by a planner agree. Output is
deterministic: keys in a fixed order, ``\\n`` line ends, UTF-8.

CSV cells are guarded against formula injection: plan text that begins with
``=``, ``+``, ``-``, ``@`` (or a tab or carriage return) is prefixed with
``'`` so a spreadsheet shows it as text instead of running it.
"""
from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

from goldenthread.model.analysis import summary
from goldenthread.model.analysis.trace import MATRIX_COLUMNS, TraceRow
from goldenthread.model.export import to_node_link
from goldenthread.model.schema import PlanData
from goldenthread.site_builder.context import SiteContext


GRAPH_JSON = "graph.json"
FINDINGS_JSON = "findings.json"
TRACEABILITY_CSV = "traceability.csv"
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def findings_document(findings: list, as_of) -> dict:
    """``{"findings": [...], "summary": {...}}``: what ``check --format json`` prints with its
    default options (overdue judged *as_of* the plan's last update, ``--fail-on error``)."""
    return {"findings": [f.to_dict() for f in findings],
            "summary": {**summary(findings), "as_of": as_of.isoformat() if as_of else None, "fail_on": "error"}}


def csv_cell(value) -> str:
    """One CSV cell as text, guarded against formula injection.

    >>> csv_cell("=HYPERLINK(\\"http://x\\")"), csv_cell(None), csv_cell("-3%"), csv_cell("GREEN")
    ('\\'=HYPERLINK("http://x")', '', "'-3%", 'GREEN')
    """
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def traceability_csv(rows: list[TraceRow]) -> str:
    """The traceability matrix as CSV text, one row per outcome, columns in a fixed order."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(MATRIX_COLUMNS)
    for row in rows:
        writer.writerow([csv_cell(getattr(row, column)) for column in MATRIX_COLUMNS])
    return out.getvalue()


def _json(data) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def write_downloads(ctx: SiteContext, data: PlanData, folder: Path) -> list[Path]:
    """Write every download into *folder*; return the files written, in a fixed order."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        GRAPH_JSON: _json(to_node_link(ctx.g)),
        FINDINGS_JSON: _json(findings_document(ctx.findings, ctx.as_of)),
        TRACEABILITY_CSV: traceability_csv(ctx.trace_rows),
    }
    written = []
    for name, text in files.items():
        path = folder / name
        path.write_text(text, encoding="utf-8", newline="\n")
        written.append(path)
    source = source_document(data)
    if source is not None:
        target = folder / "source" / source.name
        target.parent.mkdir(exist_ok=True)
        shutil.copyfile(source, target)
        written.append(target)
    return written


def source_document(data: PlanData) -> Path | None:
    """The plan's source document (the text export every source line points into), if shipped."""
    name = data.plan.source_file
    if not name:
        return None
    path = Path(data.directory) / name
    return path if path.is_file() else None
