"""The site of a large plan: a bounded navigation, no page that lists the whole plan, and the
per-page look-ups that keep page generation linear.

The thresholds are lowered (a SiteOptions passed to the build) so that the mini plan takes the large-plan paths;
the timings themselves are in benchmarks/bench_build.py, not here.
"""
from __future__ import annotations

import networkx as nx
import pytest

from goldenthread.model.graph import OUTCOME, PRIORITY, nodes_of_kind
from goldenthread.model.loader import load_plan
from goldenthread.site_builder import urls as U
from goldenthread.site_builder.build import build_site, prepare_project
from goldenthread.site_builder.generate import generate_docs, site_context
from goldenthread.site_builder.options import SiteOptions
from goldenthread.model.queries import outcomes_under
from goldenthread.site_builder.views.dependencies import dependencies_view
from site_fixtures import MINI_PLAN, hostile_plan


@pytest.fixture()
def large() -> SiteOptions:
    """Every large-plan path on: priorities out of the navigation, split indexes, no matrix."""
    return SiteOptions(nav_priorities_max=1, split_outcomes=1, matrix_max_priorities=1)


def _priorities_entry(nav: list):
    return next(entry["Priorities"] for entry in nav if "Priorities" in entry)


def test_few_priorities_are_listed_in_the_navigation(tmp_path):
    docs = generate_docs(load_plan(MINI_PLAN), tmp_path / "docs")
    assert _priorities_entry(docs.nav) == [U.PRIORITIES, {"LP1: Stable services": "priorities/LP1.md"},
                                           {"LP2: Ambitious corporate parents": "priorities/LP2.md"},
                                           {"DP1: Corporate parenting": "priorities/DP1.md"}]
    assert "/priorities/*.md" not in docs.not_in_nav
    assert (tmp_path / "docs" / "outcomes.md").is_file() and not (tmp_path / "docs" / "outcomes").exists()


def test_many_priorities_leave_the_navigation_bounded(tmp_path, large):
    docs = generate_docs(load_plan(MINI_PLAN), tmp_path / "docs", options=large)
    assert _priorities_entry(docs.nav) == U.PRIORITIES
    assert "/priorities/*.md" in docs.not_in_nav
    flat = str(docs.nav)
    assert "LP1" not in flat and "trace/" in flat  # only the fixed pages (trace/index.md) are in it


def test_a_large_plan_gets_a_dashboard_and_a_trace_matrix_per_group(tmp_path, large):
    data = load_plan(MINI_PLAN)
    docs = generate_docs(data, tmp_path / "docs", options=large)
    g = site_context(data, large).g
    groups = list(g.graph["groups"])
    for key in groups:
        assert U.group_outcomes_page(key) in docs.pages and U.group_trace_page(key) in docs.pages
    top = (tmp_path / "docs" / U.OUTCOMES).read_text(encoding="utf-8")
    trace_top = (tmp_path / "docs" / U.TRACE_INDEX).read_text(encoding="utf-8")
    for key in groups:
        assert f'href="outcomes/{key}.html"' in top and f'href="groups/{key}.html"' in trace_top
    # Every outcome is on exactly one group's dashboard and one group's matrix, and keeps its trace page.
    for folder, page_of in (("outcomes", U.group_outcomes_page), ("trace/groups", U.group_trace_page)):
        texts = [(tmp_path / "docs" / page_of(key)).read_text(encoding="utf-8") for key in groups]
        for outcome in nodes_of_kind(g, OUTCOME):
            link = f'{outcome}.html"'
            assert sum(link in text for text in texts) == 1, (folder, outcome)
            assert (tmp_path / "docs" / U.SiteUrls.trace_page(outcome)).is_file()


def test_a_split_site_builds_without_warnings_and_links_back(tmp_path, large):
    result = build_site(MINI_PLAN, tmp_path / "site", options=large)
    assert result.warnings == []
    page = (tmp_path / "site" / "trace" / "groups" / "leadership.html").read_text(encoding="utf-8")
    assert 'href="../index.html"' in page and 'href="../LP1.main.o-fewer-referrals.html"' in page
    dashboard = (tmp_path / "site" / "outcomes" / "departmental.html").read_text(encoding="utf-8")
    assert 'data-priority="DP1"' in dashboard and 'data-priority="LP1"' not in dashboard


def test_split_pages_escape_group_names(tmp_path, large):
    project = tmp_path / "project"
    prepare_project(hostile_plan(tmp_path / "plan"), project, options=large)
    for name in ("outcomes.md", "trace/index.md", "outcomes/leadership.md", "trace/groups/leadership.md"):
        markdown = (project / "docs" / name).read_text(encoding="utf-8")
        assert "Leadership Priorities &lt;script&gt;alert(1)&lt;/script&gt;" in markdown, name
        assert "<script" not in markdown and "{{ jinja" not in markdown, name


def test_no_priority_matrix_above_the_limit_but_every_linked_pair(large):
    ctx = site_context(load_plan(MINI_PLAN), large)
    view = dependencies_view(ctx)
    assert (view.rows, view.columns, view.matrix_shown, view.priority_count) == ([], [], False, 3)
    assert [(p.a.id, p.b.id) for p in view.pairs] == [(c["a"], c["b"]) for c in ctx.dependencies.cells] != []


def test_indexed_look_ups_agree_with_scanning_the_plan():
    ctx = site_context(load_plan(MINI_PLAN))
    g = ctx.g
    part_of = nx.subgraph_view(g, filter_edge=lambda u, v, k: k == "part_of")
    for node in g.nodes:
        below = nx.ancestors(part_of, node)
        assert outcomes_under(g, node) == [n for n in nodes_of_kind(g, OUTCOME) if n in below]
        nodes = {node} | below
        assert ctx.findings_about(nodes) == [f for f in ctx.findings if nodes.intersection(f.nodes)]
    for p in nodes_of_kind(g, PRIORITY):
        assert ctx.dependency_cells_of(p) == [c for c in ctx.dependencies.cells if p in (c["a"], c["b"])]
        assert ctx.items_of_priority(p) == [n for n in g.nodes if g.nodes[n].get("priority") == p]


def test_home_names_the_groups_only_while_there_are_few():
    from goldenthread.site_builder.views import home
    data = load_plan(MINI_PLAN)
    assert home.home_view(site_context(data)).figures[0].note == "2 leadership, 1 departmental"
    assert home.home_view(site_context(data, SiteOptions(home_groups_named=1))).figures[0].note == "in 2 groups"
