"""Names: two leads, or two operational plans, that go by the same name.

A lead or an operational plan is found by name: on the site's pages, in the
owners' index and when a planner reads the report. Two that share a name,
case and spacing aside ("Jane  Smith" and "jane smith"), are either one
entered twice, or two that a reader cannot tell apart: ``duplicate-name``
(warning) names them all, once per name.

>>> from goldenthread.model.analysis._examples import tiny_graph
>>> list(duplicate_names(tiny_graph()))
[]
"""
from __future__ import annotations

from typing import Iterator

import networkx as nx

from goldenthread.model.analysis.findings import Finding, finding, source_of
from goldenthread.model.nodes import LEAD, OPERATIONAL_PLAN, Attr
from goldenthread.model.queries import nodes_of_kind

_WHAT = {LEAD: ("lead", "leads"), OPERATIONAL_PLAN: ("operational plan", "operational plans")}
#: A finding names this many items in its message; ``nodes`` holds them all.
INLINE = 5


def name_key(name: str) -> str:
    """A name as compared: case and spacing aside.

    >>> name_key("  Jane   SMITH "), name_key("Jane Smith")
    ('jane smith', 'jane smith')
    """
    return " ".join(str(name).split()).casefold()


def duplicate_names(g: nx.MultiDiGraph) -> Iterator[Finding]:
    """``duplicate-name`` for each name shared by two or more leads, or two or more operational plans."""
    for kind, (one, many) in _WHAT.items():
        by_name: dict[str, list[str]] = {}
        for node in nodes_of_kind(g, kind):
            title = g.nodes[node].get(Attr.TITLE)
            if title and str(title).strip():
                by_name.setdefault(name_key(title), []).append(node)
        for nodes in by_name.values():
            if len(nodes) < 2:
                continue
            shown = ", ".join(nodes[:INLINE]) + (f" and {len(nodes) - INLINE} more" if len(nodes) > INLINE else "")
            name = g.nodes[nodes[0]][Attr.TITLE]
            yield finding("duplicate-name", f"{len(nodes)} {many} share the name '{name}': {shown}", nodes,
                          source_of(g, nodes[0]), kind=one, name=name)
