"""How much a history costs: ``build --previous`` with three previous versions against a plain build.

Run: .venv/bin/python benchmarks/bench_history.py [--scale N ...] [--no-site]   (default: --scale 10 100)

For each scale, ``goldenthread synth --scale N`` writes the current plan, and three earlier
versions are made from copies of it as a quarter's updates would: in each, one outcome in 7 has
another rating, one in 11 an earlier timescale, one in 50 another ID (matched back by its wording,
as ``diff`` matches it) and the versions' dates step back a quarter. It prints:

* the history alone: loading the three versions and matching them (:func:`model.versions.load_history`),
  in seconds, and per 1,000 outcomes (the history must grow linearly with the plan);
* the whole build (load, pages, MkDocs) without and with the three versions, and their ratio.
  Target (docs/performance.md): with history within 1.5 times without.

Wall-clock and CPU seconds are both given (CPU is steadier on a shared machine).
"""
from __future__ import annotations

import argparse
import datetime as dt
import re
import resource
import shutil
import tempfile
import time
from pathlib import Path

from goldenthread.model.synth.folder import write_synthetic
from goldenthread.model.graph import OUTCOME, build_graph, nodes_of_kind
from goldenthread.model.loader import load_plan
from goldenthread.model.versions import load_history
from goldenthread.site_builder.build import build_site

RATINGS = ("GREEN", "AMBER/GREEN", "AMBER", "RED")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


def older_version(current: Path, target: Path, step: int) -> Path:
    """A copy of *current* as it might have been *step* quarters earlier (see the module docstring)."""
    shutil.copytree(current, target)
    plan = target / "plan.yaml"
    text = plan.read_text(encoding="utf-8")
    earlier = lambda m: "last_updated: " + (dt.date.fromisoformat(m.group(1)) - dt.timedelta(days=91 * step)).isoformat()
    plan.write_text(re.sub(r"last_updated: (\d{4}-\d{2}-\d{2})", earlier, text, count=1), encoding="utf-8")
    for path in (target / "groups").glob("*.yaml"):
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        seen = {"rag": 0, "timescale": 0, "id": 0}
        for i, line in enumerate(lines):
            stripped = line.strip()
            if stripped.startswith("rag: "):
                seen["rag"] += 1
                if seen["rag"] % 7 == step % 7:
                    old = stripped[5:].strip("'\"")
                    new = RATINGS[(RATINGS.index(old) + 1) % 4] if old in RATINGS else "AMBER"
                    lines[i] = line.replace(stripped, f"rag: {new}")
            elif stripped.startswith("timescale: "):
                seen["timescale"] += 1
                month = next((m for m in MONTHS if m in stripped), None)
                if month and seen["timescale"] % 11 == step:
                    lines[i] = line.replace(month, MONTHS[max(0, MONTHS.index(month) - step)], 1)
            elif stripped.startswith("- id: ") and ".o" in stripped:
                seen["id"] += 1
                if seen["id"] % 50 == step:
                    lines[i] = line.rstrip("\n") + f"-v{step}\n"
        path.write_text("".join(lines), encoding="utf-8")
    return target


def clock():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return time.perf_counter(), usage.ru_utime + usage.ru_stime


def since(start) -> tuple[float, float]:
    wall, cpu = clock()
    return wall - start[0], cpu - start[1]


def measure(scale: int, site: bool) -> None:
    with tempfile.TemporaryDirectory(prefix="bench-history-") as scratch:
        base = Path(scratch)
        current = base / "current"
        write_synthetic(current, scale, seed=0)
        previous = [str(older_version(current, base / f"v-{step}", step)) for step in (1, 2, 3)]
        g = build_graph(load_plan(current))
        outcomes = len(nodes_of_kind(g, OUTCOME))
        start = clock()
        history = load_history(g, previous, current)
        wall, cpu = since(start)
        changes = len(history.changes)
        print(f"scale {scale}: {outcomes} outcomes; history of 3 previous versions (load and match): "
              f"{wall:.2f} s wall, {cpu:.2f} s CPU ({1000 * cpu / outcomes:.2f} s CPU per 1,000 outcomes); "
              f"{changes} changes since the previous version")
        if not site:
            return
        for label, given in (("without history", []), ("with 3 previous versions", previous)):
            start = clock()
            result = build_site(current, base / f"site-{len(given)}", previous=given)
            wall, cpu = since(start)
            print(f"  build {label}: {wall:.1f} s wall, {cpu:.1f} s CPU, {result.pages} pages")
            if given:
                print(f"  ratio with/without: {wall / plain[0]:.2f} wall, {cpu / plain[1]:.2f} CPU")
            else:
                plain = (wall, cpu)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  peak memory so far: {peak:.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, action="append", help="synth scale (repeatable; default 10 and 100)")
    parser.add_argument("--no-site", action="store_true", help="time the history alone, not the builds")
    options = parser.parse_args()
    for scale in options.scale or [10, 100]:
        measure(scale, not options.no_site)


if __name__ == "__main__":
    main()
