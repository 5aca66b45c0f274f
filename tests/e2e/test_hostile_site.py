"""The site of a plan whose every text is hostile, in headless Chromium.

The plan is the mini plan with ``site_fixtures.PAYLOADS`` (script, HTML, Markdown, template
syntax, JavaScript line terminators, bidirectional overrides, astral characters...) put into
every free text. On every page, in the network views' tooltips, on the filtered dashboard and
in search results: no dialog opens (each payload that could run calls ``alert``), no element
that plan text could have made exists, and the payloads are there to read, as text.

Built with MkDocs and Material, or with Zensical when ``GT_E2E_ENGINE=zensical`` (as the
other browser tests); ``tests/test_site_escaping.py`` reads the built files of both.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from e2e_support import network_node_point, serve_directory, settle, wait_for_network, watched_page
from goldenthread.model.graph import build_graph
from goldenthread.model.loader import load_plan
from goldenthread.site_builder.build import build_site
from site_fixtures import HOSTILE, PAYLOADS, hostile_plan

pytestmark = pytest.mark.browser

#: As for the bundled site (conftest.py): MkDocs with Material, or ``GT_E2E_ENGINE=zensical``.
ENGINE = os.environ.get("GT_E2E_ENGINE") or "mkdocs"
#: Pages with no plan text to show: the download links and the "not found" page.
NO_PLAN_TEXT = ("404.html", "downloads.html")

#: Every element on the page (in every open shadow root too) that plan text could have made.
FIND_INJECTED = """() => {
    const found = [];
    const urlAttributes = ["href", "src", "action", "formaction", "data", "srcdoc", "xlink:href", "poster"];
    function visit(root) {
        for (const el of root.querySelectorAll("*")) {
            const tag = el.localName;
            for (const attribute of el.attributes) {
                const name = attribute.name.toLowerCase();
                const url = attribute.value.replace(/[\\u0000-\\u0020]/g, "").toLowerCase();
                if (name.startsWith("on")) {
                    found.push(`<${tag} ${name}>`);
                } else if (urlAttributes.includes(name) && /^(javascript|vbscript|data):/.test(url)
                           && !(tag === "link" && attribute.value === "data:,")) {
                    found.push(`<${tag} ${name}="${attribute.value.slice(0, 40)}">`);
                }
            }
            if (tag === "img" && ["x", "y"].includes(el.getAttribute("src"))) found.push(`<img src=x>`);
            if (el.id === "injected" || el.classList.contains("injected")) found.push(`<${tag}> {#injected}`);
            if (tag === "script" && !/json/.test(el.type) && el.textContent.includes("alert(")) {
                found.push(`<script>${el.textContent.slice(0, 40)}`);
            }
            if (tag === "meta" && /refresh/i.test(el.httpEquiv)) found.push("<meta http-equiv=refresh>");
            if (el.shadowRoot) visit(el.shadowRoot);
        }
    }
    visit(document);
    return found;
}"""


def words(text: str) -> str:
    """*text* with every run of whitespace (U+2028 and U+2029 included) as one space."""
    return " ".join(text.split())


def missing_payloads(text: str) -> list[str]:
    """The payloads that *text* does not show word for word."""
    shown = words(text)
    return [payload for payload in PAYLOADS if words(payload) not in shown]


@dataclass
class HostileSite:
    engine: str
    folder: Path
    url: str
    graph: object


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    plan = hostile_plan(tmp_path_factory.mktemp("hostile-plan") / "plan")
    out = tmp_path_factory.mktemp(f"hostile-{ENGINE}") / "site"
    build_site(plan, out, engine=ENGINE)
    with serve_directory(out) as url:
        yield HostileSite(ENGINE, out, url, build_graph(load_plan(plan)))


#: Run in every frame before the page's own scripts: after a frame's first dialog, further ones are
#: not opened, so that injected code that opens dialogs in a loop (``autofocus onfocus=alert(4)``
#: opens one each time the dismissed dialog gives focus back) fails the test rather than hanging it.
ONE_DIALOG_PER_FRAME = """(() => {
    for (const name of ["alert", "confirm", "prompt"]) {
        const original = window[name];
        let opened = false;
        window[name] = function (...args) {
            if (opened) return undefined;
            opened = true;
            return original.apply(window, args);
        };
    }
})();"""


class Visit:
    """A watched page that also records every dialog (and dismisses it)."""

    def __init__(self, browser):
        self.watched = watched_page(browser)
        self.page = self.watched.page
        self.dialogs: list[str] = []
        self.page.context.add_init_script(ONE_DIALOG_PER_FRAME)
        self.page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))

    def injected(self) -> dict[str, list[str]]:
        """What :data:`FIND_INJECTED` finds, by frame URL (the page and its network views)."""
        found = {}
        for frame in self.page.frames:
            if hits := frame.evaluate(FIND_INJECTED):
                found[frame.url] = hits
        return found

    def troubles(self) -> list[str]:
        """Dialogs, outside requests and console errors so far (there must be none)."""
        return ([f"dialog: {d}" for d in self.dialogs] + self.watched.outside_requests
                + self.watched.console_errors)

    def close(self) -> None:
        self.page.context.close()


@pytest.fixture()
def visit(browser):
    result = Visit(browser)
    yield result
    result.close()


def test_every_page_runs_nothing_and_shows_the_plan_text_as_text(visit, hostile_site):
    pages = sorted(p.relative_to(hostile_site.folder).as_posix() for p in hostile_site.folder.rglob("*.html"))
    assert len(pages) > 20
    problems = {}
    for path in pages:
        visit.page.goto(hostile_site.url + path)
        trouble = []
        try:
            settle(visit.page)
        except PlaywrightTimeoutError:
            trouble.append("a network view never settled: its data did not load")
        visit.page.wait_for_timeout(50)  # let anything that would run on load run
        trouble += [f"{frame}: {hits}" for frame, hits in visit.injected().items()]
        if path not in NO_PLAN_TEXT and not path.startswith("network/"):
            # Read as a person reads it: the visible text of the page's content.
            if missing := missing_payloads(visit.page.locator("article").first.inner_text()):
                trouble.append(f"does not show {missing}")
        if trouble:
            problems[path] = trouble
    assert problems == {}
    assert visit.troubles() == []


def hover_tooltip(frame, node_id: str) -> tuple[str, list[str]] | None:
    """Point at *node_id* in the view in *frame*; its tooltip's text and the tags inside it."""
    point = network_node_point(frame, node_id)
    if point["top"] != node_id:
        return None  # another item covers it here
    frame.locator("#gt-network canvas").hover(position={"x": point["x"], "y": point["y"]})
    tooltip = frame.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible")
    return (tooltip.text_content(), tooltip.evaluate("el => [...el.querySelectorAll('*')].map(e => e.localName)"))


