"""Looking an item up by the ID a person typed, with suggestions when it is not there.

>>> from goldenthread.model.analysis._examples import tiny_graph
>>> require_node(tiny_graph(), "LP1.a")
'LP1.a'
>>> try:
...     require_node(tiny_graph(), "lp1a")
... except Exception as error:
...     print(error.format())
error: no item with ID 'lp1a' in the plan
  hint: did you mean LP1.a, LP1, LP2.a? (`goldenthread export --format json` lists every ID)
"""
from __future__ import annotations

import networkx as nx
from rapidfuzz import fuzz, process, utils

from goldenthread.model.errors import UnknownItemError


def closest_ids(g: nx.MultiDiGraph, item_id: str, limit: int = 3) -> list[str]:
    """The IDs of *g* closest to *item_id* (case and punctuation ignored), best first."""
    ids = list(g.nodes)
    matches = process.extract(item_id, ids, scorer=fuzz.ratio, processor=utils.default_process,
                              limit=limit * 3)
    # Ties are common among sibling IDs (LP1.a, LP1.b): prefer the shorter, then reading order.
    order = {n: i for i, n in enumerate(ids)}
    ranked = sorted(matches, key=lambda m: (-round(m[1]), len(m[0]), order[m[0]]))
    return [m[0] for m in ranked[:limit]]


def require_node(g: nx.MultiDiGraph, item_id: str) -> str:
    """Return *item_id* if *g* has it; else raise :class:`~model.errors.UnknownItemError` with suggestions."""
    if item_id in g:
        return item_id
    suggestions = closest_ids(g, item_id)
    hint = f"did you mean {', '.join(suggestions)}? " if suggestions else ""
    raise UnknownItemError(f"no item with ID '{item_id}' in the plan",
                           hint=hint + "(`goldenthread export --format json` lists every ID)")
