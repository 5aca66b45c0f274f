"""The downloads page: what each file holds, how big it is, and a link to it."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from goldenthread.site_builder import downloads as D
from goldenthread.site_builder import urls as U
from goldenthread.site_builder.markup import Href
from goldenthread.site_builder.context import SiteContext


#: What each download is for, in words, by file name.
DESCRIPTIONS = {
    D.GRAPH_JSON: ("The plan as a graph (JSON)", "Every item and link, as node-link JSON.",
                   "goldenthread export --format json"),
    D.FINDINGS_JSON: ("Findings (JSON)", "What the checks report, with a summary.",
                      "goldenthread check --format json"),
    D.TRACEABILITY_CSV: ("Traceability matrix (CSV)",
                         "One row per outcome: its action, priority, operational plans, leads, timescale, RAG "
                         "and source lines. Text that a spreadsheet would read as a formula (starting with =, +, "
                         "- or @) starts with an apostrophe.", "goldenthread trace --all --format csv"),
}
SOURCE = ("The plan's source document (text)",
          "The text export of the plan document that every source line on this site points into.", "")


@dataclass(frozen=True)
class DownloadRow:
    """One downloadable file: what it is, the command that gives the same, its link and size."""

    title: str
    description: str
    command: str
    href: Href
    name: str
    size: str


@dataclass(frozen=True)
class DownloadsView:
    """The downloads page."""

    page: str
    files: list[DownloadRow]


def human_size(size: int) -> str:
    """A file size in words a person reads at a glance.

    >>> human_size(512), human_size(20480), human_size(3 * 1024 * 1024)
    ('512 bytes', '20 KB', '3.0 MB')
    """
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{round(size / 1024)} KB"
    return f"{size / 1024 / 1024:.1f} MB"


def downloads_view(ctx: SiteContext, files: list[Path], docs_dir: Path) -> DownloadsView:
    """Build the downloads page for the files written by :func:`site_builder.downloads.write_downloads`."""
    page = U.DOWNLOADS
    rows = []
    for path in files:
        title, description, command = DESCRIPTIONS.get(path.name, SOURCE)
        target = path.relative_to(docs_dir).as_posix()
        rows.append(DownloadRow(title, description, command, U.relative(page, target), path.name,
                                human_size(path.stat().st_size)))
    return DownloadsView(page=page, files=rows)
