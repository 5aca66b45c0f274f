"""Packaging: the repository's top folder is the one import package ``goldenthread``.

The layout keeps ``model/``, ``site_builder/``, ``cli/`` and ``plan_data/`` at
the top of the repository. Mapping ``goldenthread`` to the top folder puts
them under that one name when installed (``goldenthread.model`` and so on),
with no generic top-level ``model`` in site-packages. Sub-packages are found
by :func:`find_packages` (every folder with an ``__init__.py`` under the three
code folders), so a new one needs no edit here. Everything else is in
``pyproject.toml``.
"""
from setuptools import find_packages, setup

CODE_FOLDERS = ("model", "site_builder", "cli")

packages = ["goldenthread"] + [
    f"goldenthread.{name}" for name in find_packages(include=[f"{folder}{tail}" for folder in CODE_FOLDERS
                                                              for tail in ("", ".*")])]

setup(
    packages=packages,
    package_dir={"goldenthread": "."},
    package_data={
        # The bundled plan and the site configuration, read through importlib.resources.
        "goldenthread": ["mkdocs.yml", "plan_data/*.yaml", "plan_data/*/*.yaml", "plan_data/*/*.txt"],
        "goldenthread.site_builder": ["templates/**/*", "assets/**/*", "theme/**/*"],
        "goldenthread.cli": ["templates/*"],
    },
)
