"""The network views of the built site, in headless Chromium, from a server and opened from disk,
on a desktop (1366 px) and on a phone (390 px).

A click on an item opens its page in the whole window (never inside the diagram's frame, which
is what ``window.top.location.assign`` did from disk); a view opened full size has the site's
header; the key filters by kind and RAG and folds away on a phone; the layout switches between
radial and top-down; an embedded view fits in its frame; every item page links its view near
the top. The items are chosen from the plan, not named here.
"""
from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from e2e_support import LOCAL_HOST, Watched, network_node_point, wait_for_network
from goldenthread.model.graph import ACTION, LEAD, OPERATIONAL_PLAN, OUTCOME, PRIORITY, nodes_of_kind
from goldenthread.site_builder import urls as U
from goldenthread.site_builder.network.render import priority_neighbourhood

pytestmark = pytest.mark.browser

WIDTHS = {"desktop": (1366, 900), "phone": (390, 844)}

#: Visible (not filtered out) nodes of the view in a frame, with their opacity.
SHOWN = "() => window.gtNetwork.body.data.nodes.get({filter: n => !n.hidden}).map(n => n.id)"


@pytest.fixture(scope="module")
def urls(graph):
    return U.SiteUrls(graph)


@pytest.fixture(params=["server", "disk"])
def base(request, site_url, built_site) -> str:
    """The site's base URL: served over http://, or the folder opened from disk (file://)."""
    return site_url if request.param == "server" else built_site.as_uri() + "/"


def open_watched(browser, width: str) -> Watched:
    """A page of *width* that lets the local server and the disk through, and records anything else."""
    w, h = WIDTHS[width]
    context = browser.new_context(viewport={"width": w, "height": h}, service_workers="block")
    watched = Watched(page=context.new_page())

    def route(route):
        url = urlsplit(route.request.url)
        if url.scheme == "file" or url.hostname == LOCAL_HOST:
            route.continue_()
        else:
            watched.outside_requests.append(route.request.url)
            route.abort()

    context.route("**/*", route)
    watched.page.on("pageerror", lambda error: watched.console_errors.append(f"uncaught: {error}"))
    return watched


@pytest.fixture(params=list(WIDTHS))
def width(request) -> str:
    return request.param


@pytest.fixture()
def watched(browser, width):
    result = open_watched(browser, width)
    yield result
    result.page.context.close()


def built(path: str) -> str:
    """The built URL of a docs-relative page, anchor kept (``a/b.md#x`` -> ``a/b.html#x``)."""
    page, _, anchor = path.partition("#")
    return U.page_url(page) + (f"#{anchor}" if anchor else "")


def busiest_priority(graph) -> str:
    return max(nodes_of_kind(graph, PRIORITY), key=lambda p: (len(priority_neighbourhood(graph, p)), p))


def embedded_frame(page, selector: str = "iframe[src*='network/']"):
    element = page.locator(selector).first
    element.scroll_into_view_if_needed()
    frame = element.element_handle().content_frame()
    wait_for_network(frame)
    return frame


def clickable_item(frame, graph, kinds=(OUTCOME, ACTION)) -> tuple[str, dict]:
    """An item of *kinds* drawn on top where it sits (nothing covers it), and where."""
    ids = frame.evaluate("() => window.gtNetwork.body.nodeIndices")
    for node in ids:
        if node in graph and graph.nodes[node]["kind"] in kinds:
            point = network_node_point(frame, node)
            if point["top"] == node:
                return node, point
    raise AssertionError("no item of those kinds can be clicked")


def test_a_click_in_an_embedded_view_opens_the_item_in_the_whole_window(watched, base, graph, urls):
    page = watched.page
    page.goto(base + U.page_url(urls.priority_page(busiest_priority(graph))))
    frame = embedded_frame(page)
    target, point = clickable_item(frame, graph)
    frame.locator("#gt-network canvas").click(position={"x": point["x"], "y": point["y"]})
    expected = base + built(urls.item_page(target))
    page.wait_for_url(expected.split("#")[0] + "*")
    assert page.url.split("#")[0] == expected.split("#")[0]  # the whole window, not the frame
    assert page.locator("iframe[src*='network/']").count() == 0 or page.frames[0].url == page.url
    assert target in page.locator("article").inner_text()
    assert (watched.outside_requests, watched.console_errors) == ([], [])


