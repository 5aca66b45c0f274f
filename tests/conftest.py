"""Shared fixtures: the mini plan, loaded and as a graph, and broken copies of it.

Tests use these fixtures rather than importing from this module: with more
than one ``conftest.py`` in the tree, ``import conftest`` is ambiguous.

``broken_plan(edits, name="plan")`` copies ``tests/fixtures/mini_plan`` to
``<tmp>/<name>``, makes the working directory ``<tmp>`` (so messages say
``plan/plan.yaml:3:8``) and applies *edits*, each one of::

    {"file": "groups/leadership.yaml", "replace": "rag: GREEN", "with": "rag: AMBR"}
    {"file": "source/plan.txt", "delete": True}
    {"file": "groups/extra.yaml", "write": "key: extra\\n"}
    {"file": "groups/extra.yaml", "write_hex": "89504e470d0a1a0a"}        # bytes, e.g. an image
    {"file": "operational_plans.yaml", "encoding": "latin-1"}            # saved again in another encoding
    {"file": "source", "symlink": "../outside"}      # replaced (file or folder) by a link to that target
    {"file": "plan.yaml", "replace": "text: A", "with": "text: A", "append": "word ", "times": 3}
                                                        # "with" followed by "append" 3 times: a long text

A ``replace`` must match exactly once, so an edit that no longer applies fails
the test instead of silently testing the unbroken plan.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from goldenthread.model.graph import build_graph
from goldenthread.model.loader import load_plan

FIXTURES = Path(__file__).parent / "fixtures"
MINI_PLAN = FIXTURES / "mini_plan"
BAD_CASES = FIXTURES / "bad"


def apply_edits(root: Path, edits: list[dict]) -> None:
    """Apply *edits* (see the module docstring) to the plan folder *root*."""
    for edit in edits:
        path = root / edit["file"]
        if edit.get("delete"):
            path.unlink()
        elif "symlink" in edit:
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            elif path.exists() or path.is_symlink():
                path.unlink()
            path.symlink_to(edit["symlink"])
        elif "write" in edit:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(edit["write"], encoding="utf-8")
        elif "write_hex" in edit:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(bytes.fromhex(edit["write_hex"]))
        elif "encoding" in edit:
            path.write_bytes(path.read_text(encoding="utf-8").encode(edit["encoding"]))
        else:
            text = path.read_text(encoding="utf-8")
            count = text.count(edit["replace"])
            assert count == 1, f"{edit['file']}: {edit['replace']!r} occurs {count} times, expected once"
            replacement = edit["with"] + edit.get("append", "") * edit.get("times", 0)
            path.write_text(text.replace(edit["replace"], replacement), encoding="utf-8")


@pytest.fixture
def mini_plan_dir() -> Path:
    """The folder of the tiny test plan."""
    return MINI_PLAN


@pytest.fixture
def mini_plan():
    """The tiny test plan, loaded."""
    return load_plan(MINI_PLAN)


@pytest.fixture
def mini_graph(mini_plan):
    """The tiny test plan as a graph."""
    return build_graph(mini_plan)


@pytest.fixture
def broken_plan(tmp_path, monkeypatch):
    """A factory: a copy of the mini plan at ``<name>/`` (cwd = its parent) with *edits* applied."""
    def make(edits: list[dict], name: str = "plan") -> Path:
        root = tmp_path / name
        shutil.copytree(MINI_PLAN, root)
        monkeypatch.chdir(tmp_path)
        apply_edits(root, edits)
        return Path(name)
    return make


@pytest.fixture
def bad_case():
    """A reader of ``tests/fixtures/bad/<name>.yaml``: {description, edits, expected}."""
    def read(name: str) -> dict:
        return YAML(typ="safe").load((BAD_CASES / f"{name}.yaml").read_text(encoding="utf-8"))
    return read
