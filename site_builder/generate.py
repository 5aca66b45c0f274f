"""Generate the site's Markdown pages, network views, assets and downloads from a plan.

This is the "views -> pages" half of a build, and it runs before (and
outside) MkDocs or Zensical: the engines only see a folder of finished
Markdown pages and static files, so the same pages build under either.

>>> from goldenthread.model.loader import load_plan                              # doctest: +SKIP
>>> docs = generate_docs(load_plan("plan_data"), Path("work/docs"))  # doctest: +SKIP
>>> docs.nav[0]                                                      # doctest: +SKIP
'index.md'
"""
from __future__ import annotations

import datetime as dt
import os
import shutil
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from goldenthread.model.analysis import run_all
from goldenthread.model.analysis.dependencies import dependency_matrix
from goldenthread.model.analysis.trace import trace_matrix
from goldenthread.model.graph import build_graph
from goldenthread.model.locations import locate_findings
from goldenthread.model.schema import PlanData
from goldenthread.model.versions import load_history
from goldenthread.site_builder.network import render as network
from goldenthread.site_builder import urls as U
from goldenthread.site_builder.downloads import write_downloads
from goldenthread.site_builder.network.planner import ViewPlanner
from goldenthread.site_builder.pages import environment, render, write_page
from goldenthread.site_builder.views.common import format_date
from goldenthread.site_builder.views.dependencies import dependencies_view
from goldenthread.site_builder.views.downloads import downloads_view
from goldenthread.site_builder.views.findings import findings_view
from goldenthread.site_builder.views.history import board_view, changes_view
from goldenthread.site_builder.views.home import home_view
from goldenthread.site_builder.views.items import network_link
from goldenthread.site_builder.views.network_index import network_index_view
from goldenthread.site_builder.views.lists import plans_index_view, priorities_index_view, trace_groups_view, trace_index_view
from goldenthread.site_builder.views.outcomes import outcome_groups_view, outcomes_view
from goldenthread.site_builder.views.owners import lead_view, operational_plan_view
from goldenthread.site_builder.views.priority import priority_view
from goldenthread.site_builder.views.trace import trace_view
from goldenthread.model.queries import item_title, nodes_of_kind, one_line
from goldenthread.model.nodes import LEAD, OPERATIONAL_PLAN, OUTCOME, PRIORITY
from goldenthread.site_builder.context import SiteContext
from goldenthread.site_builder.options import SiteOptions

#: Our own static files, copied into ``docs/assets/`` (the network views' files are copied by
#: :func:`site_builder.network.render.copy_network_assets`). Never a README.md: the engine would
#: make it a page.
OWN_ASSETS = ("goldenthread.css", "outcomes-filter.js", "search-rag.js", "favicon.svg", "iframe-worker/shim.js",
              "iframe-worker/LICENSE")
ASSETS = Path(str(files("goldenthread.site_builder") / "assets"))
#: Priority titles in the navigation are cut here (the page itself has the whole title).
NAV_TITLE_CHARS = 44


@dataclass(frozen=True)
class GeneratedDocs:
    """What :func:`generate_docs` wrote: the nav to build with and the facts the config needs."""

    docs_dir: Path
    nav: list
    not_in_nav: list[str]
    site_name: str
    build_date: dt.date | None
    pages: list[str]
    extra_css: tuple[str, ...] = ()
    footer: dict | None = None


def site_context(data: PlanData, options: SiteOptions = SiteOptions(),
                 previous: tuple[str, ...] | list[str] = ()) -> SiteContext:
    """Load the graph, run the analyses, and gather what every view reads.

    *previous* names earlier versions of the plan (folders or ``git:REV``, most recent first,
    see :mod:`model.versions`); with any, the context carries the plan's history.
    """
    g = build_graph(data)
    findings = locate_findings(g, data.directory, run_all(g))
    return SiteContext(g=g, urls=U.SiteUrls(g), options=options, findings=findings,
                       dependencies=dependency_matrix(g, findings), trace_rows=trace_matrix(g),
                       source_lines=list(data.source_lines or []),
                       as_of=g.graph.get("last_updated"),
                       history=load_history(g, previous, data.directory))


