"""The similar-statement search gives the same pairs in a forked child as in the caller."""
from __future__ import annotations

import importlib
import os

import pytest

from model.analysis.forked import can_fork, run_forked

duplicates_module = importlib.import_module("model.analysis.duplicates")

needs_fork = pytest.mark.skipif(not can_fork(), reason="no os.fork or a single processor")


@needs_fork
def test_the_work_runs_in_another_process():
    assert run_forked(os.getpid)() != os.getpid()


def test_a_small_job_runs_in_the_caller():
    assert run_forked(os.getpid, worth=False)() == os.getpid()


@needs_fork
def test_a_failing_child_leaves_the_work_to_the_caller():
    calls = []

    def work():
        calls.append(os.getpid())
        if len(calls) == 1 and os.getpid() != caller:
            raise RuntimeError("only in the child")
        return "done"

    caller = os.getpid()
    assert run_forked(work)() == "done"
    assert calls == [caller]          # the child's attempt is not seen here; the caller's is


@needs_fork
def test_duplicates_are_the_same_forked_or_not(mini_graph, monkeypatch):
    inline = list(duplicates_module.duplicates(mini_graph))
    monkeypatch.setattr(duplicates_module, "FORK_FROM", 0)
    assert list(duplicates_module.duplicates(mini_graph)) == inline
    assert inline
