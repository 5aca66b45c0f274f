"""The built site in headless Chromium: offline, accessible, and the journeys staff make.

Expectations come from the plan's graph (which outcomes are RED, what an
outcome's chain is), never from numbers written here, so the tests hold for
any plan of the same shape.
"""
from __future__ import annotations

import os
import re
from collections import Counter
from pathlib import Path
from urllib.parse import urljoin, urldefrag

import pytest

from goldenthread.model.graph import (LEAD, OPERATIONAL_PLAN, OUTCOME, PLAN, PRIORITY, chain_to_top,
                         nodes_of_kind)
from goldenthread.site_builder import urls as U
from goldenthread.site_builder.network.render import priority_neighbourhood

from e2e_support import network_node_point, settle, wait_for_network, watched_page

pytestmark = pytest.mark.browser

AXE_SCRIPT = None  # read once from axe-playwright-python's copy of axe-core
BLOCKING_IMPACTS = ("serious", "critical")


@pytest.fixture(scope="session")
def urls(graph):
    return U.SiteUrls(graph)


def url_of(site_url: str, docs_path: str) -> str:
    """The served URL of a page given by its docs-relative source (``priorities/LP1.md#LP1.a``)."""
    path, _, anchor = docs_path.partition("#")
    return urljoin(site_url, U.page_url(path)) + (f"#{anchor}" if anchor else "")


def click_link_to(page, target: str) -> None:
    """Click, like a person, a visible link on *page* that leads to *target* (fragment ignored)."""
    wanted = urldefrag(target).url
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => [a.getAttribute('href'), a.href])")
    raw = next((raw for raw, absolute in hrefs if urldefrag(absolute).url == wanted
                and page.locator(f'a[href="{raw}"]').filter(visible=True).count()), None)
    assert raw is not None, f"{page.url} has no visible link to {target}"
    page.locator(f'a[href="{raw}"]').filter(visible=True).first.click()
    page.wait_for_url(lambda url: urldefrag(url).url == wanted)


# -- offline -------------------------------------------------------------------------------------

def test_every_page_loads_offline_without_outside_requests_or_console_errors(browser, built_site, site_url):
    pages = sorted(p.relative_to(built_site).as_posix() for p in built_site.rglob("*.html"))
    watched = watched_page(browser)
    problems = {}
    try:
        for path in pages:
            watched.clear()
            watched.page.goto(urljoin(site_url, path))
            settle(watched.page)
            if watched.outside_requests or watched.console_errors:
                problems[path] = watched.outside_requests + watched.console_errors
    finally:
        watched.page.context.close()
    assert len(pages) > 10
    assert problems == {}


# -- accessibility -------------------------------------------------------------------------------

PAGE_KINDS = ("home", "priorities", "priority", "operational plans", "operational plan", "lead",
              "outcomes dashboard", "findings", "dependencies", "trace index", "trace", "downloads",
              "priority network view", "whole-plan network view", "network index", "operational plan network view",
              "lead network view", "thread network view", "not found")


@pytest.fixture(scope="session")
def kind_pages(graph, urls) -> dict[str, str]:
    """A page of every kind (docs-relative source paths), chosen from the plan, not named here."""
    priorities = nodes_of_kind(graph, PRIORITY)
    busiest = max(priorities, key=lambda p: len(priority_neighbourhood(graph, p)))
    outcome = nodes_of_kind(graph, OUTCOME)[0]
    return {
        "home": U.HOME, "priorities": U.PRIORITIES, "priority": urls.priority_page(busiest),
        "operational plans": U.PLANS, "operational plan": urls.item_page(nodes_of_kind(graph, OPERATIONAL_PLAN)[0]),
        "lead": urls.item_page(nodes_of_kind(graph, LEAD)[0]), "outcomes dashboard": U.OUTCOMES,
        "findings": U.FINDINGS, "dependencies": U.DEPENDENCIES, "trace index": U.TRACE_INDEX,
        "trace": urls.trace_page(outcome), "downloads": U.DOWNLOADS,
        "priority network view": urls.network_file(busiest), "whole-plan network view": urls.network_file("plan"),
        "network index": U.NETWORK_INDEX,
        "operational plan network view": urls.network_file(f"plans/{nodes_of_kind(graph, OPERATIONAL_PLAN)[0]}"),
        "lead network view": urls.network_file(f"leads/{nodes_of_kind(graph, LEAD)[0]}"),
        "thread network view": urls.network_file(f"thread/{graph.nodes[outcome]['action']}"),
        "not found": "404.html",
    }


def run_axe(page) -> list[dict]:
    """axe-core's violations on *page*, its iframes included."""
    global AXE_SCRIPT
    if AXE_SCRIPT is None:
        import axe_playwright_python
        AXE_SCRIPT = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")
    for frame in page.frames:
        frame.evaluate(AXE_SCRIPT)
    result = page.evaluate("axe.run(document, {resultTypes: ['violations'], iframes: true})")
    return result["violations"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_no_serious_or_critical_accessibility_violation(kind, scheme, browser, site_url, kind_pages, built_site):
    path = kind_pages[kind]
    assert (built_site / U.page_url(path)).is_file(), f"the build has no {kind} page at {path}"
    watched = watched_page(browser, color_scheme=scheme)
    try:
        page = watched.page
        page.goto(url_of(site_url, path))
        settle(page)
        if scheme == "dark" and "network" not in kind:  # the site follows the system's setting
            assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
        violations = run_axe(page)
        if os.environ.get("GT_SCREENSHOTS"):
            folder = Path(os.environ["GT_SCREENSHOTS"])
            folder.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(folder / f"{kind.replace(' ', '-')}-{scheme}.png"), full_page=True)
    finally:
        watched.page.context.close()
    blocking = [f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:5]}"
                for v in violations if v["impact"] in BLOCKING_IMPACTS]
    assert blocking == []


