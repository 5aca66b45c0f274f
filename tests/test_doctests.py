"""The examples in the docstrings of every package (model, site_builder, cli) are tests too."""
import doctest
import importlib
import pkgutil

import pytest

import goldenthread.cli
import goldenthread.model
import goldenthread.site_builder

MODULES = sorted(m.name for package in (goldenthread.model, goldenthread.site_builder, goldenthread.cli)
                 for m in pkgutil.walk_packages(package.__path__, package.__name__ + ".")
                 if not m.name.endswith(".__main__"))  # importing __main__ runs the command


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
