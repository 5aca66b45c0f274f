"""Escaping plan text for the generated Markdown pages.

Plan text is untrusted: a cell of the plan may hold ``<script>``, a Markdown
link to ``javascript:``, or ``{{ ... }}``. Our pages are Markdown that MkDocs
(or Zensical) turns into HTML, so a value must be safe in two languages at
once. :func:`escape_text` makes it so by writing every character that means
something to HTML *or* Markdown as an HTML character reference:

* ``& < > "`` as usual, so no tag can open and no double-quoted attribute
  can close (templates always quote attributes with ``"``; ``'`` is left as
  it is because page titles reach the search index verbatim, and "Children's"
  must stay searchable);
* Markdown's inline syntax (``* _ ` [ ] \\ # | ~ ^ = $``) so no emphasis, code,
  link, image or attribute list can form;
* ``{`` and ``}`` so nothing downstream (a macros plugin, attr_list) can read
  the text as template or attributes.

Character references mean the same in a Markdown paragraph, a Markdown
heading and a raw HTML block, so one escape serves every place a template
puts text. Newlines become ``<br>`` and the value stays on one line, so it
can never start a Markdown block (a list, a heading, a setext underline, a
table row) on a line of its own; a leading ``-`` or ``+`` is escaped too.

The Jinja environment of :mod:`site_builder.pages` applies this to every
``{{ value }}`` by default; only :class:`markupsafe.Markup` (HTML we rendered
ourselves from templates) and :class:`Href` (URLs we built from item IDs)
pass through differently.

>>> str(escape_text("<b>*bold*</b> [x](javascript:alert(1))"))
'&lt;b&gt;&#42;bold&#42;&lt;/b&gt; &#91;x&#93;(javascript:alert(1))'
>>> str(escape_text("{{ jinja }}"))
'&#123;&#123; jinja &#125;&#125;'
>>> str(escape_text("line one\\nline two"))
'line one<br>line two'
"""
from __future__ import annotations

import functools
import html
from typing import Any

from markupsafe import Markup

# Markdown inline syntax, attribute lists and template braces. "&<>\"" are
# handled by html.escape first, so they are not listed here.
_MARKDOWN_SPECIALS = "\\`*_[]{}#|~^=$!"
_ENTITY = {ord(ch): f"&#{ord(ch)};" for ch in _MARKDOWN_SPECIALS}


class Href(str):
    """A URL we built ourselves from item IDs (URL-safe): only HTML-escaped on output."""


def escape_text(value: Any) -> Markup:
    """*value* as text that reads literally in Markdown and in HTML; see the module docstring."""
    return Markup(_escaped(str(value)))


# A site prints the same titles and IDs many times (every link to an item repeats its title).
@functools.lru_cache(maxsize=1 << 16)
def _escaped(text: str) -> str:
    # One space is kept at either end when the value had whitespace there: a value is often printed
    # right beside markup ("Strengthen the <mark>Multi-agency...</mark>"), and the words must not run
    # together. One space never starts a code block nor ends a line with a Markdown line break.
    lead = " " if text[:1].isspace() else ""
    trail = " " if text[-1:].isspace() else ""
    text = html.escape(text, quote=False).replace('"', "&quot;").translate(_ENTITY)
    lines = [line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    text = "<br>".join(line for line in lines if line)
    if text[:1] in ("-", "+"):
        text = f"&#{ord(text[0])};{text[1:]}"
    return f"{lead}{text}{trail}" if text else text


def finalize(value: Any) -> Any:
    """The Jinja ``finalize`` hook: escape everything a template prints, unless it is ours.

    ``None`` prints as nothing (templates test for missing values explicitly;
    this only keeps an optional field from printing the word "None").
    """
    if value is None:
        return Markup("")
    if isinstance(value, Markup):
        return value
    if isinstance(value, Href):
        return Markup(html.escape(value, quote=True))
    if isinstance(value, bool):
        raise TypeError("a template printed a bool; say what it means in words instead")
    return escape_text(value)