def test_enter_on_the_selected_item_opens_it_in_the_whole_window(watched, base, graph, urls):
    page = watched.page
    page.goto(base + U.page_url(U.DEPENDENCIES))
    frame = embedded_frame(page)
    frame.locator("#gt-network").focus()
    frame.locator("#gt-network").press("ArrowRight")
    first = frame.evaluate("() => window.gtNetwork.getSelectedNodes()[0]")
    frame.locator("#gt-network").press("Enter")
    page.wait_for_url(lambda url: "dependencies" not in url)
    assert page.url.split("#")[0] == (base + built(urls.item_page(first))).split("#")[0]


def test_a_view_opened_full_size_has_the_site_header_and_ways_back(watched, base, graph, urls):
    priority = busiest_priority(graph)
    page = watched.page
    page.goto(base + U.page_url(urls.network_file(priority)))
    wait_for_network(page)
    header = page.locator("header.gt-site-header")
    assert header.is_visible() and graph.graph["title"] in header.inner_text()
    assert page.locator("a.gt-open-full").is_hidden()  # already full size
    assert page.locator("h1").is_visible()
    page.locator("header a", has_text="The page of this priority").click()
    page.wait_for_url(base + U.page_url(urls.priority_page(priority)))
    page.go_back()
    wait_for_network(page)
    page.locator("header a", has_text="Home").click()
    page.wait_for_url(base + "index.html")
    # In its frame, the same view shows no second header.
    page.goto(base + U.page_url(urls.priority_page(priority)))
    frame = embedded_frame(page)
    assert frame.locator("header.gt-site-header").is_hidden()
    assert frame.locator("a.gt-open-full").is_visible()


def test_filters_hide_kinds_and_ratings_and_the_layout_switches(watched, graph, site_url, urls):
    page = watched.page
    page.goto(site_url + U.page_url(urls.network_file(busiest_priority(graph))))
    wait_for_network(page)
    legend = page.locator("#gt-legend")
    if not legend.evaluate("el => el.open"):
        page.locator("#gt-legend summary").click()
    everything = page.evaluate(SHOWN)
    rag_boxes = page.locator("input[name=rag]")
    assert rag_boxes.count() >= 1
    rag = rag_boxes.first.get_attribute("value")
    rated = {n for n in everything if n in graph and graph.nodes[n]["kind"] == OUTCOME
             and (graph.nodes[n].get("rag") or "none") == rag}
    assert rated
    rag_boxes.first.uncheck()
    assert set(page.evaluate(SHOWN)) == set(everything) - rated
    assert "of" in page.locator("#gt-network-counts").inner_text()
    page.locator("input[name=kind][value=action]").uncheck()
    actions = {n for n in everything if n in graph and graph.nodes[n]["kind"] == ACTION}
    assert actions and set(page.evaluate(SHOWN)) == set(everything) - rated - actions
    rag_boxes.first.check()
    page.locator("input[name=kind][value=action]").check()
    assert set(page.evaluate(SHOWN)) == set(everything)

    radial = page.evaluate("() => window.gtNetwork.getPositions()")
    toggle = page.locator("#gt-layout-toggle")
    toggle.click()
    assert toggle.get_attribute("aria-pressed") == "true"
    top_down = page.evaluate("() => window.gtNetwork.getPositions()")
    planned = page.evaluate("() => Object.fromEntries(window.gtNetwork.body.data.nodes.get()"
                            ".map(n => [n.id, {x: n.tx, y: n.ty}]))")
    assert all(abs(top_down[n]["x"] - planned[n]["x"]) < 1 and abs(top_down[n]["y"] - planned[n]["y"]) < 1
               for n in planned)
    # Top-down: the priority sits above its actions, which sit above their outcomes.
    priority = next(n for n in planned if n in graph and graph.nodes[n]["kind"] == PRIORITY)
    assert all(top_down[priority]["y"] < top_down[a]["y"] for a in actions)
    toggle.click()
    assert toggle.get_attribute("aria-pressed") == "false"
    back = page.evaluate("() => window.gtNetwork.getPositions()")
    assert all(abs(back[n]["x"] - radial[n]["x"]) < 1 for n in radial)


