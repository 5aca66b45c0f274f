"""YAML text of plain data, fast, in the layout of the bundled plan's files.

ruamel.yaml's round-trip dumper takes about 20 s for a plan of 5,000
outcomes; the synthetic plans are ten times that. The data here is plain
(mappings with text keys, lists, text, whole numbers, dates, ``None``), so
this writer emits it directly: block mappings and lists, short lists of
numbers or IDs in flow style (``lines: [3, 4]``), text plain when that reads
back as the same text and double-quoted otherwise, multi-line text as a
literal block (``|-``). ``tests/test_synth.py`` checks that what it writes
loads back equal, with both of the loader's YAML readers.

>>> print(to_yaml({"id": "o1", "text": "Two\\nlines", "rag": None, "priorities": ["DP1", "LP2"]}), end="")
id: o1
text: |-
  Two
  lines
rag:
priorities: [DP1, LP2]
"""
from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

# Text that a YAML 1.2 reader takes back as this very text when written plain.
_PLAIN = re.compile(r"(?:[A-Za-z]|[0-9]+%? [A-Za-z])[A-Za-z0-9 ,.;'()/%–-]*")
_NOT_PLAIN = re.compile(r"^(?:true|false|null|yes|no|on|off|y|n)$|\s$|,\s*$|  ", re.IGNORECASE)
_FLOW_ITEM = re.compile(r"[A-Za-z][A-Za-z0-9._-]*")


def scalar(value: Any) -> str:
    """One value written inline: plain where that is safe, else double-quoted."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, dt.date)):
        return str(value)
    text = str(value)
    if _PLAIN.fullmatch(text) and not _NOT_PLAIN.search(text):
        return text
    return json.dumps(text, ensure_ascii=False)


def _block_text(text: str) -> bool:
    return "\n" in text and not text.startswith(" ") and all(
        line.strip() and line == line.strip() for line in text.split("\n"))


def _flow(items: list) -> bool:
    return all(isinstance(i, int) and not isinstance(i, bool)
               or isinstance(i, str) and _FLOW_ITEM.fullmatch(i) and not _NOT_PLAIN.search(i) for i in items)


def _emit(value: Any, indent: str, out: list[str]) -> None:
    """Append the lines of a mapping's or list's body at *indent*."""
    if isinstance(value, dict):
        for key, item in value.items():
            _emit_entry(f"{indent}{key}:", item, indent, out)
    else:
        for item in value:
            if isinstance(item, dict) and item:
                first = True
                for key, sub in item.items():
                    _emit_entry(f"{indent}{'- ' if first else '  '}{key}:", sub, indent + "  ", out)
                    first = False
            else:
                _emit_entry(f"{indent}-", item, indent + "  ", out)


def _emit_entry(head: str, value: Any, indent: str, out: list[str]) -> None:
    if isinstance(value, (list, tuple)):
        value = list(value)
        if not value or _flow(value):
            out.append(f"{head} [{', '.join(str(v) for v in value)}]")
        else:
            out.append(head)
            _emit(value, indent + "  ", out)
    elif isinstance(value, dict):
        if not value:
            out.append(f"{head} {{}}")
        else:
            out.append(head)
            _emit(value, indent + "  ", out)
    elif isinstance(value, str) and _block_text(value):
        out.append(f"{head} |-")
        out.extend(f"{indent}  {line}" for line in value.split("\n"))
    else:
        text = scalar(value)
        out.append(f"{head} {text}" if text else head)


def to_yaml(data: dict, header: str = "") -> str:
    """The YAML text of the mapping *data*, after *header* (comment lines, each starting with ``#``)."""
    out: list[str] = header.splitlines()
    _emit(data, "", out)
    return "\n".join(out) + "\n"
