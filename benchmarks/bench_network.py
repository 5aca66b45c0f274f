"""How many items each network view draws, how big it is, and how long a browser takes to settle it.

Run: .venv/bin/python benchmarks/bench_network.py [SCALE | PLAN_DIR ...]   (default: 1 10 100)
A PLAN_DIR (e.g. one written by ``goldenthread synth --scale 100 --out DIR``) is measured as it is.

For the bundled plan and for council plans SCALE times its size (``model/synth/shapes.py``; scale 100
is about 10,000 outcomes and 1,400 priorities) in each shape (many groups, two huge groups, a few
huge priorities), it plans and writes every view as a site build does, then prints the seconds to
write them all and, for the overview, the biggest group view and the biggest priority view: nodes,
edges, file size, and (where /usr/bin/chromium exists) seconds from opening the view in headless
Chromium until its layout has settled and stopped (network.js sets <html data-gt-network="ready">),
best of 3. Targets: no view draws more than MAX_NODES (200) items; each settles in under 3 s.
"""
from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "tests" / "e2e")]

from goldenthread.model.synth.shapes import shaped_plan  # noqa: E402
from e2e_support import CHROMIUM, CHROMIUM_ARGS, serve_directory  # noqa: E402

from goldenthread.model.graph import build_graph  # noqa: E402
from goldenthread.model.loader import load_plan  # noqa: E402
from goldenthread.site_builder.network.render import copy_network_assets, write_view_plan  # noqa: E402
from goldenthread.site_builder.network.planner import MAX_NODES, OVERVIEW, ViewPlanner  # noqa: E402

RUNS = 3


def href_for_link(link):
    kind, target = link
    return {"item": f"../items/{target}.html", "view": f"{target}.html", "list": "../list.html"}[kind]


def settle_seconds(browser, url: str) -> float:
    """Seconds from opening *url* until its layout has settled (best of RUNS)."""
    best = float("inf")
    for _ in range(RUNS):
        page = browser.new_page(viewport={"width": 1100, "height": 700})
        t0 = time.perf_counter()
        page.goto(url, timeout=600_000)
        page.wait_for_selector("html[data-gt-network=ready]", state="attached", timeout=600_000)
        best = min(best, time.perf_counter() - t0)
        page.close()
    return best


def measure(name: str, g, browser) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        copy_network_assets(out / "assets")
        t0 = time.perf_counter()
        plans = ViewPlanner(g).all_views()
        written = {p.name: write_view_plan(p, out / "network" / f"{p.name}.html", href_for_link=href_for_link,
                                           assets_dir=out / "assets") for p in plans}
        seconds = time.perf_counter() - t0
        biggest = max(len(v.nodes) for v in written.values())
        print(f"{name}: {len(written)} views written in {seconds:.1f}s, biggest {biggest} nodes "
              f"({'within' if biggest <= MAX_NODES else 'OVER'} the cap of {MAX_NODES})")
        groups = [n for n in written if n.startswith("groups/")]
        others = [n for n in written if n != OVERVIEW and n not in groups]
        picks = [("overview", OVERVIEW)]
        if groups:
            picks.append(("biggest group view", max(groups, key=lambda n: (len(written[n].nodes), n))))
        if others:
            picks.append(("biggest priority view", max(others, key=lambda n: (len(written[n].nodes), n))))
        with serve_directory(out) as url:
            for label, view_name in picks:
                view = written[view_name]
                settle = (f"settle {settle_seconds(browser, url + f'network/{view_name}.html'):5.2f}s"
                          if browser else "settle (no browser)")
                print(f"  {label:<22} {view_name:<14} {len(view.nodes):>4} nodes {len(view.rows):>4} edges "
                      f"{view.path.stat().st_size / 1024:6.0f} KiB  {settle}", flush=True)


def main(args: list[str]) -> None:
    playwright = browser = None
    if CHROMIUM.exists():
        from playwright.sync_api import sync_playwright
        playwright = sync_playwright().start()
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    try:
        measure("bundled plan", build_graph(load_plan(ROOT / "plan_data")), browser)
        for arg in args:
            if not arg.isdigit():
                measure(f"plan folder {arg}", build_graph(load_plan(Path(arg))), browser)
                continue
            scale = int(arg)
            for shape in ("directorates", "two-groups", "few-priorities"):
                if scale == 1 and shape != "directorates":
                    continue  # at scale 1 the shapes are the same plan
                measure(f"scale {scale} ({shape})", build_graph(shaped_plan(scale, shape)), browser)
    finally:
        if browser:
            browser.close()
            playwright.stop()


if __name__ == "__main__":
    main(sys.argv[1:] or ["1", "10", "100"])
