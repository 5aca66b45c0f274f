"""How long a site build takes, stage by stage, and how big the site is.

Run: .venv/bin/python benchmarks/bench_build.py [OUTCOMES...]   (default: 500 2000)

First the bundled plan, then synthetic plans with about that many outcomes (14 priorities, five
outcomes and two indicators per action, an operational plan for every two priorities), written
as a plan folder so that the whole pipeline runs: load, graph and analyses, page generation
(views, templates, network views, downloads), then the engine, MkDocs with Material and then
Zensical. For each it prints seconds per stage, the pages and files made, the site's size and
the process's peak memory. Target: the bundled plan builds in seconds; a council plan of a few
thousand items in well under a few minutes, with memory in the low hundreds of MB.
"""
from __future__ import annotations

import random
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ruamel.yaml import YAML  # noqa: E402

from model.loader import load_plan  # noqa: E402
from site_builder.engine import REPO_CONFIG, run_engine, write_project_config  # noqa: E402
from site_builder.generate import generate_docs, site_context  # noqa: E402

WORDS = ("children families support plan review practice care quality assurance workforce partners "
         "outcomes early help safeguarding placement stability education health wellbeing audit "
         "board report monthly improve develop deliver strengthen reduce increase").split()
RAGS = ("GREEN", "AMBER", "RED", "AMBER/GREEN", None)
MONTHS = ("April 2020", "June 2020", "September 2020", "December 2020", "March 2021", "Monthly", "Termly")


def _text(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize()


def synthetic_plan(folder: Path, outcomes: int, seed: int = 7) -> Path:
    """Write a plan folder with about *outcomes* outcomes; return it."""
    rng = random.Random(seed)
    per_action = 5
    actions = max(1, outcomes // per_action)
    yaml = YAML()
    (folder / "groups").mkdir(parents=True)
    yaml.dump({"title": f"Synthetic plan of {outcomes} outcomes", "organisation": "Benchmark Council",
               "period": {"label": "2020/2021", "start": "2020-04-01", "end": "2021-03-31"},
               "last_updated": "2021-01-22", "vision": {"id": "vision", "heading": "Vision", "text": _text(rng, 30)},
               "groups": ["leadership", "departmental"]}, folder / "plan.yaml")
    priorities = {"leadership": [], "departmental": []}
    for a in range(actions):
        key = "leadership" if a % 2 == 0 else "departmental"
        number = (a // 2) % 7 + 1
        pid = f"{key[0].upper()}P{number}"
        group = priorities[key]
        priority = next((p for p in group if p["id"] == pid), None)
        if priority is None:
            priority = {"id": pid, "number": number, "title": _text(rng, 8), "actions": []}
            group.append(priority)
        aid = f"{pid}.a{len(priority['actions']) + 1}"
        priority["actions"].append({
            "id": aid, "label": str(len(priority["actions"]) + 1), "title": _text(rng, 12),
            "steps": [_text(rng, 10) for _ in range(3)],
            "indicators": [{"id": f"{aid}.i{i}", "text": _text(rng, 14)} for i in range(2)],
            "outcomes": [{"id": f"{aid}.o{i}", "text": _text(rng, 18), "timescale": rng.choice(MONTHS),
                          **({"rag": rag} if (rag := rng.choice(RAGS)) else {})} for i in range(per_action)]})
    for key, group in priorities.items():
        group.sort(key=lambda p: p["number"])
        yaml.dump({"key": key, "name": f"Strategic {key.title()} Priorities", "priorities": group},
                  folder / "groups" / f"{key}.yaml")
    ids = [p["id"] for group in priorities.values() for p in group]
    leads = [{"id": f"lead-{i}", "name": f"Lead {i}", "role": "Head of Service"} for i in range(len(ids) // 2 + 1)]
    plans = [{"id": f"plan-{i}", "name": f"Operational plan {i}", "priorities": ids[i:i + 2],
              "lead": leads[i // 2]["id"], "document": f"plan-{i}.pdf"} for i in range(0, len(ids), 2)]
    yaml.dump({"plans": plans, "leads": leads}, folder / "operational_plans.yaml")
    return folder


def _mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6


def measure(label: str, plan_dir: Path) -> None:
    """Build *plan_dir* with both engines and print the figures."""
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        t0 = time.perf_counter()
        data = load_plan(plan_dir)
        t1 = time.perf_counter()
        site_context(data)
        t2 = time.perf_counter()
        docs = generate_docs(data, work / "docs")  # runs the analyses again, as a build does
        t3 = time.perf_counter()
        write_project_config(REPO_CONFIG, work, site_name=docs.site_name, nav=docs.nav, not_in_nav=docs.not_in_nav)
        engines = {}
        for engine in ("mkdocs", "zensical"):
            shutil.rmtree(work / "site", ignore_errors=True)
            start = time.perf_counter()
            run_engine(engine, work / "mkdocs.yml", docs.build_date)
            engines[engine] = (time.perf_counter() - start, sum(1 for p in (work / "site").rglob("*") if p.is_file()),
                               _mb(work / "site"))
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{label}: {len(docs.pages)} pages, docs {_mb(work / 'docs'):.1f} MB")
        print(f"  load {t1 - t0:.2f}s, graph+analyses {t2 - t1:.2f}s, pages (incl. analyses) {t3 - t2:.2f}s")
        for engine, (seconds, files, size) in engines.items():
            print(f"  {engine:9} {seconds:6.2f}s  {files} files, {size:.1f} MB")
        print(f"  peak memory of this process so far: {peak:.0f} MB")


def main(sizes: list[int]) -> None:
    measure("bundled plan (plan_data)", ROOT / "plan_data")
    for size in sizes:
        with tempfile.TemporaryDirectory() as scratch:
            measure(f"synthetic plan, {size} outcomes", synthetic_plan(Path(scratch) / "plan", size))


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [500, 2000])
