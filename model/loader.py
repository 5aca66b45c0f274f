"""``load_plan(directory)``: read a plan folder, validate it, check its references.

A plan folder holds ``plan.yaml``, one ``groups/<key>.yaml`` per key listed in
``plan.yaml``'s ``groups`` (read in that order), ``operational_plans.yaml`` and,
when ``plan.yaml`` names one in ``source_file``, the source document's text.

Loading happens in two passes, and each pass reports *every* problem it finds
(the first as the error's title line, the rest in ``details``):

1. every file is parsed and validated against its schema model;
2. once all files are valid, the plan is checked as a whole: group keys match
   their file names, IDs are unique across the plan (even ignoring case: they
   name files), priority numbers are unique
   in their group, every ID an item refers to exists and is of the right kind,
   and every ``lines`` pair lies inside the source document.

Speed: a council plan has thousands of items and ``goldenthread serve`` reloads
it on every edit, but positions are only needed to report an error. So the
plan is first read quickly (``read_yaml(..., quick=True)``: the C parser, no
positions) and no position is looked up unless there is an error to report.
Only a file with an error is read again the careful way, for its positions
(see :class:`~model.yaml_source.YamlDocument`): the errors are found on the same
data and worded exactly as by a careful read alone, and a mistake in one file
of a large plan does not cost a slow read of every file.

>>> data = load_plan("tests/fixtures/mini_plan")          # doctest: +SKIP
>>> [p.id for p in data.priorities()]                     # doctest: +SKIP
['LP1', 'LP2', 'DP1']
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator

from goldenthread.model.errors import Location, PlanLoadError, relative
from goldenthread.model.forked import can_fork, run_forked
from goldenthread.model.limits import MAX_SOURCE_BYTES
from goldenthread.model.quick_yaml import available as quick_reading_available
from goldenthread.model.schema import OperationalPlans, Plan, PlanData, PriorityGroup
from goldenthread.model.explain import a_or_an, suggest, validate
from goldenthread.model.yaml_source import DocPath, YamlDocument, read_yaml
from goldenthread.model.text_files import read_text_file

PLAN_FILE = "plan.yaml"
GROUPS_DIR = "groups"
OPERATIONAL_FILE = "operational_plans.yaml"
_GROUP_KEY = re.compile(r"^[a-z][a-z0-9_-]*$")
_LAYOUT_HINT = ("a plan folder holds plan.yaml, groups/<key>.yaml and operational_plans.yaml "
                "(see docs/yaml-format.md)")


def load_plan(directory: str | Path) -> PlanData:
    """Load and check the plan folder *directory*.

    Raises :class:`~model.errors.PlanLoadError` (file:line:col, title, hint,
    and every further problem in ``details``) when anything is wrong.
    """
    root = Path(directory)
    if not root.is_dir():
        what = "is not a folder" if root.exists() else "does not exist"
        raise PlanLoadError(f"plan folder {relative(root)} {what}", Location(relative(root)),
                            "pass the folder that holds plan.yaml, e.g. goldenthread validate plan_data")
    return _load(root, quick=quick_reading_available())


def _load(root: Path, *, quick: bool) -> PlanData:
    """Read, validate and check the plan folder *root* (see the module docstring)."""
    errors: list[PlanLoadError] = []
    _refuse_links_leaving(root, errors)
    _raise_if_any(errors)
    plan_doc = _read(root / PLAN_FILE, errors, _LAYOUT_HINT, quick)
    plan = validate(plan_doc, Plan, errors) if plan_doc else None
    group_docs = _read_groups(root, plan_doc, errors, quick) if plan_doc else []
    groups = [validate(doc, PriorityGroup, errors) for doc in group_docs]
    ops_doc = _read(root / OPERATIONAL_FILE, errors,
                    "every plan folder needs one; with no operational plans it holds `plans: []`", quick)
    operational = validate(ops_doc, OperationalPlans, errors) if ops_doc else None
    _raise_if_any(errors)

    source_lines = _read_source(root, plan, plan_doc, errors)
    _raise_if_any(errors)
    _check_plan(plan, plan_doc, list(zip(groups, group_docs)), operational, ops_doc, source_lines, errors)
    _raise_if_any(errors)
    return PlanData(directory=str(root), plan=plan, groups=groups, operational=operational,
                    source_lines=source_lines or [])


def lies_inside(path: Path, root: Path) -> bool:
    """Whether *path*, once every link on the way is followed, lies inside the folder *root*.

    >>> lies_inside(Path("plan_data/plan.yaml"), Path("plan_data"))
    True
    >>> lies_inside(Path("plan_data/../setup.py"), Path("plan_data"))
    False
    """
    return Path(path).resolve().is_relative_to(Path(root).resolve())


def _refuse_links_leaving(root: Path, errors: list[PlanLoadError]) -> None:
    """Every plan file (and the groups folder) must really be inside the plan folder: a link may point
    only within it, so a plan cannot make Golden Thread read (and quote, or publish) a file elsewhere."""
    groups = root / GROUPS_DIR
    paths = [root / PLAN_FILE, root / OPERATIONAL_FILE, groups]
    if groups.is_dir() and lies_inside(groups, root):
        paths += sorted(groups.glob("*.yaml"))
    for path in paths:
        if (path.is_symlink() or path.exists()) and not lies_inside(path, root):
            shown = f"{relative(path.parent)}/{path.name}"      # the link's own name, not where it leads
            errors.append(PlanLoadError(f"{shown} is a link that leads outside the plan folder", Location(shown),
                                        "every plan file must lie inside the plan folder: copy the file in "
                                        "instead of linking to it (links within the folder are fine)"))


def _raise_if_any(errors: list[PlanLoadError]) -> None:
    if errors:
        first = errors[0]
        raise PlanLoadError(first.title, first.location, first.hint, details=errors[1:])


def _read(path: Path, errors: list[PlanLoadError], hint: str, quick: bool) -> YamlDocument | None:
    """Parse *path* (*quick*: see :func:`~model.yaml_source.read_yaml`), or record why it could not be."""
    if not path.is_file():
        errors.append(PlanLoadError(f"{path.name} not found in {relative(path.parent)}",
                                    Location(relative(path)), hint))
        return None
    try:
        return read_yaml(path, quick=quick)
    except PlanLoadError as error:
        errors.append(error)
        return None


def _read_groups(root: Path, plan_doc: YamlDocument, errors: list[PlanLoadError],
                 quick: bool) -> list[YamlDocument]:
    """The group files ``plan.yaml`` lists, in its order; also flags group files it does not list."""
    keys = plan_doc.value(("groups",))
    if not isinstance(keys, list):
        return []  # validation of plan.yaml reports it
    docs, seen = [], {}  # seen: key -> its index in `groups` (positions are looked up only for errors)
    prefetched = _prefetch_groups(root, keys if quick else [])
    for index, key in enumerate(keys):
        if not isinstance(key, str) or not _GROUP_KEY.match(key):
            errors.append(PlanLoadError(f"invalid group key {key!r} in `groups`",
                                        plan_doc.location(("groups", index)),
                                        "group keys use lower-case letters, digits, '_' and '-' and start "
                                        "with a letter; each names groups/<key>.yaml"))
            continue
        if key in seen:
            first = plan_doc.location(("groups", seen[key])).line
            errors.append(PlanLoadError(f"group '{key}' is listed twice in `groups` (first at line {first})",
                                        plan_doc.location(("groups", index)), "list each group once"))
            continue
        seen[key] = index
        path = root / GROUPS_DIR / f"{key}.yaml"
        if not path.is_file():
            errors.append(PlanLoadError(f"no file for group '{key}': expected {relative(path)}",
                                        plan_doc.location(("groups", index)),
                                        f"create {GROUPS_DIR}/{key}.yaml, or remove '{key}' from `groups`"))
            continue
        doc = prefetched.get(path) or _read(path, errors, "", quick)
        if doc:
            docs.append(doc)
    prefetched.wait()
    unlisted = sorted(p for p in (root / GROUPS_DIR).glob("*.yaml") if p.stem not in seen)
    for path in unlisted:
        errors.append(PlanLoadError(f"{GROUPS_DIR}/{path.name} is not listed in plan.yaml `groups`",
                                    Location(relative(path)),
                                    f"add '{path.stem}' to `groups` in plan.yaml, or delete the file"))
    return docs


#: From this many group files, half are read in a second process (when there is a second processor).
PREFETCH_FROM_FILES = 24


class _Prefetched:
    """Group files read quickly in a forked child while the caller reads the others.

    :meth:`get` of a file the child was given waits for the child first. A
    file the child could not read quickly (an error, or beyond the quick
    reader) gives ``None``, and the caller reads it itself, reporting any error
    as usual.
    """

    def __init__(self, paths: list[Path]):
        self._waiting_for = set(paths)
        self._read: dict[Path, YamlDocument] = {}
        self._result = run_forked(lambda: _quick_reads(paths)) if paths else dict

    def get(self, path: Path) -> YamlDocument | None:
        if path in self._waiting_for:
            self.wait()
        return self._read.get(path)

    def wait(self) -> None:
        """Take the child's reads (once; also when no file of its half was asked for, so it is reaped)."""
        if self._waiting_for:
            self._waiting_for = set()
            self._read = self._result()


