"""Interactive network views of the plan: pyvis data, our own offline template.

The only module that imports pyvis. pyvis builds the node and edge lists and
the vis-network options; the page is rendered by our template
``templates/network/view.html`` (never pyvis's stock one, which loads
Bootstrap and vis-network from CDNs and shows tooltips as raw HTML).

Contract for the site builder
-----------------------------
1. Copy the assets once per build: ``copy_network_assets(assets_dir)`` puts
   ``network.js``, ``network.css`` and ``vendor/vis-network/`` into
   *assets_dir* (anywhere inside the built docs tree).
2. Write a view. The site plans its views with
   :class:`site_builder.network.planner.ViewPlanner` (so that none draws more
   than ``MAX_NODES`` items, whatever the plan's size) and writes each with
   ``write_view_plan(plan, out_path, href_for_link=..., assets_dir=assets_dir)``;
   a view that leaves items out shows a note saying so, with a link to the full
   list. Any selection can also be drawn as it is:
   ``write_network_view(g, node_ids, out_path, title=..., href_for=...,
   assets_dir=assets_dir)``, with *node_ids* from :func:`whole_plan_nodes`,
   :func:`priority_neighbourhood` or anywhere; the view draws every graph edge
   between them.
   ``href_for(node_id)`` returns the URL of that item's page **relative to
   out_path's folder** (or ``None`` for an item with no page: it is drawn but
   not clickable). A click (or Enter on the keyboard-selected item) opens the
   URL in the top window, so the view is meant to be embedded with
   ``<iframe src="..." title="...">``; if the iframe is sandboxed it needs
   ``allow-scripts allow-same-origin allow-top-navigation-by-user-activation``.
   The page fills its frame (about 560px tall or more reads well).
3. The returned :class:`NetworkView` carries ``path`` and ``rows``: one
   :class:`NetworkRow` per drawn edge (source, relation in words, target,
   each end a :class:`NodeRef` with title, kind, RAG and href relative to the
   view file). Render them as a table beside the iframe: the text
   alternative for screen-reader and keyboard users.

The page is static and deterministic (the same graph gives the same bytes;
the layout seed is fixed), makes no outside request, and escapes plan text:
node data is embedded as JSON with ``<``, ``>``, ``&`` and ``'`` escaped, and
vis-network shows string tooltips as text, never HTML.

>>> from goldenthread.model.graph import build_graph                      # doctest: +SKIP
>>> view = write_network_view(g, priority_neighbourhood(g, "LP5"),
...     Path("docs/network/LP5.html"), title="LP5 and its neighbours",
...     href_for=lambda n: f"../items/{n}/", assets_dir=Path("docs/assets"))  # doctest: +SKIP
>>> view.rows[0].relation                                    # doctest: +SKIP
'is part of'
"""
from __future__ import annotations

import functools
import json
import os
import shutil
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Callable, Iterable

import networkx as nx
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from pyvis.network import Network

from goldenthread.model.nodes import (ACTION, INDICATOR, LEAD, LED_BY, OPERATIONAL_PLAN, OUTCOME, PART_OF, PLAN,
                                      PRIORITY, REFERENCES, SERVES, VISION, Attr)
from goldenthread.model.queries import chain_to_top, edges_from, item_title, kind_of, sources_of, targets_of
from goldenthread.site_builder.network.layout import radial_positions
from goldenthread.site_builder.network.planner import GROUP, SUMMARY, ViewPlan

#: Where a drawn node leads: ``("item", id)``, ``("view", name)`` or ``("list", None)`` (see ViewPlan).
Link = tuple[str, "str | None"]

HERE = Path(str(files("goldenthread.site_builder")))
TEMPLATES = HERE / "templates"
ASSETS = HERE / "assets"
#: What :func:`copy_network_assets` copies, relative to ``site_builder/assets``.
NETWORK_ASSETS = ("network.js", "network.css", "vendor/vis-network")

#: Fixed so that the browser lays a view out the same way every time.
LAYOUT_SEED = 20

