"""Rendering views into Markdown pages with Jinja.

One environment for every page template in ``site_builder/templates``:

* every ``{{ value }}`` goes through :func:`site_builder.markup.finalize`,
  which escapes plan text for Markdown *and* HTML (autoescape alone would
  leave ``*``, ``[`` and ``](javascript:...)`` live in Markdown);
* ``StrictUndefined``: a misspelt field is an error at build time, never a
  silently empty cell;
* ``|anchor`` prints an item ID for an HTML ``id`` attribute, ``|heading_id``
  as a Markdown heading's ``{#id}`` (Jinja would read ``{#`` in a template as
  a comment); IDs are URL-safe by the schema, and both check it;
* ``|count("outcome")`` writes "1 outcome" or "3 outcomes";
* templates are named ``<page>.md`` and partials start with ``_``.
"""
from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

from importlib.resources import files

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from goldenthread.site_builder.markup import finalize
from goldenthread.site_builder.views.common import count

#: The page templates, shipped as package data.
TEMPLATES = Path(str(files("goldenthread.site_builder") / "templates"))
_ANCHOR = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


def anchor(value: str) -> Markup:
    """An item ID as an anchor, unchanged; refuses anything that is not URL-safe.

    >>> anchor("LP5.a")
    Markup('LP5.a')
    """
    if not _ANCHOR.match(str(value)):
        raise ValueError(f"not a URL-safe ID: {value!r}")
    return Markup(value)


def heading_id(value: str) -> Markup:
    """``{#ID}``: the attribute list that gives a Markdown heading the anchor *value*.

    >>> heading_id("LP5.a")
    Markup('{#LP5.a}')
    """
    return Markup("{#") + anchor(value) + Markup("}")


_CODE_SPAN = re.compile(r"&#96;((?:(?!&#96;)[^<>])*?)&#96;")


def code_spans(value: Any) -> Markup:
    """Plan-independent text of ours (a fix) with its `field` names as ``<code>``, the rest escaped.

    >>> code_spans("Give the outcome a `rag` rating <now>")
    Markup('Give the outcome a <code>rag</code> rating &lt;now&gt;')
    """
    return Markup(_CODE_SPAN.sub(r"<code>\1</code>", str(finalize(value))))


def yaml_string(value: Any) -> Markup:
    """*value* as a double-quoted YAML string for front matter: every character but letters, digits and
    spaces written as a ``\\u`` escape, so plan text is never live YAML, Markdown, HTML or template syntax.

    >>> print(yaml_string('RED <b>"x"</b> {{ y }}'))
    "RED \\u003cb\\u003e\\u0022x\\u0022\\u003c\\u002fb\\u003e \\u007b\\u007b y \\u007d\\u007d"
    """
    out = []
    for ch in " ".join(str(value).split()):
        if ch.isalnum() or ch == " ":
            out.append(ch)
        elif ord(ch) > 0xFFFF:
            out.append(f"\\U{ord(ch):08x}")
        else:
            out.append(f"\\u{ord(ch):04x}")
    return Markup('"' + "".join(out) + '"')


def environment(templates: Path | None = None) -> Environment:
    """The Jinja environment for Markdown templates in *templates*, by default the site's (see the module docstring)."""
    env = Environment(
        loader=FileSystemLoader(str(templates or TEMPLATES)),
        autoescape=True,
        finalize=finalize,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["anchor"] = anchor
    env.filters["heading_id"] = heading_id
    env.filters["count"] = count
    env.filters["code_spans"] = code_spans
    env.filters["yaml_string"] = yaml_string
    # A tag is HTML to the engines' search (Material marks the words found inside it) and to Zensical's
    # page template: escaped here, once, as the engines' own titles are.
    env.filters["html_escape"] = lambda value: html.escape(str(value), quote=True)
    return env


def render(env: Environment, template: str, view: Any) -> str:
    """Render *template* with *view* (available as ``view``) to Markdown text."""
    return env.get_template(template).render(view=view)


def write_page(docs_dir: Path, page: str, text: str) -> Path:
    """Write *text* to the page *page* (relative to *docs_dir*), creating folders."""
    path = docs_dir / page
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")
    return path