def generate_docs(data: PlanData, docs_dir: Path, *, options: SiteOptions = SiteOptions(),
                  previous: tuple[str, ...] | list[str] = ()) -> GeneratedDocs:
    """Write every page of the site for *data* into *docs_dir* (which must be empty or absent).

    With *previous* versions, the site also has ``changes.html`` and ``board.html``, a
    timeline on each trace page, a chart of every version on the home page and a change
    filter on the dashboard; without, it is exactly the site of the plan alone.
    """
    docs_dir = Path(docs_dir)
    docs_dir.mkdir(parents=True, exist_ok=True)
    ctx = site_context(data, options, previous)
    g = ctx.g
    copy_assets(docs_dir / U.ASSETS_DIR)
    ctx = ctx.with_networks(write_network_views(ctx, docs_dir))

    downloads = write_downloads(ctx, data, docs_dir / U.DOWNLOADS_DIR)
    env = environment()
    pages: list[tuple[str, str, object]] = [
        (U.HOME, "home.md", home_view(ctx)),
        (U.PRIORITIES, "priorities.md", priorities_index_view(ctx)),
        (U.PLANS, "plans.md", plans_index_view(ctx)),
        (U.FINDINGS, "findings.md", findings_view(ctx)),
        (U.DEPENDENCIES, "dependencies.md", dependencies_view(ctx)),
        (U.DOWNLOADS, "downloads.md", downloads_view(ctx, downloads, docs_dir)),
        (U.NETWORK_INDEX, "network_index.md", network_index_view(ctx)),
    ]
    split = split_by_group(g, options)
    if split:
        pages += [(U.OUTCOMES, "outcome_groups.md", outcome_groups_view(ctx)),
                  (U.TRACE_INDEX, "trace_groups.md", trace_groups_view(ctx))]
        for key in g.graph.get("groups") or {}:
            pages += [(U.group_outcomes_page(key), "outcomes.md", outcomes_view(ctx, key)),
                      (U.group_trace_page(key), "trace_index.md", trace_index_view(ctx, key))]
    else:
        pages += [(U.OUTCOMES, "outcomes.md", outcomes_view(ctx)),
                  (U.TRACE_INDEX, "trace_index.md", trace_index_view(ctx))]
    priorities = nodes_of_kind(g, PRIORITY)
    pages += [(ctx.urls.priority_page(p), "priority.md", priority_view(ctx, p)) for p in priorities]
    pages += [(ctx.urls.item_page(n), "operational_plan.md", operational_plan_view(ctx, n))
              for n in nodes_of_kind(g, OPERATIONAL_PLAN)]
    pages += [(ctx.urls.item_page(n), "lead.md", lead_view(ctx, n)) for n in nodes_of_kind(g, LEAD)]
    pages += [(ctx.urls.trace_page(n), "trace.md", trace_view(ctx, n)) for n in nodes_of_kind(g, OUTCOME)]
    if ctx.history is not None:
        pages += [(U.CHANGES, "changes.md", changes_view(ctx)), (U.BOARD, "board.md", board_view(ctx))]
        copy_history_assets(docs_dir / U.ASSETS_DIR)
    for page, template, view in pages:
        write_page(docs_dir, page, render(env, template, view))

    nav = [
        {"Home": U.HOME},
        {"Priorities": priorities_nav(g, ctx.urls, priorities, options)},
        {"Outcomes dashboard": U.OUTCOMES},
        {"Plans and leads": U.PLANS},
        {"Findings": U.FINDINGS},
        {"Dependencies": U.DEPENDENCIES},
        {"Network": U.NETWORK_INDEX},
        {"Trace an outcome": U.TRACE_INDEX},
        {"Downloads": U.DOWNLOADS},
    ]
    if ctx.history is not None:
        nav[1:1] = [{"What changed": U.CHANGES}, {"Board report": U.BOARD}]
    not_in_nav = ["/plans/*.md", "/leads/*.md", "/trace/*.md", "/trace/groups/*.md", "/outcomes/*.md"]
    if len(priorities) > options.nav_priorities_max:
        not_in_nav.append("/priorities/*.md")
    return GeneratedDocs(docs_dir=docs_dir, nav=nav, not_in_nav=not_in_nav,
                         site_name=g.graph.get("title") or "Golden Thread",
                         build_date=g.graph.get("last_updated") or (g.graph.get("period") or {}).get("start"),
                         pages=[p for p, _, _ in pages], footer=page_footer(g),
                         extra_css=HISTORY_CSS if ctx.history is not None else ())