# How each kind of item is drawn. Shapes differ by kind so that colour is never the only cue.
KIND_STYLE = {
    PLAN: {"label": "Plan", "shape": "box", "background": "#3d3d3d", "border": "#1a1a1a", "font": "#ffffff"},
    VISION: {"label": "Vision", "shape": "star", "background": "#6a3d9a", "border": "#3f2460", "font": "#1a1a1a"},
    PRIORITY: {"label": "Priority", "shape": "box", "background": "#1f4e79", "border": "#10293f", "font": "#ffffff"},
    ACTION: {"label": "Action", "shape": "ellipse", "background": "#d4e4f4", "border": "#1f4e79", "font": "#1a1a1a"},
    INDICATOR: {"label": "Indicator of success", "shape": "diamond", "background": "#8c8c8c",
                "border": "#4d4d4d", "font": "#1a1a1a"},
    OUTCOME: {"label": "Outcome", "shape": "dot", "background": "#ffffff", "border": "#4d4d4d", "font": "#1a1a1a"},
    OPERATIONAL_PLAN: {"label": "Operational plan", "shape": "box", "background": "#fde0b3",
                       "border": "#a35f00", "font": "#1a1a1a"},
    LEAD: {"label": "Lead", "shape": "triangle", "background": "#2d7f6e", "border": "#17443a", "font": "#1a1a1a"},
    GROUP: {"label": "Group of priorities", "shape": "box", "background": "#dbe7f3", "border": "#1f4e79",
            "font": "#1a1a1a"},
    SUMMARY: {"label": "Items not drawn (with their count)", "shape": "box", "background": "#eeeeee",
              "border": "#6b6b6b", "font": "#1a1a1a"},
}
# Outcomes are filled with their RAG colour; the RAG word is in the label and tooltip too.
RAG_STYLE = {
    "RED": {"label": "RED", "legend": "Outcome rated RED", "background": "#c0392b"},
    "AMBER": {"label": "AMBER", "legend": "Outcome rated AMBER", "background": "#f0a30a"},
    "AMBER/GREEN": {"label": "AMBER/GREEN", "legend": "Outcome rated AMBER/GREEN", "background": "#a3b52a"},
    "GREEN": {"label": "GREEN", "legend": "Outcome rated GREEN", "background": "#2e7d32"},
    "N/A": {"label": "N/A", "legend": "Outcome rated N/A", "background": "#bdbdbd"},
    None: {"label": "No rating", "legend": "Outcome with no rating", "background": "#ffffff"},
}
EDGE_STYLE = {
    PART_OF: {"relation": "is part of", "color": "#6b6b6b", "dashes": False, "width": 1},
    SERVES: {"relation": "serves", "color": "#a35f00", "dashes": True, "width": 2},
    LED_BY: {"relation": "is led by", "color": "#2d7f6e", "dashes": [2, 4], "width": 1},
    REFERENCES: {"relation": "refers to", "color": "#b0271a", "dashes": [8, 4], "width": 2},
}
LABEL_CHARS = 40
BIG_VIEW = 80  # items: a view this big is seen zoomed out at first, so its top-level labels are drawn larger
# Layout steps after a radial start: enough to tidy a small view fully, 100 (about 1 s) for 200 items.
TIDY_BUDGET = 25_000
ITERATION_BUDGET = 125_000  # node-steps of layout: about 3 s in headless Chromium on a 2-core machine  # canvas labels are cut here; the tooltip and the table have the full text

#: Kinds in the whole-plan view: the plan node itself adds nothing to the picture.
WHOLE_PLAN_KINDS = (VISION, PRIORITY, ACTION, INDICATOR, OUTCOME, OPERATIONAL_PLAN, LEAD)


@dataclass(frozen=True)
class NodeRef:
    """One end of a row of the text alternative."""

    id: str
    kind: str
    kind_label: str
    title: str
    rag: str | None
    href: str | None
    link: Link | None = None  # where a group or summary node leads (``None`` for an item: its own page)


@dataclass(frozen=True)
class NetworkRow:
    """One drawn edge in words: *source* *relation* *target* (e.g. "is part of")."""

    source: NodeRef
    relation: str
    target: NodeRef
    kind: str


@dataclass(frozen=True)
class NetworkView:
    """A written view: its file, its title, its items and the rows of its text alternative."""

    path: Path
    title: str
    nodes: tuple[NodeRef, ...]
    rows: tuple[NetworkRow, ...]
    note: str = ""          # what the view leaves out, in words (empty when it draws everything)
    full_list: Link | None = None  # where every item it leaves out is listed


def whole_plan_nodes(g: nx.MultiDiGraph, kinds: Iterable[str] = WHOLE_PLAN_KINDS) -> list[str]:
    """Every node of the given kinds, in the graph's reading order."""
    wanted = set(kinds)
    return [n for n, kind in g.nodes(data=Attr.KIND) if kind in wanted]


