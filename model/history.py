"""The plan over time: its versions, each outcome's history, and what changed since last time.

Versions are matched pair by pair, each with the next one, exactly as
``goldenthread diff`` matches them (:func:`model.analysis.diff.match_items`:
by ID, then by kind and text similarity for what is left over). Each current
outcome is then followed back through the matches to the ID it had in every
earlier version, so its history survives a renumbering.

Everything here is a pure function of graphs; loading versions (folders,
``git:REV``) is :mod:`model.versions`. Work is linear in the size of the
plans: one match per pair of versions, one look-up per outcome and version.

>>> from goldenthread.model.analysis._examples import tiny_graph
>>> old, new = tiny_graph(), tiny_graph()
>>> new.nodes["LP1.a.o1"]["rag"] = "RED"
>>> h = plan_history(new, [("last quarter", old)])
>>> [(c.kind, c.id, c.old, c.new) for c in h.changes]
[('worsened', 'LP1.a.o1', 'AMBER', 'RED')]
>>> [s.rag for s in h.outcomes["LP1.a.o1"].states]
['AMBER', 'RED']
"""
from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from goldenthread.model.analysis.diff import link_changes, match_items
from goldenthread.model.analysis.findings import short_title
from goldenthread.model.graph import OPERATIONAL_PLAN, OUTCOME, nodes_of_kind

#: Ratings from worst to best; a move up this scale improves, down it worsens. N/A and no
#: rating are off the scale: a move to or from them is a change, neither better nor worse.
RAG_SCALE: tuple[str, ...] = ("RED", "AMBER", "AMBER/GREEN", "GREEN")

#: Items whose ID changed between two versions are matched by wording while there are at most this
#: many (old, new) pairs of one kind to compare: about 700 renamed outcomes at once. Beyond that
#: they count as removed and added, so that a history's work stays linear in the plans' size.
MAX_SIMILARITY_PAIRS = 500_000

#: The kinds of change, in the order ``changes.html`` lists them: worst news first.
CHANGE_KINDS: dict[str, str] = {
    "worsened": "Ratings that worsened",
    "timescale-slipped": "Timescales that slipped",
    "removed": "Items removed",
    "relinked": "Plans re-linked to priorities",
    "rating-changed": "Ratings changed (to or from N/A or no rating)",
    "timescale-changed": "Timescales otherwise changed",
    "improved": "Ratings that improved",
    "added": "Items added",
    "commentary": "New commentary",
}


def rating_move(old: str | None, new: str | None) -> str | None:
    """``"worsened"``, ``"improved"``, ``"rating-changed"`` or ``None`` (the same rating).

    >>> rating_move("AMBER", "RED"), rating_move("RED", "AMBER/GREEN"), rating_move(None, "RED")
    ('worsened', 'improved', 'rating-changed')
    """
    if old == new:
        return None
    if old in RAG_SCALE and new in RAG_SCALE:
        return "worsened" if RAG_SCALE.index(new) < RAG_SCALE.index(old) else "improved"
    return "rating-changed"


def _due(g: nx.MultiDiGraph, node: str) -> str | None:
    due = (g.nodes[node].get("parsed_timescale") or {}).get("due")
    return None if due is None else str(due)


@dataclass(frozen=True)
class PlanVersion:
    """One version of the plan: what it was called (a folder, ``git:REV``, "current") and its date."""

    label: str
    date: dt.date | None
    g: nx.MultiDiGraph = field(repr=False, compare=False)

    @property
    def name(self) -> str:
        """How pages name the version: its last-updated date, else its label."""
        return self.date.isoformat() if self.date else self.label

    def to_dict(self) -> dict[str, Any]:
        return {"label": self.label, "date": self.date.isoformat() if self.date else None}


