"""The examples in the docstrings of model/ are tests too."""
import doctest
import importlib
import pkgutil

import pytest

import model

MODULES = sorted(m.name for m in pkgutil.walk_packages(model.__path__, "model."))


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
