"""A network view on its own, in headless Chromium: offline, escaped, settles, clickable, keyboard-usable.

These build views of the mini plan (with hostile text put into it) straight
from :mod:`site_builder.network.render`, embed one in a host page with an iframe as
the site does, and need no site build.
"""
from __future__ import annotations


import pytest

from goldenthread.model.graph import build_graph
from goldenthread.model.loader import load_plan
from goldenthread.site_builder.network.render import copy_network_assets, priority_neighbourhood, write_network_view

from e2e_support import MINI_PLAN, iframe, network_node_point, serve_directory, wait_for_network

pytestmark = pytest.mark.browser

HOSTILE = "</script><script>alert(1)</script><img src=x onerror=alert(2)>"
HOST_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host</title>
<link rel="icon" href="data:,"></head><body><main><h1>Host</h1>
<iframe src="network/DP1.html" title="Network view" width="1000" height="600"></iframe></main></body></html>
"""


@pytest.fixture(scope="module")
def view_site(tmp_path_factory):
    """A folder with a host page, the DP1 view, the assets and a page per item; served."""
    root = tmp_path_factory.mktemp("view-site")
    g = build_graph(load_plan(MINI_PLAN))
    g.nodes["DP1.corporate-parenting.o-local-offer"]["text"] = HOSTILE
    g.nodes["LP2"]["title"] = HOSTILE
    copy_network_assets(root / "assets")
    view = write_network_view(g, priority_neighbourhood(g, "DP1"), root / "network" / "DP1.html",
                              title="DP1 and its neighbours", href_for=lambda n: f"../items/{n}.html",
                              assets_dir=root / "assets")
    (root / "items").mkdir()
    for node in view.nodes:
        (root / "items" / f"{node.id}.html").write_text(
            f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{node.id}</title>'
            '<link rel="icon" href="data:,"></head><body><main><h1>item</h1></main></body></html>',
            encoding="utf-8")
    (root / "index.html").write_text(HOST_PAGE, encoding="utf-8")
    with serve_directory(root) as url:
        yield url


def open_view(watched, url: str):
    """Load the view on its own and wait for it to settle; collect dialogs (there must be none)."""
    dialogs = []
    watched.page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    watched.page.goto(url + "network/DP1.html")
    wait_for_network(watched.page)
    return dialogs


def test_view_loads_offline_without_errors_and_stops_moving(watched, view_site):
    dialogs = open_view(watched, view_site)
    page = watched.page
    before = page.evaluate("window.gtNetwork.getPositions()")
    assert len(before) == 9
    # Drag one item away: with physics off after settling, nothing else follows it.
    moved = "DP1"
    point = network_node_point(page, moved)
    box = page.locator("#gt-network canvas").bounding_box()
    page.mouse.move(box["x"] + point["x"], box["y"] + point["y"])
    page.mouse.down()
    page.mouse.move(box["x"] + point["x"] + 120, box["y"] + point["y"] + 80, steps=8)
    page.mouse.up()
    page.wait_for_timeout(300)  # time for any simulation to act on the others, were it still running
    after = page.evaluate("window.gtNetwork.getPositions()")
    assert after[moved] != before[moved]
    assert {n: p for n, p in after.items() if n != moved} == {n: p for n, p in before.items() if n != moved}
    assert (watched.outside_requests, watched.console_errors, dialogs) == ([], [], [])


def test_tooltip_shows_hostile_text_as_text(watched, view_site):
    dialogs = open_view(watched, view_site)
    page = watched.page
    point = network_node_point(page, "DP1.corporate-parenting.o-local-offer")
    assert point["top"] == "DP1.corporate-parenting.o-local-offer"
    page.locator("#gt-network canvas").hover(position={"x": point["x"], "y": point["y"]})
    tooltip = page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible")
    assert HOSTILE in tooltip.text_content()
    # Set as text: its only elements are the <br>s the browser makes of line breaks.
    assert set(tooltip.evaluate("el => [...el.children].map(child => child.tagName)")) == {"BR"}
    assert page.locator("img").count() == 0
    assert (watched.outside_requests, watched.console_errors, dialogs) == ([], [], [])


def test_click_on_a_node_opens_its_page_in_the_top_window(watched, view_site):
    page = watched.page
    page.goto(view_site)
    frame = page.frame_locator("iframe[title='Network view']")
    inner = iframe(page, "Network view")
    wait_for_network(inner)
    point = network_node_point(inner, "DP1.corporate-parenting")
    assert point["top"] == "DP1.corporate-parenting"
    with page.expect_navigation():
        frame.locator("#gt-network canvas").click(position={"x": point["x"], "y": point["y"]})
    assert page.url == view_site + "items/DP1.corporate-parenting.html"
    assert (watched.outside_requests, watched.console_errors) == ([], [])


def test_keyboard_moves_between_items_and_enter_opens_one(watched, view_site):
    page = watched.page
    page.goto(view_site)
    inner = iframe(page, "Network view")
    wait_for_network(inner)
    diagram = inner.locator("#gt-network")
    diagram.focus()
    diagram.press("ArrowRight")
    diagram.press("ArrowRight")
    status = inner.locator("#gt-network-status")
    # Reading order: LP2 (it refers to DP1, so it is here), then its action LP2.a.
    assert status.text_content() == (
        "Action LP2.a: Leaving care strategy. Item 2 of 9. Press Enter to open its page.")
    assert inner.evaluate("window.gtNetwork.getSelectedNodes()") == ["LP2.a"]
    with page.expect_navigation():
        diagram.press("Enter")
    assert page.url == view_site + "items/LP2.a.html"
    assert (watched.outside_requests, watched.console_errors) == ([], [])


@pytest.fixture(scope="module")
def big_site(tmp_path_factory):
    """The overview and one group's view of a plan with two groups of 140 priorities each; served."""
    from goldenthread.model.synth.shapes import shaped_plan
    from goldenthread.model.graph import build_graph as build
    from goldenthread.site_builder.network.render import write_view_plan
    from goldenthread.site_builder.network.planner import ViewPlanner

    root = tmp_path_factory.mktemp("big-site")
    planner = ViewPlanner(build(shaped_plan(20, "two-groups")))
    copy_network_assets(root / "assets")
    views = {}
    for plan in (planner.overview(), planner.group_view("ba")):
        up = "../" * (plan.name.count("/") + 1)  # from the view's folder to the site's root
        links = {"item": up + "items/{}.html", "view": up + "network/{}.html", "list": up + "list.html"}
        views[plan.name] = write_view_plan(plan, root / "network" / f"{plan.name}.html", assets_dir=root / "assets",
                                           href_for_link=lambda link, links=links: links[link[0]].format(link[1]))
    (root / "list.html").write_text('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>list</title>'
                                    '<link rel="icon" href="data:,"></head><body><main>list</main></body></html>')
    with serve_directory(root) as url:
        yield url, views


