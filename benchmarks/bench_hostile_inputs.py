"""How long the loader takes to refuse hostile plan files: each must be refused in about a second.

Run: .venv/bin/python benchmarks/bench_hostile_inputs.py
Prints, for each hostile input put in a copy of the mini plan, the seconds
``load_plan`` takes to refuse it (best of three, unless said) and the first line of the error:

* an alias bomb ("billion laughs": 9 levels of 9 aliases, 387 million values
  if expanded; refused at its first anchor);
* lists nested 5,000 deep (refused past 40 levels, before a parser runs out of stack);
* a 50 GB file (sparse: refused on its size, never read);
* a file just under the 5 MB limit with a mistake in its last line (read
  whole, then read again carefully to locate the mistake: the slowest case,
  timed once);
* a text of 60,000 characters (over the 50,000 limit).

Target: each refusal well under the time a person waits for `goldenthread validate`; the bomb and
the deep nesting in a fraction of a second.
"""
from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

from bench_support import BUNDLED_PLAN

from goldenthread.model.errors import PlanLoadError
from goldenthread.model.limits import MAX_YAML_BYTES
from goldenthread.model.loader import load_plan

OPS = "operational_plans.yaml"


def bomb(path: Path) -> None:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in "bcdefghi":
        previous = chr(ord(level) - 1)
        lines.append(f"{level}: &{level} [{', '.join(['*' + previous] * 9)}]")
    path.write_text("\n".join(lines) + "\nplans: *i\n", encoding="utf-8")


def deep(path: Path) -> None:
    path.write_text("plans: " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")


def sparse(path: Path) -> None:
    with open(path, "r+b") as handle:
        handle.truncate(50_000_000_000)


def just_under_the_limit(path: Path) -> None:
    plan = "  - id: plan-{n}\n    name: Plan {n}\n    connected: Leadership Priority 2\n"
    text, n = ["plans:\n"], 0
    size = len(text[0])
    while size < MAX_YAML_BYTES - 1000:
        entry = plan.format(n=n)
        text.append(entry)
        size += len(entry.encode())
        n += 1
    text.append("  - id: last\n    nmae: The last plan\n")  # a misspelt field: the careful reread locates it
    path.write_text("".join(text), encoding="utf-8")


def long_text(path: Path) -> None:
    path.write_text("heading: " + "word " * 12_000 + "\nplans: []\n", encoding="utf-8")


def refusal(make, runs: int = 3) -> tuple[float, str]:
    """Best of *runs*: seconds for load_plan to refuse the plan *make* breaks, and the error's first line."""
    best, first_line = float("inf"), ""
    with tempfile.TemporaryDirectory() as tmp:
        plan = Path(tmp) / "plan"
        shutil.copytree(BUNDLED_PLAN, plan)
        make(plan / OPS)
        for _ in range(runs):
            start = time.perf_counter()
            try:
                load_plan(plan)
                first_line = "(loaded!)"
            except PlanLoadError as error:
                first_line = error.format().splitlines()[0]
            best = min(best, time.perf_counter() - start)
    return best, first_line.replace(str(plan), "plan")


if __name__ == "__main__":
    for name, make, runs in [("alias bomb", bomb, 3), ("nested 5,000 deep", deep, 3), ("50 GB sparse file", sparse, 3),
                             ("60,000-character text", long_text, 3),
                             ("5 MB file, mistake at the end (once)", just_under_the_limit, 1)]:
        seconds, first_line = refusal(make, runs)
        print(f"{name:32} {seconds:7.2f}s  {first_line[:110]}")
