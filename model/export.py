"""The plan's exports: the graph as node-link JSON, and the traceability matrix as CSV.

:func:`to_node_link` gives ``{"nodes": [...], "links": [...]}``.

Every node has ``id``, ``kind``, ``title`` and/or ``text`` and ``source``
(``{"file", "lines": [first, last]}`` or ``null``), then the attributes of its
kind: a priority its ``group`` and ``number``; an outcome its ``rag`` (``null``
when unrated), raw ``timescale`` and ``parsed_timescale``; an operational plan
its ``document`` (``null`` when none), ``connected``, ``lead`` and
``unresolved`` references. Every link has ``source``, ``target`` and ``kind``.
Nodes and links come in reading order, so the output is the same every time.

The result also carries ``directed``, ``multigraph`` and ``graph`` (the
plan-wide facts), so networkx can read it back:

>>> import networkx as nx
>>> g = nx.MultiDiGraph(title="T")
>>> g.add_node("LP1", kind="priority", title="Stable services", source=None, group="leadership", number=1)
>>> g.add_node("vision", kind="vision", title="Vision", text="Every child thrives.", source=None)
>>> g.add_edge("LP1", "vision", key="part_of", kind="part_of")
'part_of'
>>> data = to_node_link(g)
>>> data["nodes"][0]
{'id': 'LP1', 'kind': 'priority', 'title': 'Stable services', 'source': None, 'group': 'leadership', 'number': 1}
>>> data["links"]
[{'source': 'LP1', 'target': 'vision', 'kind': 'part_of'}]
>>> sorted(nx.node_link_graph(data, edges="links", key="kind").edges(keys=True))
[('LP1', 'vision', 'part_of')]
"""
from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

import networkx as nx
from goldenthread.model.analysis.trace import MATRIX_COLUMNS, TraceRow
from goldenthread.model.nodes import Attr

#: Keys that lead every node, in this order; the kind's own attributes follow.
_LEADING = ("id", "kind", "title", "text", "source")


def to_node_link(g: nx.MultiDiGraph) -> dict:
    """The node-link form of the plan graph *g*, JSON-ready (dates as ISO strings)."""
    nodes = []
    for node, attrs in g.nodes(data=True):
        item = {"id": node, "kind": attrs.get(Attr.KIND)}
        for key in _LEADING[2:]:
            if key in attrs:
                item[key] = attrs[key]
        item.update((k, v) for k, v in attrs.items() if k not in item)
        nodes.append(jsonable(item))
    links = []
    for source, target, kind, attrs in g.edges(keys=True, data=True):
        link = {"source": source, "target": target, "kind": kind}
        link.update((k, v) for k, v in attrs.items() if k not in link)
        links.append(jsonable(link))
    return {"directed": True, "multigraph": True, "graph": jsonable(dict(g.graph)),
            "nodes": nodes, "links": links}


def jsonable(value: Any) -> Any:
    """*value* with dates as ISO strings and tuples as lists, ready for ``json.dumps``."""
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


#: A spreadsheet runs a cell that starts with one of these as a formula.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value) -> str:
    """One CSV cell as text, guarded against formula injection.

    >>> csv_cell("=HYPERLINK(\\"http://x\\")"), csv_cell(None), csv_cell("-3%"), csv_cell("GREEN")
    ('\\'=HYPERLINK("http://x")', '', "'-3%", 'GREEN')
    """
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def traceability_csv(rows: list[TraceRow]) -> str:
    """The traceability matrix as CSV text, one row per outcome, columns in a fixed order."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(MATRIX_COLUMNS)
    for row in rows:
        writer.writerow([csv_cell(getattr(row, column)) for column in MATRIX_COLUMNS])
    return out.getvalue()