def priority_neighbourhood(g: nx.MultiDiGraph, priority: str) -> list[str]:
    """*priority* and what surrounds it, in the graph's reading order.

    That is: its actions, indicators and outcomes; the operational plans that
    serve it and their leads; the priorities its items refer to; and every
    item elsewhere that refers to it, with the chain from that item up to its
    own priority (so the reference is seen in context).
    """
    parts = nx.ancestors(_part_of_view(g), priority)  # edges point up, so ancestors are the parts
    chosen = {priority} | parts
    for plan in sources_of(g, priority, SERVES):
        chosen.add(plan)
        chosen.update(targets_of(g, plan, LED_BY))
    for part in parts:
        chosen.update(t for t in targets_of(g, part, REFERENCES) if kind_of(g, t) == PRIORITY)
    for source in sources_of(g, priority, REFERENCES):
        if source not in chosen:
            for up in chain_to_top(g, source):
                chosen.add(up)
                if kind_of(g, up) == PRIORITY:
                    break
    return [n for n in g.nodes if n in chosen]


def _part_of_view(g: nx.MultiDiGraph) -> nx.DiGraph:
    return nx.subgraph_view(g, filter_edge=lambda u, v, k: k == PART_OF)


def node_ref(g: nx.MultiDiGraph, node: str, href_for: Callable[[str], str | None],
             href_for_link: Callable[[Link], str | None] | None = None) -> NodeRef:
    """The facts about *node* that a view and its table show.

    A group or summary node (see :mod:`site_builder.network.planner`) carries a ``link``, resolved by
    *href_for_link*; an item's href is ``href_for(node)``.
    """
    data = g.nodes[node]
    kind = data[Attr.KIND]
    link = data.get("link")
    href = href_for(node) if link is None else (href_for_link(link) if href_for_link else None)
    return NodeRef(id=node, kind=kind, kind_label=KIND_STYLE[kind]["label"], title=item_title(g, node),
                   rag=data.get(Attr.RAG) if kind == OUTCOME else None, href=href, link=link)


def build_network(g: nx.MultiDiGraph, node_ids: Iterable[str], href_for: Callable[[str], str | None],
                  href_for_link: Callable[[Link], str | None] | None = None, root: str | None = None
                  ) -> tuple[Network, list[NodeRef], list[NetworkRow]]:
    """The pyvis network of *node_ids* and every edge between them, plus its text alternative.

    With a *root*, nodes start from a radial tree around it (see :mod:`site_builder.network.layout`)
    and the browser only tidies the layout up; without one, they start from seeded random places.
    """
    net = Network(directed=True, cdn_resources="local")
    chosen = set(node_ids)
    order = [n for n in g.nodes if n in chosen]  # reading order, whatever order the caller used
    refs = {n: node_ref(g, n, href_for, href_for_link) for n in order}
    positions = radial_positions(g.subgraph(order), root) if root in refs else {}
    for node in order:
        options = _node_options(g, node, refs[node], big=len(order) > BIG_VIEW)
        if node in positions:
            options["x"], options["y"] = (round(v, 1) for v in positions[node])
        net.add_node(node, **options)
    rows = []
    edges = g.edges(keys=True) if len(order) * 4 > g.number_of_nodes() else \
        ((n, t, k) for n in order for t, k, _ in edges_from(g, n))
    for source, target, kind in edges:
        if source in refs and target in refs:
            style = EDGE_STYLE[kind]
            data = g.edges[source, target, kind]
            tooltip = f"{refs[source].title}\n{style['relation']}\n{refs[target].title}"
            if data.get("text"):
                tooltip += f"\n(the text says \u201c{data['text']}\u201d)"
            net.add_edge(source, target, id=f"{source}\u2192{target}:{kind}", title=tooltip,
                         color={"color": style["color"], "highlight": style["color"], "hover": style["color"]},
                         dashes=style["dashes"], width=style["width"])
            rows.append(NetworkRow(refs[source], style["relation"], refs[target], kind))
    net.options = vis_options(len(order), from_layout=bool(positions))
    return net, [refs[n] for n in order], rows


