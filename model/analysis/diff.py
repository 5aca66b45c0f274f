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
>>> d["changed"][0]["id"], d["changed"][0]["changes"]
('LP1.a.o1', [{'field': 'rag', 'old': 'AMBER', 'new': 'GREEN'}])
"""
from __future__ import annotations

import datetime as dt

import networkx as nx
from rapidfuzz import process

from goldenthread.model.analysis.findings import short_title
from goldenthread.model.analysis.similarity import DEFAULT_THRESHOLD, score
from goldenthread.model.analysis.wording import normalise
from goldenthread.model.graph import SERVES, build_graph, item_texts, parent

#: The fields compared, per node kind (graph attribute names).
FIELDS: dict[str, tuple[str, ...]] = {
    "plan": ("title",),
    "vision": ("title", "text"),
    "priority": ("group", "number", "title", "text"),
    "action": ("label", "title", "text", "steps"),
    "indicator": ("text",),
    "outcome": ("text", "timescale", "rag", "commentary"),
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


def _item(g: nx.MultiDiGraph, node: str) -> dict:
    return {"id": node, "kind": g.nodes[node]["kind"], "title": short_title(g, node, 80),
            "parent": parent(g, node)}


def match_items(old: nx.MultiDiGraph, new: nx.MultiDiGraph, *, threshold: float = DEFAULT_THRESHOLD,
                max_pairs: int | None = None) -> tuple[dict[str, str], list[dict]]:
    """``({old id: new id}, renamed)``: by ID, then by kind and text similarity for the rest.

    The similarity search compares every item left over on one side with every one of its kind
    left over on the other. With *max_pairs*, a kind with more pairs than that is not searched
    (its leftovers stay added and removed), so that the work stays linear in the plans' size
    however many IDs changed (the plan history passes it; ``diff`` compares everything).
    """
    matched = {n: n for n in old if n in new and old.nodes[n]["kind"] == new.nodes[n]["kind"]}
    taken = set(matched.values())
    left_old = [n for n in old if n not in matched]
    left_new = [n for n in new if n not in taken]
    text = lambda g, n: normalise(" ".join(item_texts(g, n)))
    scored = []
    for kind in dict.fromkeys(old.nodes[n]["kind"] for n in left_old):
        olds = [n for n in left_old if old.nodes[n]["kind"] == kind]
        news = [n for n in left_new if new.nodes[n]["kind"] == kind]
        if not news or (max_pairs is not None and len(olds) * len(news) > max_pairs):
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
            renamed.append({"old_id": a, "new_id": b, "kind": old.nodes[a]["kind"], "score": round(-neg, 1)})
    order = {n: i for i, n in enumerate(new)}
    return matched, sorted(renamed, key=lambda r: order[r["new_id"]])


def _plain(value):
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def diff(old_plan, new_plan, *, threshold: float = DEFAULT_THRESHOLD) -> dict:
    """The differences from *old_plan* to *new_plan* (graphs or loaded :class:`PlanData`), JSON-ready.

    ``{"plan": [changes], "added", "removed", "renamed", "moved", "changed",
    "links": {"added", "removed"}, "summary": {counts}}``; lists follow the
    reading order of the new plan (``removed``: of the old one).
    """
    old, new = _as_graph(old_plan), _as_graph(new_plan)
    matched, renamed = match_items(old, new, threshold=threshold)
    back = {b: a for a, b in matched.items()}
    result: dict = {
        "plan": [{"field": f, "old": _plain(old.graph.get(f)), "new": _plain(new.graph.get(f))}
                 for f in PLAN_FIELDS if _plain(old.graph.get(f)) != _plain(new.graph.get(f))],
        "added": [_item(new, n) for n in new if n not in back],
        "removed": [_item(old, n) for n in old if n not in matched],
        "renamed": renamed,
        "moved": [],
        "changed": [],
    }
    for b in new:
        if b not in back:
            continue
        a = back[b]
        old_parent, new_parent = parent(old, a), parent(new, b)
        if matched.get(old_parent, old_parent) != new_parent:
            result["moved"].append({**_item(new, b), "old_id": a, "from": old_parent, "to": new_parent})
        changes = [{"field": f, "old": _plain(old.nodes[a].get(f)), "new": _plain(new.nodes[b].get(f))}
                   for f in FIELDS.get(new.nodes[b]["kind"], ())
                   if _plain(old.nodes[a].get(f)) != _plain(new.nodes[b].get(f))]
        if changes:
            result["changed"].append({**_item(new, b), "old_id": a, "changes": changes})
    result["links"] = link_changes(old, new, matched)
    result["summary"] = {k: len(result[k]) for k in ("added", "removed", "renamed", "moved", "changed")}
    result["summary"]["links"] = len(result["links"]["added"]) + len(result["links"]["removed"])
    result["summary"]["plan"] = len(result["plan"])
    return result


def link_changes(old: nx.MultiDiGraph, new: nx.MultiDiGraph, matched: dict[str, str]) -> dict:
    """``{"added": [...], "removed": [...]}``: links from plans to priorities, old IDs mapped through *matched*."""
    old_links = {(matched.get(u, u), matched.get(v, v)) for u, v, k in old.edges(keys=True) if k == SERVES}
    new_links = {(u, v) for u, v, k in new.edges(keys=True) if k == SERVES}
    order = {n: i for i, n in enumerate(new)}
    old_order = {matched.get(n, n): i for i, n in enumerate(old)}
    key = lambda link: (order.get(link[0], old_order.get(link[0], 0)), order.get(link[1], old_order.get(link[1], 0)))
    return {
        "added": [{"plan": u, "priority": v} for u, v in sorted(new_links - old_links, key=key)],
        "removed": [{"plan": u, "priority": v} for u, v in sorted(old_links - new_links, key=key)],
    }


def is_empty(result: dict) -> bool:
    """Whether a :func:`diff` result records no difference at all."""
    return not any(result["summary"].values())
