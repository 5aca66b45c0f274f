"""Issue 12: work bounded by the plan, whatever it says. Prints every figure and ratio in one run.

Run: .venv/bin/python benchmarks/bench_bounded_work.py [--no-build]

The hostile plans are the ones the issue reported (``bench_support.many_outcomes``: the bundled plan with
N more outcomes in one action):

* ``check`` on 2,000 and on 20,000 near-identical outcomes ("Improve the outcomes for children in
  care number {i}") and on 2,000 identical ones: wall seconds of ``check --format json`` and of
  ``validate`` on the same plan, each in a fresh process (best of 2), their ratio; peak memory
  (the largest resident set of the command or of the child it forks); the size of the JSON.
  Targets: ratio under 10, memory under 1 GB, JSON under 5 MB.
* ``build`` on 300 and 1,000 near-identical outcomes: seconds, the site's size, ``findings.html``'s
  size, and the site's size per outcome (which must not grow with the plan: bounded output).
* ``build`` of 50 outcomes citing one 2 MB source line: the site's size (the line is quoted cut).

Before (issue 12, as reported): 1,000 near-identical outcomes gave 499,500 findings, 324 MB of JSON,
35 s and 2.6 GB; 2,000 ended in a MemoryError past 6 GB; 20,000 were killed at 20.5 GB; 2,000
identical took 2.9 GB and 35 s; ``build`` of 300 near-identical wrote 321 MB with a 66 MB
findings.html; 50 outcomes citing a 2 MB line made a 293 MB site.
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_support import IDENTICAL, NEAR_IDENTICAL, add_outcomes, copy_plan, first_action, many_outcomes

COMMAND = [sys.executable, "-m", "goldenthread"]
ENV = dict(os.environ)


def run(args: list[str], out: Path | None = None) -> tuple[float, int]:
    """Wall seconds and peak memory (bytes: the command's, or its forked child's) of one fresh run."""
    with open(out or os.devnull, "wb") as sink:
        start = time.perf_counter()
        process = subprocess.Popen([*COMMAND, *args], stdout=sink, stderr=subprocess.DEVNULL, env=ENV)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(args)} failed with status {process.returncode}")
    return seconds, usage.ru_maxrss * 1024


def best(args: list[str], out: Path | None = None, runs: int = 2) -> tuple[float, int]:
    results = [run(args, out) for _ in range(runs)]
    return min(r[0] for r in results), max(r[1] for r in results)


def size_of(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def mb(size: int) -> str:
    return f"{size / 1e6:.2f} MB"


def check_cases(tmp: Path) -> bool:
    ok = True
    print("check (best of 2, fresh processes)")
    print(f"  {'plan':<34} {'check s':>8} {'validate s':>10} {'ratio':>6} {'memory':>10} {'JSON':>10}")
    for label, count, text in [("2,000 near-identical outcomes", 2000, NEAR_IDENTICAL),
                               ("20,000 near-identical outcomes", 20000, NEAR_IDENTICAL),
                               ("2,000 identical outcomes", 2000, IDENTICAL)]:
        plan = many_outcomes(tmp / f"check-{count}-{len(text)}", count, text)
        report = tmp / f"check-{count}-{len(text)}.json"
        check_s, memory = best(["check", str(plan), "--format", "json"], report)
        validate_s, _ = best(["validate", str(plan)])
        ratio, json_size = check_s / validate_s, report.stat().st_size
        ok &= ratio < 10 and memory < 1e9 and json_size < 5e6
        print(f"  {label:<34} {check_s:>8.2f} {validate_s:>10.2f} {ratio:>6.2f} {mb(memory):>10} {mb(json_size):>10}")
    print("  targets: ratio < 10, memory < 1 GB, JSON < 5 MB")
    return ok


def build_cases(tmp: Path) -> bool:
    print("build (one run each)")
    print(f"  {'plan':<34} {'seconds':>8} {'site':>10} {'findings.html':>14} {'site/outcome':>13}")
    per_outcome = {}
    for count in (300, 1000):
        plan = many_outcomes(tmp / f"build-{count}", count, NEAR_IDENTICAL)
        site = tmp / f"site-{count}"
        seconds, _ = run(["build", str(plan), "--out", str(site)])
        total, findings = size_of(site), (site / "findings.html").stat().st_size
        per_outcome[count] = total / count
        print(f"  {f'{count:,} near-identical outcomes':<34} {seconds:>8.1f} {mb(total):>10} {mb(findings):>14} "
              f"{per_outcome[count] / 1e3:>10.1f} kB")
    plan = copy_plan(tmp / "long-line")
    source = next((plan / "source").glob("*.txt"))
    lines = source.read_text(encoding="utf-8").splitlines()
    lines[5] = "row " + "x" * 2_000_000
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    action = first_action(plan, "leadership")
    add_outcomes(plan, "leadership", [f"          - id: {action}.o-cites-{i}\n"
                                      f"            text: Outcome {i} citing the long line\n"
                                      f"            lines: [6, 6]\n" for i in range(50)])
    site = tmp / "site-long-line"
    seconds, _ = run(["build", str(plan), "--out", str(site)])
    print(f"  {'50 outcomes citing a 2 MB line':<34} {seconds:>8.1f} {mb(size_of(site)):>10}"
          f"   (the source download alone: {mb(sum(f.stat().st_size for f in (site / 'downloads' / 'source').iterdir()))})")
    growth = per_outcome[1000] / per_outcome[300]
    print(f"  site size per outcome, 1,000 over 300: {growth:.2f} (bounded: about 1 or less)")
    return growth < 1.5


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="bench-bounded-") as scratch:
        ok = check_cases(Path(scratch))
        if "--no-build" not in sys.argv:
            ok &= build_cases(Path(scratch))
    print("all within the targets" if ok else "SOME FIGURES ARE OUTSIDE THE TARGETS")


if __name__ == "__main__":
    main()
