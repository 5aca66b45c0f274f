"""The one YAML writer: plain data as YAML text that people can read and edit by hand.

Everything that writes a plan file goes through :func:`to_yaml`: the
importer, ``synth`` and the quarterly updates (through
:mod:`model.updates.yaml_edit`). The data is plain (mappings with text keys,
lists, text, whole numbers, dates, ``None``), so the text is emitted directly
rather than through ruamel.yaml's round-trip dumper, which takes about 20 s
for a plan of 5,000 outcomes.

The layout is the one ruamel.yaml writes with ``indent(mapping=2,
sequence=4, offset=2)`` and a wide line, and so are its choices of quoting
(:func:`scalar` follows ruamel's ``analyze_scalar`` and
``choose_scalar_style``): text is plain where it reads back as the same
text, in single quotes where only quoting is needed, in double quotes with
escapes where it holds a quote mark, a control character or a line break.
``tests/test_yaml_writer.py`` compares it with ruamel.yaml on awkward text.
Two differences, both on the safe side: a value is never folded onto
several lines, and text holding characters that some readers take for a line
break (U+0085, U+2028, U+2029) or drop (U+FEFF) is always double-quoted with
those characters escaped.

Lists of whole numbers or of IDs are written in flow style (``lines: [3,
4]``); text of several lines, each with something on it and no space at
either end, as a literal block (``|-``); other text of several lines
double-quoted.

>>> print(to_yaml({"id": "o1", "text": "Two\\nlines", "rag": None, "label": "5", "priorities": ["DP1", "LP2"]}), end="")
id: o1
text: |-
  Two
  lines
rag:
label: '5'
priorities: [DP1, LP2]
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.resolver import VersionedResolver

_STR_TAG = "tag:yaml.org,2002:str"
_WHITESPACE = "\0 \t\r\n\x85\u2028\u2029"
_WS = re.escape(_WHITESPACE)

# The common case, decided without the rules below: text starting with a letter, holding
# only letters, digits, spaces and punctuation that means nothing to YAML inside a value.
_SURELY_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9 .;'()/%&+=<>\\^$~!?*@`|\"_–-]*(?<! )")
# ruamel.yaml's analyze_scalar, as patterns (block context, allow_unicode, YAML 1.2):
_SPECIAL = re.compile("[^\n\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|\ufeff")
_BREAKS = re.compile("[\n\x85\u2028\u2029]")
_BLOCK_INDICATOR = re.compile(
    rf"^(?:---|\.\.\.)|^[#,\[\]{{}}&*!|>'\"%@`]|^[?:-](?:[{_WS}]|$)|.:(?:[{_WS}]|$)|[{_WS}]#", re.DOTALL)
_FLOW_INDICATOR = re.compile(r"[,\[\]{}]|^[?:]$")
_BREAK_SPACE = re.compile("[\n\x85\u2028\u2029] ")
_SPACE_BREAK = re.compile(" [\n\x85\u2028\u2029]")
# Characters written as escapes inside double quotes (ruamel's choice, plus the line-break look-alikes).
_ESCAPED = re.compile("[^\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|[\"\\\\\u2028\u2029\ufeff]")
_ESCAPES = {"\0": "0", "\x07": "a", "\x08": "b", "\x09": "t", "\x0a": "n", "\x0b": "v", "\x0c": "f",
            "\x0d": "r", "\x1b": "e", '"': '"', "\\": "\\", "\x85": "N", "\u2028": "L", "\u2029": "P"}
_FLOW_ITEM = re.compile(r"[A-Za-z][A-Za-z0-9._-]*")
_RESOLVER = VersionedResolver(version=(1, 2))


def _escape(match: re.Match) -> str:
    char = match.group()
    if char in _ESCAPES:
        return "\\" + _ESCAPES[char]
    code = ord(char)
    return f"\\x{code:02X}" if code <= 0xFF else f"\\u{code:04X}" if code <= 0xFFFF else f"\\U{code:08X}"


def double_quoted(text: str) -> str:
    """*text* in double quotes, escaped as ruamel.yaml escapes it.

    >>> print(double_quoted('say "hi"\\tthen\\u2028go'))
    "say \\"hi\\"\\tthen\\Lgo"
    """
    return '"' + _ESCAPED.sub(_escape, text) + '"'


def _reads_as_text(text: str) -> bool:
    """Whether *text*, written plain, reads back as text (not a number, date, boolean or null)."""
    return _RESOLVER.resolve(ScalarNode, text, (True, False)) == _STR_TAG


def _plain_allowed(text: str, *, flow: bool) -> bool:
    if text[0] == " " or text[-1] == " " or _BREAKS.search(text) or _SPECIAL.search(text):
        return False
    if _BLOCK_INDICATOR.search(text) or flow and _FLOW_INDICATOR.search(text):
        return False
    return _reads_as_text(text)


def text_scalar(text: str, *, flow: bool = False) -> str:
    """One line of text as YAML: plain, single-quoted or double-quoted, as ruamel.yaml would choose.

    *flow* is for an item of a flow list, where commas and brackets need quotes.

    >>> [text_scalar(t) for t in ["Leaving care", "2020/2021", "5", "yes: really", "it's", "a\\tb", ""]]
    ['Leaving care', '2020/2021', "'5'", "'yes: really'", "it's", '"a\\\\tb"', "''"]
    """
    if not text:
        return "''"
    if not flow and _SURELY_PLAIN.fullmatch(text):  # no indicator can be in it
        if _reads_as_text(text):
            return text
    elif _plain_allowed(text, flow=flow):
        return text
    awkward = _SPECIAL.search(text) or _BREAKS.search(text) or "\ufeff" in text
    if awkward or "'" in text or _BREAK_SPACE.search(text) or _SPACE_BREAK.search(text):
        return double_quoted(text)
    return "'" + text + "'"


def scalar(value: Any, *, flow: bool = False) -> str:
    """One value written inline; ``None`` is written as nothing."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, dt.date)):
        return str(value)
    return text_scalar(str(value), flow=flow)


def _block_text(text: str) -> bool:
    return "\n" in text and not _SPECIAL.search(text) and all(
        line.strip() and line == line.strip() and not _BREAKS.search(line) for line in text.split("\n"))


def _flow(items: list) -> bool:
    return all(isinstance(i, int) and not isinstance(i, bool)
               or isinstance(i, str) and _FLOW_ITEM.fullmatch(i) and _reads_as_text(i) for i in items)


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
            out.append(f"{head} [{', '.join(scalar(v, flow=True) for v in value)}]")
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
