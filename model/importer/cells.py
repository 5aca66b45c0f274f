"""Cleaning one table cell of the text export into plain blocks of text.

A cell carries leftover HTML from the word processor: ``<p>`` paragraphs,
``<ul style="list-style-type: none">`` lists whose items are run together on
one line (sometimes marked with "•", "o" or "-", often not marked at all) and
``<i>`` italics. :func:`cell_blocks` turns that into a list of
:class:`Block` — paragraphs and list items — with the tags gone and the
entities decoded. Nothing is dropped: an unmarked list stays one block.

>>> [(b.kind, b.text) for b in cell_blocks('<p>1</p> <p>Early Help</p>')]
[('p', '1'), ('p', 'Early Help')]
>>> [b.text for b in cell_blocks('<ul style="list-style-type: none"> • One • Two ')]
['One', 'Two']
>>> [b.text for b in cell_blocks('Data <i>Monitoring</i> <ul> Unmarked items run together ')]
['Data Monitoring', 'Unmarked items run together']
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass

_TAG = re.compile(r"<(/?)(p|ul|li|i|b|em|strong|br)\b[^>]*>", re.IGNORECASE)
_ANY_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
#: Bullet characters that never occur in prose, and those that only mark items
#: when the list starts with them ("o", "-": both also occur in prose).
_ALWAYS_BULLETS = "•▪●◦"
_LEADING_BULLETS = "o-–"


@dataclass(frozen=True)
class Block:
    """A paragraph (``kind == "p"``) or a list item (``kind == "li"``)."""

    kind: str
    text: str


def squash(text: str) -> str:
    """Collapse runs of white space to one space and trim."""
    return " ".join(text.split())


def _split_items(text: str) -> list[str]:
    """Split a list's run-together text into items at its bullet markers."""
    stripped = text.strip()
    markers = set(_ALWAYS_BULLETS)
    if stripped[:1] in _LEADING_BULLETS and stripped[1:2] == " ":
        markers.add(stripped[0])
    pattern = r"(?:^|\s)(?:" + "|".join(re.escape(m) for m in sorted(markers)) + r")\s+"
    return [squash(p) for p in re.split(pattern, " " + stripped) if squash(p)]


def cell_blocks(raw: str) -> list[Block]:
    """Turn one raw cell into paragraphs and list items, in reading order."""
    blocks: list[Block] = []
    in_list = False
    buffer: list[str] = []

    def flush() -> None:
        text = html.unescape(_ANY_TAG.sub(" ", "".join(buffer)))
        buffer.clear()
        if not squash(text):
            return
        if in_list:
            blocks.extend(Block("li", item) for item in _split_items(text))
        else:
            # Bullets can also appear outside a <ul> (a cell pasted as text).
            items = _split_items(text) if any(b in text for b in _ALWAYS_BULLETS) else [squash(text)]
            kind = "li" if len(items) > 1 else "p"
            blocks.extend(Block(kind, item) for item in items)

    pos = 0
    for match in _TAG.finditer(raw):
        closing, tag = match.group(1), match.group(2).lower()
        if tag in ("i", "b", "em", "strong"):
            buffer.append(raw[pos:match.start()])  # inline: keep the text flowing
            pos = match.end()
            continue
        buffer.append(raw[pos:match.start()])
        pos = match.end()
        flush()
        if tag == "ul":
            in_list = not closing
        elif tag == "p" and not closing:
            # A paragraph ends any unclosed list before it (the export never closes <ul>).
            in_list = False
    buffer.append(raw[pos:])
    flush()
    return blocks


def cell_text(raw: str) -> str:
    """The cell as plain text, one block per line."""
    return "\n".join(b.text for b in cell_blocks(raw))


def cell_parts(raw: str) -> list[str]:
    """The cell's separate paragraphs or items, e.g. a Timescale cell holding two dates."""
    return [b.text for b in cell_blocks(raw)]
