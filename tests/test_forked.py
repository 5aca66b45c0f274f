"""The similar-statement search gives the same pairs in a forked child as in the caller."""
from __future__ import annotations

import importlib
import os
import threading

import pytest

from goldenthread.model import forked
from goldenthread.model.forked import can_fork, run_forked

duplicates_module = importlib.import_module("goldenthread.model.analysis.duplicates")

CPUS = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


@pytest.fixture
def forking(monkeypatch):
    """A machine where work can be forked: os.fork and a second processor, or a skip."""
    if not hasattr(os, "fork") or CPUS < 2:
        pytest.skip("no os.fork or a single processor")
    # Tests that ran before may leave threads running (the browser tests' web server), and then
    # can_fork() says no. These children only compute and pickle: they take no lock such a thread holds.
    monkeypatch.setattr(forked.threading, "active_count", lambda: 1)
    assert can_fork()


def test_the_work_runs_in_another_process(forking):
    assert run_forked(os.getpid)() != os.getpid()


def test_with_another_thread_running_the_work_runs_in_the_caller():
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        assert not can_fork()
        assert run_forked(os.getpid)() == os.getpid()
    finally:
        release.set()
        other.join()


def test_a_small_job_runs_in_the_caller():
    assert run_forked(os.getpid, worth=False)() == os.getpid()


def test_a_failing_child_leaves_the_work_to_the_caller(forking):
    calls = []

    def work():
        calls.append(os.getpid())
        if len(calls) == 1 and os.getpid() != caller:
            raise RuntimeError("only in the child")
        return "done"

    caller = os.getpid()
    assert run_forked(work)() == "done"
    assert calls == [caller]          # the child's attempt is not seen here; the caller's is


def test_duplicates_are_the_same_forked_or_not(mini_graph, monkeypatch, forking):
    inline = list(duplicates_module.duplicates(mini_graph))
    monkeypatch.setattr(duplicates_module, "FORK_FROM", 0)
    assert list(duplicates_module.duplicates(mini_graph)) == inline
    assert inline


def test_a_plan_of_many_group_files_loads_the_same_with_half_of_them_read_in_a_child(tmp_path, monkeypatch, forking):
    from goldenthread.model import loader
    from goldenthread.model.errors import PlanLoadError
    from goldenthread.model.synth import synthesize

    for name, text in synthesize(3).files.items():  # 6 group files
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")

    def load(prefetch_from: int):
        monkeypatch.setattr(loader, "PREFETCH_FROM_FILES", prefetch_from)
        try:
            return loader.load_plan(tmp_path).model_dump()
        except PlanLoadError as error:
            return error.format()

    keys = loader.read_yaml(tmp_path / "plan.yaml").data["groups"]
    monkeypatch.setattr(loader, "PREFETCH_FROM_FILES", 2)
    prefetched = loader._prefetch_groups(tmp_path, keys)
    assert prefetched._waiting_for  # half the files go to a child
    prefetched.wait()
    assert sorted(prefetched._read) == sorted(tmp_path / "groups" / f"{k}.yaml" for k in keys[len(keys) // 2:])

    assert load(2) == load(10**6)
    last = tmp_path / "groups" / f"{keys[-1]}.yaml"  # a mistake in a file the child reads
    last.write_text(last.read_text(encoding="utf-8").replace("title:", "titel:", 1), encoding="utf-8")
    broken = load(2)
    assert "unknown field `titel`" in broken and broken == load(10**6)
