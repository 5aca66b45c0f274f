"""Hostile plans of the shape of ``tests/fixtures/mini_plan``, as issue 12 reproduced them.

Shared by the tests and ``benchmarks/bench_bounded_work.py``:

* :func:`many_outcomes` puts *count* outcomes into the mini plan's one
  departmental action, each saying ``text.format(i=i)``: near-identical with
  ``"Improve the outcomes for children in care number {i}"``, identical with a
  text without ``{i}``.
"""
from __future__ import annotations

import shutil
from pathlib import Path

MINI_PLAN = Path(__file__).resolve().parent / "fixtures" / "mini_plan"
NEAR_IDENTICAL = "Improve the outcomes for children in care number {i}"
IDENTICAL = "Improve the outcomes for children in care across the borough"


def copy_mini_plan(dest: Path) -> Path:
    """A copy of the mini plan at *dest*."""
    shutil.copytree(MINI_PLAN, dest)
    return dest


def many_outcomes(dest: Path, count: int, text: str = NEAR_IDENTICAL) -> Path:
    """The mini plan at *dest* with *count* more outcomes in DP1's action, each ``text.format(i=i)``."""
    copy_mini_plan(dest)
    group = dest / "groups" / "departmental.yaml"
    lines = group.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(n for n, line in enumerate(lines) if line.strip() == "outcomes:") + 1
    added = "".join(f"          - id: DP1.corporate-parenting.o-hostile-{i}\n"
                    f"            text: {text.format(i=i)}\n"
                    f"            timescale: March 2022\n"
                    f"            rag: AMBER\n" for i in range(count))
    group.write_text("".join(lines[:at]) + added + "".join(lines[at:]), encoding="utf-8")
    return dest
