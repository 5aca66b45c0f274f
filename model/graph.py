"""The plan as a typed networkx graph.

Nodes are keyed by item ID and carry ``kind`` plus the item's fields. Edges
are keyed by their kind (so a MultiDiGraph holds at most one edge of each kind
between two nodes) and carry ``kind`` as an attribute too.

Edge direction follows the golden thread upwards: a child points at what it
is part of (outcome -> action -> priority -> vision -> plan), an operational
plan points at the priorities it serves and at its lead, and an item whose
text names a priority points at that priority.

>>> from goldenthread.model.loader import load_plan                      # doctest: +SKIP
>>> g = build_graph(load_plan("plan_data"))                  # doctest: +SKIP
>>> g.nodes["LP5.a"]["kind"], list(g.successors("LP5.a"))   # doctest: +SKIP
('action', ['LP5', 'DP4'])
"""
from __future__ import annotations

import functools
from pathlib import Path
from typing import Any, Iterator

import networkx as nx

from goldenthread.model.loader import load_plan
from goldenthread.model.references import GroupIndex, find_references
from goldenthread.model.schema import Action, PlanData, Priority, PriorityGroup
from goldenthread.model.timescale import parse_timescale

# The kinds of node and edge live in model.nodes (with each kind's attributes); the hierarchy's queries
# (parent, chain_to_top, nodes_of_kind) in model.queries. Both are imported here too, by their old names,
# so code written against this module keeps working.
from goldenthread.model.nodes import (ACTION, EDGE_KINDS, INDICATOR, LEAD, LED_BY, NODE_KINDS,  # noqa: F401
                                      OPERATIONAL_PLAN, OUTCOME, PART_OF, PLAN, PRIORITY, REFERENCES, SERVES,
                                      VISION, Attr)
from goldenthread.model.queries import chain_to_top, nodes_of_kind, parent  # noqa: F401


def build_graph(data: PlanData) -> nx.MultiDiGraph:
    """Build the typed graph of a loaded plan.

    The graph's ``graph`` dict carries plan-wide facts: ``title``,
    ``organisation``, ``period`` (label, start, end), ``last_updated`` and
    ``source_file``, so analyses need nothing but the graph.
    """
    plan = data.plan
    g = nx.MultiDiGraph(
        title=plan.title,
        organisation=plan.organisation,
        period={"label": plan.period.label, "start": plan.period.start, "end": plan.period.end},
        last_updated=plan.last_updated,
        source_file=plan.source_file,
        groups={grp.key: grp.name for grp in data.groups},
    )
    source_file = plan.source_file

    def add(item_id: str, kind: str, lines: Any, **attrs: Any) -> None:
        source = {"file": source_file, "lines": list(lines)} if lines else None
        g.add_node(item_id, kind=kind, source=source, **attrs)

    def link(child: str, parent: str, kind: str) -> None:
        g.add_edge(child, parent, key=kind, kind=kind)

    add(plan.id, PLAN, plan.lines, title=plan.title)
    vision = plan.vision
    add(vision.id, VISION, vision.lines, title=vision.heading or "Vision", text=vision.text)
    link(vision.id, plan.id, PART_OF)

    for group in data.groups:
        for priority in group.priorities:
            add(priority.id, PRIORITY, priority.lines, title=priority.title,
                text=priority.description, group=group.key, number=priority.number)
            link(priority.id, vision.id, PART_OF)
            for action in priority.actions:
                _add_action(g, add, link, action, priority)

    for lead in data.operational.leads:
        add(lead.id, LEAD, lead.lines, title=lead.name, role=lead.role)
    for op in data.operational.plans:
        add(op.id, OPERATIONAL_PLAN, op.lines, title=op.name, document=op.document,
            connected=op.connected, lead=op.lead,
            unresolved=[u.model_dump() for u in op.unresolved])
        for target in op.priorities:
            link(op.id, target, SERVES)
        if op.lead:
            link(op.id, op.lead, LED_BY)

    _add_text_references(g, group_index(data.groups))
    return g


def load_graph(directory: str | Path) -> nx.MultiDiGraph:
    """The graph of the plan folder *directory*: :func:`model.loader.load_plan`, then :func:`build_graph`.

    Raises :class:`model.errors.PlanLoadError` (with every error found) when the folder is not a valid plan.
    """
    return build_graph(load_plan(directory))


def _add_action(g, add, link, action: Action, priority: Priority) -> None:
    add(action.id, ACTION, action.lines, title=action.title, text=action.text,
        label=action.label, steps=list(action.steps), priority=priority.id)
    link(action.id, priority.id, PART_OF)
    for indicator in action.indicators:
        add(indicator.id, INDICATOR, indicator.lines, text=indicator.text,
            action=action.id, priority=priority.id)
        link(indicator.id, action.id, PART_OF)
    for outcome in action.outcomes:
        add(outcome.id, OUTCOME, outcome.lines, text=outcome.text, rag=outcome.rag,
            timescale=outcome.timescale, parsed_timescale=_parsed_timescale(outcome.timescale),
            action=action.id, priority=priority.id)
        link(outcome.id, action.id, PART_OF)


def _parsed_timescale(raw: str | None) -> dict:
    """:func:`parse_timescale`, each outcome with its own copy (its only mutable part is the list of dates)."""
    parsed = _parse_timescale_once(raw)
    return {**parsed, "dates": list(parsed["dates"])}


# a plan of thousands of outcomes uses a few hundred timescales ("March 2022", "Quarterly")
_parse_timescale_once = functools.lru_cache(maxsize=4096)(parse_timescale)


def group_index(groups: list[PriorityGroup]) -> GroupIndex:
    """The lookup :func:`model.references.find_references` needs."""
    return {grp.key: (grp.name, {p.number: p.id for p in grp.priorities}) for grp in groups}


def item_texts(g: nx.MultiDiGraph, node: str) -> Iterator[str]:
    """The prose of a node: title, text and steps, whichever it has."""
    data = g.nodes[node]
    for key in (Attr.TITLE, Attr.TEXT):
        if data.get(key):
            yield data[key]
    yield from data.get(Attr.STEPS) or ()


def _add_text_references(g: nx.MultiDiGraph, groups: GroupIndex) -> None:
    """Add a REFERENCES edge for every priority that an item's text names with certainty."""
    for node, data in list(g.nodes(data=True)):
        if data[Attr.KIND] in (PLAN, VISION, PRIORITY, OPERATIONAL_PLAN, LEAD):
            continue
        for text in item_texts(g, node):
            for ref in find_references(text, groups):
                for target in ref.ids:
                    if target != data.get(Attr.PRIORITY):
                        g.add_edge(node, target, key=REFERENCES, kind=REFERENCES, text=ref.text)
