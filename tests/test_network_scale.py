"""Network views of a big plan: none draws more than the cap, each says what it leaves out, and links hold."""
from __future__ import annotations

import doctest
import json
import re

import pytest

from goldenthread.model.synth.shapes import shaped_plan
from goldenthread.model.graph import ACTION, OUTCOME, PRIORITY, build_graph, nodes_of_kind
from goldenthread.site_builder.network import planner
from goldenthread.site_builder.network.render import copy_network_assets, write_view_plan
from goldenthread.site_builder.network.planner import GROUP, MAX_NODES, SUMMARY, ViewPlanner

SCALE = 20  # about 2,100 outcomes: big enough that every kind of view folds, quick enough for a unit test


@pytest.fixture(scope="module", params=["directorates", "two-groups", "few-priorities"])
def big(request):
    g = build_graph(shaped_plan(SCALE, request.param))
    return g, ViewPlanner(g).all_views()


def drawn_items(view) -> set[str]:
    return {n for n, kind in view.graph.nodes(data="kind") if kind not in (GROUP, SUMMARY)}


def test_no_view_draws_more_than_the_cap(big):
    g, views = big
    assert len(views) == 1 + len({g.nodes[p]["group"] for p in nodes_of_kind(g, PRIORITY)}) + len(
        nodes_of_kind(g, PRIORITY))
    assert max(v.graph.number_of_nodes() for v in views) <= MAX_NODES
    assert len({v.name for v in views}) == len(views)


def test_what_is_not_drawn_is_counted_exactly(big):
    g, views = big
    overview = views[0]
    drawn = drawn_items(overview)
    counted = dict(overview.hidden)
    for kind in (PRIORITY, ACTION, OUTCOME):
        assert counted.get(kind, 0) == len([n for n in nodes_of_kind(g, kind) if n not in drawn]), kind
    assert overview.note().startswith("To keep this diagram readable, ")
    for view in views[1:]:
        if view.name in g:  # a priority's view: everything of its own is drawn or counted
            own = [n for n in g.nodes if g.nodes[n].get("priority") == view.name]
            missing = [n for n in own if n not in drawn_items(view)]
            assert sum(dict(view.hidden).values()) >= len(missing)
            assert bool(view.note()) == bool(view.hidden)


def test_summary_nodes_count_what_they_stand_for(big):
    g, views = big
    summaries = [(v, n, d) for v in views for n, d in v.graph.nodes(data=True) if d["kind"] == SUMMARY]
    assert summaries or g.graph["groups"].__len__() > 2  # with many small groups nothing needs a count node
    for view, node, data in summaries:
        assert re.match(r"[\d,]+ ", data["title"]), data["title"]
        assert int(data["title"].split()[0].replace(",", "")) == data["count"]
        assert view.graph.out_degree(node) == 1  # hangs from the item whose page lists them
        assert data["link"][0] in ("item", "list")


def test_a_priority_with_hundreds_of_outcomes_counts_them_under_each_action():
    g = build_graph(shaped_plan(SCALE, "few-priorities"))
    priority = nodes_of_kind(g, PRIORITY)[0]
    view = ViewPlanner(g).priority_view(priority)
    actions = [n for n in view.graph if view.graph.nodes[n]["kind"] == ACTION
               and g.nodes[n]["priority"] == priority]  # not those of items elsewhere that refer to it
    assert len(actions) > 20
    outcome_counts = {a: view.graph.nodes[f"summary:{a}:outcome"]["count"] for a in actions}
    assert outcome_counts == {a: sum(1 for n in g.nodes if g.nodes[n].get("action") == a
                                     and g.nodes[n]["kind"] == OUTCOME) for a in actions}
    assert not [n for n in view.graph if view.graph.nodes[n]["kind"] == OUTCOME]
    assert view.graph.number_of_nodes() <= MAX_NODES


def test_a_small_plan_is_drawn_whole():
    g = build_graph(shaped_plan(1))
    overview = ViewPlanner(g).overview()
    assert drawn_items(overview) == set(g.nodes) - {"plan"}
    assert overview.hidden == () and overview.note() == ""


