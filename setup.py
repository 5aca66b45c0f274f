"""Packaging: the repository's top folder is the one import package ``goldenthread``.

The layout keeps ``model/``, ``site_builder/``, ``cli/`` and ``plan_data/`` at
the top of the repository. Mapping ``goldenthread`` to the top folder puts
them under that one name when installed (``goldenthread.model`` and so on),
with no generic top-level ``model`` in site-packages. Sub-packages are found
by :func:`find_packages` (every folder with an ``__init__.py`` under the three
code folders), so a new one needs no edit here. Everything else is in
``pyproject.toml``.

What ships is exactly the code folders, the files named in ``package_data``
and the top folder's ``__init__.py`` and ``__main__.py``: not this script
(which sits in the top folder too), and not ``tests/``, ``docs/`` or
``benchmarks/`` (``include_package_data`` is off, so ``MANIFEST.in``, which
puts them in the source distribution, adds nothing to the wheel).
``tests/test_installed.py`` builds the wheel and checks its contents.
"""
from setuptools import find_packages, setup
from setuptools.command.build_py import build_py

CODE_FOLDERS = ("model", "site_builder", "cli")

packages = ["goldenthread"] + [
    f"goldenthread.{name}" for name in find_packages(include=[f"{folder}{tail}" for folder in CODE_FOLDERS
                                                              for tail in ("", ".*")])]


class BuildPyWithoutSetupScript(build_py):
    """``build_py`` that leaves ``setup.py`` out of the package.

    The top folder is the package ``goldenthread``, so its every ``.py`` file
    would ship as a module, this script included (``import goldenthread.setup``
    would then run setup()).
    """

    def find_package_modules(self, package, package_dir):
        return [(pkg, module, path) for pkg, module, path in super().find_package_modules(package, package_dir)
                if not (pkg == "goldenthread" and module == "setup")]


setup(
    packages=packages,
    package_dir={"goldenthread": "."},
    include_package_data=False,
    package_data={
        # The bundled plan and the site configuration, read through importlib.resources.
        "goldenthread": ["mkdocs.yml", "plan_data/*.yaml", "plan_data/*/*.yaml", "plan_data/*/*.txt"],
        "goldenthread.site_builder": ["templates/**/*", "assets/**/*", "theme/**/*"],
        "goldenthread.cli": ["templates/*"],
    },
    cmdclass={"build_py": BuildPyWithoutSetupScript},
)