# -- journeys ------------------------------------------------------------------------------------

def test_home_to_an_outcome_trace_by_following_links(watched, site_url, graph, urls):
    """Home -> all priorities -> a priority -> one of its outcomes: the trace shows the thread to the vision."""
    outcome = nodes_of_kind(graph, OUTCOME)[-1]
    chain = [n for n in chain_to_top(graph, outcome) if graph.nodes[n]["kind"] != PLAN]
    priority = next(n for n in chain if graph.nodes[n]["kind"] == PRIORITY)
    page = watched.page
    page.goto(url_of(site_url, U.HOME))
    click_link_to(page, url_of(site_url, U.PRIORITIES))
    click_link_to(page, url_of(site_url, urls.priority_page(priority)))
    click_link_to(page, url_of(site_url, urls.trace_page(outcome)))
    text = page.locator("article").inner_text()
    at = 0
    for node in chain:  # outcome, action, priority, vision: each named, in that order
        found = text.find(node, at)
        assert found >= 0, f"{node} is missing from the trace of {outcome}, or out of order"
        at = found + len(node)
    vision = chain[-1]
    assert page.locator("article a").evaluate_all("links => links.map(a => a.href)").count(
        url_of(site_url, urls.item_page(vision))) >= 1
    assert (watched.outside_requests, watched.console_errors) == ([], [])


def test_filter_outcomes_dashboard_to_red(watched, site_url, graph):
    rags = Counter(graph.nodes[n].get("rag") for n in nodes_of_kind(graph, OUTCOME))
    page = watched.page
    page.goto(url_of(site_url, U.OUTCOMES))
    rows = page.locator("table tbody tr")
    assert rows.filter(visible=True).count() == sum(rags.values())
    page.get_by_label("RAG rating").select_option(label="RED")
    visible = rows.filter(visible=True)
    assert visible.count() == rags["RED"]
    assert [row.locator(".gt-rag").inner_text() for row in visible.all()] == ["RED"] * rags["RED"]
    assert page.get_by_role("status").first.inner_text() == (
        f"Showing {rags['RED']} of {sum(rags.values())} outcomes.")
    assert (watched.outside_requests, watched.console_errors) == ([], [])


def test_click_a_node_in_a_priority_network_view_to_land_on_its_page(watched, site_url, graph, urls):
    priority = max(nodes_of_kind(graph, PRIORITY), key=lambda p: len(priority_neighbourhood(graph, p)))
    page = watched.page
    page.goto(url_of(site_url, urls.priority_page(priority)))
    frame_element = page.locator("iframe[src*='network/']").first
    frame_element.scroll_into_view_if_needed()
    frame = frame_element.element_handle().content_frame()
    wait_for_network(frame)
    # An outcome of this priority that is drawn on top where it sits (nothing covers it).
    candidates = [n for n in priority_neighbourhood(graph, priority) if graph.nodes[n]["kind"] == OUTCOME]
    target, point = next((n, p) for n in candidates if (p := network_node_point(frame, n))["top"] == n)
    frame.locator("#gt-network canvas").click(position={"x": point["x"], "y": point["y"]})
    page.wait_for_url(url_of(site_url, urls.item_page(target)))
    assert target in page.locator("article").inner_text()
    assert (watched.outside_requests, watched.console_errors) == ([], [])


def distinctive_words(graph, outcome: str, count: int = 3) -> list[str]:
    """Words of *outcome*'s text that fewest other items use (the words a person would search for)."""
    def words(text):
        return re.findall(r"[A-Za-z]{5,}", text or "")
    frequency = Counter(w.lower() for n in graph.nodes for w in set(words(graph.nodes[n].get("text"))))
    own = list(dict.fromkeys(words(graph.nodes[outcome]["text"])))
    return sorted(own, key=lambda w: (frequency[w.lower()], own.index(w)))[:count]


def test_search_finds_an_outcome_by_its_words(watched, site_url, graph, urls):
    outcomes = nodes_of_kind(graph, OUTCOME)
    outcome = outcomes[len(outcomes) // 2]
    query = " ".join(distinctive_words(graph, outcome))
    page = watched.page
    page.goto(url_of(site_url, U.HOME))
    # A link to the outcome's page that search shows (Material lists results in the page, Zensical in
    # a dialog's shadow root, which locators enter too); none is on the home page before searching.
    result = page.locator(f'a[href*="{U.page_url(urls.trace_page(outcome))}"]').filter(visible=True)
    assert result.count() == 0
    # Material shows a search box in the header; Zensical a button that opens its search dialog.
    page.locator('.md-search__input, .md-search__button, label[for="__search"]').filter(visible=True).first.click()
    page.keyboard.type(query)
    result.first.wait_for()
    href = result.first.evaluate("a => a.href")
    assert urldefrag(href).url.split("?")[0] == url_of(site_url, urls.trace_page(outcome)), (query, href)
    assert (watched.outside_requests, watched.console_errors) == ([], [])