def test_network_tooltips_show_the_plan_text_as_text(visit, hostile_site):
    """Point at an item of every kind in every view, embedded in its page as a person sees it."""
    g = hostile_site.graph
    views = sorted((hostile_site.folder / "network").rglob("*.html"))  # groups/ too
    assert views
    seen_kinds = set()
    for view in views:
        visit.page.goto(f"{hostile_site.url}{view.relative_to(hostile_site.folder).as_posix()}")
        wait_for_network(visit.page)
        shown = visit.page.evaluate("window.gtNetwork.body.nodeIndices")
        by_kind = {}
        for node in shown:
            # A view's own nodes (a priority group, a "3 more outcomes" count) are not plan items.
            kind = g.nodes[node]["kind"] if node in g else node.split(":", 1)[0]
            by_kind.setdefault(kind, []).append(node)
        for kind, nodes in sorted(by_kind.items()):
            hovered = next((r for n in nodes if (r := hover_tooltip(visit.page, n))), None)
            assert hovered is not None, f"{view.name}: no {kind} can be pointed at"
            text, tags = hovered
            assert set(tags) <= {"br"}, f"{view.name}: the tooltip of a {kind} holds {tags}"
            if kind != "summary":  # a count's tooltip holds counts, no plan text
                assert missing_payloads(text) == [], f"{view.name}: the tooltip of a {kind} drops text"
            seen_kinds.add(kind)
            visit.page.mouse.move(0, 0)
        assert visit.injected() == {}
    assert len(seen_kinds) >= 6  # vision, priority, action, indicator, outcome, plan, lead
    assert visit.troubles() == []


