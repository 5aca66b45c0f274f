"""Golden Thread: a council plan as data, checked and published as an intranet site.

The repository's top folder is this package: installed, ``model/``,
``site_builder/`` and ``cli/`` are ``goldenthread.model``,
``goldenthread.site_builder`` and ``goldenthread.cli``, and ``plan_data/``
and ``mkdocs.yml`` ship beside them as package data (see ``setup.py`` and
``docs/architecture.md``).
"""


def __getattr__(name: str):
    """``__version__``, looked up when asked for: importing the package stays instant, so the command
    can take over Ctrl+C before anything slow is imported (see :mod:`goldenthread.cli.entry`)."""
    if name != "__version__":
        raise AttributeError(name)
    from importlib.metadata import PackageNotFoundError, version
    try:
        return version("goldenthread")
    except PackageNotFoundError:  # pragma: no cover - run from a checkout that was never installed
        return "0+unknown"