def test_written_views_link_groups_and_summaries_and_show_the_note(tmp_path):
    g = build_graph(shaped_plan(SCALE, "two-groups"))
    planner = ViewPlanner(g)
    copy_network_assets(tmp_path / "assets")
    links = []

    def href(link):
        links.append(link)
        return {"item": f"../items/{link[1]}.html", "view": f"{link[1]}.html", "list": "../list.html"}[link[0]]

    overview = write_view_plan(planner.overview(), tmp_path / "network" / "plan.html", href_for_link=href,
                               assets_dir=tmp_path / "assets")
    html = overview.path.read_text(encoding="utf-8")
    data = json.loads(re.search(r'id="gt-network-data">(.*?)</script>', html, re.S).group(1))
    groups = [n for n in data["nodes"] if n["id"].startswith("group:")]
    assert [n["href"] for n in groups] == [f"groups/{k}.html" for k in g.graph["groups"]]
    assert "1,400 priorities" not in html and f"{7 * SCALE * 2:,} priorities" in html
    assert '<a href="../list.html" target="_top">See the full list</a>' in html
    group = write_view_plan(planner.group_view(next(iter(g.graph["groups"]))), tmp_path / "network" / "groups" /
                            "x.html", href_for_link=href, assets_dir=tmp_path / "assets")
    assert MAX_NODES - 2 <= len(group.nodes) <= MAX_NODES  # filled up to the cap, then folded
    assert [n.title for n in group.nodes if n.kind == SUMMARY][0].split(" ")[1:3] == ["more", "operational"]
    assert 'src="../../assets/network.js"' in group.path.read_text(encoding="utf-8")


def test_docstring_examples():
    result = doctest.testmod(planner, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0 and result.attempted >= 3


def test_under_the_cap_a_priority_view_draws_its_whole_neighbourhood():
    from goldenthread.site_builder.network.render import priority_neighbourhood

    g = build_graph(shaped_plan(2))
    planner = ViewPlanner(g)
    for priority in nodes_of_kind(g, PRIORITY):
        view = planner.priority_view(priority)
        assert list(view.graph.nodes) == priority_neighbourhood(g, priority)
        assert view.hidden == () and view.root == priority


def test_group_names_are_escaped_in_the_overview(tmp_path):
    g = build_graph(shaped_plan(1))
    key = next(iter(g.graph["groups"]))
    g.graph["groups"][key] = "</script><script>alert(1)</script>"
    view = write_view_plan(ViewPlanner(g).overview(), tmp_path / "plan.html", assets_dir=tmp_path,
                           href_for_link=lambda link: "x.html")
    html = view.path.read_text(encoding="utf-8")
    assert "<script>alert" not in html and html.count("</script>") == 3
    assert any(n.title.startswith("</script><script>alert(1)</script> (") for n in view.nodes)


def test_items_that_refer_to_a_priority_are_counted_once_each():
    g = build_graph(shaped_plan(SCALE, "two-groups"))
    priority = max(nodes_of_kind(g, PRIORITY), key=lambda p: g.in_degree(p))
    referrers = {s for s, _, k in g.in_edges(priority, keys=True) if k == "references"}
    view = ViewPlanner(g, cap=40).priority_view(priority)
    summary = view.graph.nodes[f"summary:{priority}:more"]
    drawn = referrers & set(view.graph)
    assert summary["title"] == f"{len(referrers) - len(drawn)} more items refer to it"
    assert drawn and view.graph.number_of_nodes() <= 40


def test_a_group_label_keeps_its_count_however_long_its_name():
    from goldenthread.site_builder.network.render import render_network_view

    g = build_graph(shaped_plan(1))
    key = next(iter(g.graph["groups"]))
    g.graph["groups"][key] = "Potholes Departmental Priorities, Highways and Transport and Everything Else"
    plan = ViewPlanner(g).overview()
    html, _ = render_network_view(plan.graph, list(plan.graph), title="t", href_for=lambda n: None,
                                  assets_href="a", href_for_link=lambda link: None)
    data = json.loads(re.search(r'id="gt-network-data">(.*?)</script>', html, re.S).group(1))
    label = next(n["label"] for n in data["nodes"] if n["id"] == f"group:{key}")
    assert label.endswith("\u2026 (7 priorities)") and label.startswith("Potholes Departmental") and len(label) <= 40