def hover_edge_tooltip(frame, edge_id: str) -> tuple[str, list[str]] | None:
    """Point at the middle of the line *edge_id*; its tooltip's text and the tags inside it."""
    point = frame.evaluate(
        """id => {
            const net = window.gtNetwork;
            const [from, to] = net.getConnectedNodes(id);
            const at = net.getPositions([from, to]);
            const dom = net.canvasToDOM({x: (at[from].x + at[to].x) / 2, y: (at[from].y + at[to].y) / 2});
            return {x: dom.x, y: dom.y, edge: net.getEdgeAt(dom) ?? null, node: net.getNodeAt(dom) ?? null};
        }""", edge_id)
    if point["edge"] != edge_id or point["node"] is not None:
        return None  # an item or another line is on top there
    frame.locator("#gt-network canvas").hover(position={"x": point["x"], "y": point["y"]})
    tooltip = frame.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible")
    return (tooltip.text_content(), tooltip.evaluate("el => [...el.querySelectorAll('*')].map(e => e.localName)"))


def test_network_link_tooltips_show_the_plan_text_as_text(visit, hostile_site):
    """A line's tooltip names both its ends (and quotes the text of a reference): as text."""
    seen = set()
    for view in sorted((hostile_site.folder / "network").rglob("*.html")):
        visit.page.goto(f"{hostile_site.url}{view.relative_to(hostile_site.folder).as_posix()}")
        wait_for_network(visit.page)
        for edge in visit.page.evaluate("window.gtNetwork.body.edgeIndices"):
            kind = edge.rsplit(":", 1)[1]
            if kind in seen or not (hovered := hover_edge_tooltip(visit.page, edge)):
                continue
            text, tags = hovered
            assert set(tags) <= {"br"}, f"{view.name}: the tooltip of {edge} holds {tags}"
            assert missing_payloads(text) == [], f"{view.name}: the tooltip of {edge} drops text"
            seen.add(kind)
            visit.page.mouse.move(0, 0)
        assert visit.injected() == {}
    assert len(seen) >= 3  # is part of, serves, is led by, refers to: most can be pointed at
    assert visit.troubles() == []


def test_network_view_embedded_in_a_priority_page_keeps_text_as_text(visit, hostile_site):
    visit.page.goto(hostile_site.url + "priorities/LP2.html")
    frame_element = visit.page.locator("iframe[src*='network/']").first
    frame_element.scroll_into_view_if_needed()
    frame = frame_element.element_handle().content_frame()
    wait_for_network(frame)
    node = next(n for n in frame.evaluate("window.gtNetwork.body.nodeIndices") if hover_tooltip(frame, n))
    text, tags = hover_tooltip(frame, node)
    assert set(tags) <= {"br"} and missing_payloads(text) == []
    assert visit.injected() == {}
    assert visit.troubles() == []


def test_dashboard_filters_with_hostile_choices(visit, hostile_site):
    """Filtering by each priority (whose names are hostile), and an address whose filter values
    are payloads: rows are shown or hidden, nothing is made of the text."""
    page = visit.page
    hostile_hash = "#" + "&".join(f"{key}={quote(HOSTILE, safe='')}" for key in ("rag", "priority", "timescale"))
    page.goto(hostile_site.url + "outcomes.html" + hostile_hash)
    rows = page.locator("#gt-dashboard tbody tr")
    total = rows.count()
    assert total > 0 and rows.filter(visible=True).count() == total  # unknown choices are ignored
    assert page.get_by_role("status").first.inner_text() == f"Showing all {total} outcomes."
    select = page.get_by_label("Priority")
    labels = select.locator("option").all_inner_texts()[1:]
    assert labels and all(missing_payloads(label) == [] for label in labels)
    shown = 0
    for index in range(1, len(labels) + 1):
        select.select_option(index=index)
        shown += rows.filter(visible=True).count()
        assert page.get_by_role("status").first.inner_text().startswith("Showing ")
        assert visit.injected() == {}
    assert shown == total  # every outcome belongs to exactly one priority
    page.reload()  # the chosen filter is kept in the address and restored from it
    assert visit.injected() == {}
    # Zensical's own script looks the address's fragment up as an element ID with a selector it
    # does not escape, and throws on the hostile address's quote: it then only does not scroll.
    # That is the address a person typed, not plan text, and nothing is made of it (checked above).
    troubles = [t for t in visit.troubles()
                if not (ENGINE == "zensical" and "querySelector" in t and "is not a valid selector" in t)]
    assert troubles == []