@dataclass(frozen=True)
class OutcomeState:
    """An outcome as one version had it (``id`` ``None``: it was not in that version)."""

    version: int
    id: str | None
    rag: str | None = None
    timescale: str | None = None
    due: str | None = None
    commentary: dict | None = None

    @property
    def present(self) -> bool:
        return self.id is not None

    def to_dict(self) -> dict[str, Any]:
        return {"version": self.version, "id": self.id, "rag": self.rag, "timescale": self.timescale,
                "due": self.due, "commentary": self.commentary}


@dataclass(frozen=True)
class OutcomeHistory:
    """One current outcome in every version, oldest first (the last state is the current plan)."""

    id: str
    states: tuple[OutcomeState, ...]

    def slips(self) -> list[tuple[str, str]]:
        """``(earlier due date, later due date)`` each time the due date moved later between versions it was in."""
        dated = [s for s in self.states if s.present and s.due]
        return [(a.due, b.due) for a, b in zip(dated, dated[1:]) if b.due > a.due]

    @property
    def previous(self) -> OutcomeState | None:
        """Its state in the version before the current one, if it was there."""
        return self.states[-2] if len(self.states) > 1 and self.states[-2].present else None

    @property
    def current(self) -> OutcomeState:
        return self.states[-1]

    def latest_move(self) -> str | None:
        """How its rating moved since the previous version (see :func:`rating_move`)."""
        before = self.previous
        return rating_move(before.rag, self.current.rag) if before else None

    def has_new_commentary(self) -> bool:
        """Whether the current version brings commentary the previous one did not have."""
        before = self.previous
        now = self.current.commentary
        return bool(now) and (before is None or before.commentary != now)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "states": [s.to_dict() for s in self.states], "slips": self.slips()}


@dataclass(frozen=True)
class Change:
    """One thing that changed since the previous version (``id``: the item's current ID, or its
    old one when it was removed)."""

    kind: str
    id: str
    item_kind: str
    title: str
    old: str | None = None
    new: str | None = None
    old_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "id": self.id, "item_kind": self.item_kind, "title": self.title,
                "old": self.old, "new": self.new, "old_id": self.old_id}


@dataclass(frozen=True)
class PlanHistory:
    """The versions, oldest first (the last is the current plan), each outcome's history and the
    changes since the previous version, worst first."""

    versions: tuple[PlanVersion, ...]
    outcomes: dict[str, OutcomeHistory]
    changes: tuple[Change, ...]
    #: ``matches[i]``: ``{ID in version i: ID in version i + 1}``, as :func:`match_items` made them.
    matches: tuple[dict[str, str], ...] = field(default=(), repr=False, compare=False)

    @property
    def current(self) -> PlanVersion:
        return self.versions[-1]

    @property
    def previous(self) -> PlanVersion:
        return self.versions[-2]

    def changes_of(self, node: str) -> list[Change]:
        """The changes to the current item *node* (from an index made once)."""
        return self._by_item.get(node, [])

    @functools.cached_property
    def _by_item(self) -> dict[str, list[Change]]:
        index: dict[str, list[Change]] = {}
        for change in self.changes:
            if change.kind != "removed":
                index.setdefault(change.id, []).append(change)
        return index

    def to_dict(self) -> dict[str, Any]:
        return {"versions": [v.to_dict() for v in self.versions],
                "outcomes": {k: v.to_dict() for k, v in self.outcomes.items()},
                "changes": [c.to_dict() for c in self.changes]}


def plan_history(current: nx.MultiDiGraph, previous: list[tuple[str, nx.MultiDiGraph]], *,
                 current_label: str = "current") -> PlanHistory:
    """The history of *current* over the *previous* versions ``(label, graph)``, most recent first.

    Raises ``ValueError`` when *previous* is empty: a history needs two versions.
    """
    if not previous:
        raise ValueError("a history needs at least one previous version")
    versions = tuple(PlanVersion(label, g.graph.get("last_updated"), g) for label, g in reversed(previous)) + \
        (PlanVersion(current_label, current.graph.get("last_updated"), current),)
    # matches[i]: {id in version i: id in version i + 1}
    matches = [match_items(a.g, b.g, max_pairs=MAX_SIMILARITY_PAIRS)[0] for a, b in zip(versions, versions[1:])]
    outcomes = _outcome_histories(versions, matches)
    changes = _changes(versions[-2].g, current, matches[-1], outcomes)
    return PlanHistory(versions=versions, outcomes=outcomes, changes=tuple(changes), matches=tuple(matches))


