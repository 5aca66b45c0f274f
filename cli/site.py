"""Commands that publish the plan: ``build`` (the intranet site) and ``serve`` (a live preview).

Thin layers over :func:`site_builder.build.build_site` and
:func:`site_builder.serve.serve`. A plan that does not load, or a site that
cannot be built, raises :class:`model.errors.GoldenThreadError`, which the
``goldenthread`` group prints as ``file:line:col: error: ...`` with a hint
(exit status 2); no half-built site is left behind.
"""
from __future__ import annotations

from pathlib import Path

import click

from goldenthread.cli.output import echo

from goldenthread.model.errors import relative
from goldenthread.site_builder.engine import ENGINES, REPO_CONFIG
from goldenthread.cli.paths import plan_dir_argument, previous_option, resolve_plan_dir
from goldenthread.site_builder.serve import DEFAULT_ADDRESS, serve

# The site builder (pyvis, the page views) is imported by the commands that use it, so that
# `goldenthread check` and the other commands do not load it.

ENGINE_NAMES = {"mkdocs": "MkDocs with Material", "zensical": "Zensical"}

engine_option = click.option("--engine", type=click.Choice(ENGINES), default="mkdocs", show_default=True,
                             help="The static-site engine: MkDocs 1.6 with Material, or Zensical.")
config_option = click.option("--config", "config", type=click.Path(dir_okay=False, path_type=Path),
                             default=REPO_CONFIG, show_default="mkdocs.yml of Golden Thread",
                             help="The site configuration to build with.")


@click.command("build")
@plan_dir_argument
@click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path), default=Path("site"),
              show_default=True, help="Folder for the finished site (replaced whole by each build; a link: the folder it points to).")
@engine_option
@config_option
@click.option("--site-url", default=None, metavar="URL",
              help="Where the site will be published (e.g. https://intranet.example/plan/). Only the "
                   "'not found' page needs it; without it, that page assumes the site is at the server's root.")
@previous_option
def build_command(plan_dir: Path | None, out: Path, engine: str, config: Path, site_url: str | None,
                  previous: tuple[str, ...]) -> None:
    """Build the intranet site of the plan in PLAN_DIR (default: plan_data).

    Generates a page per priority, operational plan, lead and outcome trace,
    the outcomes dashboard, findings, dependencies and downloads, with network
    views; then builds them into OUT. The site needs nothing from outside:
    serve OUT from any web server, or open OUT/index.html.

    With --previous, the site also shows what changed: changes.html, the
    board report board.html, a timeline on each trace page, every version's
    ratings on the home page and a change filter on the dashboard.
    """
    from goldenthread.site_builder.build import build_site

    directory = resolve_plan_dir(plan_dir)
    result = build_site(directory, out, engine=engine, config=config, site_url=site_url, previous=previous)
    for warning in result.warnings:
        echo(f"warning: {warning}", err=True)
    echo(f"Built {relative(result.out_dir)}/ from {relative(directory)} with {ENGINE_NAMES[engine]}: "
               f"{result.pages} pages, {result.files} files. Open {relative(result.out_dir)}/index.html.")


@click.command("serve")
@plan_dir_argument
@click.option("--dev-addr", "-a", "address", default=DEFAULT_ADDRESS, show_default=True, metavar="HOST:PORT",
              help="Where to serve the preview.")
@engine_option
@config_option
@previous_option
def serve_command(plan_dir: Path | None, address: str, engine: str, config: Path, previous: tuple[str, ...]) -> None:
    """Preview the site of PLAN_DIR live: edits to the plan's YAML show on save.

    A plan that stops loading is reported (file:line and a hint) and the last
    good pages stay up until it is fixed. Stop with Ctrl+C. Only requests to
    HOST:PORT itself (or localhost) are answered; see docs/security.md.
    """
    raise SystemExit(serve(resolve_plan_dir(plan_dir), engine=engine, address=address, config=config,
                           previous=previous))


@click.command("pages")
@plan_dir_argument
@click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Folder for the pages and their mkdocs.yml (replaced whole).")
@config_option
@click.option("--site-url", default=None, metavar="URL", help="As for build.")
def pages_command(plan_dir: Path | None, out: Path, config: Path, site_url: str | None) -> None:
    """Write the site's generated pages and their mkdocs.yml, to build with an engine directly.

    What `build` does before it runs the engine: OUT then builds with
    `mkdocs build -f OUT/mkdocs.yml` or `zensical build -f OUT/mkdocs.yml`,
    into OUT/site.
    """
    from goldenthread.site_builder.build import write_pages

    directory = resolve_plan_dir(plan_dir)
    docs = write_pages(directory, out, config=config, site_url=site_url)
    config_file = relative(out / "mkdocs.yml")
    echo(f"Wrote {len(docs.pages)} pages of {relative(directory)} to {relative(out)}/. Build them with "
               f"`mkdocs build -f {config_file}` or `zensical build -f {config_file}`.")


COMMANDS = [build_command, serve_command, pages_command]
