"""How long importing, loading and graph building take for plans of growing size, and peak memory.

Run: .venv/bin/python benchmarks/bench_import_load.py [SIZE ...]   (default: 1 5 25)
Prints two lines per size:

* ``traced``: seconds for import / load / build_graph and the peak MiB, all
  under tracemalloc (which slows Python code about 3x: compare these seconds
  only with each other);
* ``untraced``: load_plan alone without tracemalloc, the figure a person
  waits for (``goldenthread serve`` reloads on every edit), next to the careful
  load (round-trip parse of every file, as used when a plan has an error, and
  as every load was before the quick reading of model/quick_yaml.py), best of
  three runs each.

Target: a council plan of ~5,000 outcomes imports, loads and builds in a few seconds.
"""
from __future__ import annotations

import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from goldenthread.model import loader
from goldenthread.model.graph import build_graph
from goldenthread.model.importer import run_import
from goldenthread.model.loader import load_plan
from goldenthread.model.quick_yaml import available as quick_reading_available
from goldenthread.model.synth.document import shaped_document


def best_of(runs: int, action) -> float:
    """The fastest of *runs* timings of ``action()``, in seconds."""
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - start)
    return best


def measure(leadership: int, departmental: int, rows: int, plans: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "export.txt"
        source.write_text(shaped_document(leadership, departmental, rows, plans), encoding="utf-8")
        plan_dir = Path(tmp) / "plan"
        tracemalloc.start()
        t0 = time.perf_counter()
        run_import(source, plan_dir)
        t1 = time.perf_counter()
        data = load_plan(plan_dir)
        t2 = time.perf_counter()
        graph = build_graph(data)
        t3 = time.perf_counter()
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        outcomes = (leadership + departmental) * rows
        print(f"{graph.number_of_nodes():>7} nodes {outcomes:>6} outcomes  traced:   "
              f"import {t1 - t0:6.2f}s  load {t2 - t1:6.2f}s  graph {t3 - t2:6.2f}s  peak {peak:7.1f} MiB")
        quick = best_of(3, lambda: load_plan(plan_dir))
        # the private careful path: what load_plan does when the plan has an error
        careful = best_of(3, lambda: loader._load(plan_dir, quick=False))
        print(f"{'':>7}       {outcomes:>6} outcomes  untraced: load {quick:6.2f}s  "
              f"careful load {careful:6.2f}s  ({careful / quick:4.1f}x)  "
              f"load per 1,000 outcomes {quick / outcomes * 1000:5.2f}s")


if __name__ == "__main__":
    if not quick_reading_available():
        print("ruamel.yaml.clib is not installed: every load is careful (pip install ruamel.yaml.clib)")
    for size in [int(arg) for arg in sys.argv[1:]] or [1, 5, 25]:
        measure(leadership=4 * size, departmental=4 * size, rows=25, plans=10 * size)
