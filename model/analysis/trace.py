"""Trace: from any item up the golden thread to the vision, with the plans and leads that deliver it.

An auditor asks of an outcome: which action is it evidence for, under which
priority, which operational plans deliver that priority and who leads them?
:func:`trace` answers for one item; :func:`trace_matrix` for every outcome.

The operational plans on a chain are those that SERVE the chain's priority
and, marked ``"via": "reference"``, those that serve a priority an item on
the chain names explicitly in its text ("(as departmental priority 4)"):
the text says that work is shared, so its plans answer for it too.

An operational plan or a lead is not part of the hierarchy; its chain runs
through the priorities it serves (every one of them) to the vision.

>>> from goldenthread.model.analysis._examples import tiny_graph
>>> t = trace(tiny_graph(), "DP1.cp.o1")
>>> [step["id"] for step in t.chain], [p["id"] for p in t.operational_plans], t.leads[0]["id"]
(['DP1.cp.o1', 'DP1.cp', 'DP1', 'vision'], ['dp-plan', 'care-plan'], 'jo')
>>> list(t.to_dict())
['id', 'chain', 'operational_plans', 'leads', 'source']
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import TypedDict

import networkx as nx

from goldenthread.model.queries import chain_to_top, kind_of, nodes_of_kind, sources_of, targets_of
from goldenthread.model.analysis.lookup import require_node
from goldenthread.model.nodes import (ACTION, Attr, LEAD, LED_BY, OPERATIONAL_PLAN, OUTCOME, PLAN, PRIORITY,
                                      REFERENCES, SERVES, VISION)


#: Columns of the traceability matrix, in order.
MATRIX_COLUMNS = ("outcome_id", "outcome", "action_id", "action", "priority_id", "priority", "group",
                  "operational_plans", "leads", "timescale", "rag", "source_file", "source_lines")


class Step(TypedDict):
    """One item on a trace: its ID, kind and title (or text)."""

    id: str
    kind: str
    title: str | None


class TracePlan(Step):
    """An operational plan on a trace; ``via`` says why: ``hierarchy``, ``reference``, ``self`` or ``led``."""

    document: str | None
    serves: list[str]
    via: str


class TraceLead(Step):
    """A lead on a trace, with the plans on the trace they lead."""

    role: str | None
    plans: list[str]


@dataclass(frozen=True)
class Trace:
    """The trace of one item: its chain up to the vision, the plans and leads that deliver it, its source."""

    id: str
    chain: list[Step]
    operational_plans: list[TracePlan]
    leads: list[TraceLead]
    source: dict | None

    def to_dict(self) -> dict:
        """JSON-ready: ``{"id", "chain", "operational_plans", "leads", "source"}``."""
        return asdict(self)


@dataclass(frozen=True)
class TraceRow:
    """One row of the traceability matrix: an outcome and what it traces to (columns :data:`MATRIX_COLUMNS`)."""

    outcome_id: str
    outcome: str
    action_id: str | None
    action: str | None
    priority_id: str | None
    priority: str | None
    group: str | None
    operational_plans: str
    leads: str
    timescale: str | None
    rag: str | None
    source_file: str | None
    source_lines: str | None

    def to_dict(self) -> dict:
        """JSON-ready, keys in :data:`MATRIX_COLUMNS` order."""
        return asdict(self)


def _step(g: nx.MultiDiGraph, node: str) -> Step:
    data = g.nodes[node]
    return {"id": node, "kind": data[Attr.KIND], "title": data.get(Attr.TITLE) or data.get(Attr.TEXT)}


def chain(g: nx.MultiDiGraph, node: str) -> list[str]:
    """The IDs from *node* up to the vision (the plan node above the vision is left out)."""
    kind = kind_of(g, node)
    if kind in (OPERATIONAL_PLAN, LEAD):
        plans = [node] if kind == OPERATIONAL_PLAN else sources_of(g, node, LED_BY)
        priorities = list(dict.fromkeys(p for op in plans for p in targets_of(g, op, SERVES)))
        vision = nodes_of_kind(g, VISION)
        return [node, *(plans if kind == LEAD else []), *priorities, *vision[:1]]
    return [node] + [n for n in chain_to_top(g, node)[1:] if kind_of(g, n) != PLAN]


def plans_on_chain(g: nx.MultiDiGraph, ids: list[str]) -> list[TracePlan]:
    """The operational plans serving the chain's priorities, then those serving priorities it names."""
    found: dict[str, TracePlan] = {}
    priorities = [n for n in ids if kind_of(g, n) == PRIORITY]
    named = [t for n in ids for t in targets_of(g, n, REFERENCES) if t not in priorities]
    for via, targets in (("hierarchy", priorities), ("reference", named)):
        for priority in targets:
            for op in sources_of(g, priority, SERVES):
                if op == ids[0]:
                    continue  # an operational plan's own trace lists it once, first
                entry = found.setdefault(op, {**_step(g, op), "document": g.nodes[op].get(Attr.DOCUMENT),
                                              "serves": [], "via": via})
                if priority not in entry["serves"]:
                    entry["serves"].append(priority)
    return list(found.values())


