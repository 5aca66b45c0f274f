"""Which items each network view draws, so that no view draws more than :data:`MAX_NODES`.

A council plan can hold ten thousand outcomes; a diagram of more than a few
hundred items is unreadable and slow to lay out. So every view is planned in
*tiers*, most important first (for a priority: its actions, then the plans that
serve it, then its indicators and outcomes, then the items elsewhere that refer
to it). A tier is drawn whole while it fits under the cap; when it does not, it
is *folded*:

``partial``     its first items in reading order are drawn, the rest become one
                "N more ..." node (e.g. "143 more actions");
``per_anchor``  one node per drawn parent stands for its items, with their count
                (e.g. "5 outcomes: 2 RED, 3 GREEN" under each action);
``drop``        nothing is drawn for it.

Whatever is not drawn is counted in the view's ``hidden``, which the page shows
as a note with a link to the page that lists everything.

Views: ``plan`` (the overview: vision, groups, priorities, then operational
plans, leads, actions, ... as far as they fit), ``groups/<key>`` (one per group of
priorities) and one per priority (its neighbourhood).

>>> g = nx.MultiDiGraph(groups={"core": "Core Priorities"})
>>> g.add_node("vision", kind="vision", title="Vision"); g.add_node("P1", kind="priority", title="P", group="core")
>>> _ = g.add_edge("P1", "vision", key="part_of", kind="part_of")
>>> for i in range(9):
...     g.add_node(f"P1.a{i}", kind="action", title=f"Action {i}", priority="P1")
...     _ = g.add_edge(f"P1.a{i}", "P1", key="part_of", kind="part_of")
>>> view = ViewPlanner(g, cap=5).priority_view("P1")
>>> list(view.graph.nodes)
['P1', 'P1.a0', 'P1.a1', 'P1.a2', 'summary:P1:more']
>>> view.graph.nodes["summary:P1:more"]["title"], view.note()
('6 more actions', 'To keep this diagram readable, 6 actions are not drawn. Grey boxes stand for items not drawn and give their count.')
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Callable, Iterable

import networkx as nx

from goldenthread.model.nodes import (ACTION, INDICATOR, LEAD, LED_BY, OPERATIONAL_PLAN, OUTCOME, PART_OF, PRIORITY,
                                      REFERENCES, SERVES, VISION, Attr)
from goldenthread.model.queries import (chain_to_top, children, edges_from, item_title, kind_of, rag_worst_first,
                                        reading_order, sources_of, targets_of)

#: The most items any view draws (summary and group nodes included).
MAX_NODES = 200
#: Kinds of the nodes a view draws that are not items of the plan.
GROUP = "group"        # a group of priorities (the plan has no item for it)
SUMMARY = "summary"    # stands for items that are not drawn, with their count
#: The view of the whole plan.
OVERVIEW = "plan"
#: Words for counts, singular and plural.
KIND_WORDS = {
    GROUP: ("group", "groups"), PRIORITY: ("priority", "priorities"), ACTION: ("action", "actions"),
    INDICATOR: ("indicator", "indicators"), OUTCOME: ("outcome", "outcomes"),
    OPERATIONAL_PLAN: ("operational plan", "operational plans"), LEAD: ("lead", "leads"),
    VISION: ("vision", "visions"),
}

PARTIAL, PER_ANCHOR, DROP = "partial", "per_anchor", "drop"


def count_words(count: int, kind: str) -> str:
    """``"1 outcome"``, ``"1,050 outcomes"``.

    >>> count_words(1050, "outcome"), count_words(1, "operational_plan")
    ('1,050 outcomes', '1 operational plan')
    """
    singular, plural = KIND_WORDS.get(kind, (kind, kind + "s"))
    return f"{count:,} {singular if count == 1 else plural}"


def group_node(key: str) -> str:
    """The drawn node of the group *key* (a colon, which no item ID has, keeps it apart)."""
    return f"group:{key}"


def group_view_name(key: str) -> str:
    """The view of the group *key*, in a folder of its own so that no priority ID can clash."""
    return f"groups/{key}"


@dataclass(frozen=True)
class Tier:
    """Items a view draws together: *units* (lists drawn whole, in reading order) and how to fold them."""

    units: list[list[str]]
    fold: str = DROP
    anchor: Callable[[str], str | None] | None = None   # the drawn node a summary of an item hangs from
    edge: str = PART_OF                                  # the kind of the summary's edge to its anchor
    words: str = ""                                      # "more actions", "refer to it": what a summary says


@dataclass(frozen=True)
class ViewPlan:
    """One planned view: what to draw (*graph*), what was left out, and where everything is listed.

    *graph* holds the items drawn (with their data) and the group and summary
    nodes; every node has ``kind`` and ``title``, group and summary nodes also
    ``link``: ``("item", id)`` (that item's page), ``("view", name)`` (another
    view) or ``("list", None)`` (the list of every priority). *hidden* counts
    the items left out, by kind; *full_list* is the link (same form) to the page
    that lists them all.
    """

    name: str
    title: str
    graph: nx.MultiDiGraph
    hidden: tuple[tuple[str, int], ...] = ()
    full_list: tuple[str, str | None] = ("list", None)
    summaries: int = field(default=0)
    root: str | None = None  # the node the view is about: laid out in the middle

    def note(self) -> str:
        """What the view leaves out, in words, or ``""`` when it draws everything."""
        if not self.hidden:
            return ""
        parts = [count_words(n, kind) for kind, n in self.hidden]
        listed = ", ".join(parts[:-1]) + (" and " if len(parts) > 1 else "") + parts[-1]
        counted = " Grey boxes stand for items not drawn and give their count." if self.summaries else ""
        return f"To keep this diagram readable, {listed} are not drawn.{counted}"


class ViewPlanner:
    """Plans every view of graph *g*, with at most *cap* nodes each.

    Built once per site build: it indexes the graph once so that planning a
    view costs about the size of that view, not the size of the plan.
    """

    def __init__(self, g: nx.MultiDiGraph, cap: int = MAX_NODES) -> None:
        if cap < 3:
            raise ValueError("a view needs room for at least three nodes")
        self.g = g
        self.cap = cap
        self.order = reading_order(g)
        self.groups: dict[str, list[str]] = defaultdict(list)
        for node, kind in g.nodes(data=Attr.KIND):
            if kind == PRIORITY:
                self.groups[g.nodes[node].get(Attr.GROUP) or ""].append(node)
        self.group_names = dict(g.graph.get("groups") or {})
        self.vision = next((n for n, kind in g.nodes(data=Attr.KIND) if kind == VISION), None)

    # -- the graph, read through its edges ------------------------------------------------------
    def parts(self, node: str, kind: str | None = None) -> list[str]:
        """The items directly part of *node* (of *kind*), in reading order."""
        return sorted(children(self.g, node, kind), key=self.order.__getitem__)

    def sources(self, node: str, edge: str) -> list[str]:
        return sorted(sources_of(self.g, node, edge), key=self.order.__getitem__)

    def targets(self, node: str, edge: str) -> list[str]:
        return sorted(targets_of(self.g, node, edge), key=self.order.__getitem__)

    def plans_and_leads(self, priorities: Iterable[str]) -> list[list[str]]:
        """One unit per operational plan serving any of *priorities*: the plan and its lead."""
        plans = sorted({p for priority in priorities for p in self.sources(priority, SERVES)}, key=self.order.__getitem__)
        return [[plan, *self.targets(plan, LED_BY)] for plan in plans]

    # -- the views ------------------------------------------------------------------------------
    def all_views(self) -> list[ViewPlan]:
        """The overview, one view per group (when the plan has groups) and one per priority."""
        views = [self.overview()]
        views += [self.group_view(key) for key in self.groups]
        views += [self.priority_view(p) for group in self.groups.values() for p in group]
        return views

    def overview(self) -> ViewPlan:
        """The vision, the groups, their priorities, then plans, leads, actions, ... while they fit."""
        groups = list(self.groups)
        priorities = [p for key in groups for p in self.groups[key]]
        actions = [a for p in priorities for a in self.parts(p, ACTION)]
        leaves = [n for a in actions for n in self.parts(a)]
        tiers = [
            Tier([[group_node(k)] for k in groups], PARTIAL, anchor=lambda _: self.vision, words="more groups"),
            Tier([[p] for p in priorities]),
            Tier(self.plans_and_leads(priorities)),
            Tier([[a] for a in actions]),
            Tier([[n] for n in leaves if kind_of(self.g, n) == INDICATOR]),
            Tier([[n] for n in leaves if kind_of(self.g, n) == OUTCOME]),
        ]
        core = [self.vision] if self.vision else []
        return self._plan(OVERVIEW, "Network view of the whole plan", core, tiers, ("list", None))

    def group_view(self, key: str) -> ViewPlan:
        """A group's priorities, the plans that serve them and their leads, then their actions, ..."""
        priorities = self.groups[key]
        actions = [a for p in priorities for a in self.parts(p, ACTION)]
        leaves = [n for a in actions for n in self.parts(a)]
        tiers = [
            Tier([[p] for p in priorities], PARTIAL, anchor=lambda _: group_node(key), words="more priorities"),
            Tier(self.plans_and_leads(priorities), PARTIAL, anchor=lambda _: group_node(key),
                 edge=SERVES, words="more operational plans serve them"),
            Tier([[a] for a in actions], PER_ANCHOR, anchor=self._parent),
            Tier([[n] for n in leaves if kind_of(self.g, n) == INDICATOR]),
            Tier([[n] for n in leaves if kind_of(self.g, n) == OUTCOME]),
        ]
        name = self.group_names.get(key) or key
        return self._plan(group_view_name(key), f"Network view of the group {name}", [group_node(key)], tiers,
                          ("list", None))

    def priority_view(self, priority: str) -> ViewPlan:
        """A priority's neighbourhood (see :func:`site_builder.network.render.priority_neighbourhood`), capped."""
        actions = self.parts(priority, ACTION)
        leaves = [n for a in actions for n in self.parts(a)]
        own = {priority, *actions, *leaves}
        referred = sorted({t for n in own - {priority} for t in self.targets(n, REFERENCES)
                           if kind_of(self.g, t) == PRIORITY} - own, key=self.order.__getitem__)
        referrers = []
        for source in self.sources(priority, REFERENCES):
            if source in own:
                continue
            chain = []
            for up in chain_to_top(self.g, source):
                chain.append(up)
                if kind_of(self.g, up) == PRIORITY:
                    break
            referrers.append(chain)
        tiers = [
            Tier([[a] for a in actions], PARTIAL, anchor=lambda _: priority, words="more actions"),
            Tier([[p] for p in referred]),  # the priorities it is linked with: few, and worth seeing
            Tier(self.plans_and_leads([priority]), PARTIAL, anchor=lambda _: priority, edge=SERVES,
                 words="more operational plans serve it"),
            Tier([[n] for n in leaves if kind_of(self.g, n) == INDICATOR], PER_ANCHOR, anchor=self._parent),
            Tier([[n] for n in leaves if kind_of(self.g, n) == OUTCOME], PER_ANCHOR, anchor=self._parent),
            Tier(referrers, PARTIAL, anchor=lambda _: priority, edge=REFERENCES, words="more items refer to it"),
        ]
        title = f"Network view of {priority}: {item_title(self.g, priority)}"
        return self._plan(priority, title, [priority], tiers, ("item", priority))

    # -- fitting tiers under the cap ------------------------------------------------------------
    def _parent(self, node: str) -> str | None:
        up = targets_of(self.g, node, PART_OF)
        if up and kind_of(self.g, node) == PRIORITY:
            return group_node(self.g.nodes[node].get(Attr.GROUP) or "")
        return up[0] if up else None

    def _plan(self, name: str, title: str, core: list[str], tiers: list[Tier],
              full_list: tuple[str, str | None]) -> ViewPlan:
        chosen: dict[str, None] = dict.fromkeys(core)
        summaries: list[tuple[str, str, list[str], Tier]] = []   # (anchor, kind, items, tier)
        hidden: Counter = Counter()
        full = False
        for tier in tiers:
            units = [[n for n in unit if n not in chosen] for unit in tier.units]
            units = [u for u in units if u]
            new = list(dict.fromkeys(n for u in units for n in u))
            if not new:
                continue
            room = self.cap - len(chosen) - len(summaries)
            if not full and len(new) <= room:
                chosen.update(dict.fromkeys(new))
                continue
            if not full and tier.fold == PER_ANCHOR:
                by_anchor: dict[str, list[str]] = defaultdict(list)
                for n in new:
                    anchor = tier.anchor(n)
                    by_anchor[anchor if anchor in chosen else ""].append(n)
                anchored = [a for a in by_anchor if a]
                if len(anchored) <= room:
                    summaries += [(a, self._kind(by_anchor[a][0]), by_anchor[a], tier) for a in anchored]
            elif not full and tier.fold == PARTIAL and room >= 2:
                taken = 0
                for unit in units:
                    fresh = [n for n in unit if n not in chosen]
                    if len(chosen) + len(summaries) + len(fresh) + 1 > self.cap:
                        break
                    chosen.update(dict.fromkeys(fresh))
                    taken += 1
                # Counted by unit: "12 more items refer to it" counts referring items, not their chains.
                rest = [unit[0] for unit in units[taken:]]
                if rest:
                    summaries.append((tier.anchor(rest[0]), self._kind(rest[0]), rest, tier))
                full = True
            hidden.update(self._kind(n) for n in new if n not in chosen)
        return ViewPlan(name, title, self._view_graph(chosen, summaries),
                        tuple((k, hidden[k]) for k in KIND_WORDS if hidden[k]), full_list, len(summaries),
                        core[0] if core else None)

    def _kind(self, node: str) -> str:
        return GROUP if node.startswith("group:") else kind_of(self.g, node)

    def _view_graph(self, chosen: dict[str, None], summaries) -> nx.MultiDiGraph:
        g = self.g
        vg = nx.MultiDiGraph()
        drawn_groups = {n for n in chosen if n.startswith("group:")}
        real = sorted((n for n in chosen if n not in drawn_groups), key=self.order.__getitem__)
        # Groups first after the vision, so that reading order runs from the top of the thread down.
        for node in real[:1] if real and kind_of(g, real[0]) == VISION else []:
            vg.add_node(node, **g.nodes[node])
        for node in sorted(drawn_groups, key=lambda n: list(self.groups).index(n[len("group:"):])):
            vg.add_node(node, **self._group_data(node[len("group:"):]))
        for node in real:
            if node not in vg:
                vg.add_node(node, **g.nodes[node])
        for node in real:
            for target, kind, data in edges_from(g, node):
                if target not in vg:
                    continue
                parent_group = group_node(g.nodes[node].get(Attr.GROUP) or "")
                if kind == PART_OF and kind_of(g, node) == PRIORITY and parent_group in vg:
                    continue  # drawn through its group instead
                vg.add_edge(node, target, key=kind, **data)
            if kind_of(g, node) == PRIORITY and group_node(g.nodes[node].get(Attr.GROUP) or "") in vg:
                vg.add_edge(node, group_node(g.nodes[node].get(Attr.GROUP) or ""), key=PART_OF, kind=PART_OF)
        for group in drawn_groups:
            if self.vision in vg:
                vg.add_edge(group, self.vision, key=PART_OF, kind=PART_OF)
        summarised = {(anchor, kind) for anchor, kind, _, _ in summaries}
        for node in real:
            if kind_of(g, node) in (PRIORITY, ACTION):
                left = Counter(kind_of(g, s) for s in sources_of(g, node, PART_OF) if s not in vg)
                words = [count_words(n, k) for k, n in left.items() if (node, k) not in summarised]
                if words:
                    vg.nodes[node]["not_drawn"] = f"Not drawn here: {', '.join(words)}."
        for anchor, kind, items, tier in summaries:
            # A view folds at most one tier partially ("more"), and per anchor at most one of each kind.
            node = f"summary:{anchor}:{'more' if tier.fold == PARTIAL else kind}"
            vg.add_node(node, **self._summary_data(anchor, kind, items, tier))
            if anchor in vg:
                vg.add_edge(node, anchor, key=tier.edge, kind=tier.edge)
        return vg

    def _group_data(self, key: str) -> dict:
        priorities = self.groups[key]
        actions = [a for p in priorities for a in self.parts(p, ACTION)]
        outcomes = [o for a in actions for o in self.parts(a, OUTCOME)]
        name = self.group_names.get(key) or key or "Priorities"
        counts = ", ".join(count_words(n, k) for n, k in ((len(priorities), PRIORITY), (len(actions), ACTION),
                                                           (len(outcomes), OUTCOME)))
        return {"kind": GROUP, "title": f"{name} ({count_words(len(priorities), PRIORITY)})",
                "name": name, "count": f"({count_words(len(priorities), PRIORITY)})",  # the label keeps the count
                "text": f"{name}: {counts}.{_rag_words(self.g, outcomes)}",
                "link": ("view", group_view_name(key))}

    def _summary_data(self, anchor: str, kind: str, items: list[str], tier: Tier) -> dict:
        if tier.fold == PER_ANCHOR:
            title = count_words(len(items), kind)
            if kind == OUTCOME:
                title += ":" + _rag_words(self.g, items, short=True)
        else:
            title = f"{len(items):,} {tier.words}"
        # An item's page lists all its parts and plans; a group or the vision: the list of priorities.
        on_item_page = anchor in self.g and anchor != self.vision
        where, link = ("its page", ("item", anchor)) if on_item_page else ("the list of priorities", ("list", None))
        return {"kind": SUMMARY, "title": title, "text": f"{title}, not drawn here. Every one is listed on {where}.",
                "link": link, "count": len(items), "counts": kind}


def _rag_words(g: nx.MultiDiGraph, outcomes: list[str], short: bool = False) -> str:
    """`` 2 RED, 3 GREEN`` (or ``" RAG: ..."``): outcomes by rating, worst first."""
    counts = Counter(g.nodes[o].get(Attr.RAG) for o in outcomes)
    parts = [f"{counts[r]} {r or 'no rating'}" for r in rag_worst_first(counts) if counts[r]]
    if not parts:
        return ""
    return " " + ", ".join(parts) if short else " RAG: " + ", ".join(parts) + "."
