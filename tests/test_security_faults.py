"""Issue 12, faults leave nothing behind: signals at any moment, killed runs' debris, the output folder
checked again before the swap, and ``--out .`` or a linked ``--out``.

Each test is the attack as it was reported, and the outcome asserted.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import goldenthread.site_builder.build as build_module
from goldenthread.cli.main import main
from goldenthread.cli.paths import BUNDLED_PLAN_DIR
from goldenthread.model.staging import remove_debris, staging_folder, swap_in
from goldenthread.site_builder.build import MARKER, build_site
from goldenthread.site_builder.engine import SiteBuildError
from hostile_plans import NEAR_IDENTICAL, many_outcomes
from site_fixtures import MINI_PLAN

ROOT = Path(__file__).resolve().parents[1]
COMMAND = [sys.executable, "-m", "goldenthread"]
ENV = {**os.environ, "PYTHONPATH": str(ROOT.parent)}


def _dead_pid() -> int:
    """The process ID of a process that has ended (and been reaped)."""
    done = subprocess.Popen([sys.executable, "-c", "pass"])
    done.wait()
    return done.pid


def _start(args: list[str], cwd: Path) -> subprocess.Popen:
    return subprocess.Popen([*COMMAND, *args], cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


@pytest.fixture(scope="module")
def slow_plan(tmp_path_factory) -> Path:
    """A plan that takes `check` a second or two: time to be interrupted at many moments."""
    return many_outcomes(tmp_path_factory.mktemp("slow") / "plan", 5000, NEAR_IDENTICAL)


@pytest.mark.parametrize("signum, status", [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
@pytest.mark.parametrize("delay", [0.4, 0.8, 1.2])
def test_a_signal_at_any_moment_ends_quietly_with_the_usual_status(slow_plan, tmp_path, signum, status, delay):
    # reported: Ctrl-C in the first 0.3 s printed a Python traceback
    run = _start(["check", str(slow_plan), "--format", "json"], tmp_path)
    time.sleep(delay)
    run.send_signal(signum)
    _, err = run.communicate(timeout=60)
    if run.returncode == 0 or run.returncode == 1:
        pytest.skip("the check finished before the signal (a fast machine)")
    assert run.returncode == status, err
    assert b"Traceback" not in err and err.strip() == b""


def test_sigterm_during_a_build_removes_its_temporary_folder(tmp_path):
    # reported: SIGTERM (what `timeout` and CI cancellation send) left .NAME.building-* folders of 17-32 MB
    run = _start(["build", str(MINI_PLAN), "--out", "site"], tmp_path)
    deadline = time.monotonic() + 60
    while not list(tmp_path.glob(".site.building-*")):
        assert time.monotonic() < deadline and run.poll() is None
        time.sleep(0.05)
    time.sleep(1.0)
    run.send_signal(signal.SIGTERM)
    _, err = run.communicate(timeout=60)
    assert run.returncode == 143, err
    assert b"Traceback" not in err
    assert list(tmp_path.iterdir()) == []


def test_the_next_build_removes_what_a_killed_one_left(tmp_path):
    # reported: SIGKILL left .NAME.building-* folders, and later runs never removed them
    build_site(MINI_PLAN, tmp_path / "site")
    run = _start(["build", str(MINI_PLAN), "--out", "site"], tmp_path)
    deadline = time.monotonic() + 60
    while not list(tmp_path.glob(".site.building-*/docs")):
        assert time.monotonic() < deadline and run.poll() is None
        time.sleep(0.05)
    run.send_signal(signal.SIGKILL)
    run.wait()
    debris = list(tmp_path.glob(".site.building-*"))
    assert [d.name.split("-")[1] for d in debris] == [str(run.pid)]      # named after the killed run
    build_site(MINI_PLAN, tmp_path / "site")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_debris_is_removed_only_when_its_run_is_dead(tmp_path):
    out = tmp_path / "site"
    out.mkdir()
    dead, alive = _dead_pid(), os.getppid()
    (tmp_path / f".site.building-{dead}-abc").mkdir()
    (tmp_path / f".site.import-{dead}-abc").mkdir()
    (tmp_path / f".site.building-{alive}-abc").mkdir()       # a run still going: never touched
    (tmp_path / f".other.building-{dead}-abc").mkdir()       # another --out's
    (tmp_path / f".site.building-{dead}").mkdir()            # not a name we give
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / f".site.writing-{dead}-lnk").symlink_to(tmp_path / "elsewhere")   # a link: never followed
    removed = remove_debris(out)
    assert sorted(p.name for p in removed) == sorted([f".site.building-{dead}-abc", f".site.import-{dead}-abc"])
    assert (tmp_path / f".site.building-{alive}-abc").is_dir()
    assert (tmp_path / f".other.building-{dead}-abc").is_dir()
    assert (tmp_path / f".site.building-{dead}").is_dir()
    assert (tmp_path / "elsewhere").is_dir()


def test_a_run_killed_mid_swap_gets_its_previous_output_back(tmp_path):
    out = tmp_path / "site"
    dead = _dead_pid()
    aside = tmp_path / f".site.old-{dead}-xyz"
    (aside / "site").mkdir(parents=True)
    (aside / "site" / MARKER).write_text("x")
    remove_debris(out)
    assert (out / MARKER).is_file() and not aside.exists()


@pytest.mark.parametrize("kind", ["import", "updates"])
def test_a_plan_rewritten_in_place_and_killed_between_its_renames_comes_back(tmp_path, kind):
    # swap_in moves the plan into staging/previous, then the new one into place: a kill in between
    # leaves no plan folder, and the next run must move the old one back rather than delete it
    plan, dead = tmp_path / "plan", _dead_pid()
    aside = tmp_path / f".plan.{kind}-{dead}-xyz"
    (aside / "previous").mkdir(parents=True)
    (aside / "previous" / "plan.yaml").write_text("id: plan\n")
    (aside / "new").mkdir()
    remove_debris(plan)
    assert (plan / "plan.yaml").read_text() == "id: plan\n" and not aside.exists()


def test_swap_in_puts_the_old_folder_back_when_the_new_cannot_go_in(tmp_path):
    out, staging = tmp_path / "plan", tmp_path / "staging"
    out.mkdir()
    (out / "plan.yaml").write_text("old")
    staging.mkdir()
    with pytest.raises(FileNotFoundError):
        swap_in(staging / "missing", out, staging)
    assert (out / "plan.yaml").read_text() == "old"


def test_staging_folders_are_named_after_their_run(tmp_path):
    folder = staging_folder(tmp_path / "site", "building")
    assert folder.name.startswith(f".site.building-{os.getpid()}-")
    assert remove_debris(tmp_path / "site") == [] and folder.is_dir()


def test_a_file_written_into_out_during_the_build_is_kept_and_the_build_stops(tmp_path, monkeypatch):
    # reported: a file written into an empty --out folder during a build was deleted at the swap
    out = tmp_path / "site"
    out.mkdir()
    real = build_module.run_engine

    def engine_while_someone_writes(*args, **kwargs):
        (out / "notes.txt").write_text("mine", encoding="utf-8")
        return real(*args, **kwargs)

    monkeypatch.setattr(build_module, "run_engine", engine_while_someone_writes)
    with pytest.raises(SiteBuildError) as caught:
        build_site(MINI_PLAN, out)
    assert "changed during the build" in caught.value.title and "'notes.txt'" in caught.value.title
    assert (out / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


@pytest.mark.parametrize("command", [["build", "PLAN", "--out", "."], ["pages", "PLAN", "--out", "."],
                                     ["build", "PLAN", "--out", ".."]])
def test_out_dot_is_refused_clearly(tmp_path, monkeypatch, command):
    # reported: `build --out .` said "could not put the new  in place ... kept in ..old-xxxx" (false),
    # and left a ..old-* folder
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    result = CliRunner().invoke(main, [str(MINI_PLAN) if a == "PLAN" else a for a in command])
    assert result.exit_code == 2
    assert "is the folder you are working in (or one above it)" in result.output
    assert "could not put" not in result.output and "Traceback" not in result.output
    assert list(work.iterdir()) == [] and sorted(p.name for p in tmp_path.iterdir()) == ["work"]


def test_import_into_dot_is_refused_clearly(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    source = BUNDLED_PLAN_DIR / "source" / "service-development-plan-2020-21.txt"
    result = CliRunner().invoke(main, ["import", str(source), "--out", "."])
    assert result.exit_code == 2 and "is the folder you are working in" in result.output
    assert list(tmp_path.iterdir()) == []


def test_build_into_a_linked_out_replaces_the_folder_it_points_to(tmp_path, monkeypatch):
    # reported: --out pointing at a symlink replaced the link with a folder (import followed it instead)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "real-site").mkdir()
    (tmp_path / "site").symlink_to("real-site")
    result = CliRunner().invoke(main, ["build", str(MINI_PLAN), "--out", "site"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "site").is_symlink() and os.readlink(tmp_path / "site") == "real-site"
    assert (tmp_path / "real-site" / "index.html").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["real-site", "site"]


def test_import_into_a_linked_out_replaces_the_folder_it_points_to(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "real-plan").mkdir()
    (tmp_path / "plan").symlink_to("real-plan")
    source = BUNDLED_PLAN_DIR / "source" / "service-development-plan-2020-21.txt"
    result = CliRunner().invoke(main, ["import", str(source), "--out", "plan"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "plan").is_symlink() and (tmp_path / "real-plan" / "plan.yaml").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan", "real-plan"]