def _node_options(g: nx.MultiDiGraph, node: str, ref: NodeRef, big: bool) -> dict:
    data = g.nodes[node]
    style = KIND_STYLE[ref.kind]
    background = style["background"]
    label = ref.title
    if ref.kind == PRIORITY:
        label = f"{node} {ref.title}"
    elif ref.kind == SUMMARY:
        label = ref.title  # its count: never cut, so no "…" hides the number
    elif ref.kind == GROUP and data.get("count"):  # a long name is cut, never its count
        label = _shorten(data["name"], LABEL_CHARS - len(data["count"]) - 1) + " " + data["count"]
    elif ref.kind == ACTION and data.get(Attr.LABEL) and data[Attr.LABEL].lower() not in ref.title.lower():
        label = f"{data['label']}: {ref.title}"  # "2a: Leaving care strategy"
    if ref.kind == OUTCOME:
        rag = RAG_STYLE.get(ref.rag, RAG_STYLE[None])
        background = rag["background"]
        label = f"{rag['label']}: {ref.title}"
    options = {
        "label": label if ref.kind in (SUMMARY, GROUP) else _shorten(label),
        "title": _tooltip(data, ref),
        "shape": style["shape"],
        "color": {"background": background, "border": style["border"],
                  "highlight": {"background": background, "border": "#000000"},
                  "hover": {"background": background, "border": "#000000"}},
        "font": {"color": style["font"], "size": _font_size(ref.kind, big)},
        "borderWidth": 2 if ref.kind == OUTCOME else 1,
        "widthConstraint": {"maximum": 260 if ref.kind in (VISION, PRIORITY, GROUP) else 150},
        # Heavier top-level items push their neighbours away, so big labels do not sit on them.
        "mass": 4 if big and ref.kind in (VISION, PRIORITY, GROUP) else 1,
        # Read by network.js (vis-network ignores them): link, and words for the keyboard status line.
        "href": ref.href,
        "kindLabel": style["label"],
        "name": ref.title,
    }
    if ref.kind == OUTCOME:
        options["rag"] = ref.rag
    return options


def _font_size(kind: str, big: bool) -> int:
    """Bigger words for the top of the thread, so they stay readable when a big view is zoomed out."""
    if kind in (VISION, PRIORITY, GROUP):
        return 36 if big else 22
    return 14 if big else 18


def _tooltip(data: dict, ref: NodeRef) -> str:
    """Plain text (vis-network shows a string title as text): kind, ID, full text, RAG, timescale."""
    lines = [ref.kind_label if ref.link else f"{ref.kind_label} {ref.id}", ref.title]
    text = (data.get(Attr.TEXT) or "").strip()
    if text and text != ref.title:
        lines.append(text)
    if ref.kind == OUTCOME:
        lines.append(f"RAG: {RAG_STYLE.get(ref.rag, RAG_STYLE[None])['label']}")
        lines.append(f"Timescale: {data.get('timescale') or 'not given'}")
    if ref.kind == LEAD and data.get(Attr.ROLE):
        lines.append(data[Attr.ROLE])
    if data.get("not_drawn"):  # set by the view planner (network.planner) on an item whose parts the view leaves out
        lines.append(data["not_drawn"])
    if ref.href:
        lines.append("Click to open its page." if ref.link is None else "Click to open the list.")
    return "\n".join(lines)


