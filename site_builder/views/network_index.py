"""The index of network views: every diagram the site draws, by what it is about."""
from __future__ import annotations

from dataclasses import dataclass

from goldenthread.model.graph import LEAD, OPERATIONAL_PLAN, PRIORITY, nodes_of_kind
from goldenthread.site_builder import urls as U
from goldenthread.site_builder.markup import Href
from goldenthread.site_builder.context import SiteContext
from goldenthread.site_builder.network.planner import OVERVIEW, group_view_name
from goldenthread.site_builder.views.common import ItemLink, link_maker
from goldenthread.site_builder.views.items import network_href


@dataclass(frozen=True)
class ViewLink:
    """One network view in the index: what it is about (linked to its page) and the view itself."""

    item: ItemLink | None
    name: str
    href: Href


@dataclass(frozen=True)
class NetworkIndexView:
    """The page listing the network views."""

    page: str
    cap: int
    overview: Href | None
    groups: list[ViewLink]
    priorities: list[ViewLink]
    plans: list[ViewLink]
    leads: list[ViewLink]


def network_index_view(ctx: SiteContext) -> NetworkIndexView:
    """Build the index of network views (only those written: a plan with no leads lists none)."""
    page = U.NETWORK_INDEX
    link = link_maker(ctx, page)
    groups = ctx.g.graph.get("groups") or {}

    def views_of(kind: str) -> list[ViewLink]:
        found = [(n, network_href(ctx, page, n)) for n in nodes_of_kind(ctx.g, kind)]
        return [ViewLink(link(n), n, href) for n, href in found if href]

    return NetworkIndexView(
        page=page, cap=ctx.options.max_network_nodes,
        overview=U.relative(page, ctx.urls.network_file(OVERVIEW)) if OVERVIEW in ctx.networks else None,
        groups=[ViewLink(None, groups.get(key) or key, U.relative(page, ctx.urls.network_file(group_view_name(key))))
                for key in groups if group_view_name(key) in ctx.networks],
        priorities=views_of(PRIORITY), plans=views_of(OPERATIONAL_PLAN), leads=views_of(LEAD))
