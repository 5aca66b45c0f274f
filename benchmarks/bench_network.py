"""How long the network views take to write, how big they are, and how long a browser takes to settle them.

Run: .venv/bin/python benchmarks/bench_network.py
Prints one line per plan: nodes in the whole-plan view, seconds to write it and every priority's view,
its size, and (where /usr/bin/chromium exists) seconds from opening the whole-plan view in headless
Chromium until its layout has settled and stopped (network.js sets <html data-gt-network="ready">).
Targets: writing every view of a plan of ~1,000 items takes well under a second per view; a browser
settles the whole-plan view of the bundled plan in a few seconds. Bigger plans are shown to see
where the whole-plan view stops being useful.
"""
from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "tests" / "e2e")]

from e2e_support import CHROMIUM, CHROMIUM_ARGS, serve_directory  # noqa: E402
from shaped_export import shaped_document  # noqa: E402

from model.graph import PRIORITY, build_graph, nodes_of_kind  # noqa: E402
from model.importer import run_import  # noqa: E402
from model.loader import load_plan  # noqa: E402
from site_builder.network import (copy_network_assets, priority_neighbourhood, whole_plan_nodes,  # noqa: E402
                                  write_network_view)


def write_views(g, out: Path) -> tuple[float, float, int]:
    """Write the whole-plan view and every priority's; seconds for each part and the whole view's bytes."""
    copy_network_assets(out / "assets")
    t0 = time.perf_counter()
    whole = write_network_view(g, whole_plan_nodes(g), out / "network" / "plan.html", title="plan",
                               href_for=lambda n: f"../items/{n}.html", assets_dir=out / "assets")
    t1 = time.perf_counter()
    for p in nodes_of_kind(g, PRIORITY):
        write_network_view(g, priority_neighbourhood(g, p), out / "network" / f"{p}.html", title=p,
                           href_for=lambda n: f"../items/{n}.html", assets_dir=out / "assets")
    t2 = time.perf_counter()
    return t1 - t0, t2 - t1, whole.path.stat().st_size


def settle_seconds(browser, out: Path) -> float:
    """Seconds from opening the whole-plan view until its layout has settled."""
    with serve_directory(out) as url:
        page = browser.new_page(viewport={"width": 1100, "height": 700})
        t0 = time.perf_counter()
        page.goto(url + "network/plan.html")
        page.wait_for_selector("html[data-gt-network=ready]", state="attached", timeout=600_000)
        seconds = time.perf_counter() - t0
        page.close()
    return seconds


def measure(name: str, g, browser) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        whole_s, priorities_s, size = write_views(g, Path(tmp))
        settle = f"settle {settle_seconds(browser, Path(tmp)):6.2f}s" if browser else "settle (no browser)"
        print(f"{name:<24} {len(whole_plan_nodes(g)):>6} nodes  whole view {whole_s:6.3f}s {size / 1024:8.0f} KiB  "
              f"{len(nodes_of_kind(g, PRIORITY)):>3} priority views {priorities_s:6.3f}s  {settle}")


def shaped_graph(leadership: int, departmental: int, rows: int, plans: int):
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "export.txt"
        source.write_text(shaped_document(leadership, departmental, rows, plans), encoding="utf-8")
        run_import(source, Path(tmp) / "plan")
        return build_graph(load_plan(Path(tmp) / "plan"))


def main() -> None:
    playwright = browser = None
    if CHROMIUM.exists():
        from playwright.sync_api import sync_playwright
        playwright = sync_playwright().start()
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    try:
        measure("bundled plan", build_graph(load_plan(ROOT / "plan_data")), browser)
        for shape in ((7, 7, 10, 10), (10, 10, 25, 30), (20, 20, 50, 60)):
            measure("shaped %dx%d rows %d" % shape[:3], shaped_graph(*shape), browser)
    finally:
        if browser:
            browser.close()
            playwright.stop()


if __name__ == "__main__":
    main()
