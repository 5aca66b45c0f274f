"""The site's downloads: the graph as JSON, the findings as JSON, the traceability matrix as CSV.

Written with the same shapes as the command line gives them (``export
--format json``, ``check --format json``, ``trace --all --format csv``), so a
file downloaded from the intranet and one made by a planner agree. Output is
deterministic: keys in a fixed order, ``\\n`` line ends, UTF-8.

The JSON and CSV are made by the library (:mod:`model.export`,
:mod:`model.reports`); CSV cells are guarded against formula injection there.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from goldenthread.model.export import to_node_link, traceability_csv
from goldenthread.model.reports import check_report
from goldenthread.model.schema import PlanData
from goldenthread.site_builder.context import SiteContext


GRAPH_JSON = "graph.json"
FINDINGS_JSON = "findings.json"
TRACEABILITY_CSV = "traceability.csv"


def _json(data) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def write_downloads(ctx: SiteContext, data: PlanData, folder: Path) -> list[Path]:
    """Write every download into *folder*; return the files written, in a fixed order."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        GRAPH_JSON: _json(to_node_link(ctx.g)),
        # what `check --format json` prints with its default options (as of the plan's last update)
        FINDINGS_JSON: _json(check_report(ctx.findings, as_of=ctx.as_of, fail_on="error")),
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
