"""Search finds what people type (Material; ``GT_E2E_ENGINE=zensical`` skips what only Material does).

What to search for is chosen from the plan's graph, never written here:

* a RAG rating ("RED") lists the outcomes with that rating and nothing else: no page that only has a
  word starting with it ("reduce"), from a server and from disk (assets/search-rag.js);
* an indicator's capitalised words ("Leaving Care Strategy") list the trace of an outcome of its
  action within the first three results, though the outcome's own words never name it (the trace
  page's headings name its action and indicators).
"""
from __future__ import annotations

import os
import re
from collections import Counter
from urllib.parse import unquote, urlsplit

import pytest

from goldenthread.model.graph import OUTCOME, nodes_of_kind
from goldenthread.site_builder import urls as U
from goldenthread.site_builder.views.common import RagBadge
from goldenthread.site_builder.views.search import indicators_of

from e2e_support import CAPITALISED_RUN, indicator_words
from test_journeys import auditors_outcome

pytestmark = pytest.mark.browser

MATERIAL_ONLY = pytest.mark.skipif(os.environ.get("GT_E2E_ENGINE") == "zensical",
                                   reason="Zensical's search worker takes no query rewriting (see docs/site.md)")
FIRST = 3


def search(page, origin: str, query: str) -> list[str]:
    """The pages Material's search lists for *query*, best first, as site-relative paths."""
    page.goto(origin + "index.html")
    page.locator('.md-search__input, label[for="__search"]').filter(visible=True).first.click()
    page.keyboard.type(query)
    page.wait_for_function("""() => /matching|No matching/.test(
        document.querySelector('.md-search-result__meta')?.textContent || '')""", timeout=15000)
    page.wait_for_timeout(300)  # the list is drawn after the count
    hrefs = page.locator(".md-search-result__item > a").evaluate_all("links => links.map(a => a.href)")
    base = urlsplit(origin).path
    return list(dict.fromkeys(unquote(urlsplit(h).path).removeprefix(unquote(base)) for h in hrefs))


@MATERIAL_ONLY
def test_a_rag_word_lists_only_the_outcomes_with_that_rating(watched, origin, graph):
    ratings = Counter(RagBadge.of(graph.nodes[o].get("rag")).word for o in nodes_of_kind(graph, OUTCOME))
    word = min((w for w in ("RED", "AMBER", "GREEN") if ratings[w]), key=lambda w: ratings[w])
    # the plan has words that start with it ("reduce" for RED): a prefix search would list their pages
    assert any(re.search(rf"\b{word}[a-z]", graph.nodes[n].get("text") or "", re.IGNORECASE) for n in graph.nodes)
    urls = U.SiteUrls(graph)
    rated = {U.page_url(urls.trace_page(o)) for o in nodes_of_kind(graph, OUTCOME)
             if RagBadge.of(graph.nodes[o].get("rag")).word == word}
    listed = search(watched.page, origin, word)
    assert listed and set(listed) <= rated, [p for p in listed if p not in rated]
    if len(rated) <= 10:  # Material draws the first ten results, the rest on scrolling
        assert set(listed) == rated
    assert (watched.outside_requests, watched.console_errors) == ([], [])


def rarest_indicator_action(graph) -> str:
    """The action whose indicator's capitalised words other items use least (the most telling search)."""
    frequency = Counter(w.lower() for n in graph.nodes for w in set(re.findall(r"[A-Za-z]+", graph.nodes[n].get("text") or "")))
    actions = [a for a in dict.fromkeys(graph.nodes[o]["action"] for o in nodes_of_kind(graph, OUTCOME))
               if (ind := indicators_of(graph, a)) and CAPITALISED_RUN.search(graph.nodes[ind[0]].get("text") or "")]
    return min(actions, key=lambda a: sum(frequency[w.lower()] for w in indicator_words(graph, indicators_of(graph, a)[0]).split()))


@MATERIAL_ONLY
@pytest.mark.parametrize("choice", ["the auditor's", "the rarest"])
def test_an_indicators_words_list_an_outcome_of_its_action_first(choice, watched, site_url, graph):
    action = (graph.nodes[auditors_outcome(graph)]["action"] if choice == "the auditor's"
              else rarest_indicator_action(graph))
    query = indicator_words(graph, indicators_of(graph, action)[0])
    outcomes = [o for o in nodes_of_kind(graph, OUTCOME) if graph.nodes[o]["action"] == action]
    urls = U.SiteUrls(graph)
    traces = {U.page_url(urls.trace_page(o)) for o in outcomes}
    listed = search(watched.page, site_url, query)
    assert traces & set(listed[:FIRST]), (query, listed[:FIRST + 5])
    assert (watched.outside_requests, watched.console_errors) == ([], [])