def test_a_crowded_view_settles_starts_on_its_root_and_says_what_it_leaves_out(watched, big_site):
    url, views = big_site
    page = watched.page
    page.goto(url + "network/groups/ba.html")
    wait_for_network(page)
    assert len(page.evaluate("window.gtNetwork.getPositions()")) == len(views["groups/ba"].nodes) <= 200
    # Too many to read at full size: it starts zoomed in on the group, its label readable.
    assert page.evaluate("window.gtNetwork.getScale()") == pytest.approx(0.6)
    point = network_node_point(page, "group:ba")
    box = page.locator("#gt-network canvas").bounding_box()
    assert abs(point["x"] - box["width"] / 2) < 2 and abs(point["y"] - box["height"] / 2) < 2
    page.get_by_role("button", name="Show all").click()
    assert page.evaluate("window.gtNetwork.getScale()") < 0.3
    note = page.locator("#gt-network-note")
    assert "operational plans" in note.text_content() and "are not drawn" in note.text_content()
    with page.expect_navigation():
        note.get_by_role("link", name="See the full list").click()
    assert page.url == url + "list.html"
    assert (watched.outside_requests, watched.console_errors) == ([], [])


def test_a_group_in_the_overview_opens_the_group_view(watched, big_site):
    url, _ = big_site
    page = watched.page
    page.goto(url + "network/plan.html")
    wait_for_network(page)
    point = network_node_point(page, "group:ba")
    assert point["top"] == "group:ba"
    with page.expect_navigation():
        page.locator("#gt-network canvas").click(position={"x": point["x"], "y": point["y"]})
    assert page.url == url + "network/groups/ba.html"
    wait_for_network(page)
    assert (watched.outside_requests, watched.console_errors) == ([], [])