def build_day(environ=os.environ) -> dt.date:
    """The day the site is built: ``SOURCE_DATE_EPOCH`` when set (for reproducible builds), else today (UTC).

    >>> build_day({"SOURCE_DATE_EPOCH": "1611273600"})
    datetime.date(2021, 1, 22)
    """
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    return dt.datetime.now(dt.timezone.utc).date()


def page_footer(g) -> dict:
    """What every page's footer says: the plan and its last update, the build date, Golden Thread's version."""
    from goldenthread import __version__

    last = g.graph.get("last_updated")
    return {"plan": g.graph.get("title") or "Plan", "last_updated": format_date(last) if last else "not given",
            "built": format_date(build_day()), "version": __version__}


def split_by_group(g, options: SiteOptions = SiteOptions()) -> bool:
    """Whether the outcomes dashboard and the trace index are split into a page per group.

    They list every outcome, about 0.7 KB of page each: above
    ``options.split_outcomes`` outcomes (and with more than one group) each group
    gets its own dashboard and matrix, and the top pages list the groups.
    """
    return len(nodes_of_kind(g, OUTCOME)) > options.split_outcomes and len(g.graph.get("groups") or {}) > 1


def priorities_nav(g, urls: U.SiteUrls, priorities: list[str], options: SiteOptions = SiteOptions()) -> list | str:
    """The "Priorities" entry of the navigation: the index, and each priority while there are few.

    >>> import networkx as nx
    >>> g = nx.MultiDiGraph(); g.add_node("LP1", kind="priority", title="Stable services")
    >>> priorities_nav(g, U.SiteUrls(g), ["LP1"])
    ['priorities/index.md', {'LP1: Stable services': 'priorities/LP1.md'}]
    >>> priorities_nav(g, U.SiteUrls(g), ["LP1"], SiteOptions(nav_priorities_max=0))
    'priorities/index.md'
    """
    if len(priorities) > options.nav_priorities_max:
        return U.PRIORITIES
    return [U.PRIORITIES] + [{f"{p}: {one_line(item_title(g, p), NAV_TITLE_CHARS)}": urls.priority_page(p)}
                             for p in priorities]


#: Styles only a site with history uses (the board report's print layout, the timeline): a file of
#: their own, so that a site built without ``--previous`` is byte for byte what it was.
HISTORY_CSS = ("assets/history.css",)


def copy_history_assets(assets_dir: Path) -> None:
    """Copy the history pages' styles into *assets_dir*."""
    assets_dir.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(ASSETS / "history.css", assets_dir / "history.css")


def copy_assets(assets_dir: Path) -> None:
    """Copy our CSS and JavaScript, and the network views' files, into *assets_dir*."""
    assets_dir.mkdir(parents=True, exist_ok=True)
    for name in OWN_ASSETS:
        (assets_dir / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ASSETS / name, assets_dir / name)
    network.copy_network_assets(assets_dir)


def write_network_views(ctx: SiteContext, docs_dir: Path) -> dict[str, network.NetworkView]:
    """Write every network view (see :meth:`site_builder.network.planner.ViewPlanner.all_views`), each
    within ``ctx.options.max_network_nodes``; return them by view name."""
    networks = {}
    site_name = ctx.g.graph.get("title") or "Golden Thread"
    for plan in ViewPlanner(ctx.g, ctx.options.max_network_nodes).all_views():
        file = ctx.urls.network_file(plan.name)
        networks[plan.name] = network.write_view_plan(
            plan, docs_dir / file, href_for_link=lambda link, file=file: network_link(ctx, file, link),
            assets_dir=docs_dir / U.ASSETS_DIR, site_name=site_name)
    return networks