def test_the_key_folds_away_on_a_phone(watched, width, graph, site_url, urls):
    page = watched.page
    page.goto(site_url + U.page_url(urls.network_file("plan")))
    wait_for_network(page)
    legend = page.locator("#gt-legend")
    assert legend.evaluate("el => el.open") == (width == "desktop")
    page.locator("#gt-legend summary").click()
    assert legend.evaluate("el => el.open") == (width != "desktop")
    if width == "phone":
        page.locator("#gt-legend summary").click()  # folded again: the diagram keeps the height
        box = page.locator("#gt-network").bounding_box()
        assert box["height"] > 0.45 * WIDTHS["phone"][1]


def test_an_embedded_view_is_fitted_not_cropped(watched, site_url):
    """On the dependencies page (the whole plan) every item drawn is inside the frame."""
    page = watched.page
    page.goto(site_url + U.page_url(U.DEPENDENCIES))
    frame = embedded_frame(page)
    outside = frame.evaluate("""() => {
        const net = window.gtNetwork, box = document.getElementById("gt-network").getBoundingClientRect();
        const at = net.getPositions();
        return Object.keys(at).filter(id => {
            const p = net.canvasToDOM(at[id]);
            return p.x < 0 || p.y < 0 || p.x > box.width || p.y > box.height;
        });
    }""")
    assert outside == []


def test_pointing_at_an_item_picks_out_its_neighbours(watched, graph, site_url, urls):
    page = watched.page
    page.goto(site_url + U.page_url(urls.network_file(busiest_priority(graph))))
    wait_for_network(page)
    target, point = clickable_item(page, graph, kinds=(ACTION,))
    page.locator("#gt-network canvas").hover(position={"x": point["x"], "y": point["y"]})
    opacity = page.evaluate("() => Object.fromEntries(window.gtNetwork.body.data.nodes.get()"
                            ".map(n => [n.id, n.opacity ?? 1]))")
    near = {target} | set(graph.predecessors(target)) | set(graph.successors(target))
    assert {n for n, o in opacity.items() if o == 1} == near & set(opacity)
    assert any(o < 1 for o in opacity.values())


def test_a_trace_page_links_its_thread_near_the_top_and_the_outcome_is_picked_out(watched, base, graph, urls):
    outcome = nodes_of_kind(graph, OUTCOME)[0]
    page = watched.page
    page.goto(base + U.page_url(urls.trace_page(outcome)))
    link = page.locator(".gt-network-link a")
    assert link.bounding_box()["y"] < 700  # near the top, not thousands of pixels down
    link.click()
    wait_for_network(page)
    assert page.evaluate("() => window.gtNetwork.getSelectedNodes()") == [outcome]
    lit = page.evaluate("() => window.gtNetwork.body.data.nodes.get().filter(n => (n.opacity ?? 1) === 1)"
                        ".map(n => n.id)")
    action, priority = graph.nodes[outcome]["action"], graph.nodes[outcome]["priority"]
    assert {outcome, action, priority} <= set(lit)
    assert outcome in page.locator("#gt-network-status").inner_text()


@pytest.mark.parametrize("kind", [PRIORITY, OPERATIONAL_PLAN, LEAD])
def test_item_pages_link_their_view_near_the_top(browser, site_url, graph, urls, kind):
    watched = open_watched(browser, "phone")
    try:
        page = watched.page
        item = nodes_of_kind(graph, kind)[0]
        page.goto(site_url + built(urls.item_page(item)))
        link = page.locator(".gt-network-link a")
        assert link.bounding_box()["y"] < 700
        link.click()
        wait_for_network(page)
        assert item in page.evaluate("() => window.gtNetwork.body.nodeIndices")
    finally:
        watched.page.context.close()


def test_network_is_in_the_navigation_and_its_index_opens_every_kind_of_view(browser, built_site, site_url, graph):
    watched = open_watched(browser, "desktop")
    try:
        page = watched.page
        page.goto(site_url + "index.html")
        page.locator("nav a", has_text="Network").first.click()
        page.wait_for_url(site_url + "network.html")
        hrefs = page.locator("article a[href^='network/']").evaluate_all("els => els.map(e => e.getAttribute('href'))")
        assert any(h == "network/plan.html" for h in hrefs)
        for folder in ("plans/", "leads/"):
            assert any(h.startswith("network/" + folder) for h in hrefs), folder
        assert all((built_site / h).is_file() for h in hrefs)
    finally:
        watched.page.context.close()
