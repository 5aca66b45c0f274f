"""The site context: what every view reads, made once per build.

:func:`site_builder.generate.site_context` loads the graph, runs the
analyses and makes the :class:`SiteContext`; every view function takes it,
and views never load files or run analyses themselves.

A context does not change once made: the network views are written first
and given to it with :meth:`SiteContext.with_networks` (a new context). Its
look-up indexes are made on first use (so each page's look-up costs what it
finds, not the plan's size) and kept with it.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import TYPE_CHECKING

import networkx as nx

from goldenthread.model.analysis.dependencies import Cell, DependencyMatrix
from goldenthread.model.analysis.findings import Finding
from goldenthread.model.analysis.trace import TraceRow
from goldenthread.model.nodes import PRIORITY, Attr
from goldenthread.site_builder.options import SiteOptions
from goldenthread.site_builder.urls import SiteUrls

if TYPE_CHECKING:  # the network renderer pulls in pyvis and jinja; the context only names its result type
    from goldenthread.site_builder.network.render import NetworkView


@dataclass(frozen=True)
class SiteContext:
    """Everything the views read: the graph, what the analyses found, where things live, the options.

    ``dependencies`` is ``None`` for a plan with no priorities; ``networks``
    maps a view name (``plan``, a group or a priority ID) to the network view
    written for it; ``source_lines`` are the lines of the plan's source
    document; ``as_of`` is the date overdue outcomes are judged on.
    """

    g: nx.MultiDiGraph
    urls: SiteUrls
    options: SiteOptions = field(default_factory=SiteOptions)
    findings: list[Finding] = field(default_factory=list)
    dependencies: DependencyMatrix | None = None
    trace_rows: list[TraceRow] = field(default_factory=list)
    networks: dict[str, NetworkView] = field(default_factory=dict)
    source_lines: list[str] = field(default_factory=list)
    as_of: dt.date | None = None

    def with_networks(self, networks: dict[str, NetworkView]) -> SiteContext:
        """This context, with the network views written for it."""
        return replace(self, networks=dict(networks))

    def findings_about(self, nodes: set[str]) -> list[Finding]:
        """The findings that name any of *nodes*, in report order."""
        found = {i for node in nodes for i in self._findings_by_node.get(node, ())}
        return [self.findings[i] for i in sorted(found)]

    def dependency_cells_of(self, priority: str) -> list[Cell]:
        """The cells of the dependency matrix that involve *priority*, in the analysis' order."""
        return self._cells_by_priority.get(priority, [])

    def items_of_priority(self, priority: str) -> list[str]:
        """The items whose ``priority`` attribute is *priority* (its actions, indicators and outcomes)."""
        return self._items_by_priority.get(priority, [])

    def priorities_of_group(self, group: str) -> list[str]:
        """The priorities of the group *group* (a key of ``g.graph["groups"]``), in reading order."""
        return self._priorities_by_group.get(group, [])

    # -- indexes, made on first use --------------------------------------------------------------
    @cached_property
    def link_titles(self) -> dict[str, str]:
        """Item ID -> its title as links show it, filled by :func:`site_builder.views.common.link_maker`
        (an item is linked from many pages: its title is cut once)."""
        return {}

    @cached_property
    def _findings_by_node(self) -> dict[str, list[int]]:
        index: dict[str, list[int]] = {}
        for i, finding in enumerate(self.findings):
            for node in set(finding.nodes):
                index.setdefault(node, []).append(i)
        return index

    @cached_property
    def _cells_by_priority(self) -> dict[str, list[Cell]]:
        index: dict[str, list[Cell]] = {}
        for cell in (self.dependencies.cells if self.dependencies else []):
            for p in {cell["a"], cell["b"]}:
                index.setdefault(p, []).append(cell)
        return index

    @cached_property
    def _items_by_priority(self) -> dict[str, list[str]]:
        index: dict[str, list[str]] = {}
        for node, p in self.g.nodes(data=Attr.PRIORITY):
            if p is not None:
                index.setdefault(p, []).append(node)
        return index

    @cached_property
    def _priorities_by_group(self) -> dict[str | None, list[str]]:
        index: dict[str | None, list[str]] = {}
        for node, data in self.g.nodes(data=True):
            if data.get(Attr.KIND) == PRIORITY:
                index.setdefault(data.get(Attr.GROUP), []).append(node)
        return index