def leads_of(g: nx.MultiDiGraph, plans: list[TracePlan]) -> list[TraceLead]:
    """The leads of *plans*, each once, with the plans they lead among them."""
    leads: dict[str, TraceLead] = {}
    for op in plans:
        for lead in targets_of(g, op["id"], LED_BY):
            entry = leads.setdefault(lead, {**_step(g, lead), "role": g.nodes[lead].get(Attr.ROLE), "plans": []})
            entry["plans"].append(op["id"])
    return list(leads.values())


def trace(g: nx.MultiDiGraph, item_id: str) -> Trace:
    """The trace of one item: its chain (ending at the vision), plans, leads and source.

    Raises :class:`~model.errors.UnknownItemError` for an unknown ID.
    """
    node = require_node(g, item_id)
    ids = chain(g, node)
    plans = plans_on_chain(g, ids)
    if kind_of(g, node) == OPERATIONAL_PLAN:
        plans.insert(0, {**_step(g, node), "document": g.nodes[node].get(Attr.DOCUMENT),
                         "serves": targets_of(g, node, SERVES), "via": "self"})
    if kind_of(g, node) == LEAD:
        plans = [{**_step(g, op), "document": g.nodes[op].get(Attr.DOCUMENT),
                  "serves": targets_of(g, op, SERVES), "via": "led"} for op in sources_of(g, node, LED_BY)]
    return Trace(id=node, chain=[_step(g, n) for n in ids], operational_plans=plans, leads=leads_of(g, plans),
                 source=g.nodes[node].get(Attr.SOURCE))


def trace_matrix(g: nx.MultiDiGraph, within: str | None = None) -> list[TraceRow]:
    """The auditor's traceability matrix: one row per outcome, columns :data:`MATRIX_COLUMNS`.

    With *within*, only the outcomes whose trace passes through that item (on
    the chain, or among the plans and leads). Plans and leads are joined with
    ``"; "``; source lines read ``first-last`` (or one number).

    >>> from goldenthread.model.analysis._examples import tiny_graph
    >>> [(r.outcome_id, r.operational_plans) for r in trace_matrix(tiny_graph(), within="jo")]
    [('LP1.a.o1', 'care-plan'), ('DP1.cp.o1', 'dp-plan; care-plan')]
    """
    if within is not None:
        require_node(g, within)
    rows = []
    for outcome in nodes_of_kind(g, OUTCOME):
        t = trace(g, outcome)
        involved = {s["id"] for s in t.chain} | {p["id"] for p in t.operational_plans} | {lead["id"] for lead in t.leads}
        if within is not None and within not in involved:
            continue
        by_kind = {step["kind"]: step for step in reversed(t.chain)}
        action, priority = by_kind.get(ACTION, {}), by_kind.get(PRIORITY, {})
        data, source = g.nodes[outcome], t.source or {}
        lines = source.get("lines") or []
        rows.append(TraceRow(
            outcome_id=outcome,
            outcome=" / ".join((data.get(Attr.TEXT) or "").splitlines()),
            action_id=action.get("id"),
            action=action.get("title"),
            priority_id=priority.get("id"),
            priority=priority.get("title"),
            group=g.nodes[priority["id"]].get(Attr.GROUP) if priority else None,
            operational_plans="; ".join(p["id"] for p in t.operational_plans),
            leads="; ".join(lead["id"] for lead in t.leads),
            timescale=data.get(Attr.TIMESCALE),
            rag=data.get(Attr.RAG),
            source_file=source.get("file"),
            source_lines=_lines(lines),
        ))
    return rows


def _lines(lines: list[int]) -> str | None:
    if not lines:
        return None
    first, last = lines[0], lines[-1]
    return str(first) if first == last else f"{first}-{last}"
