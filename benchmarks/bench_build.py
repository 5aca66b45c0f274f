"""How long a site build takes, stage by stage, and how big the site is.

Run: .venv/bin/python benchmarks/bench_build.py [OUTCOMES...]   (default: 500 2000)

First the bundled plan, then synthetic plans with about that many outcomes (``goldenthread synth``
at the scale nearest to it: the bundled plan's size times the scale), written as a plan folder so
that the whole pipeline runs: load, graph and analyses, page generation
(views, templates, network views, downloads), then the engine, MkDocs with Material and then
Zensical. For each it prints seconds per stage, the pages and files made, the site's size and
the process's peak memory. Target: the bundled plan builds in seconds; a council plan of a few
thousand items in well under a few minutes, with memory in the low hundreds of MB.

With ``--plan DIR`` (repeatable; e.g. folders written by ``goldenthread synth --scale 10`` and
``--scale 100``) it measures those plans instead, and also builds the same generated pages with
plain MkDocs Material (theme material, the same nav, the search plugin, the same Markdown
extensions; none of our theme overrides, plugins or code) and prints our whole build (load to
finished site) over that plain build. Target at about 10,000 outcomes: at most 1.5, and both
growing about linearly from 1,000. ``--no-zensical`` skips the Zensical build. Each stage is
given in wall-clock and CPU seconds (CPU is steadier on a shared machine); take the best of 3.
"""
from __future__ import annotations

import argparse
import json
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

from bench_support import BUNDLED_PLAN

from goldenthread.model.loader import load_plan
from goldenthread.site_builder import generate
from goldenthread.site_builder.engine import REPO_CONFIG, run_engine, write_project_config
from goldenthread.model.synth.folder import write_synthetic
from goldenthread.site_builder.generate import generate_docs

#: The stages of page generation timed separately (the rest is views, templates and writing pages).
STAGES = {"site_context": "graph+analyses", "write_network_views": "network views",
          "write_downloads": "downloads"}

#: Outcomes in a synthetic plan of scale 1 (``goldenthread synth``): about the bundled plan's.
OUTCOMES_PER_SCALE = 105


def synthetic_plan(folder: Path, outcomes: int) -> Path:
    """Write the synthetic plan whose size is nearest to *outcomes* outcomes into *folder*; return it."""
    write_synthetic(folder, max(1, round(outcomes / OUTCOMES_PER_SCALE)), seed=0)
    return folder


def _mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6


class Clock:
    """Wall-clock and CPU seconds since it was made."""

    def __init__(self) -> None:
        self.wall, self.cpu = time.perf_counter(), time.process_time()

    def lap(self) -> tuple[float, float]:
        return time.perf_counter() - self.wall, time.process_time() - self.cpu


def _timed_stages(spent: dict) -> None:
    """Wrap the stage functions of site_builder.generate so that each call adds to *spent*."""
    for name in STAGES:
        original = getattr(generate, name)

        def timed(*args, _original=original, _name=name, **kwargs):
            clock = Clock()
            try:
                return _original(*args, **kwargs)
            finally:
                wall, cpu = clock.lap()
                old = spent.get(_name, (0.0, 0.0))
                spent[_name] = (old[0] + wall, old[1] + cpu)

        setattr(generate, name, timed)


def plain_config(project: Path) -> Path:
    """A configuration that builds *project*'s generated pages with plain MkDocs Material."""
    ours = json.loads((project / "mkdocs.yml").read_text(encoding="utf-8"))
    plain = {key: ours[key] for key in ("site_name", "docs_dir", "nav", "not_in_nav", "use_directory_urls",
                                        "markdown_extensions", "validation") if key in ours}
    plain.update(site_dir="plain-site", theme={"name": "material"}, plugins=["search"])
    path = project / "plain-mkdocs.yml"
    path.write_text(json.dumps(plain, indent=2), encoding="utf-8")
    return path


