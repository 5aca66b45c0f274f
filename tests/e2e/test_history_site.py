"""A site built with ``--previous``, end to end in Chromium: the changes show where a reader looks.

The mini plan in two versions: last quarter (``DP1.corporate-parenting.o-placement-stability``
AMBER/GREEN, due March 2022) and now (RED, due June 2022, with the lead's commentary). Built with ``goldenthread
build --previous``, then read in the browser: the trace page's timeline, ``changes.html``,
``board.html`` (on screen, and printed on A4), the home page's chart and the dashboard's change
filter; axe on each new page. A second site is built from the hostile plan (every text and every
commentary a payload) in two versions: nothing runs, the payloads read as text.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from e2e_support import ROOT, serve_directory, watched_page
from site_fixtures import HOSTILE, HOSTILE_LINES, MINI_PLAN, edit_yaml, hostile_plan
from test_hostile_site import FIND_INJECTED, ONE_DIALOG_PER_FRAME, missing_payloads
from test_site import BLOCKING_IMPACTS, run_axe

pytestmark = pytest.mark.browser

OUTCOME = "DP1.corporate-parenting.o-placement-stability"   # AMBER/GREEN, due March 2022; its plan has a lead
COMMENTARY = "Referrals rose in the autumn; a recovery plan is agreed."


def outcomes(data):
    for priority in data.get("priorities", []):
        for action in priority.get("actions", []):
            yield from action.get("outcomes", [])


def set_outcome(plan: Path, node: str, **values) -> None:
    def edit(data):
        for o in outcomes(data):
            if o["id"] == node:
                o.update(values)
    for path in (plan / "groups").glob("*.yaml"):
        edit_yaml(path, edit)


def set_updated(plan: Path, day: str) -> None:
    edit_yaml(plan / "plan.yaml", lambda data: data.__setitem__("last_updated", day))


def build(plan: Path, out: Path, *previous: Path) -> None:
    command = [sys.executable, "-m", "goldenthread", "build", str(plan), "--out", str(out)]
    for old in previous:
        command += ["--previous", str(old)]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="module")
def history_site(tmp_path_factory):
    base = tmp_path_factory.mktemp("history")
    old, now = base / "last-quarter", base / "now"
    shutil.copytree(MINI_PLAN, old)
    shutil.copytree(MINI_PLAN, now)
    set_updated(old, "2021-10-15")
    set_outcome(now, OUTCOME, rag="RED", timescale="June 2022",
                commentary={"date": "2022-01-05", "text": COMMENTARY})
    out = base / "site"
    build(now, out, old)
    with serve_directory(out) as url:
        yield url


@pytest.fixture()
def page(browser):
    watched = watched_page(browser)
    yield watched.page
    assert watched.outside_requests == [] and watched.console_errors == []
    watched.page.context.close()


def test_the_trace_page_shows_the_outcome_in_each_version(page, history_site):
    page.goto(f"{history_site}trace/{OUTCOME}.html")
    steps = page.locator(".gt-timeline__version")
    assert steps.count() == 2
    first, second = steps.nth(0).inner_text(), steps.nth(1).inner_text()
    assert "15 October 2021" in first and "AMBER/GREEN" in first and "March 2022" in first
    assert "this version" in second and "RED" in second and "June 2022" in second
    assert "Rating worsened" in second and "Timescale slipped" in second and COMMENTARY in second


def test_changes_page_lists_the_worsened_rating_first(page, history_site):
    page.goto(f"{history_site}changes.html")
    assert page.locator("h1").inner_text().rstrip("¶") == "What changed since 15 October 2021"
    sections = [h.rstrip("¶") for h in page.locator("article h2").all_inner_texts()]
    assert sections[:2] == ["Ratings that worsened (1)", "Timescales that slipped (1)"]
    first = page.locator("table.gt-changes").first.locator("tbody tr").first.inner_text()
    assert OUTCOME in first and "AMBER/GREEN" in first and "RED" in first
    assert COMMENTARY in page.locator("#commentary + .gt-scroll").inner_text()


def test_board_report_shows_trend_exceptions_lead_and_commentary(page, history_site):
    page.goto(f"{history_site}board.html")
    dp1 = page.locator(".gt-board__priorities tbody tr", has_text="DP1").first.inner_text()
    assert "Worse: 1 worsened" in dp1
    for section in ("#red", "#worsened"):
        table = page.locator(f"{section} ~ table").first
        row = table.locator("tbody tr", has_text=OUTCOME).inner_text()
        assert COMMENTARY in row and "5 January 2022" in row
        assert table.locator("tbody tr", has_text=OUTCOME).locator("td").nth(3).inner_text() == "Jo Bloggs"
    missing = page.locator("#missing-updates").inner_text()
    assert missing.startswith("Missing updates (") and OUTCOME not in page.locator("#missing-updates ~ table").first.inner_text()


def test_home_chart_and_dashboard_filter(page, history_site):
    page.goto(history_site)
    chart = page.locator(".gt-version-chart desc").text_content()
    assert "RED: 15 October 2021 1, 10 January 2022 (now) 2" in chart
    rows = page.locator("table", has_text="The same numbers").locator("tbody tr")
    assert rows.count() == 2
    old, new = ([int(n) for n in rows.nth(i).locator("td").all_inner_texts()] for i in (0, 1))
    # columns: GREEN, AMBER/GREEN, AMBER, RED, N/A, no rating, all: one AMBER/GREEN became RED
    assert (new[1], new[3], new[-1]) == (old[1] - 1, old[3] + 1, old[-1])
    assert "15 October 2021" in rows.nth(0).inner_text() and "this version" in rows.nth(1).inner_text()
    page.goto(f"{history_site}outcomes.html")
    page.select_option("#gt-filter-change", "worsened")
    visible = [r for r in page.locator("#gt-dashboard tbody tr").all() if r.is_visible()]
    assert len(visible) == 1 and OUTCOME in visible[0].inner_text()
    assert "Showing 1 of" in page.locator("#gt-filter-count").inner_text()


@pytest.mark.parametrize("path", ["changes.html", "board.html", f"trace/{OUTCOME}.html", "index.html", "outcomes.html"])
def test_history_pages_have_no_serious_accessibility_violation(page, history_site, path):
    page.goto(history_site + path)
    blocking = [f"{v['id']} ({v['impact']}): {v['help']}" for v in run_axe(page) if v["impact"] in BLOCKING_IMPACTS]
    assert blocking == []


A4_WIDTH_PX = 794   # 210 mm at 96 px per inch


def test_board_report_prints_on_a4(page, history_site):
    page.set_viewport_size({"width": A4_WIDTH_PX - 2 * 46, "height": 1000})   # 210 mm less 12 mm margins
    page.goto(f"{history_site}board.html")
    page.emulate_media(media="print")
    layout = page.evaluate("""() => {
        const width = document.documentElement.clientWidth;
        const over = [...document.querySelectorAll("article *")]
            .filter(el => el.getBoundingClientRect().right > width + 1)
            .map(el => el.localName + "." + el.className);
        const hidden = [".md-header", ".md-sidebar--primary", ".md-footer"]
            .map(s => document.querySelector(s)).filter(Boolean)
            .every(el => getComputedStyle(el).display === "none");
        const headings = [...document.querySelectorAll("article h2, article h3")]
            .every(h => getComputedStyle(h).breakAfter === "avoid");
        const rows = [...document.querySelectorAll("article tr")]
            .every(r => getComputedStyle(r).breakInside === "avoid");
        const heads = [...document.querySelectorAll("article thead")]
            .every(t => getComputedStyle(t).display === "table-header-group");
        return {scroll: document.documentElement.scrollWidth, width, over: over.slice(0, 5), hidden, headings, rows, heads};
    }""")
    assert layout["scroll"] <= layout["width"], layout
    assert layout["over"] == [], layout
    assert layout["hidden"] and layout["headings"] and layout["rows"] and layout["heads"], layout
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page\n") + pdf.count(b"/Type /Page ") + \
        pdf.count(b"/Type/Page") >= 1


# -- hostile text through the history pages ----------------------------------------------------

@pytest.fixture(scope="module")
def hostile_history_site(tmp_path_factory):
    base = tmp_path_factory.mktemp("hostile-history")
    old, now = hostile_plan(base / "old"), hostile_plan(base / "now")
    set_updated(old, "2021-10-15")

    def annotate(rag: str, day: str):
        def edit(data):
            for o in outcomes(data):
                o["rag"] = rag
                o["commentary"] = {"date": day, "text": f"{HOSTILE}\n{HOSTILE_LINES}\nend {HOSTILE}"}
        return edit
    for path in (old / "groups").glob("*.yaml"):
        edit_yaml(path, annotate("GREEN", "2021-10-01"))
    for path in (now / "groups").glob("*.yaml"):
        edit_yaml(path, annotate("RED", "2022-01-05"))
    out = base / "site"
    build(now, out, old)
    with serve_directory(out) as url:
        yield url, sorted(p.relative_to(out).as_posix() for p in (out / "trace").glob("*.html")
                          if p.name != "index.html")


def test_hostile_commentary_runs_nothing_on_the_history_pages(browser, hostile_history_site):
    url, traces = hostile_history_site
    watched = watched_page(browser)
    page = watched.page
    dialogs = []
    page.context.add_init_script(ONE_DIALOG_PER_FRAME)
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    problems = {}
    try:
        for path in ["changes.html", "board.html", "index.html", "outcomes.html", *traces]:
            page.goto(url + path)
            page.wait_for_timeout(50)
            trouble = [f"{frame.url}: {hits}" for frame in page.frames if (hits := frame.evaluate(FIND_INJECTED))]
            shown = page.locator("article").first.inner_text()
            if path in ("changes.html", "board.html") or path.startswith("trace/"):
                if missing := missing_payloads(shown):
                    trouble.append(f"does not show {missing}")
            if path.startswith("trace/") and "end " not in page.locator(".gt-timeline").inner_text():
                trouble.append("the timeline drops the commentary")
            if trouble:
                problems[path] = trouble
    finally:
        page.context.close()
    assert problems == {}
    assert dialogs == [] and watched.outside_requests == [] and watched.console_errors == []
