"""Diff: what changed between two versions of a plan.

Items are matched by ID first. Items left over on both sides (an ID was
changed, or an item was deleted and another added) are matched by kind and
text similarity, best pair first, when they score at least *threshold* with
:func:`model.analysis.similarity.score`; such pairs are listed in ``renamed``
and then compared like any other matched pair. The rest are ``added`` or
``removed``.

For matched items: ``moved`` when the item it is part of changed (the old
parent mapped through the matching), ``changed`` with one entry per field
that differs (text, RAG, timescale, lead, document...). Source line numbers
are not compared: they say where an item came from, not what it says. Links
from operational plans to priorities are compared as a set: ``links``.

>>> from goldenthread.model.analysis._examples import tiny_plan
>>> old, new = tiny_plan(), tiny_plan()
>>> new.groups[0].priorities[0].actions[0].outcomes[0].rag = "GREEN"
>>> d = diff(old, new)
>>> d.changed[0]["id"], d.changed[0]["changes"], d.is_empty()
('LP1.a.o1', [{'field': 'rag', 'old': 'AMBER', 'new': 'GREEN'}], False)
"""
from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Any, TypedDict

import networkx as nx
from rapidfuzz import process

from goldenthread.model.analysis.findings import short_title
from goldenthread.model.analysis.similarity import DEFAULT_THRESHOLD, score
from goldenthread.model.analysis.wording import normalise
from goldenthread.model.graph import build_graph, item_texts
from goldenthread.model.queries import kind_of, parent, reading_order
from goldenthread.model.nodes import SERVES

#: The fields compared, per node kind (graph attribute names).
FIELDS: dict[str, tuple[str, ...]] = {
    "plan": ("title",),
    "vision": ("title", "text"),
    "priority": ("group", "number", "title", "text"),
    "action": ("label", "title", "text", "steps"),
    "indicator": ("text",),
    "outcome": ("text", "timescale", "rag"),
    "operational_plan": ("title", "connected", "lead", "document", "unresolved"),
    "lead": ("title", "role"),
}
#: Plan-wide facts compared (``g.graph`` keys).
PLAN_FIELDS = ("title", "organisation", "period", "last_updated")


def _score(a: str, b: str, **_options) -> float:
    """:func:`model.analysis.similarity.score` in the shape :func:`rapidfuzz.process.extract` calls."""
    return score(a, b)


def _as_graph(plan) -> nx.MultiDiGraph:
    return plan if isinstance(plan, nx.MultiDiGraph) else build_graph(plan)


class FieldChange(TypedDict):
    """One field that differs: its name and both values (dates as ISO text)."""

    field: str
    old: Any
    new: Any


class DiffItem(TypedDict):
    """An item a diff names: ID, kind, short title and the item it is part of."""

    id: str
    kind: str
    title: str
    parent: str | None


class Renamed(TypedDict):
    """An item matched across a change of ID, by kind and text similarity (``score``, 0-100)."""

    old_id: str
    new_id: str
    kind: str
    score: float


#: An item now part of another item: ``from`` and ``to`` are the old and new parents ("from" is a keyword).
Moved = TypedDict("Moved", {"id": str, "kind": str, "title": str, "parent": "str | None", "old_id": str,
                            "from": "str | None", "to": "str | None"})


class Changed(DiffItem):
    """A matched item with fields that differ."""

    old_id: str
    changes: list[FieldChange]


class LinkChange(TypedDict):
    """An operational plan's SERVES link to a priority, added or removed."""

    plan: str
    priority: str


class LinkChanges(TypedDict):
    """The SERVES links added and removed."""

    added: list[LinkChange]
    removed: list[LinkChange]


@dataclass(frozen=True)
class PlanDiff:
    """What changed from one version of a plan to another (see the module docstring).

    Lists follow the reading order of the new plan (``removed``: of the old
    one); ``summary`` counts each list, the link changes and the plan-wide changes.
    """

    plan: list[FieldChange]
    added: list[DiffItem]
    removed: list[DiffItem]
    renamed: list[Renamed]
    moved: list[Moved]
    changed: list[Changed]
    links: LinkChanges
    summary: dict[str, int]

    def is_empty(self) -> bool:
        """Whether the diff records no difference at all."""
        return not any(self.summary.values())

    def to_dict(self) -> dict:
        """JSON-ready: ``{"plan", "added", "removed", "renamed", "moved", "changed", "links", "summary"}``."""
        return asdict(self)