def open_search(page):
    """Open search and return its input box (Material: a box in the header; Zensical: a button that
    opens a dialog in a shadow root, which locators enter too)."""
    page.locator('.md-search__input, .md-search__button, label[for="__search"]').filter(visible=True).first.click()
    return page.locator("input.md-search__input, dialog input[role=combobox]").filter(visible=True).first


def search(page, box, query: str) -> None:
    """Put *query* into the search box, its last character typed (search answers key presses), and
    wait for search to answer."""
    box.fill(query[:-1])
    box.press_sequentially(query[-1])
    status = page.locator(".md-search-result__meta, dialog [role=status]").first
    expect(status).to_have_text(re.compile(r"^\s*(\d+|No)\b"))
    page.wait_for_timeout(200)  # the answer to the last key, not to an earlier one


def search_results(page):
    """The result links search shows."""
    return page.locator(".md-search-result__link, dialog a[role=option]").filter(visible=True)


@pytest.mark.parametrize("query", ["alert onerror", "onmouseover"])
def test_search_results_show_the_plan_text_as_text(visit, hostile_site, query):
    """Words of the payloads find the items whose text carries them; each result shows that text
    as it is, and the page a result opens (with the search words highlighted) makes nothing of it."""
    page = visit.page
    page.goto(hostile_site.url + "index.html")
    search(page, open_search(page), query)
    results = search_results(page)
    assert results.count() > 0
    text = words(" ".join(results.all_inner_texts()))
    assert words("<script>alert(1)</script>") in text and words('"><img src=x onerror=alert(2)>') in text
    assert visit.injected() == {}
    results.first.click()
    page.wait_for_load_state()
    settle(page)
    assert "h=" in page.url or hostile_site.engine == "zensical"  # Material highlights the words
    assert visit.injected() == {}
    assert visit.troubles() == []


@pytest.mark.skipif(ENGINE != "zensical", reason="Material's results show no path under the title")
@pytest.mark.xfail(strict=True, reason="known defect: Zensical's search shows each result's path (the page's title) "
                   "from the Markdown heading as written, and decodes only &amp; &lt; &gt; in it, so the "
                   "character references our escaping writes for \" = * _ [ ] # and the like show as written: "
                   "'&quot;><img src&#61;x'. Not live markup; fixing it needs titles that reach Zensical "
                   "without those references (e.g. front-matter titles), not done yet")
def test_search_result_paths_show_the_plan_text_as_text(visit, hostile_site):
    """Under each Zensical result, the path names the page by its title: as text, not as character references."""
    page = visit.page
    page.goto(hostile_site.url + "index.html")
    search(page, open_search(page), "img")
    paths = page.locator("dialog menu li").filter(visible=True)
    assert paths.count() > 0
    shown = words(" ".join(paths.all_inner_texts()))
    assert words('"><img src=x onerror=alert(2)>') in shown
    assert visit.injected() == {}


def test_typing_each_payload_into_search_makes_nothing(visit, hostile_site):
    """The queries themselves are hostile: search parses them and shows what they find, as text."""
    page = visit.page
    page.goto(hostile_site.url + "index.html")
    box = open_search(page)
    answered = 0
    for payload in PAYLOADS:
        search(page, box, payload)
        answered += search_results(page).count() > 0
        assert visit.injected() == {}, payload
    assert answered > 0  # some of them found something, so results were drawn and checked
    assert visit.troubles() == []