def _fmt(seconds: tuple[float, float]) -> str:
    return f"{seconds[0]:6.2f}s wall {seconds[1]:6.2f}s cpu"


def measure(label: str, plan_dir: Path, *, plain: bool = False, zensical: bool = True) -> None:
    """Build *plan_dir* and print the figures (see the module docstring)."""
    spent: dict = {}
    _timed_stages(spent)
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        clock = Clock()
        data = load_plan(plan_dir)
        loaded = clock.lap()
        clock = Clock()
        docs = generate_docs(data, work / "docs")
        generated = clock.lap()
        write_project_config(REPO_CONFIG, work, site_name=docs.site_name, nav=docs.nav, not_in_nav=docs.not_in_nav)
        engines = {}
        for engine in ("mkdocs", "zensical") if zensical else ("mkdocs",):
            shutil.rmtree(work / "site", ignore_errors=True)
            clock = Clock()
            run_engine(engine, work / "mkdocs.yml", docs.build_date)
            engines[engine] = (clock.lap(), sum(1 for p in (work / "site").rglob("*") if p.is_file()),
                               _mb(work / "site"))
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        biggest = max((p for p in (work / "site").rglob("*.html")), key=lambda p: p.stat().st_size)
        print(f"{label}: {len(docs.pages)} pages, {len(docs.nav)} top-level nav entries, "
              f"docs {_mb(work / 'docs'):.1f} MB; biggest page {biggest.relative_to(work / 'site')} "
              f"{biggest.stat().st_size / 1e6:.2f} MB")
        print(f"  load                {_fmt(loaded)}")
        for name, title in STAGES.items():
            print(f"  {title:19} {_fmt(spent.get(name, (0.0, 0.0)))}")
        rest = tuple(generated[i] - sum(v[i] for v in spent.values()) for i in (0, 1))
        print(f"  pages (views, templates, writing) {_fmt(rest)}")
        for engine, (seconds, files, size) in engines.items():
            print(f"  engine {engine:12} {_fmt(seconds)}  {files} files, {size:.1f} MB")
        if plain:
            clock = Clock()
            run_engine("mkdocs", plain_config(work), docs.build_date)
            reference = clock.lap()
            ours = tuple(loaded[i] + generated[i] + engines["mkdocs"][0][i] for i in (0, 1))
            print(f"  plain MkDocs Material on the same pages {_fmt(reference)}")
            print(f"  our whole build (load to site)          {_fmt(ours)}")
            print(f"  ratio ours / plain: {ours[0] / reference[0]:.2f} wall, {ours[1] / reference[1]:.2f} cpu")
        print(f"  peak memory of this process so far: {peak:.0f} MB")
    for name in STAGES:  # unwrap for the next plan
        setattr(generate, name, getattr(generate, name).__kwdefaults__["_original"])


def main(argv: list[str]) -> None:
    sys.stdout.reconfigure(line_buffering=True)  # each figure as soon as it is known (large plans take minutes)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outcomes", nargs="*", type=int, help="sizes of synthetic plans (default: 500 2000)")
    parser.add_argument("--plan", action="append", type=Path, default=[],
                        help="a plan folder to measure, with the plain MkDocs reference (repeatable)")
    parser.add_argument("--no-zensical", action="store_true", help="skip the Zensical build")
    args = parser.parse_args(argv)
    zensical = not args.no_zensical
    if args.plan:
        for plan in args.plan:
            measure(str(plan), plan, plain=True, zensical=zensical)
        return
    measure("bundled plan (plan_data)", BUNDLED_PLAN, zensical=zensical)
    for size in args.outcomes or [500, 2000]:
        with tempfile.TemporaryDirectory() as scratch:
            measure(f"synthetic plan, {size} outcomes", synthetic_plan(Path(scratch) / "plan", size),
                    zensical=zensical)


if __name__ == "__main__":
    main(sys.argv[1:])
