"""The three users' journeys, each from the home page, counting clicks: two or fewer.

Each journey runs from a server and from disk (file://), at 1366 px and at 390 px (a phone); run
the module again with ``GT_E2E_ENGINE=zensical`` for the Zensical build. What each journey looks
for is chosen from the plan's graph, not written here:

* staff: a workstream the plan names with a word ("Neglect"): which priority it belongs to, its
  outcomes by RAG, and who leads the operational plan behind it;
* planner: what to fix (priorities without a plan, ambiguous references, duplicates), with the
  YAML file and line of each;
* auditor: from the words of an indicator ("Leaving Care Strategy") to the trace of an outcome
  measured by it, with its owning plan, its lead and its source line.
"""
from __future__ import annotations

from collections import Counter
from urllib.parse import urlsplit

import pytest

from goldenthread.model.analysis import run_all
from goldenthread.model.graph import ACTION, OUTCOME, SERVES, nodes_of_kind
from goldenthread.model.locations import locate_findings
from goldenthread.site_builder import urls as U
from goldenthread.site_builder.views.common import RagBadge, item_title
from goldenthread.site_builder.views.search import action_tag, indicators_of

from e2e_support import CAPITALISED_RUN, indicator_words, leads_of_priority, plan_dir, watched_page

pytestmark = pytest.mark.browser

VIEWPORTS = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}
MAX_CLICKS = 2


@pytest.fixture(params=list(VIEWPORTS))
def journey(request, browser):
    watched = watched_page(browser, viewport=VIEWPORTS[request.param])
    watched.clicks = 0
    yield watched
    watched.page.context.close()


def click(journey, locator) -> None:
    """A person's click: counted, and the page given time to load what it opens."""
    journey.clicks += 1
    locator.scroll_into_view_if_needed()
    locator.click()
    journey.page.wait_for_load_state("load")
    journey.page.wait_for_timeout(200)  # the dashboard's filter runs on load


def test_staff_find_a_workstream_its_priority_its_outcomes_by_rag_and_its_lead(journey, origin, graph):
    # a workstream named with a word, whose priority an operational plan with a lead serves
    action = next(a for a in nodes_of_kind(graph, ACTION) if action_tag(graph, a)
                  and any(graph.nodes[o]["kind"] == OUTCOME for o, _ in graph.in_edges(a))
                  and leads_of_priority(graph, graph.nodes[a]["priority"]))
    name, priority = action_tag(graph, action), graph.nodes[action]["priority"]
    outcomes = [o for o, _ in graph.in_edges(action) if graph.nodes[o]["kind"] == OUTCOME]
    rag, count = Counter(graph.nodes[o].get("rag") for o in outcomes).most_common(1)[0]
    page = journey.page
    page.goto(origin + "index.html")
    click(journey, page.locator(f'article a[href="{U.page_url(U.PRIORITIES)}"]').filter(visible=True).first)

    # 1. which priority: the workstream is listed, by name, on its priority's card
    entry = page.locator(f'li[id="{action}"]')
    assert name in entry.inner_text()
    card = page.locator("li.gt-card").filter(has=entry)
    assert priority in card.locator(".gt-card__title").inner_text()

    # 2. its outcomes by RAG: the count opens the dashboard showing just those outcomes
    click(journey, entry.locator("a.gt-rag-count").filter(has_text=RagBadge.of(rag).word).first)
    assert urlsplit(page.url).path.endswith(U.page_url(U.OUTCOMES))
    rows = page.locator("#gt-dashboard tbody tr").filter(visible=True)
    assert rows.count() == count
    assert {row.get_attribute("id") for row in rows.all()} == {o for o in outcomes if graph.nodes[o].get("rag") == rag}

    # 3. who leads the plan behind it: each row names the leads, on a phone too
    for lead in leads_of_priority(graph, priority):
        cells = rows.locator("td[data-label='Leads']").filter(has_text=item_title(graph, lead))
        assert cells.count() == count
        assert cells.first.is_visible()
        box = cells.first.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= page.viewport_size["width"] + 1, "off-screen"
    assert journey.clicks <= MAX_CLICKS
    assert (journey.outside_requests, journey.console_errors) == ([], [])


def test_planner_finds_what_to_fix_with_the_yaml_file_and_line(journey, origin, graph):
    wanted = ("priority-without-plan", "ambiguous-reference", "duplicate")
    findings = [f for f in locate_findings(graph, plan_dir(), run_all(graph)) if f.code in wanted]
    assert findings, "the plan has nothing of the kinds this journey looks for"
    page = journey.page
    page.goto(origin + "index.html")
    click(journey, page.locator(f'article a[href="{U.page_url(U.FINDINGS)}"]').filter(visible=True).first)
    text = page.locator("article").inner_text()
    for f in findings:
        section = page.locator(f'h3[id="{f.code}"]')
        assert section.count() == 1, f.code
        for where in f.locations:
            assert f"{where['file']}:{where['line']}" in text, (f.code, where)
    # what to do, in words, with each kind
    assert text.count("What to do:") >= len({f.code for f in findings})
    assert journey.clicks <= MAX_CLICKS
    assert (journey.outside_requests, journey.console_errors) == ([], [])


def auditors_outcome(graph) -> str:
    """An outcome whose action's first indicator names something in capitalised words, with a lead and a source."""
    return next(o for o in nodes_of_kind(graph, OUTCOME)
                if (ind := indicators_of(graph, graph.nodes[o]["action"]))
                and CAPITALISED_RUN.search(graph.nodes[ind[0]].get("text") or "")
                and leads_of_priority(graph, graph.nodes[o]["priority"]) and graph.nodes[o].get("source"))


def test_auditor_goes_from_an_indicator_to_the_trace_its_plan_lead_and_source(journey, origin, graph):
    # an outcome whose action has an indicator named in capitalised words, and a plan with a lead
    outcome = auditors_outcome(graph)
    action, priority = graph.nodes[outcome]["action"], graph.nodes[outcome]["priority"]
    query = indicator_words(graph, indicators_of(graph, action)[0])
    trace_page = U.page_url(U.SiteUrls(graph).trace_page(outcome))
    page = journey.page
    page.goto(origin + "index.html")
    page.locator('.md-search__input, .md-search__button, label[for="__search"]').filter(visible=True).first.click()
    page.keyboard.type(query)
    # a result for the outcome's trace, or for the section of its action on its priority's page
    results = page.locator(f'a[href*="{trace_page}"], a[href*="{priority}.html#{action}"]').filter(visible=True)
    results.first.wait_for(timeout=15000)
    journey.clicks += 1
    results.first.click()
    page.wait_for_load_state("load")
    if not urlsplit(page.url).path.endswith(trace_page):
        click(journey, page.locator(f'a.gt-trace-link[href$="{trace_page}"]').filter(visible=True).first)
    assert urlsplit(page.url).path.endswith(trace_page)
    article = page.locator("article").inner_text()
    plans = [s for s, _, k in graph.in_edges(priority, keys=True) if k == SERVES]
    assert any(item_title(graph, p) in article for p in plans), "no owning plan on the trace"
    assert any(item_title(graph, lead) in article for lead in leads_of_priority(graph, priority)), "no lead"
    first_line = graph.nodes[outcome]["source"]["lines"][0]
    assert page.locator(".gt-source__no", has_text=str(first_line)).first.is_visible(), "no source line"
    assert journey.clicks <= MAX_CLICKS
    assert (journey.outside_requests, journey.console_errors) == ([], [])
