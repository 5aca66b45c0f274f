"""Running the static-site engine: MkDocs 1.6 with Material, or Zensical, on generated pages.

Both engines read the same ``mkdocs.yml`` at the top of the repository. For
each build we write a *project folder*: the generated ``docs/``, and a
``mkdocs.yml`` that is ours with the per-build settings filled in
(``site_name``, ``nav``, ``docs_dir``, ``site_dir``, an absolute
``theme.custom_dir``). Zensical requires ``docs_dir`` and ``site_dir`` to lie
inside the folder of the configuration file, which this layout satisfies.

MkDocs runs in this process (its Python API); Zensical runs as
``python -m zensical`` (its build is native code driven by a CLI). Either way
``SOURCE_DATE_EPOCH`` is set to the plan's last-updated date, so that the
sitemap's dates, and with them the bytes of the site, do not depend on the
day of the build.
"""
from __future__ import annotations

import calendar
import contextlib
import datetime as dt
import html
import json
import logging
import os
import subprocess
import sys
from importlib.resources import files
from pathlib import Path
from typing import Iterator

import jinja2
from ruamel.yaml import YAML

from goldenthread.model.errors import GoldenThreadError, Location, relative

ENGINES = ("mkdocs", "zensical")
#: Our configuration: ``mkdocs.yml`` at the top of the repository, shipped as package data of
#: ``goldenthread`` (beside ``site_builder/``, so its ``custom_dir`` resolves the same way installed).
REPO_CONFIG = Path(str(files("goldenthread") / "mkdocs.yml"))
CONFIG_NAME = "mkdocs.yml"


class SiteBuildError(GoldenThreadError):
    """The site could not be built (bad configuration, or the engine failed)."""


def read_base_config(path: Path) -> dict:
    """Our ``mkdocs.yml`` as a dict (plain YAML: no Python tags, so both engines read it)."""
    try:
        with open(path, encoding="utf-8") as f:
            config = YAML(typ="safe").load(f)
    except FileNotFoundError:
        raise SiteBuildError(f"site configuration not found: {relative(path)}", Location(relative(path)),
                             "run from a checkout of Golden Thread, or pass --config mkdocs.yml") from None
    except Exception as error:  # ruamel raises several unrelated classes for bad YAML
        mark = getattr(error, "problem_mark", None)
        where = Location(relative(path), mark.line + 1, mark.column + 1) if mark else Location(relative(path))
        raise SiteBuildError(f"cannot read the site configuration: {getattr(error, 'problem', error)}", where,
                             "mkdocs.yml must be plain YAML") from None
    if not isinstance(config, dict):
        raise SiteBuildError("the site configuration is not a mapping", Location(relative(path)),
                             "mkdocs.yml holds settings such as `theme:` and `plugins:`")
    return config


