"""How Golden Thread scales to a whole council: every stage at 100, 1,000 and 10,000 outcomes.

Run: .venv/bin/python benchmarks/bench_scale.py [--scales 1 10 100] [--repeat R] [--no-site]

For each scale N, ``goldenthread synth --scale N`` writes a synthetic plan (N times the bundled
plan: about 105 N outcomes, with problems planted at known rates; see model/synth). Then, each
in a fresh process so that its peak memory is its own:

* load + validate (``load_plan``), graph build, and each analysis of ``check`` by name
  (``model.analysis.run_all``: orphans, references, duplicates, quality); the peak memory of a
  stage is that of a process that ran it and the stages it needs (load, graph);
* ``check`` in total: ``goldenthread check --fail-on never``, wall time and peak memory, as a
  user runs it (interpreter start-up included);
* the site build in total: ``goldenthread build``, wall time and peak memory;
* the reference: the same generated pages (``goldenthread pages``) built by plain MkDocs
  Material, none of our code (``mkdocs build`` with theme material, the same nav and docs, the
  search plugin and the same standard Markdown extensions; no theme overrides, hooks, CSS,
  JavaScript or other plugins), and our build time as a ratio to it.

Each stage is timed in wall seconds and in processor seconds (user + system, of the process and
its children): on a shared, busy machine the processor time is the better guide to what a quiet
machine takes. With several scales it also prints how the duplicates analysis' processor time grows
from each scale to the next (sub-quadratic: from 1,000 to 10,000 outcomes it should cost less than 20 times more),
and the build's seconds per 1,000 outcomes (linear growth keeps it flat). Times are the best of
--repeat runs (default 1); peak memory the largest. Targets (docs/performance.md): ``check`` at
10,000 outcomes under 3 s and 500 MB; duplicates scale 100 / scale 10 under 20; the site build
at 10,000 outcomes within 1.5 times the plain MkDocs build of the same pages.
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent
#: Runs a command and prints its wall time and the peak memory of it and its children, as JSON.
WRAPPER = ("import json, resource, subprocess, sys, time\n"
           "t = time.perf_counter()\n"
           "rc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode\n"
           "usage = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
           "print(json.dumps({'seconds': time.perf_counter() - t, 'rc': rc, 'cpu': usage.ru_utime + usage.ru_stime,\n"
           "                  'peak_kb': usage.ru_maxrss}))\n")
ANALYSES = ("orphans", "references", "duplicates", "quality")
TARGETS = {"check_seconds": 3.0, "check_mb": 500, "duplicates_growth": 20.0, "build_ratio": 1.5}


# --- stages, run in a child process (``bench_scale.py --stage NAME PLAN_DIR``) ----------------------

def run_stage(name: str, plan_dir: str) -> dict:
    """Run stage *name* (``load``, ``graph`` or an analysis) and what it needs; its seconds and peak MB."""
    from goldenthread.model.graph import build_graph
    from goldenthread.model.loader import load_plan

    seconds: dict[str, float] = {}
    cpu: dict[str, float] = {}

    def timed(key: str, work):
        t, c = time.perf_counter(), time.process_time()
        result = work()
        seconds[key], cpu[key] = time.perf_counter() - t, time.process_time() - c
        return result

    data = timed("load", lambda: load_plan(plan_dir))
    findings = None
    if name != "load":
        g = timed("graph", lambda: build_graph(data))
    if name in ANALYSES:
        import importlib
        function = getattr(importlib.import_module(f"goldenthread.model.analysis.{name}"), name)
        findings = len(timed(name, lambda: list(function(g))))
    return {"seconds": seconds, "cpu": cpu, "findings": findings,
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def stage(name: str, plan_dir: Path) -> dict:
    out = subprocess.run([sys.executable, __file__, "--stage", name, str(plan_dir)], check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out)


def command(*args: str | Path) -> dict:
    """Run a command; its wall seconds and the peak MB of it and its children."""
    out = subprocess.run([sys.executable, "-c", WRAPPER, *map(str, args)], check=True,
                         capture_output=True, text=True).stdout
    result = json.loads(out)
    if result["rc"] not in (0, 1):
        raise SystemExit(f"{' '.join(map(str, args))} failed with exit status {result['rc']}")
    return {"seconds": result["seconds"], "cpu": result["cpu"], "peak_mb": result["peak_kb"] / 1024}


def plain_config(pages: Path, site: Path) -> Path:
    """A minimal mkdocs.yml for the generated *pages*: Material, the same nav and docs, search, nothing of ours."""
    ours = json.loads((pages / "mkdocs.yml").read_text(encoding="utf-8"))
    config = {"site_name": ours["site_name"], "use_directory_urls": ours.get("use_directory_urls", True),
              "theme": {"name": "material"}, "plugins": ["search"],
              "markdown_extensions": ours.get("markdown_extensions", []),
              "validation": ours.get("validation", {}),
              "docs_dir": str((pages / ours.get("docs_dir", "docs")).resolve()), "site_dir": str(site),
              "nav": ours["nav"]}
    path = pages.parent / "plain-mkdocs.yml"
    path.write_text(json.dumps(config, indent=1), encoding="utf-8")
    return path


# --- one scale --------------------------------------------------------------------------------------

def best(runs: list[dict]) -> dict:
    return {"seconds": min(r["seconds"] for r in runs), "cpu": min(r["cpu"] for r in runs),
            "peak_mb": max(r["peak_mb"] for r in runs)}


def measure(scale: int, repeat: int, site: bool, work: Path) -> dict:
    """Every stage at *scale*; each row is printed as soon as it is measured."""
    from goldenthread.model.synth.folder import write_synthetic

    plan_dir = work / f"plan-{scale}"
    t, cpu = time.perf_counter(), time.process_time()
    manifest = write_synthetic(plan_dir, scale, seed=0)
    c = manifest["counts"]
    print(f"scale {scale}: {c['priorities']:,} priorities, {c['actions']:,} actions, {c['indicators']:,} "
          f"indicators, {c['outcomes']:,} outcomes, {c['operational_plans']:,} operational plans, "
          f"{c['leads']:,} leads\n  {'stage':<38}{'seconds':>9}{'cpu s':>9}{'peak MB':>9}", flush=True)
    rows: dict[str, dict] = {}

    def row(label: str, value: dict) -> None:
        rows[label] = value
        mb = f"{value['peak_mb']:9.0f}" if value["peak_mb"] is not None else f"{'':>9}"
        extra = f"   {value['findings']:,} findings" if value.get("findings") is not None else ""
        print(f"  {label:<38}{value['seconds']:9.2f}{value['cpu']:9.2f}{mb}{extra}", flush=True)

    row("synth (write the plan)", {"seconds": time.perf_counter() - t, "cpu": time.process_time() - cpu,
                                   "peak_mb": None})
    for name, label, key in (("load", "load + validate", "load"), ("graph", "graph build", "graph"),
                             *((a, f"analysis: {a}", a) for a in ANALYSES)):
        runs = [stage(name, plan_dir) for _ in range(repeat)]
        row(label, {"seconds": min(r["seconds"][key] for r in runs), "cpu": min(r["cpu"][key] for r in runs),
                    "peak_mb": max(r["peak_mb"] for r in runs), "findings": runs[0]["findings"]})
    gt = BIN / "goldenthread"
    row("check (CLI, total)", best([command(gt, "check", plan_dir, "--fail-on", "never", "--format", "json")
                                    for _ in range(repeat)]))
    if site:
        row("site build (CLI, total)", best([command(gt, "build", plan_dir, "--out", work / f"site-{scale}")
                                             for _ in range(repeat)]))
        pages = work / f"pages-{scale}"
        row("  pages only (goldenthread pages)", best([command(gt, "pages", plan_dir, "--out", pages)
                                                       for _ in range(repeat)]))
        config = plain_config(pages, work / f"plain-site-{scale}")
        row("  plain MkDocs Material, same pages", best([command(BIN / "mkdocs", "build", "-q", "-f", config)
                                                         for _ in range(repeat)]))
    return {"scale": scale, "counts": c, "rows": rows}


def summary(result: dict) -> str:
    """The ratios and targets of one scale, after its rows."""
    c, rows = result["counts"], result["rows"]
    lines = []
    if "site build (CLI, total)" in rows:
        ratio = rows["site build (CLI, total)"]["seconds"] / rows["  plain MkDocs Material, same pages"]["seconds"]
        per = rows["site build (CLI, total)"]["seconds"] / c["outcomes"] * 1000
        lines.append(f"  {'build / plain MkDocs':<38}{ratio:8.2f}x   (target at 10,000 outcomes: "
                     f"<= {TARGETS['build_ratio']}x)")
        lines.append(f"  {'build seconds per 1,000 outcomes':<38}{per:9.2f}")
    check = rows["check (CLI, total)"]
    lines.append(f"  check: {check['seconds']:.2f} s ({check['cpu']:.2f} s of processor time), {check['peak_mb']:.0f} MB "
                 f"(target at 10,000 outcomes: "
                 f"< {TARGETS['check_seconds']:g} s, < {TARGETS['check_mb']} MB)")
    return "\n".join(lines)


def growth(results: list[dict]) -> list[str]:
    lines = []
    for a, b in zip(results, results[1:]):
        da, db = a["rows"]["analysis: duplicates"]["cpu"], b["rows"]["analysis: duplicates"]["cpu"]
        size = b["counts"]["outcomes"] / a["counts"]["outcomes"]
        lines.append(f"duplicates: scale {b['scale']} / scale {a['scale']} = {db / da:.1f}x the processor time for "
                     f"{size:.1f}x the outcomes (quadratic would be {size * size:.0f}x; target from scale 10 "
                     f"to 100: < {TARGETS['duplicates_growth']:g}x)")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10, 100])
    parser.add_argument("--repeat", type=int, default=1, help="runs per stage; the best time is kept")
    parser.add_argument("--no-site", dest="site", action="store_false", help="skip the site builds")
    args = parser.parse_args()
    print(f"Python {sys.version.split()[0]}; seconds are wall time and cpu s processor time (user + system; "
          f"on a busy machine closer to what a quiet one takes), best of {args.repeat}; peak MB is the "
          "maximum resident set size.\n", flush=True)
    results = []
    with tempfile.TemporaryDirectory(prefix="goldenthread-bench-scale-") as tmp:
        for scale in args.scales:
            results.append(measure(scale, args.repeat, args.site, Path(tmp)))
            print(summary(results[-1]) + "\n", flush=True)
    for line in growth(results):
        print(line)


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--stage":
        print(json.dumps(run_stage(sys.argv[2], sys.argv[3])))
    else:
        main()
