"""Writing the leads' updates into the plan folder: all at once, or not at all.

:func:`apply_updates` works on a copy of the plan folder made beside it (a
hidden folder), edits only the fields that change with
:mod:`.yaml_edit` (each outcome's ``rag``, ``timescale`` and ``commentary``,
and ``plan.yaml``'s ``last_updated``), loads the copy with the same loader
as every command, checks with :func:`model.analysis.diff.diff` that it
differs from the plan in those fields and nothing else, and only then swaps
it in for the plan folder. On any error the plan folder is as it was.
"""
from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass
from pathlib import Path

from goldenthread.model.analysis.diff import PlanDiff, diff
from goldenthread.model.errors import GoldenThreadError, Location, PlanLoadError, relative
from goldenthread.model.graph import build_graph
from goldenthread.model.loader import load_plan
from goldenthread.model.schema import PlanData
from goldenthread.model.staging import remove_debris, staging_folder, swap_in
from goldenthread.model.updates.validate import Update
from goldenthread.model.updates.yaml_edit import ROOT, set_fields

PLAN_FILE = "plan.yaml"


@dataclass
class Applied:
    """What :func:`apply_updates` did: the diff from the plan as it was, and how many outcomes changed."""

    changes: PlanDiff
    outcomes: int
    written: bool

    def to_dict(self) -> dict:
        return {"changes": self.changes.to_dict(), "outcomes": self.outcomes, "written": self.written}


def planned_edits(data: PlanData, updates: list[Update], as_of: dt.date) -> dict[str, dict[str, dict]]:
    """``{file relative to the plan folder: {outcome id or ROOT: {field: value}}}``: only what changes."""
    edits: dict[str, dict] = {}
    for group in data.groups:
        by_id = {o.id: o for p in group.priorities for a in p.actions for o in a.outcomes}
        for update in updates:
            outcome = by_id.get(update.id)
            if outcome is None:
                continue
            fields: dict = {}
            if update.timescale is not None and update.timescale != outcome.timescale:
                fields["timescale"] = update.timescale
            if update.rag is not None and update.rag != outcome.rag:
                fields["rag"] = update.rag
            note = outcome.commentary
            if update.commentary is not None and (note is None or (note.text, note.date) != (update.commentary, as_of)):
                fields["commentary"] = {"date": as_of, "text": update.commentary}
            if fields:
                edits.setdefault(f"groups/{group.key}.yaml", {})[update.id] = fields
    if edits and data.plan.last_updated != as_of:
        edits[PLAN_FILE] = {ROOT: {"last_updated": as_of}}
    return edits


def apply_updates(directory: Path, data: PlanData, updates: list[Update], as_of: dt.date, *,
                  write: bool = True, graph=None) -> Applied:
    """Apply *updates* to the plan folder *directory* (loaded as *data*); see the module docstring.

    With ``write=False`` nothing is written: the result says what would change.
    *graph* is *data*'s graph when the caller has built it already.
    """
    old = graph if graph is not None else build_graph(data)
    edits = planned_edits(data, updates, as_of)
    outcomes = sum(len(v) for k, v in edits.items() if k != PLAN_FILE)
    if not edits:
        return Applied(changes=diff(old, old), outcomes=0, written=False)
    root = directory.resolve() if directory.is_symlink() else directory
    remove_debris(root)
    staging = staging_folder(root, "updates")
    try:
        new = staging / "new"
        shutil.copytree(root, new, symlinks=True)
        for name, changes in edits.items():
            path = new / name
            text = path.read_text(encoding="utf-8")
            edited = set_fields(text, changes, display=relative(directory / name))
            path.unlink()   # a link is replaced by a file, never written through
            path.write_text(edited, encoding="utf-8", newline="")
        try:
            updated = load_plan(new)
        except PlanLoadError as error:
            raise GoldenThreadError(f"the updated plan does not load: {error.title}", Location(relative(directory)),
                                    "nothing was written; please report this with the workbooks") from None
        changes = diff(old, build_graph(updated))
        _check_only_intended(changes, edits, as_of)
        if write:
            swap_in(new, root, staging)
        return Applied(changes=changes, outcomes=outcomes, written=write)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _check_only_intended(result: PlanDiff, edits: dict, as_of: dt.date) -> None:
    """The edited plan must differ in the intended fields only: else nothing is written."""
    changes = result.to_dict()
    def plain(value):
        return {"date": value["date"].isoformat(), "text": value["text"]} if isinstance(value, dict) else value
    intended = {(item, name, repr(plain(value))) for file, items in edits.items() if file != PLAN_FILE
                for item, fields in items.items() for name, value in fields.items()}
    found = {(c["id"], f["field"], repr(f["new"])) for c in changes["changed"] for f in c["changes"]}
    plan_fields = {c["field"] for c in changes["plan"]}
    others = sum(changes["summary"][k] for k in ("added", "removed", "renamed", "moved", "links"))
    if found != intended or others or plan_fields - {"last_updated"}:
        raise GoldenThreadError("the updated plan differs from the plan in more than the updates", None,
                                "nothing was written; please report this with the workbooks")
