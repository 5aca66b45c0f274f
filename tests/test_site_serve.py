"""``goldenthread serve``: the preview follows edits to the plan folder."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from goldenthread.site_builder.serve import LivePages, engine_command, plan_signature, sync_tree
from site_fixtures import MINI_PLAN

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def plan(tmp_path) -> Path:
    return Path(shutil.copytree(MINI_PLAN, tmp_path / "plan"))


def _replace(path, old: str, new: str) -> None:
    """Edit a plan file as a person would: one text for another."""
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def test_sync_tree_touches_only_what_differs(tmp_path):
    source, target = tmp_path / "new", tmp_path / "served"
    for folder, files in ((source, {"same.md": "a", "changed.md": "new", "added/x.md": "x"}),
                          (target, {"same.md": "a", "changed.md": "old", "gone/y.md": "y"})):
        for name, text in files.items():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_text(text, encoding="utf-8")
    os.utime(target / "same.md", ns=(1, 1))
    assert sync_tree(source, target) == ["added/x.md", "changed.md", "gone/y.md"]
    assert (target / "same.md").stat().st_mtime_ns == 1
    assert (target / "changed.md").read_text(encoding="utf-8") == "new"
    assert not (target / "gone").exists()
    assert sync_tree(source, target) == []


def test_plan_signature_changes_with_any_file(plan):
    before = plan_signature(plan)
    (plan / "notes.txt").write_text("x", encoding="utf-8")
    assert plan_signature(plan) != before


def test_live_pages_follow_the_plan_and_keep_the_last_good_pages(plan, tmp_path):
    messages = []
    live = LivePages(plan, tmp_path / "project", report=messages.append)
    live.regenerate()
    home = tmp_path / "project" / "docs" / "index.md"
    assert "Every child thrives." in home.read_text(encoding="utf-8")
    assert live.poll() == []

    vision = plan / "plan.yaml"
    _replace(vision, "Every child thrives.", "Every child flourishes.")
    changed = live.poll()
    assert "docs/index.md" in changed and "docs/priorities/LP1.md" not in changed
    assert "Every child flourishes." in home.read_text(encoding="utf-8")

    assert messages == [f"plan changed: {len(changed)} generated file(s) updated"]
    messages.clear()
    leadership = plan / "groups" / "leadership.yaml"
    _replace(leadership, "rag: GREEN", "rag: GREN")
    assert live.poll() == []
    assert "leadership.yaml:" in messages[0] and "did you mean GREEN?" in messages[0]
    assert "Every child flourishes." in home.read_text(encoding="utf-8")
    assert live.poll() == [] and len(messages) == 2  # reported once, not on every poll

    _replace(leadership, "rag: GREN", "rag: RED")
    assert "docs/outcomes.md" in live.poll()


def test_engine_commands():
    config = Path("/p/mkdocs.yml")
    assert engine_command("mkdocs", config, "127.0.0.1:9")[1:] == [
        "-m", "mkdocs", "serve", "--livereload", "-f", "/p/mkdocs.yml", "-a", "127.0.0.1:9"]
    assert engine_command("zensical", config, "127.0.0.1:9")[1:] == [
        "-m", "zensical", "serve", "-f", "/p/mkdocs.yml", "-a", "127.0.0.1:9"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(url: str, wanted: str, process: subprocess.Popen, deadline: float) -> str:
    """The page at *url* once it contains *wanted* (polling until *deadline*)."""
    text = ""
    while time.monotonic() < deadline:
        assert process.poll() is None, "goldenthread serve stopped"
        try:
            text = urllib.request.urlopen(url, timeout=5).read().decode("utf-8")
            if wanted in text:
                return text
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"{url} never showed {wanted!r}; last seen:\n{text[:500]}")



def test_serve_shows_an_edit_to_the_plan(plan):
    address = f"127.0.0.1:{_free_port()}"
    command = [sys.executable, "-m", "goldenthread", "serve", str(plan), "--dev-addr", address]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        deadline = time.monotonic() + 120  # generous: a slow machine, not a timing check
        _wait_for(f"http://{address}/index.html", "Every child thrives.", process, deadline)
        vision = plan / "plan.yaml"
        _replace(vision, "Every child thrives.", "Every child shines.")
        _wait_for(f"http://{address}/index.html", "Every child shines.", process, deadline)
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_live_pages_outlive_a_bug_met_by_an_edit(plan, tmp_path, monkeypatch):
    """An edit that makes page generation raise something other than a plan error (a bug of
    ours): the error is reported, the last good pages stay as they were, and the preview goes on."""
    import goldenthread.site_builder.build
    from goldenthread import site_builder

    messages = []
    live = LivePages(plan, tmp_path / "project", report=messages.append)
    live.regenerate()
    docs = tmp_path / "project" / "docs"
    before = {p: p.read_bytes() for p in sorted(docs.rglob("*")) if p.is_file()}
    generate_docs = site_builder.build.generate_docs

    def crash(data, docs_dir, **options):
        generate_docs(data, docs_dir, **options)  # half the work done, in the scratch folder
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(site_builder.build, "generate_docs", crash)
    vision = plan / "plan.yaml"
    _replace(vision, "Every child thrives.", "Every child shines.")
    assert live.poll() == []
    assert messages[0] == "error: could not generate the pages: ZeroDivisionError: division by zero"
    assert {p: p.read_bytes() for p in sorted(docs.rglob("*")) if p.is_file()} == before
    monkeypatch.setattr(site_builder.build, "generate_docs", generate_docs)
    vision.write_text(vision.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # saved again
    assert "docs/index.md" in live.poll()
    assert "Every child shines." in (docs / "index.md").read_text(encoding="utf-8")


def test_plan_signature_ignores_a_file_that_vanishes_while_it_looks(plan, monkeypatch):
    """Editors save through temporary files that come and go; one listed and gone is skipped."""
    rglob = Path.rglob
    ghost = plan / "groups" / ".leadership.yaml.swp"
    monkeypatch.setattr(Path, "rglob", lambda self, pattern: [*rglob(self, pattern), ghost])
    monkeypatch.setattr(Path, "is_file", lambda self: True)  # it was there when listed
    assert "groups/.leadership.yaml.swp" not in [name for name, *_ in plan_signature(plan)]
    assert "plan.yaml" in [name for name, *_ in plan_signature(plan)]


def test_serve_keeps_the_last_good_site_while_the_plan_is_broken(plan, tmp_path):
    address = f"127.0.0.1:{_free_port()}"
    log = tmp_path / "serve.log"
    command = [sys.executable, "-m", "goldenthread", "serve", str(plan), "--dev-addr", address]
    with open(log, "w", encoding="utf-8") as output:
        process = subprocess.Popen(command, cwd=ROOT, stdout=output, stderr=subprocess.STDOUT,
                                   env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        deadline = time.monotonic() + 120  # generous: a slow machine, not a timing check
        _wait_for(f"http://{address}/index.html", "Every child thrives.", process, deadline)
        leadership = plan / "groups" / "leadership.yaml"
        _replace(leadership, "rag: GREEN", "rag: GREN")
        while "did you mean GREEN?" not in log.read_text(encoding="utf-8"):
            assert process.poll() is None, "goldenthread serve stopped"
            assert time.monotonic() < deadline, log.read_text(encoding="utf-8")
            time.sleep(0.5)
        assert "leadership.yaml:" in log.read_text(encoding="utf-8")
        assert "Every child thrives." in _wait_for(f"http://{address}/index.html", "Every child thrives.",
                                                   process, deadline)
        vision = plan / "plan.yaml"  # fixed, and edited: the preview follows again
        _replace(leadership, "rag: GREN", "rag: RED")
        _replace(vision, "Every child thrives.", "Every child shines.")
        _wait_for(f"http://{address}/index.html", "Every child shines.", process, deadline)
    finally:
        process.terminate()
        process.wait(timeout=30)
