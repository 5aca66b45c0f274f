"""How a site is built: the thresholds that keep a large plan's pages and build bounded, in one place.

A build takes a :class:`SiteOptions` (``build_site(..., options=...)``,
``generate_docs(..., options=...)``); the defaults suit a council plan of any
size. Tests pass lowered thresholds to walk the large-plan paths on a small plan:

>>> SiteOptions().split_outcomes, SiteOptions(split_outcomes=1).split_outcomes
(2000, 1)
"""
from __future__ import annotations

from dataclasses import dataclass

from goldenthread.site_builder.network.planner import MAX_NODES


@dataclass(frozen=True)
class SiteOptions:
    """The site's thresholds (each a count of items; above it, the page takes its large-plan form)."""

    #: The navigation lists each priority only while the plan has at most this many. MkDocs writes
    #: the whole navigation into every page, so a navigation that grows with the plan makes the
    #: build quadratic (2,000 pages with 2,000 entries took about 90 s, without them about 7 s).
    #: Above this, "Priorities" opens the priorities page, which lists them all.
    nav_priorities_max: int = 30
    #: Above this many outcomes, the outcomes dashboard and the trace index get one page per group of
    #: priorities, so that no page holds a table of the whole plan.
    split_outcomes: int = 2000
    #: The priority x priority matrix is drawn only up to this many priorities: it grows with the
    #: square of their number (1,400 priorities would be two million cells). Above it the page lists
    #: the linked pairs only, and each priority's page lists its own links.
    matrix_max_priorities: int = 40
    #: The home page names the groups in its counts ("7 leadership, 7 departmental") up to this many.
    home_groups_named: int = 6
    #: The most items a network view draws (summary and group nodes included).
    max_network_nodes: int = MAX_NODES
