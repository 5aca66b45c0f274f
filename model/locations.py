"""Where, in the plan folder's YAML, a planner edits an item: file, line and column.

A finding names items by ID; a planner fixes them in ``plan.yaml``,
``groups/<key>.yaml`` or ``operational_plans.yaml``. :func:`locate_findings`
gives each finding its ``locations``: the YAML file (relative to the plan
folder), line and column of each item to edit, at the field the fix is about
(``timescale``, ``lead``...) when the item has it, else at its ``id``.

Speed: the loader reads a valid plan without positions (see
:mod:`model.loader`), and reading them for every file of a large plan costs
seconds. So positions are looked up only for the items that have findings,
and by a plain scan of each such file's lines for ``id: <ID>`` (and the
field within that item's lines), which is linear in the file's size. When the
scan is not sure (the ID is written more than once, or in a flow mapping), that
one file is read with the careful parser, which knows every position.

>>> import networkx as nx, pathlib, tempfile
>>> root = pathlib.Path(tempfile.mkdtemp()); (root / "groups").mkdir()
>>> _ = (root / "groups" / "g.yaml").write_text(
...     "key: g\\npriorities:\\n  - id: P1\\n    title: T\\n    actions:\\n      - id: P1.a\\n"
...     "        title: A\\n        outcomes:\\n          - id: P1.a.o\\n            text: X\\n"
...     "            timescale: Sometime\\n")
>>> g = nx.MultiDiGraph(groups={"g": "G"})
>>> g.add_node("P1", kind="priority", group="g"); g.add_node("P1.a", kind="action", priority="P1")
>>> g.add_node("P1.a.o", kind="outcome", action="P1.a", priority="P1")
>>> places = ItemPlaces(g, root)
>>> places.locate("P1.a.o", ("timescale",))
{'file': 'groups/g.yaml', 'line': 11, 'column': 13}
>>> places.locate("P1.a", ("rag",))
{'file': 'groups/g.yaml', 'line': 6, 'column': 9}
"""
from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Iterable

import networkx as nx

from goldenthread.model.errors import GoldenThreadError

PLAN_FILE, OPERATIONAL_FILE, GROUPS_DIR = "plan.yaml", "operational_plans.yaml", "groups"

#: ``id: X`` as the first key of a sequence item (``- id: X``) or as a key of a block mapping.
_ID_LINE = re.compile(r"^(?P<lead>[ ]*(?:-[ ]+)*)id:[ ]*(?P<value>[^#]*?)[ ]*(?:#.*)?$")


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] == "'":
        return value[1:-1].replace("''", "'")
    if len(value) >= 2 and value[0] == value[-1] == '"' and "\\" not in value:
        return value[1:-1]
    return value