def _outcome_histories(versions: tuple[PlanVersion, ...], matches: list[dict[str, str]]) -> dict[str, OutcomeHistory]:
    current = versions[-1].g
    ids = {o: o for o in nodes_of_kind(current, OUTCOME)}     # current id -> id in the version looked at
    per_version: list[dict[str, str | None]] = [dict(ids)]
    for i in range(len(versions) - 2, -1, -1):
        back = {b: a for a, b in matches[i].items()}
        ids = {o: back.get(n) if n is not None else None for o, n in ids.items()}
        per_version.append(dict(ids))
    per_version.reverse()
    histories = {}
    for o in per_version[-1]:
        states = []
        for i, version in enumerate(versions):
            node = per_version[i][o]
            if node is None or version.g.nodes[node].get("kind") != OUTCOME:
                states.append(OutcomeState(version=i, id=None))
                continue
            data = version.g.nodes[node]
            states.append(OutcomeState(version=i, id=node, rag=data.get("rag"), timescale=data.get("timescale"),
                                       due=_due(version.g, node), commentary=data.get("commentary")))
        histories[o] = OutcomeHistory(id=o, states=tuple(states))
    return histories


def _changes(old: nx.MultiDiGraph, new: nx.MultiDiGraph, matched: dict[str, str],
             outcomes: dict[str, OutcomeHistory]) -> list[Change]:
    found: list[tuple[int, int, Change]] = []
    order = {n: i for i, n in enumerate(new)}
    rank = {kind: i for i, kind in enumerate(CHANGE_KINDS)}

    def add(kind: str, g: nx.MultiDiGraph, node: str, position: int, **values) -> None:
        found.append((rank[kind], position, Change(kind=kind, id=node, item_kind=g.nodes[node]["kind"],
                                                   title=short_title(g, node, 110), **values)))

    back = {b: a for a, b in matched.items()}
    for node in new:
        if node not in back:
            add("added", new, node, order[node])
    for i, node in enumerate(old):
        if node not in matched:
            add("removed", old, node, i)
    for o, history in outcomes.items():
        before, now = history.previous, history.current
        if before is None:
            continue
        old_id = before.id if before.id != o else None
        move = rating_move(before.rag, now.rag)
        if move:
            add(move, new, o, order[o], old=before.rag, new=now.rag, old_id=old_id)
        if before.timescale != now.timescale or before.due != now.due:
            slipped = bool(before.due and now.due and now.due > before.due)
            add("timescale-slipped" if slipped else "timescale-changed", new, o, order[o],
                old=before.timescale, new=now.timescale, old_id=old_id)
        if history.has_new_commentary():
            add("commentary", new, o, order[o], old=(before.commentary or {}).get("text"),
                new=now.commentary["text"], old_id=old_id)
    links = link_changes(old, new, matched)
    by_plan: dict[str, tuple[list[str], list[str]]] = {}
    for side, entries in (("added", links["added"]), ("removed", links["removed"])):
        for link in entries:
            gained, lost = by_plan.setdefault(link["plan"], ([], []))
            (gained if side == "added" else lost).append(link["priority"])
    for plan, (gained, lost) in by_plan.items():
        if plan in new and new.nodes[plan]["kind"] == OPERATIONAL_PLAN:
            add("relinked", new, plan, order[plan], old=", ".join(lost) or None, new=", ".join(gained) or None)
    found.sort(key=lambda entry: (entry[0], entry[1]))
    return [change for _, _, change in found]
