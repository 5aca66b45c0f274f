"""Where every page and item lives in the site, and relative links between them.

The site is built with ``use_directory_urls: false``: the page ``a/b.md``
becomes ``a/b.html``. Links are written relative (``../priorities/LP1.html``)
so the site works from any folder of an intranet server, or opened from a
file share, with no ``site_url``.

Generated pages link with final ``.html`` URLs rather than ``.md`` links:
most links sit inside raw HTML blocks (tables, cards), which MkDocs does not
rewrite, and one form everywhere keeps Zensical and MkDocs in agreement.

Every item has one home:

=================  ==========================================
kind               page (and anchor)
=================  ==========================================
plan, vision       ``index.md#vision``
priority           ``priorities/<ID>.md``
action, indicator  ``priorities/<priority>.md#<ID>``
outcome            ``trace/<ID>.md`` (its permalink)
operational plan   ``plans/<ID>.md``
lead               ``leads/<ID>.md``
=================  ==========================================

>>> import networkx as nx
>>> g = nx.MultiDiGraph(); g.add_node("LP1", kind="priority"); g.add_node("LP1.a", kind="action", priority="LP1")
>>> urls = SiteUrls(g)
>>> urls.href("outcomes.md", "LP1.a")
'priorities/LP1.html#LP1.a'
>>> urls.href("trace/LP1.a.o1.md", "LP1")
'../priorities/LP1.html'
"""
from __future__ import annotations

import functools
import posixpath

import networkx as nx

from goldenthread.site_builder.markup import Href
from goldenthread.model.nodes import ACTION, Attr, INDICATOR, LEAD, OPERATIONAL_PLAN, OUTCOME, PLAN, PRIORITY, VISION

# Fixed pages (Markdown sources, relative to the docs folder).
HOME = "index.md"
PRIORITIES = "priorities/index.md"
OUTCOMES = "outcomes.md"
PLANS = "plans/index.md"
FINDINGS = "findings.md"
DEPENDENCIES = "dependencies.md"
TRACE_INDEX = "trace/index.md"
DOWNLOADS = "downloads.md"
ASSETS_DIR = "assets"
NETWORK_DIR = "network"
DOWNLOADS_DIR = "downloads"


def group_outcomes_page(group: str) -> str:
    """The outcomes dashboard of one group of priorities, on a plan too large for one dashboard."""
    return f"outcomes/{group}.md"


def group_trace_page(group: str) -> str:
    """The traceability matrix of one group of priorities, on a plan too large for one matrix
    (``trace/groups/``: an outcome ID has no ``/``, so no trace page can be there)."""
    return f"trace/groups/{group}.md"


def page_url(page: str) -> str:
    """The built URL of the Markdown source *page* (``a/b.md`` -> ``a/b.html``)."""
    return page[: -len(".md")] + ".html" if page.endswith(".md") else page


def relative(from_page: str, target: str) -> Href:
    """The link from the page (or file) *from_page* to *target*, both relative to the docs root.

    >>> relative("priorities/LP1.md", "outcomes.md#x")
    '../outcomes.html#x'
    """
    path, _, anchor = target.partition("#")
    url = _relative_path(page_url(path), posixpath.dirname(from_page))
    return Href(url + (f"#{anchor}" if anchor else ""))


@functools.lru_cache(maxsize=1 << 16)
def _relative_path(path: str, from_dir: str) -> str:
    """``posixpath.relpath(path, from_dir)`` for paths relative to the docs root, without the
    file system look-ups (``relpath`` makes both absolute first; a site makes many thousands).

    >>> _relative_path("priorities/LP1.html", "trace"), _relative_path("a/b.html", "a"), _relative_path("x.html", "")
    ('../priorities/LP1.html', 'b.html', 'x.html')
    """
    to_parts, from_parts = path.split("/"), [part for part in from_dir.split("/") if part]
    common = 0
    while common < min(len(from_parts), len(to_parts) - 1) and from_parts[common] == to_parts[common]:
        common += 1
    return "/".join([".."] * (len(from_parts) - common) + to_parts[common:])


class SiteUrls:
    """The home of every item of graph *g* (see the module docstring)."""

    def __init__(self, g: nx.MultiDiGraph) -> None:
        self._g = g

    def item_page(self, node: str) -> str:
        """The docs-relative location of *node*, with its anchor when it shares a page."""
        data = self._g.nodes[node]
        kind = data[Attr.KIND]
        if kind in (PLAN, VISION):
            return f"{HOME}#vision"
        if kind == PRIORITY:
            return self.priority_page(node)
        if kind in (ACTION, INDICATOR):
            return f"{self.priority_page(data['priority'])}#{node}"
        if kind == OUTCOME:
            return self.trace_page(node)
        if kind == OPERATIONAL_PLAN:
            return f"plans/{node}.md"
        if kind == LEAD:
            return f"leads/{node}.md"
        raise ValueError(f"no page for an item of kind {kind!r}")

    def href(self, from_page: str, node: str) -> Href:
        """A link from *from_page* to *node*'s home."""
        return relative(from_page, self.item_page(node))

    @staticmethod
    def priority_page(priority: str) -> str:
        """The page of a priority."""
        return f"priorities/{priority}.md"

    @staticmethod
    def trace_page(outcome: str) -> str:
        """The permalink page of an outcome: its golden thread."""
        return f"trace/{outcome}.md"

    @staticmethod
    def network_file(name: str) -> str:
        """The standalone network view file *name* (``plan`` or a priority ID)."""
        return f"{NETWORK_DIR}/{name}.html"