def _item(g: nx.MultiDiGraph, node: str) -> DiffItem:
    return {"id": node, "kind": kind_of(g, node), "title": short_title(g, node, 80),
            "parent": parent(g, node)}


def match_items(old: nx.MultiDiGraph, new: nx.MultiDiGraph, *,
                threshold: float = DEFAULT_THRESHOLD) -> tuple[dict[str, str], list[Renamed]]:
    """``({old id: new id}, renamed)``: by ID, then by kind and text similarity for the rest."""
    matched = {n: n for n in old if n in new and kind_of(old, n) == kind_of(new, n)}
    taken = set(matched.values())
    left_old = [n for n in old if n not in matched]
    left_new = [n for n in new if n not in taken]
    text = lambda g, n: normalise(" ".join(item_texts(g, n)))
    scored = []
    for kind in dict.fromkeys(kind_of(old, n) for n in left_old):
        olds = [n for n in left_old if kind_of(old, n) == kind]
        news = [n for n in left_new if kind_of(new, n) == kind]
        if not news:
            continue
        choices = [text(new, n) for n in news]
        for a in olds:
            for _, s, j in process.extract(text(old, a), choices, scorer=_score, score_cutoff=threshold,
                                           limit=None):
                scored.append((-round(float(s), 1), a, news[j]))
    renamed = []
    for neg, a, b in sorted(scored):
        if a not in matched and b not in taken:
            matched[a] = b
            taken.add(b)
            renamed.append({"old_id": a, "new_id": b, "kind": kind_of(old, a), "score": round(-neg, 1)})
    order = reading_order(new)
    return matched, sorted(renamed, key=lambda r: order[r["new_id"]])


def _plain(value):
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def diff(old_plan, new_plan, *, threshold: float = DEFAULT_THRESHOLD) -> PlanDiff:
    """The differences from *old_plan* to *new_plan* (graphs or loaded :class:`PlanData`)."""
    old, new = _as_graph(old_plan), _as_graph(new_plan)
    matched, renamed = match_items(old, new, threshold=threshold)
    back = {b: a for a, b in matched.items()}
    plan: list[FieldChange] = [{"field": f, "old": _plain(old.graph.get(f)), "new": _plain(new.graph.get(f))}
                               for f in PLAN_FIELDS if _plain(old.graph.get(f)) != _plain(new.graph.get(f))]
    added = [_item(new, n) for n in new if n not in back]
    removed = [_item(old, n) for n in old if n not in matched]
    moved: list[Moved] = []
    changed: list[Changed] = []
    for b in new:
        if b not in back:
            continue
        a = back[b]
        old_parent, new_parent = parent(old, a), parent(new, b)
        if matched.get(old_parent, old_parent) != new_parent:
            moved.append({**_item(new, b), "old_id": a, "from": old_parent, "to": new_parent})
        changes: list[FieldChange] = [
            {"field": f, "old": _plain(old.nodes[a].get(f)), "new": _plain(new.nodes[b].get(f))}
            for f in FIELDS.get(kind_of(new, b), ()) if _plain(old.nodes[a].get(f)) != _plain(new.nodes[b].get(f))]
        if changes:
            changed.append({**_item(new, b), "old_id": a, "changes": changes})
    old_links = {(matched.get(u, u), matched.get(v, v)) for u, v, k in old.edges(keys=True) if k == SERVES}
    new_links = {(u, v) for u, v, k in new.edges(keys=True) if k == SERVES}
    order = reading_order(new)
    old_order = {matched.get(n, n): i for i, n in enumerate(old)}
    key = lambda link: (order.get(link[0], old_order.get(link[0], 0)), order.get(link[1], old_order.get(link[1], 0)))
    links: LinkChanges = {
        "added": [{"plan": u, "priority": v} for u, v in sorted(new_links - old_links, key=key)],
        "removed": [{"plan": u, "priority": v} for u, v in sorted(old_links - new_links, key=key)],
    }
    summary = {"added": len(added), "removed": len(removed), "renamed": len(renamed), "moved": len(moved),
               "changed": len(changed), "links": len(links["added"]) + len(links["removed"]), "plan": len(plan)}
    return PlanDiff(plan=plan, added=added, removed=removed, renamed=renamed, moved=moved, changed=changed,
                    links=links, summary=summary)

