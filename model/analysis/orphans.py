"""Orphans and coverage: items the golden thread does not hold together.

Each check asks one question of the graph's typed edges:

* ``priority-without-plan``: no operational plan SERVES the priority;
* ``action-without-outcome``: nothing is PART_OF the action as an outcome;
* ``plan-without-priority`` / ``plan-without-lead``: an operational plan with
  no SERVES or no LED_BY edge (its unresolved references are named, since
  they are usually why);
* ``lead-without-plan``: no operational plan is LED_BY the lead;
* ``unreachable-item``: a priority, action, indicator or outcome from which
  the vision cannot be reached over PART_OF edges.

>>> from goldenthread.model.analysis._examples import tiny_graph
>>> [(f.code, f.nodes) for f in orphans(tiny_graph())]
[('priority-without-plan', ('LP2',)), ('action-without-outcome', ('LP2.a',))]
"""
from __future__ import annotations

from typing import Iterator

import networkx as nx

from goldenthread.model.queries import kind_of, nodes_of_kind, sources_of, subgraph_of_kind, targets_of
from goldenthread.model.analysis.findings import Finding, finding, short_title, source_of
from goldenthread.model.nodes import (ACTION, Attr, INDICATOR, LEAD, LED_BY, OPERATIONAL_PLAN, OUTCOME, PART_OF,
                                      PRIORITY, SERVES, VISION)


_HIERARCHY_KINDS = (PRIORITY, ACTION, INDICATOR, OUTCOME)


def orphans(g: nx.MultiDiGraph) -> Iterator[Finding]:
    """Every coverage finding, in reading order of the items concerned."""
    yield from priorities_without_plan(g)
    yield from actions_without_outcome(g)
    yield from plans_without_priority_or_lead(g)
    yield from leads_without_plan(g)
    yield from unreachable_items(g)


def priorities_without_plan(g: nx.MultiDiGraph) -> Iterator[Finding]:
    """``priority-without-plan`` for each priority no operational plan serves.

    A plan whose reference to the priority is ambiguous does not count as
    serving it; the message says so, because that is what a planner fixes.
    """
    possibly: dict[str, list[str]] = {}  # priority -> plans whose ambiguous references name it
    for op in nodes_of_kind(g, OPERATIONAL_PLAN):
        for candidate in dict.fromkeys(c for u in g.nodes[op].get(Attr.UNRESOLVED) or []
                                       for c in u.get("candidates", [])):
            possibly.setdefault(candidate, []).append(op)
    for priority in nodes_of_kind(g, PRIORITY):
        if sources_of(g, priority, SERVES):
            continue
        maybe = possibly.get(priority, [])
        message = f"{priority} '{short_title(g, priority)}' is served by no operational plan"
        if maybe:
            message += f" (only possibly, through an ambiguous reference in: {', '.join(maybe)})"
        yield finding("priority-without-plan", message, [priority], source_of(g, priority),
                      possibly_served_by=maybe)


def actions_without_outcome(g: nx.MultiDiGraph) -> Iterator[Finding]:
    """``action-without-outcome`` for each action with no outcome under it."""
    for action in nodes_of_kind(g, ACTION):
        children = sources_of(g, action, PART_OF)
        if not any(kind_of(g, c) == OUTCOME for c in children):
            yield finding("action-without-outcome",
                          f"{action} '{short_title(g, action)}' has no outcome",
                          [action], source_of(g, action))


def plans_without_priority_or_lead(g: nx.MultiDiGraph) -> Iterator[Finding]:
    """``plan-without-priority`` and ``plan-without-lead``, plan by plan."""
    for op in nodes_of_kind(g, OPERATIONAL_PLAN):
        name = g.nodes[op].get(Attr.TITLE) or op
        if not targets_of(g, op, SERVES):
            unresolved = [u["text"] for u in g.nodes[op].get(Attr.UNRESOLVED) or []]
            message = f"{op} '{name}' serves no priority"
            if unresolved:
                message += f"; its unresolved references: {', '.join(repr(t) for t in unresolved)}"
            yield finding("plan-without-priority", message, [op], source_of(g, op))
        if not targets_of(g, op, LED_BY):
            yield finding("plan-without-lead", f"{op} '{name}' has no lead", [op], source_of(g, op))


def leads_without_plan(g: nx.MultiDiGraph) -> Iterator[Finding]:
    """``lead-without-plan`` for each lead no operational plan is led by."""
    for lead in nodes_of_kind(g, LEAD):
        if not sources_of(g, lead, LED_BY):
            yield finding("lead-without-plan", f"{lead} '{short_title(g, lead)}' leads no operational plan",
                          [lead], source_of(g, lead))


def unreachable_items(g: nx.MultiDiGraph) -> Iterator[Finding]:
    """``unreachable-item`` for each hierarchy item that cannot reach the vision over PART_OF edges."""
    part_of = subgraph_of_kind(g, PART_OF)
    visions = nodes_of_kind(g, VISION)
    reaching: set[str] = set()
    for vision in visions:
        reaching |= nx.ancestors(part_of, vision)
    for node, kind in g.nodes(data=Attr.KIND):
        if kind in _HIERARCHY_KINDS and node not in reaching:
            yield finding("unreachable-item",
                          f"{kind} {node} '{short_title(g, node)}' does not reach the vision",
                          [node], source_of(g, node))
