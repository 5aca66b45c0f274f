"""References: links the plan states in words, checked.

Two places name priorities in words. The operational plans table's
"Connected Priority" cell: what the importer could not resolve with
certainty is kept on the plan as ``unresolved`` entries, reported here as

* ``dangling-reference`` (error): the group has no priority with that number;
* ``ambiguous-reference`` (warning): the words fit several priorities, the
  candidates are named ("Strategic Priority 7": leadership or departmental?);
* ``unparsed-reference`` (warning): no group and number could be read.

And the prose of actions, indicators and outcomes ("(as departmental
priority 4)"): each certain reference is a REFERENCES edge, reported as
``cross-reference`` (info, so planners see the links the text makes); an
uncertain one is reported as dangling or ambiguous, exactly like a table entry.
``missing-document`` (warning) is an operational plan whose document is
``None`` (the table says TBC).

>>> from goldenthread.model.analysis._examples import tiny_graph
>>> [(f.code, f.nodes) for f in references(tiny_graph())]  # doctest: +NORMALIZE_WHITESPACE
[('ambiguous-reference', ('care-plan', 'DP1', 'LP1')),
 ('missing-document', ('care-plan',)), ('cross-reference', ('DP1.cp', 'LP1'))]
"""
from __future__ import annotations

from typing import Iterator

import networkx as nx

from goldenthread.model.analysis.findings import Finding, finding, short_title, source_of
from goldenthread.model.graph import item_texts
from goldenthread.model.references import GroupIndex, find_references
from goldenthread.model.nodes import Attr, OPERATIONAL_PLAN, PRIORITY, REFERENCES
from goldenthread.model.queries import nodes_of_kind

#: Node kinds whose prose the graph scans for references (as model.graph does).
_PROSE_KINDS = ("action", "indicator", "outcome")


def references(g: nx.MultiDiGraph) -> Iterator[Finding]:
    """Every reference finding: operational plans first, then references in the text."""
    yield from plan_references(g)
    yield from text_references(g)


def graph_group_index(g: nx.MultiDiGraph) -> GroupIndex:
    """The group lookup of :func:`model.references.find_references`, rebuilt from the graph."""
    index: GroupIndex = {key: (name, {}) for key, name in (g.graph.get("groups") or {}).items()}
    for node in nodes_of_kind(g, PRIORITY):
        data = g.nodes[node]
        index.setdefault(data[Attr.GROUP], (data[Attr.GROUP], {}))[1][data[Attr.NUMBER]] = node
    return index


def _unresolved_finding(g: nx.MultiDiGraph, node: str, text: str, reason: str, candidates: list[str],
                        where: str) -> Finding:
    if reason == "ambiguous":
        named = ", ".join(f"{c} '{short_title(g, c, 40)}'" if c in g else c for c in candidates)
        return finding("ambiguous-reference",
                       f"{where} '{text}' is ambiguous: it could mean {named or 'no existing priority'}",
                       [node, *candidates], source_of(g, node), text=text, candidates=list(candidates))
    if reason == "no-such-priority":
        return finding("dangling-reference", f"{where} '{text}' names a priority that does not exist",
                       [node], source_of(g, node), text=text)
    return finding("unparsed-reference", f"{where} '{text}' names no priority we can recognise",
                   [node], source_of(g, node), text=text)


def plan_references(g: nx.MultiDiGraph) -> Iterator[Finding]:
    """Unresolved connected-priority entries and missing documents, plan by plan."""
    for op in nodes_of_kind(g, OPERATIONAL_PLAN):
        data = g.nodes[op]
        name = data.get(Attr.TITLE) or op
        for entry in data.get(Attr.UNRESOLVED) or []:
            yield _unresolved_finding(g, op, entry["text"], entry["reason"], entry.get("candidates") or [],
                                      f"{op} '{name}': connected priority")
        if not data.get(Attr.DOCUMENT):
            yield finding("missing-document", f"{op} '{name}' has no linked document", [op], source_of(g, op))


def text_references(g: nx.MultiDiGraph) -> Iterator[Finding]:
    """References found in the prose of actions, indicators and outcomes, in reading order."""
    groups = graph_group_index(g)
    for node, kind in g.nodes(data=Attr.KIND):
        if kind not in _PROSE_KINDS:
            continue
        seen: set[tuple[str, tuple[str, ...]]] = set()
        for text in item_texts(g, node):
            for ref in find_references(text, groups):
                key = (ref.text.lower(), tuple(ref.ids or ref.candidates))
                if key in seen:
                    continue
                seen.add(key)
                if not ref.resolved:
                    yield _unresolved_finding(g, node, ref.text, ref.reason, ref.candidates,
                                              f"{node} '{short_title(g, node, 50)}': text")
        for _, target, key, data in g.out_edges(node, keys=True, data=True):
            if key == REFERENCES:
                yield finding("cross-reference",
                              f"{node} '{short_title(g, node, 50)}' names {target} "
                              f"'{short_title(g, target, 40)}' ('{data.get('text', target)}')",
                              [node, target], source_of(g, node), text=data.get("text"))
