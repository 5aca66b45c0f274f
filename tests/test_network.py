"""The network views: offline, escaped, deterministic, and the contract the site builder relies on."""
from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest

from goldenthread.model.graph import build_graph
from goldenthread.model.loader import load_plan
from goldenthread.site_builder.network import render as network
from goldenthread.site_builder.network.render import (copy_network_assets, priority_neighbourhood, render_network_view,
                                  whole_plan_nodes, write_network_view)

ROOT = Path(__file__).resolve().parents[1]
MINI_PLAN = ROOT / "tests" / "fixtures" / "mini_plan"
VENDOR = ROOT / "site_builder" / "assets" / "vendor"
HOSTILE_SCRIPT = "</script><script>alert(1)</script>"
HOSTILE_IMG = "<img src=x onerror=alert(2)> & 'quote' \"dq\""


@pytest.fixture()
def g():
    return build_graph(load_plan(MINI_PLAN))


def href_for(node: str) -> str:
    return f"../items/{node}.html"


def render(g, node_ids, title="A view"):
    html, view = render_network_view(g, node_ids, title=title, href_for=href_for, assets_href="../assets")
    return html, view


def embedded_data(html: str) -> dict:
    match = re.search(r'<script type="application/json" id="gt-network-data">(.*?)</script>', html, re.S)
    assert match, "the view embeds its data as a JSON script block"
    return json.loads(match.group(1))


def test_whole_plan_has_every_item_but_the_plan_node(g):
    nodes = whole_plan_nodes(g)
    assert "plan" not in nodes
    assert set(nodes) == set(g.nodes) - {"plan"}


def test_priority_neighbourhood_of_a_priority_with_plans_and_references(g):
    # LP2: its actions and outcomes; the Fostering Plan serving it and its lead;
    # DP1, which its action LP2.a refers to ("as departmental priority 1").
    assert priority_neighbourhood(g, "LP2") == [
        "LP2", "LP2.main", "LP2.main.o-board-in-place", "LP2.a", "LP2.a.o-strategy-in-place",
        "DP1", "jo-bloggs", "fostering-plan",
    ]


def test_priority_neighbourhood_brings_in_items_that_refer_to_it_with_their_priority(g):
    # LP2.a refers to DP1, so it comes in with LP2 for context; the rest of LP2 stays out.
    assert priority_neighbourhood(g, "DP1") == [
        "LP2", "LP2.a", "DP1", "DP1.corporate-parenting", "DP1.corporate-parenting.i-placement-choice",
        "DP1.corporate-parenting.o-placement-stability", "DP1.corporate-parenting.o-local-offer",
        "jo-bloggs", "fostering-plan",
    ]


def test_rows_are_the_drawn_edges_in_words(g):
    _, view = render(g, priority_neighbourhood(g, "LP2"))
    rows = {(r.source.id, r.relation, r.target.id) for r in view.rows}
    assert ("LP2.a", "refers to", "DP1") in rows
    assert ("fostering-plan", "serves", "LP2") in rows
    assert ("fostering-plan", "is led by", "jo-bloggs") in rows
    assert ("LP2.a.o-strategy-in-place", "is part of", "LP2.a") in rows
    assert len(view.rows) == 8
    outcome = next(r.source for r in view.rows if r.source.id == "LP2.a.o-strategy-in-place")
    assert (outcome.kind_label, outcome.title, outcome.rag, outcome.href) == (
        "Outcome", "Strategy in place", "RED", "../items/LP2.a.o-strategy-in-place.html")


def test_view_draws_every_node_and_edge_with_link_and_words(g):
    html, view = render(g, priority_neighbourhood(g, "LP2"))
    data = embedded_data(html)
    assert [n["id"] for n in data["nodes"]] == [n.id for n in view.nodes]
    assert len(data["edges"]) == len(view.rows)
    outcome = next(n for n in data["nodes"] if n["id"] == "LP2.a.o-strategy-in-place")
    assert outcome["label"] == "RED: Strategy in place"
    assert outcome["href"] == "../items/LP2.a.o-strategy-in-place.html"
    assert outcome["title"].splitlines()[:4] == [
        "Outcome LP2.a.o-strategy-in-place", "Strategy in place", "RAG: RED", "Timescale: March 2022"]
    assert data["options"]["layout"]["randomSeed"] == network.LAYOUT_SEED
    assert data["options"]["physics"]["stabilization"]["enabled"] is True
    # The key names in words every kind, RAG rating and link kind the view shows.
    for words in ("Priority", "Operational plan", "Lead", "Outcome rated RED", "Outcome rated AMBER",
                  "refers to", "serves", "is led by", "is part of"):
        assert f"</svg> {words}</li>" in html
    assert "Outcome rated GREEN" not in html            # no GREEN outcome in this view


