"""Analyses of a plan graph: pure functions from the graph to findings or plain data.

Each module answers one question and never reads files, prints or renders:
:mod:`~model.analysis.orphans` (coverage), :mod:`~model.analysis.references`,
:mod:`~model.analysis.duplicates`, :mod:`~model.analysis.names`, :mod:`~model.analysis.quality`,
:mod:`~model.analysis.dependencies`, :mod:`~model.analysis.trace`,
:mod:`~model.analysis.impact` and :mod:`~model.analysis.diff`.

:func:`run_all` runs every finding-producing analysis in a fixed order:

>>> from goldenthread.model.analysis._examples import tiny_graph
>>> [f.code for f in run_all(tiny_graph())]  # doctest: +NORMALIZE_WHITESPACE
['priority-without-plan', 'action-without-outcome', 'ambiguous-reference', 'missing-document',
 'cross-reference', 'duplicate', 'status-conflict', 'status-conflict', 'recurring-timescale']
"""
from __future__ import annotations

import datetime as dt

import networkx as nx

from goldenthread.model.analysis.duplicates import duplicates
from goldenthread.model.analysis.findings import CODES, SEVERITIES, Finding, at_or_above, summary
from goldenthread.model.analysis.lookup import require_node
from goldenthread.model.analysis.names import duplicate_names
from goldenthread.model.analysis.orphans import orphans
from goldenthread.model.analysis.quality import quality
from goldenthread.model.analysis.references import references
from goldenthread.model.analysis.similarity import DEFAULT_THRESHOLD

__all__ = ["CODES", "SEVERITIES", "Finding", "at_or_above", "summary", "run_all", "require_node",
           "DEFAULT_THRESHOLD"]


def run_all(g: nx.MultiDiGraph, *, as_of: dt.date | None = None,
            threshold: float = DEFAULT_THRESHOLD) -> list[Finding]:
    """Every finding of every analysis, in a deterministic order.

    Coverage first, then references, duplicates and data quality; within an
    analysis, in the plan's reading order. *as_of* is the date outcomes are
    judged overdue on (default: the plan's last-updated date); *threshold* the
    near-duplicate score (0-100).
    """
    found: list[Finding] = []
    found += orphans(g)
    found += references(g)
    found += duplicates(g, threshold=threshold)
    found += duplicate_names(g)
    found += quality(g, as_of=as_of)
    return found