def write_project_config(base: Path, project_dir: Path, *, site_name: str, nav: list,
                         not_in_nav: list[str], site_url: str | None = None,
                         extra_css: tuple[str, ...] | list[str] = (),
                         footer: dict | None = None) -> Path:
    """Write ``<project_dir>/mkdocs.yml``: *base* plus this build's settings. Returns its path.

    *site_url*, when given, is where the site will be published; only the
    404 page needs it (it is served at any depth, so its links are absolute),
    and without it they assume the site is at the root of its server.

    *site_name* and the titles in *nav* are plan text: the engines print
    them into pages unescaped, so they are HTML-escaped here (``'`` is left
    alone; the themes quote these values with ``"`` in attributes).

    *footer* (the plan's title and last update, the build date, Golden
    Thread's version) goes to ``extra.goldenthread`` for the theme's page
    footer (``site_builder/theme/main.html``), its texts escaped the same way.
    """
    config = read_base_config(base)
    theme = dict(config.get("theme") or {})
    if theme.get("custom_dir"):
        theme["custom_dir"] = str((base.parent / theme["custom_dir"]).resolve())
    config.update(
        site_name=escape_title(site_name),
        docs_dir="docs",
        site_dir="site",
        theme=theme,
        nav=escape_nav(nav),
        not_in_nav="\n".join(not_in_nav),
    )
    if site_url:
        config["site_url"] = site_url
    if extra_css:  # only the pages of some builds need them (the history pages)
        config["extra_css"] = [*(config.get("extra_css") or []), *extra_css]
    if footer:
        extra = dict(config.get("extra") or {})
        extra["goldenthread"] = {key: escape_title(str(value)) for key, value in footer.items()}
        config["extra"] = extra
    path = project_dir / CONFIG_NAME
    # JSON is YAML, needs no dumper settings and cannot grow Python tags.
    path.write_text(json.dumps(config, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def escape_title(text: str) -> str:
    """A title as the themes need it in configuration: ``& < > "`` escaped.

    >>> escape_title('A & <b>"B"</b>')
    'A &amp; &lt;b&gt;&quot;B&quot;&lt;/b&gt;'
    """
    return html.escape(text, quote=False).replace('"', "&quot;")


def escape_nav(nav: list) -> list:
    """*nav* (MkDocs' list of paths and ``{title: path-or-list}``) with every title escaped."""
    def entry(item):
        if isinstance(item, dict):
            return {escape_title(title): escape_nav(value) if isinstance(value, list) else value
                    for title, value in item.items()}
        return item
    return [entry(item) for item in nav]


def epoch_of(day: dt.date | None) -> str:
    """``SOURCE_DATE_EPOCH`` for *day* (midnight UTC); 1980-01-01 when there is none.

    >>> epoch_of(dt.date(2021, 1, 22))
    '1611273600'
    """
    day = day or dt.date(1980, 1, 1)
    return str(calendar.timegm(day.timetuple()))


@contextlib.contextmanager
def _environment(values: dict[str, str]) -> Iterator[None]:
    saved = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def build_env(build_date: dt.date | None) -> dict[str, str]:
    """The environment variables an engine runs with."""
    return {"SOURCE_DATE_EPOCH": epoch_of(build_date), "NO_MKDOCS_2_WARNING": "1"}


def run_engine(engine: str, config_file: Path, build_date: dt.date | None) -> list[str]:
    """Build the project whose configuration is *config_file* with *engine*; return its warnings."""
    if engine == "mkdocs":
        return _run_mkdocs(config_file, build_date)
    if engine == "zensical":
        return _run_zensical(config_file, build_date)
    raise SiteBuildError(f"unknown site engine {engine!r}", None, f"use one of: {', '.join(ENGINES)}")


class _Collect(logging.Handler):
    """Keeps MkDocs' warnings and errors, to report them as ours."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _run_mkdocs(config_file: Path, build_date: dt.date | None) -> list[str]:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    logger = logging.getLogger("mkdocs")
    collect = _Collect()
    saved = logger.level, logger.propagate
    # MkDocs logs every page at INFO: keep only warnings and errors, and report them ourselves.
    logger.setLevel(logging.WARNING)
    logger.propagate = False
    logger.addHandler(collect)
    try:
        with _environment(build_env(build_date)):
            config = load_config(config_file=str(config_file))
            build(config)
    except MkDocsException as error:
        said = "; ".join(collect.messages) or str(error)
        raise SiteBuildError(f"MkDocs could not build the site: {said}", None,
                             "check mkdocs.yml (theme, plugins, markdown_extensions)") from error
    except jinja2.TemplateError as error:
        # A theme template that is broken (e.g. an override in theme.custom_dir): MkDocs lets
        # Jinja's error through as it is. Point at the template when Jinja says which it is.
        filename, line = getattr(error, "filename", None), getattr(error, "lineno", None)
        where = Location(relative(filename), line) if filename else None
        raise SiteBuildError(f"MkDocs could not build the site: a theme template failed: {error.message}", where,
                             "check the theme's templates (theme.custom_dir in mkdocs.yml)") from error
    finally:
        logger.removeHandler(collect)
        logger.setLevel(saved[0])
        logger.propagate = saved[1]
    return collect.messages


def _run_zensical(config_file: Path, build_date: dt.date | None) -> list[str]:
    env = {**os.environ, **build_env(build_date)}
    result = subprocess.run([sys.executable, "-m", "zensical", "build", "--clean", "-f", str(config_file)],
                            cwd=config_file.parent, env=env, capture_output=True, text=True)
    output = [line.strip() for line in (result.stderr + result.stdout).splitlines() if line.strip()]
    if result.returncode != 0:
        said = next((line for line in reversed(output) if "error" in line.lower()), output[-1] if output else "")
        raise SiteBuildError(f"Zensical could not build the site: {said or 'no message'}", None,
                             "check mkdocs.yml (theme, plugins, markdown_extensions)")
    return [line for line in output if line.lower().startswith(("warning", "error"))]
