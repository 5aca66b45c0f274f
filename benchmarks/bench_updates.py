"""How long `goldenthread updates export` and `updates apply` take on a council-wide plan.

Run: .venv/bin/python benchmarks/bench_updates.py [PLAN_DIR] [--rows N]

Without PLAN_DIR it makes a plan of about 10,000 outcomes with `goldenthread synth --scale 100`.
It prints:

* `updates export PLAN --out DIR` in a fresh process: wall and CPU seconds, peak memory, how many
  workbooks, their total size, and the largest workbook's size, unpacked size and worst
  packing ratio of a part (what the limits in model/updates/limits.py are set against);
* `updates apply FILES --plan-dir COPY` in a fresh process, on a fresh copy of the plan, with N
  changed rows (default 1,000) filled in with openpyxl as leads would: every row re-rated, every
  third with a slipped timescale, every second with commentary. Wall and CPU seconds (best of 3)
  and peak memory; the changed rows are checked to be in the plan afterwards.

Targets (docs/performance.md): apply under 10 s for 1,000 changed rows at scale 100; export
under 60 s of CPU at scale 100 (about 650 workbooks).
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from openpyxl import load_workbook

from goldenthread.model.synth.folder import write_synthetic
from goldenthread.model.graph import build_graph
from goldenthread.model.loader import load_plan

RUNS = 3
_CHILD = """import resource, sys, time
from goldenthread.cli.main import main
try:
    main(sys.argv[1:], prog_name="goldenthread")
finally:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    print(usage.ru_maxrss, usage.ru_utime + usage.ru_stime, file=sys.stderr)
"""


def command(*args: str) -> tuple[float, float, int, str]:
    """Run goldenthread in a fresh process: (wall s, CPU s, peak memory KB, standard output)."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", _CHILD, *args], capture_output=True, text=True)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"goldenthread {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    memory, cpu = done.stderr.strip().splitlines()[-1].split()
    return wall, float(cpu), int(memory), done.stdout


def workbook_figures(folder: Path) -> str:
    files = sorted(folder.iterdir(), key=lambda p: p.stat().st_size)
    largest = files[-1]
    with zipfile.ZipFile(largest) as archive:
        members = archive.infolist()
    unpacked = sum(m.file_size for m in members)
    ratio = max(m.file_size / max(m.compress_size, 1) for m in members)
    total = sum(p.stat().st_size for p in files)
    return (f"{len(files)} files, {total / 1e6:.1f} MB in all; largest {largest.name}: {largest.stat().st_size / 1e3:.0f} kB, "
            f"unpacks to {unpacked / 1e3:.0f} kB, worst part ratio {ratio:.1f}")


def fill_rows(out: Path, plan: Path, rows: int) -> tuple[list[Path], list[tuple[str, str]]]:
    """Fill *rows* rows across the workbooks, as leads would; return the files and (outcome, new rating)."""
    g = build_graph(load_plan(plan))
    ratings = ("GREEN", "AMBER", "RED")
    files, changed, seen = [], [], set()
    for path in sorted(out.iterdir(), key=lambda p: -p.stat().st_size):
        if len(changed) >= rows:
            break
        wb = load_workbook(path)
        ws = wb["Outcomes"]
        touched = False
        for number in range(2, ws.max_row + 1):
            item = ws.cell(number, 1).value
            if len(changed) >= rows:
                break
            if item in seen:      # an outcome two leads share: set by the first workbook only
                continue
            seen.add(item)
            new = next(r for r in ratings if r != g.nodes[item]["rag"])
            ws.cell(number, 6).value = new
            if len(changed) % 3 == 0:
                ws.cell(number, 7).value = "March 2022"
            if len(changed) % 2 == 0:
                ws.cell(number, 8).value = f"Quarter 4 update for {item}: progress as described in the plan."
            changed.append((item, new))
            touched = True
        if touched:
            wb.save(path)
            files.append(path)
    return files, changed


def main() -> None:
    args = sys.argv[1:]
    rows = 1_000
    if "--rows" in args:
        index = args.index("--rows")
        rows = int(args[index + 1])
        del args[index:index + 2]
    scratch = Path(tempfile.mkdtemp(prefix="bench-updates-"))
    try:
        if args:
            plan = Path(args[0]).resolve()
        else:
            plan = scratch / "plan"
            write_synthetic(plan, scale=100, seed=1)
        outcomes = sum(1 for _, k in build_graph(load_plan(plan)).nodes(data="kind") if k == "outcome")
        print(f"plan: {plan} ({outcomes:,} outcomes)")

        out = scratch / "out"
        wall, cpu, memory, _ = command("updates", "export", str(plan), "--out", str(out))
        print(f"updates export: {wall:.1f} s wall, {cpu:.1f} s CPU, {memory / 1024:.0f} MB peak")
        print(f"  {workbook_figures(out)}")

        start = time.perf_counter()
        files, changed = fill_rows(out, plan, rows)
        print(f"filled {len(changed):,} rows in {len(files)} workbooks ({time.perf_counter() - start:.1f} s, "
              "not counted)")
        best = None
        for run in range(RUNS):
            copy = scratch / f"copy{run}"
            shutil.copytree(plan, copy)
            wall, cpu, memory, printed = command("updates", "apply", *map(str, files), "--plan-dir", str(copy),
                                                 "--as-of", "2021-04-20")
            if best is None or cpu < best[1]:
                best = (wall, cpu, memory)
            g = build_graph(load_plan(copy))
            wrong = [item for item, rating in changed if g.nodes[item]["rag"] != rating]
            if wrong:
                raise SystemExit(f"apply did not set {len(wrong)} ratings, e.g. {wrong[0]}")
            shutil.rmtree(copy)
        print(f"updates apply, {len(changed):,} changed rows: {best[0]:.1f} s wall, {best[1]:.1f} s CPU, "
              f"{best[2] / 1024:.0f} MB peak (best of {RUNS} by CPU)")
        print(f"  last line printed: {printed.strip().splitlines()[-1]}")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
