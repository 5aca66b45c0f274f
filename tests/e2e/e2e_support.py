"""Helpers for the end-to-end tests: serving a folder, watching a page, finding a node on a network view.

Imported by ``conftest.py`` (fixtures) and by the test modules (plain functions).
"""
from __future__ import annotations

import contextlib
import functools
import http.server
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
BUNDLED_PLAN = ROOT / "plan_data"
MINI_PLAN = ROOT / "tests" / "fixtures" / "mini_plan"
LOCAL_HOST = "127.0.0.1"


#: Three capitalised words in a row: the name of a strategy, a board or a service ("Leaving Care Strategy").
CAPITALISED_RUN = re.compile(r"\b([A-Z][a-z]+ [A-Z][a-z]+ [A-Z][a-z]+)\b")


def plan_dir() -> Path:
    """The plan the site tests build: the bundled one, or the mini plan until it exists."""
    return BUNDLED_PLAN if (BUNDLED_PLAN / "plan.yaml").exists() else MINI_PLAN


def indicator_words(graph, indicator: str) -> str:
    """Three capitalised words in a row of the indicator ("Leaving Care Strategy"), else its first three words."""
    text = graph.nodes[indicator].get("text") or ""
    run = CAPITALISED_RUN.search(text)
    return run.group(1) if run else " ".join(re.findall(r"[A-Za-z]{3,}", text)[:3])


def leads_of_priority(g, priority: str) -> list[str]:
    """The leads of the operational plans that serve *priority*."""
    from goldenthread.model.graph import LED_BY, SERVES
    plans = [s for s, _, k in g.in_edges(priority, keys=True) if k == SERVES]
    return list(dict.fromkeys(t for op in plans for _, t, k in g.out_edges(op, keys=True) if k == LED_BY))


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the stdlib's name
        pass


@contextlib.contextmanager
def serve_directory(directory: Path):
    """Serve *directory* on a free loopback port in a background thread; yield its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer((LOCAL_HOST, 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{LOCAL_HOST}:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@dataclass
class Watched:
    """A browser page plus what it tried to do that it should not have."""

    page: object
    outside_requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def clear(self) -> None:
        self.outside_requests.clear()
        self.console_errors.clear()


def watched_page(browser, viewport=None, color_scheme: str = "light") -> Watched:
    """A new page in its own context: outside requests recorded and aborted, console errors recorded.

    *color_scheme* is the system setting the page sees (``"dark"`` opens the site in its dark scheme)."""
    context = browser.new_context(viewport=viewport or {"width": 1280, "height": 900}, service_workers="block",
                                  color_scheme=color_scheme)
    watched = Watched(page=context.new_page())

    def route(route):
        url = route.request.url
        if urlsplit(url).hostname == LOCAL_HOST or urlsplit(url).scheme == "file":  # the site, served or on disk
            route.continue_()
        else:
            watched.outside_requests.append(url)
            route.abort()

    context.route("**/*", route)
    watched.page.on("console", lambda msg: msg.type == "error" and watched.console_errors.append(
        f"{msg.text} ({msg.location.get('url')})"))
    watched.page.on("pageerror", lambda error: watched.console_errors.append(f"uncaught: {error}"))
    return watched


def wait_for_network(frame) -> None:
    """Wait until the network view in *frame* (a Page or Frame) has settled and stopped."""
    frame.wait_for_selector("html[data-gt-network=ready]", state="attached")


def settle(page) -> None:
    """Wait for the page's network views (if any) to settle."""
    for frame in page.frames[1:]:
        if "/network/" in frame.url:
            wait_for_network(frame)
    if re.search(r"/network/[^/]+\.html$", page.url):
        wait_for_network(page)


def network_node_point(frame, node_id: str) -> dict:
    """Where *node_id* is drawn, relative to the view's canvas, and which node is on top there.

    Uses the vis Network that network.js exposes as ``window.gtNetwork``.
    """
    return frame.evaluate(
        """id => {
            const net = window.gtNetwork;
            const dom = net.canvasToDOM(net.getPositions([id])[id]);
            return {x: dom.x, y: dom.y, top: net.getNodeAt(dom) ?? null};
        }""",
        node_id,
    )


def iframe(page, title: str):
    """The Frame of the iframe titled *title* on *page*."""
    return page.locator(f"iframe[title={title!r}]").element_handle().content_frame()