def test_item_without_a_page_is_drawn_but_not_linked(g):
    html, _ = render_network_view(g, ["LP1", "LP1.main"], title="t", assets_href="a",
                                  href_for=lambda n: None if n == "LP1.main" else href_for(n))
    nodes = {n["id"]: n for n in embedded_data(html)["nodes"]}
    assert nodes["LP1.main"]["href"] is None and "Click" not in nodes["LP1.main"]["title"]
    assert nodes["LP1"]["href"] == "../items/LP1.html"


def test_hostile_plan_text_cannot_break_out_of_the_page(g):
    g.nodes["LP2"]["title"] = HOSTILE_SCRIPT
    g.nodes["LP2.a.o-strategy-in-place"]["text"] = HOSTILE_IMG
    g.edges["LP2.a", "DP1", "references"]["text"] = HOSTILE_SCRIPT
    html, view = render(g, priority_neighbourhood(g, "LP2"), title=HOSTILE_IMG)
    assert "<script>alert" not in html and "<img" not in html
    assert html.count("</script>") == 3                  # the data block and the two script files
    assert "&lt;img src=x onerror=alert(2)&gt;" in html  # the title, escaped as HTML text
    data = embedded_data(html)                           # ...and the JSON still says exactly what the plan says
    nodes = {n["id"]: n for n in data["nodes"]}
    assert nodes["LP2"]["name"] == HOSTILE_SCRIPT and HOSTILE_SCRIPT in nodes["LP2"]["title"]
    assert nodes["LP2.a.o-strategy-in-place"]["name"] == HOSTILE_IMG
    assert any(HOSTILE_SCRIPT in e["title"] for e in data["edges"])
    assert next(r for r in view.rows if r.target.id == "LP2").target.title == HOSTILE_SCRIPT


def test_view_is_deterministic_whatever_order_the_ids_come_in(g, tmp_path):
    ids = priority_neighbourhood(g, "DP1")
    first = write_network_view(g, ids, tmp_path / "a" / "DP1.html", title="DP1", href_for=href_for,
                               assets_dir=tmp_path / "assets")
    second = write_network_view(g, list(reversed(ids)), tmp_path / "b" / "DP1.html", title="DP1",
                                href_for=href_for, assets_dir=tmp_path / "assets")
    assert first.path.read_bytes() == second.path.read_bytes()
    assert first.rows == second.rows


def test_view_refers_to_nothing_outside_and_its_assets_exist(g, tmp_path):
    assets = tmp_path / "site" / "assets"
    copied = copy_network_assets(assets)
    view = write_network_view(g, whole_plan_nodes(g), tmp_path / "site" / "network" / "plan.html",
                              title="The whole plan", href_for=href_for, assets_dir=assets)
    html = view.path.read_text(encoding="utf-8")
    assert not re.search(r"https?:|//[a-z]", html, re.I)
    refs = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sorted(refs) == ["../assets/network.css", "../assets/network.js",
                            "../assets/vendor/vis-network/vis-network.min.js", "data:,", "plan.html"]
    for ref in refs:
        if ref != "data:,":
            assert (view.path.parent / ref).resolve().is_file(), ref
    names = sorted(p.relative_to(assets).as_posix() for p in copied)
    assert names == ["network.css", "network.js", "vendor/vis-network/LICENSE-APACHE-2.0",
                     "vendor/vis-network/LICENSE-MIT", "vendor/vis-network/vis-network.min.js"]
    for ours in ("network.js", "network.css"):
        assert not re.search(r"https?:|url\(|@import|//[a-z]+\.[a-z]", (assets / ours).read_text()), ours


def test_vendored_vis_network_is_the_file_its_readme_names():
    readme = (VENDOR / "README.md").read_text(encoding="utf-8")
    digest = hashlib.sha256((VENDOR / "vis-network" / "vis-network.min.js").read_bytes()).hexdigest()
    assert f"`{digest}`" in readme
    assert "@version 10.1.5" in (VENDOR / "vis-network" / "vis-network.min.js").read_text(encoding="utf-8")[:400]
    assert "| 10.1.5 |" in readme


def test_only_network_module_imports_pyvis():
    importers = [p.relative_to(ROOT).as_posix() for folder in ("model", "site_builder")
                 for p in (ROOT / folder).rglob("*.py")
                 if re.search(r"^\s*(from|import)\s+pyvis", p.read_text(encoding="utf-8"), re.M)]
    assert importers == ["site_builder/network/render.py"]