def _prefetch_groups(root: Path, keys: list) -> _Prefetched:
    """Start reading the second half of many group files in a forked child (see :mod:`model.forked`)."""
    names = [k for k in dict.fromkeys(keys) if isinstance(k, str) and _GROUP_KEY.match(k)]
    if len(names) < PREFETCH_FROM_FILES or not can_fork():
        return _Prefetched([])
    paths = [root / GROUPS_DIR / f"{key}.yaml" for key in names[len(names) // 2:]]
    return _Prefetched([p for p in paths if p.is_file()])


def _quick_reads(paths: list[Path]) -> dict[Path, YamlDocument]:
    """The files among *paths* that read quickly without error (the child's work)."""
    read = {}
    for path in paths:
        try:
            doc = read_yaml(path, quick=True)
        except PlanLoadError:
            continue  # the caller reads it again and reports the error
        if doc.quick:
            read[path] = doc
    return read


def _read_source(root: Path, plan: Plan, plan_doc: YamlDocument, errors: list[PlanLoadError]) -> list[str] | None:
    """The source document's lines, or ``None`` when the plan names none."""
    if not plan.source_file:
        return None

    def where() -> Location:  # positions are looked up only for errors
        return plan_doc.location(("source_file",))

    name = Path(plan.source_file)
    if name.is_absolute() or ".." in name.parts:
        errors.append(PlanLoadError(f"source_file {plan.source_file!r} is outside the plan folder", where(),
                                    "give a path relative to the plan folder, e.g. source/plan.txt"))
        return None
    path = root / name
    if any(part.startswith(".") for part in name.parts):
        errors.append(PlanLoadError(f"source_file {plan.source_file!r} is a hidden file", where(),
                                    "hidden files (names starting with '.', such as .env) are never read or "
                                    "published: save the document's text export as e.g. source/plan.txt"))
        return None
    if (path.is_symlink() or path.exists()) and not lies_inside(path, root):
        errors.append(PlanLoadError(f"source_file {plan.source_file!r} leads outside the plan folder", where(),
                                    "a link (the file, or a folder on its way) points out of the plan folder: "
                                    "copy the document's text export into the plan folder instead"))
        return None
    real = path.resolve().relative_to(root.resolve())
    if any(part.startswith(".") for part in real.parts):
        errors.append(PlanLoadError(f"source_file {plan.source_file!r} is a link to a hidden file", where(),
                                    "it leads to a hidden file (a name starting with '.', such as .env), "
                                    "which is never read or published: save the text export as e.g. source/plan.txt"))
        return None
    if not path.is_file():
        errors.append(PlanLoadError(f"source file not found: {relative(path)}", where(),
                                    "source_file is relative to the plan folder: put the document's text "
                                    "export there, or remove `source_file`"))
        return None
    try:
        return read_text_file(path, PlanLoadError, limit=MAX_SOURCE_BYTES, display=relative(path)).splitlines()
    except PlanLoadError as error:
        errors.append(error)
        return None


# --- whole-plan checks -------------------------------------------------------------------------

def _items(plan: Plan, plan_doc: YamlDocument, groups, operational: OperationalPlans,
           ops_doc: YamlDocument) -> Iterator[tuple[str, object, YamlDocument, DocPath]]:
    """Every item as (kind, model, its document, its path in the document), in reading order."""
    yield "plan", plan, plan_doc, ()
    yield "vision", plan.vision, plan_doc, ("vision",)
    for group, doc in groups:
        for i, priority in enumerate(group.priorities):
            p_path = ("priorities", i)
            yield "priority", priority, doc, p_path
            for j, action in enumerate(priority.actions):
                a_path = p_path + ("actions", j)
                yield "action", action, doc, a_path
                for k, indicator in enumerate(action.indicators):
                    yield "indicator", indicator, doc, a_path + ("indicators", k)
                for k, outcome in enumerate(action.outcomes):
                    yield "outcome", outcome, doc, a_path + ("outcomes", k)
    for i, op in enumerate(operational.plans):
        yield "operational plan", op, ops_doc, ("plans", i)
    for i, lead in enumerate(operational.leads):
        yield "lead", lead, ops_doc, ("leads", i)


def _check_plan(plan, plan_doc, groups, operational, ops_doc, source_lines, errors) -> None:
    """Cross-file checks on a plan whose files are each valid.

    Positions are looked up only for an error: on a valid plan, none is, so a
    quickly read document never needs parsing for them.
    """
    for group, doc in groups:
        if group.key != doc.path.stem:
            errors.append(PlanLoadError(f"group key '{group.key}' does not match its file name {doc.path.name}",
                                        doc.location(("key",)),
                                        f"set `key: {doc.path.stem}`, or rename the file and its entry in "
                                        "plan.yaml `groups`"))
        _check_numbers(group, doc, errors)

    items = list(_items(plan, plan_doc, groups, operational, ops_doc))
    kinds: dict[str, str] = {}
    first_seen: dict[str, tuple[YamlDocument, DocPath]] = {}
    folded: dict[str, str] = {}  # lower-case ID -> the first ID with that spelling
    for kind, item, doc, path in items:
        twin = folded.setdefault(item.id.lower(), item.id)
        if twin != item.id and item.id not in first_seen:
            first_doc, first_path = first_seen[twin]
            first = first_doc.location(first_path + ("id",))
            errors.append(PlanLoadError(f"ID '{item.id}' differs from '{twin}' (at {first}) only in upper and "
                                        "lower case", doc.location(path + ("id",)),
                                        "each item's page is a file named after its ID, and Windows and macOS "
                                        "do not tell such file names apart: give this item another ID"))
        if item.id in first_seen:
            first_doc, first_path = first_seen[item.id]
            first = first_doc.location(first_path + ("id",))
            if first_doc.value(first_path + ("id",)) is None:  # the first has it by default (plan, vision)
                title = f"duplicate ID '{item.id}' (the {kinds[item.id]}'s ID when it has no `id`)"
                already = f"the {kinds[item.id]} has it"
            else:
                title = f"duplicate ID '{item.id}' (first used at {first})"
                already = f"the {kinds[item.id]} at line {first.line} already has it"
            errors.append(PlanLoadError(title, doc.location(path + ("id",)),
                                        f"IDs must be unique across the plan: {already}; give this {kind} a new ID"))
        else:
            first_seen[item.id], kinds[item.id] = (doc, path), kind
        _check_lines(item, doc, path, plan.source_file, source_lines, errors)

    priorities = [i for i, k in kinds.items() if k == "priority"]
    leads = [i for i, k in kinds.items() if k == "lead"]
    for i, op in enumerate(operational.plans):
        path = ("plans", i)
        listed: dict[str, int] = {}  # priority ID -> its index in `priorities`
        for j, target in enumerate(op.priorities):
            if target in listed:
                first = ops_doc.location(path + ("priorities", listed[target])).line
                errors.append(PlanLoadError(f"priority '{target}' is listed twice in `priorities` of "
                                            f"'{op.id}' (first at line {first})",
                                            ops_doc.location(path + ("priorities", j)),
                                            f"remove the second '{target}'"))
                continue
            listed[target] = j
            _check_reference(target, "priority", priorities, kinds, ops_doc, path + ("priorities", j), errors)
        if op.lead is not None:
            _check_reference(op.lead, "lead", leads, kinds, ops_doc, path + ("lead",), errors)
        for k, ref in enumerate(op.unresolved):
            for m, candidate in enumerate(ref.candidates):
                _check_reference(candidate, "priority", priorities, kinds, ops_doc,
                                 path + ("unresolved", k, "candidates", m), errors)


def _check_numbers(group: PriorityGroup, doc: YamlDocument, errors: list[PlanLoadError]) -> None:
    """Each priority number once per group: references like 'Leadership Priority 5' rely on it."""
    first: dict[int, int] = {}  # number -> index of the first priority with it
    for i, priority in enumerate(group.priorities):
        if priority.number in first:
            line = doc.location(("priorities", first[priority.number], "number")).line
            errors.append(PlanLoadError(f"priority number {priority.number} is used twice in group "
                                        f"'{group.key}' (first at line {line})",
                                        doc.location(("priorities", i, "number")),
                                        "each priority of a group needs its own number"))
        else:
            first[priority.number] = i


def _check_reference(target: str, kind: str, known: list[str], kinds: dict[str, str],
                     doc: YamlDocument, path: DocPath, errors: list[PlanLoadError]) -> None:
    """*target*, at *path* in *doc*, must be the ID of an existing item of *kind*."""
    if kinds.get(target) == kind:
        return
    plural = "priorities" if kind == "priority" else f"{kind}s"
    if target in kinds:
        errors.append(PlanLoadError(f"'{target}' is {a_or_an(kinds[target])}, not {a_or_an(kind)}",
                                    doc.location(path), f"refer to one of the plan's {plural}: {_listing(known)}"))
        return
    close = suggest(target, known)
    hint = (f"did you mean {close}? " if close else "") + f"the plan's {plural} are: {_listing(known)}"
    errors.append(PlanLoadError(f"unknown {kind} '{target}'", doc.location(path), hint))


def _listing(ids: list[str], limit: int = 12) -> str:
    if not ids:
        return "(none)"
    shown = ", ".join(ids[:limit])
    return shown + (f" and {len(ids) - limit} more" if len(ids) > limit else "")


def _check_lines(item, doc: YamlDocument, path: DocPath, source_file: str | None,
                 source_lines: list[str] | None, errors: list[PlanLoadError]) -> None:
    """``lines: [first, last]`` must be in order and inside the source document."""
    lines = getattr(item, "lines", None)
    if lines is None:
        return
    first, last = lines
    pair = f"`lines` [{first}, {last}] of '{item.id}'"
    if first < 1:
        title = f"{pair}: line numbers start at 1"
        hint = "give the first and last line of the item in the source document"
    elif first > last:
        title, hint = f"{pair}: first line is after the last", f"write [first, last], e.g. [{last}, {first}]"
    elif source_lines is not None and last > len(source_lines):
        title = f"{pair} run past the end of {source_file} ({len(source_lines)} lines)"
        hint = f"check the line numbers against {source_file}"
    else:
        return
    errors.append(PlanLoadError(title, doc.location(path + ("lines",)), hint))  # a position only for an error