def test_network_view_controls_keep_text_as_text(visit, hostile_site):
    """The header, the keyboard's status line and its link, the filters, the layout switch and an
    address naming an item, in a view of every kind (plan, lead, thread, overview): nothing runs."""
    folder = hostile_site.folder / "network"
    views = ["plan.html"] + [next(iter(sorted((folder / sub).glob("*.html")))).relative_to(folder).as_posix()
                             for sub in ("plans", "leads", "thread")]
    hostile_hash = quote("<img src=x onerror=alert(7)>", safe="")
    for view in views:
        visit.page.goto(f"{hostile_site.url}network/{view}#{hostile_hash}")
        wait_for_network(visit.page)
        header = visit.page.locator("header.gt-site-header").inner_text()
        assert missing_payloads(header) == [], view  # the site's name is plan text too
        count = visit.page.evaluate("window.gtNetwork.body.nodeIndices.length")
        visit.page.locator("#gt-network").focus()
        status_texts = []
        for _ in range(count):
            visit.page.locator("#gt-network").press("ArrowRight")
            status_texts.append(visit.page.locator("#gt-network-status").inner_text()
                                + visit.page.locator("#gt-network-open").inner_text())
        assert visit.page.locator("#gt-network-open a").evaluate("a => a.children.length") == 0
        for box in visit.page.locator("#gt-filters input").all():
            if box.is_visible():
                box.uncheck()
                box.check()
        visit.page.locator("#gt-layout-toggle").click()
        visit.page.locator("#gt-layout-toggle").click()
        assert visit.injected() == {}, view
        assert any(missing_payloads(text) == [] for text in status_texts), view


def test_dashboard_sorts_filters_by_plan_and_lead_and_downloads_guarded_csv(visit, hostile_site, tmp_path):
    """The dashboard's new controls on hostile text: sorting each column, filtering by each operational
    plan and lead (hostile names), and the CSV of the rows shown: every payload is there as text, and
    no cell starts with a character a spreadsheet would read as a formula."""
    import csv
    import io

    page = visit.page
    page.goto(hostile_site.url + "outcomes.html")
    rows = page.locator("#gt-dashboard tbody tr")
    total = rows.count()
    for button in page.locator("#gt-dashboard thead button.gt-sort").all():
        button.click()
        button.click()  # and the reverse order
        assert rows.count() == total and visit.injected() == {}
    for label in ("Operational plan", "Lead"):
        select = page.get_by_label(label, exact=True)
        names = select.locator("option").all_inner_texts()[1:]
        assert names and all(missing_payloads(name) == [] for name in names)
        for index in range(1, len(names) + 1):
            select.select_option(index=index)
            assert 0 < rows.filter(visible=True).count() <= total
            assert visit.injected() == {}
        select.select_option(index=0)
    # a cell a spreadsheet would run: the first row's outcome, as plan text could start
    page.evaluate("""() => { const cell = document.querySelector('#gt-dashboard tbody tr td[data-label="Outcome"]');
        cell.firstChild.textContent = '=HYPERLINK("http://x","y")'; }""")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download these rows (CSV)").click()
    path = tmp_path / "outcomes.csv"
    download.value.save_as(path)
    text = path.read_text(encoding="utf-8-sig")
    table = list(csv.reader(io.StringIO(text)))
    assert table[0][0] == "outcome_id" and len(table) == total + 1
    cells = [cell for row in table[1:] for cell in row]
    assert [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")] == []
    assert table[1][1].startswith("'=HYPERLINK(")  # guarded, as in traceability.csv
    assert missing_payloads(" ".join(c[1:] if c[:2] in ("'=", "'+", "'-", "'@") else c for c in cells)) == []
    assert visit.troubles() == []


def test_footer_and_workstreams_show_the_plan_text_as_text(visit, hostile_site):
    """The page footer (the plan's title) and the workstream lists with their RAG links."""
    page = visit.page
    page.goto(hostile_site.url + "priorities/index.html")
    footer = page.locator(".gt-page-footer").inner_text()
    assert words(hostile_site.graph.graph["title"]) in words(footer)
    streams = page.locator(".gt-workstreams li")
    actions = [n for n, kind in hostile_site.graph.nodes(data="kind") if kind == "action"]
    assert streams.count() == len(actions)  # every action listed, whatever its name holds
    for link in page.locator(".gt-workstreams a.gt-rag-count").all()[:3]:
        href = link.get_attribute("href")
        assert href.startswith("../outcomes.html#rag=")
    assert visit.injected() == {}
    assert visit.troubles() == []
