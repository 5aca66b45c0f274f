"""Impact: what a planner must look at before removing or renumbering an item.

Removing an item takes everything PART_OF it with it (``removed``: those
items no longer reach the vision). Every other item linked to what is removed
is then looked at edge kind by edge kind, and reported in ``effects`` when it
would be left without its only link of that kind:

* an operational plan whose every SERVES target goes: ``left-without-priority``
  (one that keeps other priorities: ``loses-priority``);
* a priority whose every serving plan goes: ``left-without-plan``;
* an operational plan whose lead goes: ``left-without-lead``;
* a lead whose every plan goes: ``lead-without-plan``;
* a parent whose every child of one kind goes: ``left-without-<kind>`` (an
  action left without outcomes, a priority without actions);
* an item whose text names a priority that goes: ``reference-dangles``.

``renumber`` lists, for a priority, every text that names it by its number
(cross-references in prose, the connected-priority cells of operational
plans, ambiguous references that could mean it): all of them must be edited
if the priority is renumbered.

>>> from goldenthread.model.analysis._examples import tiny_graph
>>> result = impact(tiny_graph(), "LP1")
>>> [r["id"] for r in result.removed]
['LP1.a', 'LP1.a.o1']
>>> [(e["id"], e["effect"]) for e in result.effects]
[('DP1.cp', 'reference-dangles'), ('care-plan', 'left-without-priority')]
>>> [r["id"] for r in result.renumber]
['DP1.cp', 'care-plan']
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import TypedDict

import networkx as nx

from goldenthread.model.queries import kind_of, nodes_of_kind, reading_order, sources_of, subgraph_of_kind, targets_of
from goldenthread.model.analysis.findings import short_title
from goldenthread.model.analysis.lookup import require_node
from goldenthread.model.nodes import Attr, LED_BY, OPERATIONAL_PLAN, PART_OF, PRIORITY, REFERENCES, SERVES


class ImpactItem(TypedDict):
    """An item an impact report names: ID, kind, short title and source reference."""

    id: str
    kind: str
    title: str
    source: dict | None


class Effect(ImpactItem):
    """An item that would be left without a link: ``effect`` is the code, ``message`` says it in words."""

    effect: str
    message: str


class NamingText(ImpactItem):
    """An item whose words name a priority by its number: ``text`` is those words."""

    text: str | None


@dataclass(frozen=True)
class Impact:
    """What removing or renumbering one item would orphan or unlink; every list in reading order."""

    id: str
    kind: str
    title: str
    source: dict | None
    removed: list[ImpactItem]
    effects: list[Effect]
    renumber: list[NamingText]

    @property
    def is_priority(self) -> bool:
        """Whether the item is a priority (only a priority is renumbered, so only it has ``renumber``)."""
        return self.kind == PRIORITY

    def to_dict(self) -> dict:
        """JSON-ready: ``{"id", "kind", "title", "source", "removed", "effects", "renumber"}``."""
        return asdict(self)


def _item(g: nx.MultiDiGraph, node: str) -> ImpactItem:
    data = g.nodes[node]
    return {"id": node, "kind": data[Attr.KIND], "title": short_title(g, node, 80), "source": data.get(Attr.SOURCE)}


def impact(g: nx.MultiDiGraph, item_id: str) -> Impact:
    """What removing or renumbering *item_id* would orphan or unlink (see the module docstring)."""
    node = require_node(g, item_id)
    order = reading_order(g)
    removed = nx.ancestors(subgraph_of_kind(g, PART_OF), node)  # children point at parents
    gone = removed | {node}
    effects: dict[tuple[str, str], Effect] = {}

    def effect(target: str, code: str, message: str) -> None:
        effects.setdefault((target, code), {**_item(g, target), "effect": code, "message": message})

    for other in g.nodes:
        if other in gone:
            continue
        served = targets_of(g, other, SERVES)
        if served and set(served) & gone:
            lost = [p for p in served if p in gone]
            if set(served) <= gone:
                effect(other, "left-without-priority", f"would serve no priority (it serves only {', '.join(lost)})")
            else:
                effect(other, "loses-priority", f"would no longer serve {', '.join(lost)}")
        plans = sources_of(g, other, SERVES)
        if plans and set(plans) <= gone:
            effect(other, "left-without-plan", f"would be served by no operational plan (only {', '.join(plans)})")
        if set(targets_of(g, other, LED_BY)) & gone:
            effect(other, "left-without-lead", "would have no lead")
        led = sources_of(g, other, LED_BY)
        if led and set(led) <= gone:
            effect(other, "lead-without-plan", f"would lead no operational plan (only {', '.join(led)})")
        children = sources_of(g, other, PART_OF)
        for kind in dict.fromkeys(kind_of(g, c) for c in children if c in gone):
            same_kind = [c for c in children if kind_of(g, c) == kind]
            if set(same_kind) <= gone:
                effect(other, f"left-without-{kind}", f"would have no {kind.replace('_', ' ')} left")
        for target in targets_of(g, other, REFERENCES):
            if target in gone:
                effect(other, "reference-dangles", f"its text names {target}, which would no longer exist")

    return Impact(
        **_item(g, node),
        removed=[_item(g, n) for n in sorted(removed, key=order.get)],
        effects=sorted(effects.values(), key=lambda e: (order[e["id"]], e["effect"])),
        renumber=_naming_texts(g, node) if kind_of(g, node) == PRIORITY else [],
    )


def _naming_texts(g: nx.MultiDiGraph, priority: str) -> list[NamingText]:
    """Every item whose words name *priority* by its number, with the words."""
    named: dict[str, NamingText] = {}
    for source, _, key, data in g.in_edges(priority, keys=True, data=True):
        if key == REFERENCES:
            named[source] = {**_item(g, source), "text": data.get("text")}
        elif key == SERVES:
            named[source] = {**_item(g, source), "text": g.nodes[source].get(Attr.CONNECTED)}
    for op in nodes_of_kind(g, OPERATIONAL_PLAN):
        for entry in g.nodes[op].get(Attr.UNRESOLVED) or []:
            if priority in (entry.get("candidates") or []) and op not in named:
                named[op] = {**_item(g, op), "text": entry["text"]}
    order = reading_order(g)
    return sorted(named.values(), key=lambda e: order[e["id"]])
