"""How long importing, loading and graph building take for plans of growing size, and peak memory.

Run: .venv/bin/python benchmarks/bench_import_load.py
Prints one line per size: items, seconds for import / load / build_graph, peak MiB.
Target: a council plan of ~5,000 outcomes imports, loads and builds in a few seconds.
"""
from __future__ import annotations

import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from shaped_export import shaped_document  # noqa: E402

from model.graph import build_graph  # noqa: E402
from model.importer import run_import  # noqa: E402
from model.loader import load_plan  # noqa: E402


def measure(leadership: int, departmental: int, rows: int, plans: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "export.txt"
        source.write_text(shaped_document(leadership, departmental, rows, plans), encoding="utf-8")
        tracemalloc.start()
        t0 = time.perf_counter()
        run_import(source, Path(tmp) / "plan")
        t1 = time.perf_counter()
        data = load_plan(Path(tmp) / "plan")
        t2 = time.perf_counter()
        graph = build_graph(data)
        t3 = time.perf_counter()
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        print(f"{graph.number_of_nodes():>7} nodes {(leadership + departmental) * rows:>6} outcomes  "
              f"import {t1 - t0:6.2f}s  load {t2 - t1:6.2f}s  graph {t3 - t2:6.2f}s  peak {peak:7.1f} MiB")


if __name__ == "__main__":
    for size in (1, 5, 25):
        measure(leadership=4 * size, departmental=4 * size, rows=25, plans=10 * size)
