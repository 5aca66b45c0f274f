"""Issue 12, bounded work: a plan of many similar or identical statements costs work and output in
proportion to the plan, not to pairs of statements.

Each test runs the attack as it was reported (near-identical or identical outcome texts) at a size a
test can afford, and asserts the outcome: one cluster finding naming at most 5 items inline with all
of them in ``nodes``; output that grows linearly. The sizes of the report (2,000 and 20,000
outcomes, time against ``validate``, memory) are measured by ``benchmarks/bench_bounded_work.py``.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from goldenthread.model.analysis import run_all
from goldenthread.model.analysis.duplicates import INLINE, duplicates
from goldenthread.model.graph import build_graph
from goldenthread.model.loader import load_plan
from goldenthread.model.reports import check_report
from goldenthread.site_builder.generate import site_context
from goldenthread.site_builder.views.findings import compared_items
from goldenthread.site_builder.views.items import MAX_QUOTED_CHARS, SHOWN_ITEMS, SourceLine, finding_rows
from hostile_plans import IDENTICAL, NEAR_IDENTICAL, many_outcomes

ROOT = Path(__file__).resolve().parents[1]


def _duplicate_findings(plan: Path):
    g = build_graph(load_plan(plan))
    return g, [f for f in duplicates(g) if f.code in ("duplicate", "near-duplicate")]


def test_near_identical_outcomes_make_one_cluster_not_a_finding_per_pair(tmp_path):
    # reported: 1,000 such outcomes gave 499,500 near-duplicate findings (324 MB of JSON)
    g, found = _duplicate_findings(many_outcomes(tmp_path / "plan", 1000, NEAR_IDENTICAL))
    clusters = [f for f in found if any("o-hostile" in n for n in f.nodes)]
    assert len(clusters) == 1
    cluster = clusters[0]
    assert cluster.code == "near-duplicate"
    assert len(cluster.nodes) == 1000 and len(set(cluster.nodes)) == 1000
    assert cluster.message.count("o-hostile-") == INLINE
    assert f"and {1000 - INLINE} more" in cluster.message


def test_identical_outcomes_make_one_duplicate_finding(tmp_path):
    # reported: 2,000 identical texts took 2.9 GB and 35 s for one `duplicate` finding
    g, found = _duplicate_findings(many_outcomes(tmp_path / "plan", 2000, IDENTICAL))
    clusters = [f for f in found if any("o-hostile" in n for n in f.nodes)]
    assert [(f.code, len(f.nodes)) for f in clusters] == [("duplicate", 2000)]
    assert len(clusters[0].message) < 600


def test_the_report_grows_linearly_with_the_plan(tmp_path):
    sizes = {}
    for count in (250, 1000):
        g = build_graph(load_plan(many_outcomes(tmp_path / f"plan{count}", count, NEAR_IDENTICAL)))
        findings = run_all(g)
        sizes[count] = len(json.dumps(check_report(findings, as_of=None, fail_on="never")))
    # four times the outcomes: about four times the report (the plan's own findings are a constant)
    assert sizes[1000] < 4.5 * sizes[250]


def test_a_page_lists_the_first_items_of_a_cluster_and_counts_the_rest(tmp_path):
    ctx = site_context(load_plan(many_outcomes(tmp_path / "plan", 300, NEAR_IDENTICAL)))
    cluster = next(f for f in ctx.findings if f.code == "near-duplicate" and len(f.nodes) == 300)
    rows = finding_rows(ctx, "findings.md", [cluster])
    assert len(rows[0].items) == SHOWN_ITEMS
    assert rows[0].more == 300 - SHOWN_ITEMS
    assert len(compared_items(ctx, "findings.md", cluster)) == SHOWN_ITEMS


def test_a_quoted_source_line_is_cut_and_the_cut_marked():
    # reported: 50 outcomes citing one 2 MB line made a 293 MB site
    line = SourceLine.quoted(12, "x" * 2_000_000)
    assert (len(line.text), line.cut) == (MAX_QUOTED_CHARS, True)
    assert SourceLine.quoted(12, "short line") == SourceLine(12, "short line", cut=False)


CHILD_SCRIPT = textwrap.dedent("""
    import os, sys, time
    from goldenthread.model import forked
    {patch}
    pid_file = sys.argv[1]
    def work():
        with open(pid_file, "w") as f:
            f.write(str(os.getpid()))
        time.sleep(120)
        return 1
    forked.threading.active_count = lambda: 1
    result = forked.run_forked(work)
    print("forked", flush=True)
    time.sleep(120)
""")


def _gone(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split(") ")[1][0] == "Z"      # a zombie is dead, waiting to be reaped
    except FileNotFoundError:
        return True


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("mode", ["prctl", "ppid-watch"])
def test_the_forked_helper_dies_with_its_parent(tmp_path, mode):
    # reported: at 20,000 outcomes the kernel killed check, and the forked helper ran on, orphaned, at 4 GB
    cpus = len(os.sched_getaffinity(0))
    if cpus < 2:
        pytest.skip("a single processor: nothing is forked")
    patch = "" if mode == "prctl" else "forked.request_death_signal = lambda signum: False"
    script = tmp_path / "parent.py"
    script.write_text(CHILD_SCRIPT.format(patch=patch), encoding="utf-8")
    pid_file = tmp_path / "child.pid"
    parent = subprocess.Popen([sys.executable, str(script), str(pid_file)], stdout=subprocess.PIPE, cwd=ROOT)
    try:
        assert parent.stdout.readline().strip() == b"forked"
        deadline = time.monotonic() + 30
        while not (pid_file.exists() and pid_file.read_text()):
            assert time.monotonic() < deadline
            time.sleep(0.05)
        child = int(pid_file.read_text())
        assert not _gone(child)
    finally:
        parent.send_signal(signal.SIGKILL)
        parent.wait()
    deadline = time.monotonic() + 10
    while not _gone(child):
        assert time.monotonic() < deadline, f"the forked helper {child} outlived its parent"
        time.sleep(0.1)