def _shorten(text: str, chars: int = LABEL_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= chars else text[: chars - 1].rstrip() + "\u2026"


def stabilization_iterations(node_count: int, budget: int = ITERATION_BUDGET) -> int:
    """Layout steps before the view stops moving: fewer for big views, which cost more per step.

    Keeps a browser's time to settle to a few seconds (see benchmarks/bench_network.py).

    >>> stabilization_iterations(20), stabilization_iterations(200), stabilization_iterations(5000)
    (800, 600, 100)
    """
    return max(100, min(800, budget // max(node_count, 1) // 50 * 50))


def vis_options(node_count: int, from_layout: bool = False) -> dict:
    """vis-network options: a seeded layout that settles, then stops (network.js turns physics off).

    *from_layout*: the nodes start from a laid-out place, so a short tidy-up is enough.
    """
    iterations = stabilization_iterations(node_count, TIDY_BUDGET if from_layout else ITERATION_BUDGET)
    return {
        "autoResize": True,
        # improvedLayout (Kamada-Kawai) gives up on larger views and says so in the console; the
        # seeded force layout alone settles every view we draw.
        "layout": {"randomSeed": LAYOUT_SEED, "improvedLayout": False},
        "physics": {
            "enabled": True,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -140, "centralGravity": 0.015, "springLength": 110,
                                 "springConstant": 0.06, "avoidOverlap": 1},
            "stabilization": {"enabled": True, "iterations": iterations, "updateInterval": 25, "fit": False},
        },
        "interaction": {"hover": True, "keyboard": False, "navigationButtons": False,
                        "tooltipDelay": 150, "multiselect": False},
        "nodes": {"font": {"face": "Arial, Helvetica, sans-serif", "size": 14},
                  "widthConstraint": {"maximum": 150}, "size": 14},
        "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.6}}, "smooth": False},
    }


def legend(nodes: list[NodeRef], rows: list[NetworkRow]) -> dict:
    """The key of a view: only the kinds, RAG ratings and edge kinds it shows, in a fixed order."""
    kinds = {n.kind for n in nodes}
    rags = {n.rag for n in nodes if n.kind == OUTCOME}
    edges = {r.kind for r in rows}
    return {
        "kinds": [dict(kind=k, **KIND_STYLE[k]) for k in KIND_STYLE if k in kinds and k != OUTCOME],
        "rags": [dict(**RAG_STYLE[r]) for r in RAG_STYLE if r in rags],
        "edges": [dict(kind=k, **EDGE_STYLE[k]) for k in EDGE_STYLE if k in edges],
        "outcome_shape": KIND_STYLE[OUTCOME]["shape"],
    }


@functools.cache
def _environment() -> Environment:
    # One per process: compiling the template for each of a big plan's thousand views took most of the time.
    return Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(default=True),
                       undefined=StrictUndefined, keep_trailing_newline=True)


def render_network_view(g: nx.MultiDiGraph, node_ids: Iterable[str], *, title: str,
                        href_for: Callable[[str], str | None], assets_href: str,
                        self_href: str | None = None, href_for_link: Callable[[Link], str | None] | None = None,
                        note: str = "", full_list: Link | None = None, root: str | None = None
                        ) -> tuple[str, NetworkView]:
    """The view's HTML (and its :class:`NetworkView`, path left empty) without writing it.

    *assets_href* is the URL of the assets folder relative to the view file; *self_href*, the
    view file's own name, gives the embedded view a link that opens it full size. *note* says
    what the view leaves out; it is shown above the diagram with a link to *full_list*.
    """
    net, nodes, rows = build_network(g, node_ids, href_for, href_for_link, root)
    vis_nodes, vis_edges, _heading, _height, _width, options = net.get_network_data()
    # pyvis hands the options over as a JSON string; embed them as an object like the rest.
    # network.js starts a crowded view zoomed in on its root, where labels can be read.
    data = {"nodes": vis_nodes, "edges": vis_edges, "options": json.loads(options), "root": root}
    list_href = href_for_link(full_list) if note and full_list and href_for_link else None
    html = _environment().get_template("network/view.html").render(
        title=title, data=data, assets=assets_href.rstrip("/"), self_href=self_href, legend=legend(nodes, rows),
        count_nodes=len(nodes), count_edges=len(rows), note=note, list_href=list_href)
    return html, NetworkView(Path(), title, tuple(nodes), tuple(rows), note, full_list if note else None)


def write_network_view(g: nx.MultiDiGraph, node_ids: Iterable[str], out_path: Path, *, title: str,
                       href_for: Callable[[str], str | None], assets_dir: Path,
                       href_for_link: Callable[[Link], str | None] | None = None,
                       note: str = "", full_list: Link | None = None, root: str | None = None) -> NetworkView:
    """Write the standalone view page of *node_ids* to *out_path*; see the module docstring."""
    out_path = Path(out_path)
    assets_href = Path(os.path.relpath(Path(assets_dir), out_path.parent)).as_posix()
    html, view = render_network_view(g, node_ids, title=title, href_for=href_for, assets_href=assets_href,
                                     self_href=out_path.name, href_for_link=href_for_link, note=note,
                                     full_list=full_list, root=root)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text(html, encoding="utf-8")
    return NetworkView(out_path, view.title, view.nodes, view.rows, view.note, view.full_list)


def write_view_plan(plan: ViewPlan, out_path: Path, *, href_for_link: Callable[[Link], str | None],
                    assets_dir: Path) -> NetworkView:
    """Write the view *plan* (from :class:`site_builder.network.planner.ViewPlanner`) to *out_path*.

    *href_for_link* turns a link (``("item", id)``, ``("view", name)``, ``("list", None)``) into a
    URL relative to *out_path*'s folder.
    """
    return write_network_view(plan.graph, list(plan.graph.nodes), out_path, title=plan.title,
                              href_for=lambda node: href_for_link(("item", node)), assets_dir=assets_dir,
                              href_for_link=href_for_link, note=plan.note(), full_list=plan.full_list,
                              root=plan.root)


def copy_network_assets(assets_dir: Path) -> list[Path]:
    """Copy network.js, network.css and the vendored vis-network into *assets_dir*; return the files."""
    assets_dir = Path(assets_dir)
    written = []
    for name in NETWORK_ASSETS:
        source, target = ASSETS / name, assets_dir / name
        if source.is_dir():
            shutil.copytree(source, target, dirs_exist_ok=True)
            written.extend(sorted(p for p in target.rglob("*") if p.is_file()))
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
            written.append(target)
    return written
