"""How long `goldenthread check` takes, stage by stage, and how its duplicate search scales.

Run: .venv/bin/python benchmarks/bench_check.py [PLAN_DIR...]

Without arguments it makes two plans, about 1,000 and 10,000 outcomes, with `goldenthread synth
--scale 10` and `--scale 100`.
For each plan it prints:

* the whole command, `check --fail-on never PLAN` in a fresh process: wall seconds (best of 3)
  and peak memory (the maximum resident set of the process, or of the child it may fork for the
  duplicates search, whichever is larger);
* each stage, best of 3 in this process: importing the CLI (in a fresh process), loading and
  validating the plan, building the graph, each analysis of `run_all`, rendering the text
  report. CPU seconds beside wall seconds: on a busy machine the CPU figure is the steadier one.
  CPU counts the forked child's too, so on two processors a stage's CPU may exceed its wall time.
  The stages run with the garbage collector paused, as the command runs them.

Last, the duplicates analysis' cost at the largest plan over its cost at the smallest (CPU).
Targets: check at 10,000 outcomes in under 3 s and 500 MB; the duplicates ratio from about
1,000 to 10,000 outcomes under 20 (the joins are sub-quadratic: 100 would be quadratic).
"""
from __future__ import annotations

import gc
import resource
import subprocess
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

from goldenthread.model.analysis.duplicates import duplicates
from goldenthread.model.analysis.orphans import orphans
from goldenthread.model.analysis.quality import quality
from goldenthread.model.analysis.references import references
from goldenthread.model.graph import build_graph
from goldenthread.model.loader import load_plan
from goldenthread.model.synth.folder import write_synthetic
from goldenthread.cli.analysis import render
from goldenthread.model.reports import check_view

RUNS = 3
# Runs the command and reports its peak memory (KB on Linux) on the last line of standard error.
_CHILD = """import resource, sys
from goldenthread.cli.main import main
try:
    main(sys.argv[1:], prog_name="goldenthread")
finally:
    print(max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)),
          file=sys.stderr)
"""
_IMPORT = ("import time; t, c = time.perf_counter(), time.process_time(); import goldenthread.cli.main; "
           "print(time.perf_counter() - t, time.process_time() - c)")


def make_plans(scratch: Path) -> list[Path]:
    """Plans of about 1,000 and 10,000 outcomes (see the module docstring)."""
    plans = []
    for scale in (10, 100):
        out = scratch / f"scale-{scale}"
        write_synthetic(out, scale, seed=0)
        plans.append(out)
    return plans


def whole_command(plan: Path) -> tuple[float, float]:
    """Best wall seconds of `check` in a fresh process, and its peak memory in MB."""
    best, peak = float("inf"), 0.0
    for _ in range(RUNS):
        start = time.perf_counter()
        run = subprocess.run([sys.executable, "-c", _CHILD, "check", "--fail-on", "never", str(plan)],
                             capture_output=True, text=True, check=False)
        best = min(best, time.perf_counter() - start)
        peak = max(peak, int(run.stderr.strip().splitlines()[-1]) / 1024)
    return best, peak


def stages(plan: Path) -> dict[str, tuple[float, float]]:
    """``{stage: (best wall seconds, best CPU seconds)}``."""
    best: dict[str, tuple[float, float]] = {}

    def keep(name, took):
        old = best.get(name, (float("inf"), float("inf")))
        best[name] = (min(old[0], took[0]), min(old[1], took[1]))

    def timed(name, work):
        wall, cpu = time.perf_counter(), _cpu()
        result = work()
        keep(name, (time.perf_counter() - wall, _cpu() - cpu))
        return result

    for _ in range(RUNS):
        gc.collect()
        gc.disable()         # as the command runs it (site_builder/one_shot.py)
        try:
            _stages_once(timed, keep, plan)
        finally:
            gc.enable()
    return best


def _stages_once(timed, keep, plan: Path) -> None:
    """Each stage once, timed (see :func:`stages`)."""
    imported = subprocess.run([sys.executable, "-c", _IMPORT], check=True, capture_output=True,
                              text=True)
    keep("import CLI", tuple(float(v) for v in imported.stdout.split()))
    data = timed("load", partial(load_plan, plan))
    g = timed("graph", partial(build_graph, data))
    as_of = g.graph.get("last_updated")
    found = []
    for name, analysis in (("orphans", orphans), ("references", references), ("duplicates", duplicates),
                           ("quality", partial(quality, as_of=as_of))):
        found += timed(name, partial(_listed, analysis, g))
    timed("render", partial(_report, g, found, as_of, plan))


def _cpu() -> float:
    """CPU seconds of this process and of its children waited for (the duplicates search may fork one)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def _listed(analysis, g) -> list:
    return list(analysis(g))


def _report(g, found, as_of, plan: Path) -> str:
    return render("check.txt", check_view(g, found, as_of=as_of, fail_on="never", directory=plan))


def main(plans: list[Path]) -> None:
    costs = []
    for plan in plans:
        data = load_plan(plan)
        outcomes = sum(len(a.outcomes) for p in data.priorities() for a in p.actions)
        wall, peak = whole_command(plan)
        print(f"{plan}: {len(data.priorities())} priorities, {outcomes} outcomes")
        print(f"  check, whole command: {wall:.2f} s wall (best of {RUNS}), peak memory {peak:.0f} MB")
        measured = stages(plan)
        for name, (stage_wall, stage_cpu) in measured.items():
            print(f"  {name:<12} {stage_wall:6.2f} s wall  {stage_cpu:6.2f} s CPU")
        costs.append(measured["duplicates"][1])
    if len(costs) > 1:
        print(f"duplicates, largest plan / smallest: {costs[-1] / max(costs[0], 1e-9):.1f} times (CPU)")


if __name__ == "__main__":
    if len(sys.argv) > 1:
        main([Path(a) for a in sys.argv[1:]])
    else:
        with tempfile.TemporaryDirectory() as scratch:
            main(make_plans(Path(scratch)))
