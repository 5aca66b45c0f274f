"""Golden Thread: a council plan as data, checked and published as an intranet site.

The repository's top folder is this package: installed, ``model/``,
``site_builder/`` and ``cli/`` are ``goldenthread.model``,
``goldenthread.site_builder`` and ``goldenthread.cli``, and ``plan_data/``
and ``mkdocs.yml`` ship beside them as package data (see ``setup.py`` and
``docs/architecture.md``).
"""
from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("goldenthread")
except PackageNotFoundError:  # pragma: no cover - run from a checkout that was never installed
    __version__ = "0+unknown"
