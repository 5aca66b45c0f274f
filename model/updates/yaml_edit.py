"""Editing a few fields of a plan's YAML file in place, keeping every other byte as it was.

ruamel.yaml's round-trip writer keeps comments too, but rewrites the whole
file and takes about 20 s for a plan of 5,000 outcomes. An update touches a
few lines, so this module finds where each field is from the parser's
events (the C parser when it is installed) and replaces, or inserts, just
those lines; values are written by :mod:`model.yaml_writer`, the one YAML
writer (plain where that reads back as the same text, quoted otherwise, a
literal block for several lines). :mod:`.apply` loads the result and checks that it says what
was meant, so a mistake here can never reach the plan.

>>> text = "outcomes:\\n  - id: o1\\n    text: Fewer referrals  # kept\\n    rag: AMBER\\n    lines: [3, 3]\\n"
>>> import datetime as dt
>>> note = {"date": dt.date(2021, 1, 22), "text": "Done."}
>>> print(set_fields(text, {"o1": {"rag": "GREEN", "commentary": note}}), end="")
outcomes:
  - id: o1
    text: Fewer referrals  # kept
    rag: GREEN
    commentary:
      date: 2021-01-22
      text: Done.
    lines: [3, 3]
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.events import (AliasEvent, MappingEndEvent, MappingStartEvent, ScalarEvent, SequenceEndEvent,
                                SequenceStartEvent)

from goldenthread.model.errors import GoldenThreadError
from goldenthread.model.yaml_writer import to_yaml

#: Where fields go when a mapping lacks them: after the nearest field before them in this order.
FIELD_ORDER = ("id", "text", "title", "organisation", "period", "timescale", "rag", "last_updated", "commentary")
ROOT = object()


@dataclass
class _Entry:
    key_line: int
    last_line: int          # the last line of the value, inclusive (0-based)


@dataclass
class _Mapping:
    column: int = -1
    flow: bool = False
    line: int = 0
    entries: dict[str, _Entry] = field(default_factory=dict)
    id: Any = None


def _last_line(mark) -> int:
    return mark.line if mark.column > 0 else mark.line - 1


def _mappings(text: str, wanted: set) -> dict[Any, _Mapping]:
    """The mappings whose ``id`` is in *wanted* (and the top mapping under :data:`ROOT`), with their entries."""
    found: dict[Any, _Mapping] = {}
    stack: list[list] = []   # [kind, _Mapping or None, pending key, key line, last mark, flow]
    for event in YAML(typ="safe").parse(text):
        kind = type(event)
        if kind is MappingStartEvent or kind is SequenceStartEvent:
            flow = bool(event.flow_style)
            mapping = _Mapping(flow=flow, line=event.start_mark.line) if kind is MappingStartEvent else None
            stack.append(["map" if mapping else "seq", mapping, None, 0, event.start_mark, flow])
            continue
        if kind is MappingEndEvent or kind is SequenceEndEvent:
            frame = stack.pop()
            mapping = frame[1]
            # a block collection ends where its last value does; a flow one at its closing bracket
            end = event.end_mark if frame[5] else frame[4]
            if mapping is not None and (mapping.id in wanted or not stack):
                found[ROOT if not stack else mapping.id] = mapping
        elif kind is ScalarEvent:
            end = event.end_mark
            if stack and stack[-1][0] == "map" and stack[-1][2] is None:
                top = stack[-1]
                top[2], top[3] = event.value, event.start_mark.line
                if top[1].column < 0:
                    top[1].column = event.start_mark.column
                top[4] = end
                continue
        elif kind is AliasEvent:
            end = event.end_mark
        else:
            continue
        if not stack:
            continue
        top = stack[-1]
        if top[0] == "map":
            key, mapping = top[2], top[1]
            mapping.entries[key] = _Entry(top[3], _last_line(end))
            if key == "id" and kind is ScalarEvent:
                mapping.id = event.value
            top[2] = None
        top[4] = end if (end.line, end.column) > (top[4].line, top[4].column) else top[4]
    return found


def _lines_of(key: str, value: Any, column: int) -> list[str]:
    """``key: value`` as lines indented by *column*, in :mod:`model.yaml_writer`'s layout."""
    indent = " " * column
    if isinstance(value, dict):
        return [f"{indent}{key}:"] + [line for k, v in value.items() for line in _lines_of(k, v, column + 2)]
    return [indent + line for line in to_yaml({key: value}).rstrip("\n").split("\n")]


def set_fields(text: str, changes: dict[Any, dict[str, Any]], *, display: str = "plan file") -> str:
    """*text* with, for each mapping whose ``id`` is a key of *changes* (:data:`ROOT`: the top one), those fields set.

    Raises :class:`GoldenThreadError` when a mapping is not found or is
    written in flow style (``{id: ..., text: ...}``), which is not edited.
    """
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.split("\n")
    if newline == "\r\n":
        lines = [line[:-1] if line.endswith("\r") else line for line in lines]
    spans = _mappings(text, set(changes) - {ROOT})
    for mapping in spans.values():
        for entry in mapping.entries.values():   # blank lines after a value stay where they are
            while entry.last_line > entry.key_line and not lines[entry.last_line].strip():
                entry.last_line -= 1
    operations = []
    for item, fields in changes.items():
        mapping = spans.get(item)
        if mapping is None:
            raise GoldenThreadError(f"{display}: {'the top mapping' if item is ROOT else item} was not found",
                                    None, "the plan changed while it was being updated: run apply again")
        if mapping.flow:
            raise GoldenThreadError(f"{display}:{mapping.line + 1}: {item} is written in flow style "
                                    "({...}), which updates do not edit", None,
                                    "write it as one `field: value` line per field, as export and import do")
        for seq, (key, value) in enumerate(fields.items()):
            new = _lines_of(key, value, mapping.column)
            entry = mapping.entries.get(key)
            if entry is not None:
                operations.append((entry.key_line, seq, entry.key_line, entry.last_line, new))
                continue
            order = FIELD_ORDER.index(key) if key in FIELD_ORDER else len(FIELD_ORDER)
            before = [mapping.entries[k] for k in FIELD_ORDER[:order] if k in mapping.entries]
            anchor = max((e.last_line for e in before), default=max(e.last_line for e in mapping.entries.values()))
            operations.append((anchor + 0.5, seq, anchor + 1, anchor, new))
    for _, _, start, last, new in sorted(operations, key=lambda op: (op[0], op[1]), reverse=True):
        lines[start:last + 1] = new
    return newline.join(lines)
