"""The network views each user asked for: per operational plan, per lead, per action's thread (an
outcome picked out in it), the collapsed overview, the top-down layout and the full-size header."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from goldenthread.model.graph import (ACTION, INDICATOR, LEAD, LED_BY, OPERATIONAL_PLAN, OUTCOME, PRIORITY, SERVES,
                                      VISION, build_graph, chain_to_top, nodes_of_kind)
from goldenthread.model.loader import load_plan
from goldenthread.model.synth.shapes import shaped_plan
from goldenthread.site_builder import urls as U
from goldenthread.site_builder.network.layout import LEVEL, layered_positions
from goldenthread.site_builder.network.planner import GROUP, MAX_NODES, SUMMARY, ViewPlanner
from goldenthread.site_builder.network.render import LEVELS, copy_network_assets, write_view_plan
from goldenthread.site_builder.context import SiteContext
from goldenthread.site_builder.views.items import network_href, network_view_of

ROOT = Path(__file__).resolve().parents[1]
MINI_PLAN = ROOT / "tests" / "fixtures" / "mini_plan"


@pytest.fixture(scope="module")
def g():
    return build_graph(load_plan(MINI_PLAN))


def items(view) -> set[str]:
    return {n for n, kind in view.graph.nodes(data="kind") if kind not in (GROUP, SUMMARY)}


def test_an_operational_plan_view_shows_its_lead_what_it_serves_and_the_way_up(g):
    planner = ViewPlanner(g)
    for plan in nodes_of_kind(g, OPERATIONAL_PLAN):
        view = planner.operational_plan_view(plan)
        served = {t for _, t, k in g.out_edges(plan, keys=True) if k == SERVES}
        leads = {t for _, t, k in g.out_edges(plan, keys=True) if k == LED_BY}
        assert view.name == f"plans/{plan}" and view.root == plan
        assert {plan} | served | leads <= items(view)
        if served:
            assert set(nodes_of_kind(g, VISION)) <= items(view)
        actions = {a for p in served for a in ViewPlanner(g).parts(p, ACTION)}
        assert actions <= items(view)  # the mini plan is small: everything fits


def test_a_lead_view_shows_the_plans_they_lead_and_what_those_serve(g):
    planner = ViewPlanner(g)
    for lead in nodes_of_kind(g, LEAD):
        view = planner.lead_view(lead)
        plans = {s for s, _, k in g.in_edges(lead, keys=True) if k == LED_BY}
        served = {t for p in plans for _, t, k in g.out_edges(p, keys=True) if k == SERVES}
        assert view.name == f"leads/{lead}" and {lead} | plans | served <= items(view)


def test_an_action_thread_runs_up_to_the_vision_and_out_to_plans_and_leads(g):
    planner = ViewPlanner(g)
    for action in nodes_of_kind(g, ACTION):
        view = planner.thread_view(action)
        priority = g.nodes[action]["priority"]
        plans = {s for s, _, k in g.in_edges(priority, keys=True) if k == SERVES}
        leads = {t for p in plans for _, t, k in g.out_edges(p, keys=True) if k == LED_BY}
        up = {n for n in chain_to_top(g, action) if g.nodes[n]["kind"] != "plan"}
        parts = set(planner.parts(action))
        assert up | parts | plans | leads <= items(view), action
        assert {n for n in items(view) if g.nodes[n]["kind"] == ACTION} == {action}  # not its siblings


def test_an_item_the_thread_has_no_room_for_gets_a_thread_of_its_own():
    g = build_graph(shaped_plan(3, "few-priorities"))
    planner = ViewPlanner(g, cap=8)
    views = {v.name: v for v in planner.thread_views()}
    action = max(nodes_of_kind(g, ACTION), key=lambda a: len(planner.parts(a)))
    left_out = [p for p in planner.parts(action) if p not in views[f"thread/{action}"].graph]
    assert left_out and all(f"thread/{p}" in views for p in left_out)
    assert all(p in views[f"thread/{p}"].graph for p in left_out)
    assert max(v.graph.number_of_nodes() for v in views.values()) <= 8


def test_each_item_links_the_view_it_is_drawn_in(g, tmp_path):
    planner = ViewPlanner(g, cap=5)  # small, so that some outcomes have a thread of their own
    ctx = SiteContext(g=g, urls=U.SiteUrls(g)).with_networks({
        plan.name: write_view_plan(plan, tmp_path / f"{plan.name}.html", assets_dir=tmp_path,
                                   href_for_link=lambda link: "x.html") for plan in planner.all_views()})
    own_threads = 0
    for node, kind in g.nodes(data="kind"):
        found = network_view_of(ctx, node)
        if kind in (OUTCOME, INDICATOR):
            name, picked = found
            assert node in {ref.id for ref in ctx.networks[name].nodes}
            own_threads += picked is None
            assert (picked is None) == (name == f"thread/{node}")
        elif kind in (PRIORITY, OPERATIONAL_PLAN, LEAD, ACTION):
            assert node in {ref.id for ref in ctx.networks[found[0]].nodes}
    assert own_threads
    outcome = next(o for o in nodes_of_kind(g, OUTCOME) if network_view_of(ctx, o)[1])
    assert network_href(ctx, "trace/x.md", outcome) == \
        f"../network/thread/{g.nodes[outcome]['action']}.html#{outcome}"


def test_the_top_down_layout_puts_each_level_below_the_one_above(g):
    view = ViewPlanner(g).priority_view(nodes_of_kind(g, PRIORITY)[0])
    vg = view.graph
    rank = {n: LEVELS.get(vg.nodes[n].get("counts") if vg.nodes[n]["kind"] == SUMMARY else vg.nodes[n]["kind"], 4)
            for n in vg}
    at = layered_positions(vg, rank)
    assert set(at) == set(vg)
    for source, target in vg.edges():
        if rank[source] != rank[target]:
            upper, lower = sorted((source, target), key=rank.__getitem__)
            assert at[upper][1] < at[lower][1]
    assert len(set(at.values())) == len(at)  # no two items on the same spot


def test_a_thousand_outcomes_under_one_action_stack_into_rows_not_one_line():
    import networkx as nx
    vg = nx.MultiDiGraph()
    vg.add_node("a")
    for i in range(1000):
        vg.add_edge(f"o{i}", "a")
    at = layered_positions(vg, {"a": 0, **{f"o{i}": 1 for i in range(1000)}})
    xs = {x for x, _ in at.values()}
    assert len(xs) <= 5 and max(y for _, y in at.values()) > 100 * LEVEL


def test_a_written_view_has_the_header_filters_and_both_layouts(g, tmp_path):
    copy_network_assets(tmp_path / "assets")
    plan = ViewPlanner(g).thread_view(nodes_of_kind(g, ACTION)[0])
    links = {"home": "../../index.html", "views": "../../network.html"}
    view = write_view_plan(plan, tmp_path / "network" / "thread" / "a.html", assets_dir=tmp_path / "assets",
                           site_name="</script><b>Council</b>",
                           href_for_link=lambda link: links.get(link[0], f"../../items/{link[1]}.html"))
    html = view.path.read_text(encoding="utf-8")
    assert '<a class="gt-site-header__name" href="../../index.html">&lt;/script&gt;&lt;b&gt;Council&lt;/b&gt;</a>' in html
    assert '<a href="../../network.html">All network views</a>' in html
    assert f'<a href="../../items/{plan.root}.html">The page of this action</a>' in html
    data = json.loads(re.search(r'id="gt-network-data">(.*?)</script>', html, re.S).group(1))
    assert all({"x", "y", "tx", "ty", "kind"} <= set(n) for n in data["nodes"])
    kinds = set(re.findall(r'name="kind" value="([a-z_]+)"', html))
    assert kinds == {n["kind"] for n in data["nodes"] if n["kind"] != OUTCOME}
    rags = set(re.findall(r'name="rag" value="([A-Za-z/none]+)"', html))
    assert rags == {n.get("rag") or "none" for n in data["nodes"] if n["kind"] == OUTCOME}
    without = write_view_plan(plan, tmp_path / "plain.html", assets_dir=tmp_path / "assets",
                              href_for_link=lambda link: "x.html")
    assert "gt-site-header" not in without.path.read_text(encoding="utf-8")


def test_every_view_of_a_big_plan_stays_under_the_cap():
    g = build_graph(shaped_plan(10, "few-priorities"))
    views = ViewPlanner(g).all_views()
    assert max(v.graph.number_of_nodes() for v in views) <= MAX_NODES
    kinds = {v.name.split("/")[0] for v in views if "/" in v.name}
    assert {"plans", "leads", "thread"} <= kinds