class ItemPlaces:
    """The YAML positions of a plan's items, found on demand, each file read at most once.

    *g* is the plan graph (it says which file holds each item: a priority's
    group, an operational plan, a lead); *directory* the plan folder.
    """

    def __init__(self, g: nx.MultiDiGraph, directory: str | Path):
        self.g, self.directory = g, Path(directory)
        self._lines: dict[str, list[str] | None] = {}
        self._ids: dict[str, dict[str, int]] = {}  # file -> ID -> line index (IDs written once only)
        self._paths: dict[str, tuple] | None = None
        self._careful: dict[str, object] = {}

    def file_of(self, node: str) -> str | None:
        """The file, relative to the plan folder, that holds *node*."""
        data = self.g.nodes[node]
        kind = data.get("kind")
        if kind in ("plan", "vision"):
            return PLAN_FILE
        if kind in ("operational_plan", "lead"):
            return OPERATIONAL_FILE
        priority = node if kind == "priority" else data.get("priority")
        group = self.g.nodes[priority].get("group") if priority in self.g else None
        return f"{GROUPS_DIR}/{group}.yaml" if group else None

    def locate(self, node: str, fields: Iterable[str] = ()) -> dict | None:
        """``{"file", "line", "column"}`` of *node*'s first field among *fields* it has, else of its ID."""
        if node not in self.g:
            return None
        file = self.file_of(node)
        if file is None:
            return None
        lines = self._read(file)
        if lines is None:
            return None
        at = self._ids[file].get(node)
        if at is None:
            return self._careful_locate(file, node, fields)
        line = lines[at]
        column = len(_ID_LINE.match(line).group("lead"))
        found = _field_line(lines, at, column, tuple(fields))
        if found is not None:
            at = found
        return {"file": file, "line": at + 1, "column": column + 1}

    def _read(self, file: str) -> list[str] | None:
        if file not in self._lines:
            try:
                text = (self.directory / file).read_text(encoding="utf-8-sig")
            except (OSError, UnicodeDecodeError):
                self._lines[file] = None
                return None
            lines = text.splitlines()
            ids: dict[str, int] = {}
            repeated: set[str] = set()
            for number, line in enumerate(lines):
                if "id:" not in line:
                    continue
                match = _ID_LINE.match(line)
                if match:
                    value = _unquote(match.group("value"))
                    if value in ids:
                        repeated.add(value)
                    ids.setdefault(value, number)
            for value in repeated:  # an ID written twice (a line inside a text block?): not sure which
                del ids[value]
            self._lines[file], self._ids[file] = lines, ids
        return self._lines[file]

    def _careful_locate(self, file: str, node: str, fields: tuple[str, ...]) -> dict | None:
        """The position by the careful parser (an ID the scan was not sure of)."""
        from goldenthread.model.yaml_source import read_yaml  # only for the rare file that needs it

        path = self._doc_paths().get(node)
        if path is None:
            return None
        doc = self._careful.get(file)
        if doc is None:
            try:
                doc = self._careful[file] = read_yaml(self.directory / file)
            except GoldenThreadError:
                return None
        item = doc.value(path, {})
        where = next((f for f in fields if isinstance(item, dict) and f in item), None)
        location = doc.location(path + ((where,) if where else ("id",)), key=True)
        return {"file": file, "line": location.line, "column": location.column}

    def _doc_paths(self) -> dict[str, tuple]:
        """Every item's path inside its file, from the graph's reading order (made once)."""
        if self._paths is None:
            paths: dict[str, tuple] = {}
            counters: dict[tuple, int] = {}

            def next_index(key: tuple) -> int:
                counters[key] = counters.get(key, -1) + 1
                return counters[key]

            for node, data in self.g.nodes(data=True):
                kind = data.get("kind")
                if kind == "plan":
                    paths[node] = ()
                elif kind == "vision":
                    paths[node] = ("vision",)
                elif kind == "priority":
                    paths[node] = ("priorities", next_index(("priority", data.get("group"))))
                elif kind == "action" and data.get("priority") in paths:
                    paths[node] = paths[data["priority"]] + ("actions", next_index((data["priority"], "a")))
                elif kind in ("indicator", "outcome") and data.get("action") in paths:
                    plural = "indicators" if kind == "indicator" else "outcomes"
                    paths[node] = paths[data["action"]] + (plural, next_index((data["action"], plural)))
                elif kind == "operational_plan":
                    paths[node] = ("plans", next_index(("plans",)))
                elif kind == "lead":
                    paths[node] = ("leads", next_index(("leads",)))
            self._paths = paths
        return self._paths


def _field_line(lines: list[str], at: int, column: int, fields: tuple[str, ...]) -> int | None:
    """The line of the first of *fields* in the mapping whose ``id`` key is at *column* of line *at*."""
    if not fields:
        return None
    start = at
    while not _opens_item(lines[start], column) and start > 0:  # back to the item's "- " line
        previous = lines[start - 1]
        indent = len(previous) - len(previous.lstrip(" "))
        if previous.strip() and not previous.lstrip().startswith("#") and indent < column \
                and not _opens_item(previous, column):
            break
        start -= 1
    end = at + 1
    while end < len(lines):
        line = lines[end]
        indent = len(line) - len(line.lstrip(" "))
        if line.strip() and not line.lstrip().startswith("#") and indent < column:
            break
        end += 1
    found: dict[str, int] = {}
    for number in range(start, end):
        line = lines[number]
        head = line[:column]
        if head.strip(" -") or not line[column:column + 1].isalpha():
            continue
        key = line[column:].split(":", 1)[0]
        if key in fields and key not in found and line[column + len(key):].startswith(":"):
            found[key] = number
    return next((found[f] for f in fields if f in found), None)


def _opens_item(line: str, column: int) -> bool:
    """Whether *line* starts a sequence item whose first key is at *column* (``  - id: X``)."""
    return bool(line[:column].strip(" -")) is False and "-" in line[:column]


def locate_findings(g: nx.MultiDiGraph, directory: str | Path, findings: list) -> list:
    """*findings* with their ``locations`` filled in (a new list; findings are immutable).

    Each finding is located at the first item it names, or at every item
    when its code's fix is about each copy (:data:`model.analysis.fixes.FIXES`).
    """
    from goldenthread.model.analysis.fixes import fix_of

    places = ItemPlaces(g, directory)
    located = []
    for f in findings:
        fix = fix_of(f.code)
        nodes = f.nodes if fix.every_item else f.nodes[:1]
        named = (f.details or {}).get("field")  # an analysis that knows the field says so
        fields = ((named,) if isinstance(named, str) else ()) + fix.fields
        locations = [where for node in dict.fromkeys(nodes) if (where := places.locate(node, fields))]
        located.append(dataclasses.replace(f, locations=tuple(locations)))
    return located
