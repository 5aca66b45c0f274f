"""``goldenthread build``: plan folder -> finished intranet site, all or nothing.

The pipeline runs in one direction::

    load_plan -> build_graph -> analyses -> views -> Markdown pages  (site_builder.generate)
              -> MkDocs or Zensical                                 (site_builder.engine)
              -> the site folder, replaced in one step               (here)

Everything is built in a temporary folder next to the output folder; only a
finished site replaces the old one (two renames on the same file system), so
an error at any step leaves the previous site as it was and no half-built
site behind. A folder is only ever replaced if it is empty or holds a site
we built (it carries :data:`MARKER`), so a mistyped ``--out`` cannot wipe
someone's documents.

>>> result = build_site("plan_data", "site")   # doctest: +SKIP
>>> result.pages                                # doctest: +SKIP
155
"""
from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from model.errors import Location, relative
from model.loader import load_plan
from site_builder.engine import ENGINES, REPO_CONFIG, SiteBuildError, run_engine, write_project_config
from site_builder.generate import GeneratedDocs, generate_docs

#: Written into every site we build; its presence says the folder may be replaced.
MARKER = ".goldenthread-site"
MARKER_TEXT = "This folder is a site built by `goldenthread build`; the next build replaces it whole.\n"


@dataclass(frozen=True)
class BuildResult:
    """What a build made: where, with which engine, how many pages and files, what the engine warned."""

    out_dir: Path
    engine: str
    pages: int
    files: int
    warnings: list[str]


def prepare_project(plan_dir: str | Path, project_dir: Path, *, config: Path = REPO_CONFIG,
                    site_url: str | None = None) -> GeneratedDocs:
    """Generate the pages of the plan in *plan_dir* and the engine configuration into *project_dir*."""
    data = load_plan(plan_dir)
    docs = generate_docs(data, project_dir / "docs")
    write_project_config(config, project_dir, site_name=docs.site_name, nav=docs.nav, not_in_nav=docs.not_in_nav,
                         site_url=site_url)
    return docs


def build_site(plan_dir: str | Path, out_dir: str | Path, *, engine: str = "mkdocs",
               config: Path = REPO_CONFIG, site_url: str | None = None) -> BuildResult:
    """Build the site of the plan in *plan_dir* into *out_dir* with *engine* (see the module docstring)."""
    if engine not in ENGINES:
        raise SiteBuildError(f"unknown site engine {engine!r}", None, f"use one of: {', '.join(ENGINES)}")
    out = Path(out_dir)
    check_replaceable(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{out.name}.building-", dir=out.parent))
    try:
        docs = prepare_project(plan_dir, work, config=Path(config), site_url=site_url)
        try:
            warnings = run_engine(engine, work / "mkdocs.yml", docs.build_date)
        except SiteBuildError as error:
            error.location = error.location or Location(relative(config))  # the file to fix
            raise
        site = work / "site"
        (site / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
        files = sum(1 for p in site.rglob("*") if p.is_file())
        replace_folder(site, out)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return BuildResult(out_dir=out, engine=engine, pages=len(docs.pages), files=files, warnings=warnings)


def check_replaceable(out: Path) -> None:
    """Refuse to build into *out* when it holds something other than a site we built."""
    if not out.exists():
        return
    if not out.is_dir():
        raise SiteBuildError(f"{relative(out)} is a file, not a folder", Location(relative(out)),
                             "pass --out a folder for the site, e.g. --out site")
    if any(out.iterdir()) and not (out / MARKER).is_file():
        raise SiteBuildError(f"{relative(out)} is not empty and was not built by goldenthread",
                             Location(relative(out)),
                             "the build replaces its output folder whole: pass --out a new or empty folder")


def replace_folder(new: Path, out: Path) -> None:
    """Put the finished folder *new* in the place of *out*, keeping the old one until the new is in."""
    old = None
    if out.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
        out.rename(old / out.name)
    try:
        new.rename(out)
    except OSError:
        if old is not None:  # put the previous site back
            (old / out.name).rename(out)
        raise
    finally:
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
