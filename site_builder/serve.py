"""``goldenthread serve``: a live preview that follows edits to the plan folder.

The engine's own server (``mkdocs serve`` or ``zensical serve``) watches the
generated pages and reloads the browser when they change. We watch the plan
folder: :class:`LivePages` polls it, and when a file changes it generates the
pages afresh and copies only the files that differ into the served folder
(:func:`sync_tree`), so the engine rebuilds once, and only when something
really changed. A plan that no longer loads is reported (``file:line``,
title, hint) and the last good pages stay up until it is fixed.

Polling (rather than inotify) keeps this free of platform quirks and extra
dependencies; a plan folder holds a handful of files.
"""
from __future__ import annotations

import filecmp
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

from goldenthread.model.errors import GoldenThreadError
from goldenthread.site_builder.engine import REPO_CONFIG, SiteBuildError

DEFAULT_ADDRESS = "127.0.0.1:8000"


def plan_signature(plan_dir: Path) -> tuple:
    """What changes when any file under *plan_dir* is added, removed or edited."""
    entries = []
    for path in sorted(Path(plan_dir).rglob("*")):
        try:
            if path.is_file():
                stat = path.stat()
                entries.append((path.relative_to(plan_dir).as_posix(), stat.st_mtime_ns, stat.st_size))
        except FileNotFoundError:
            continue  # gone since it was listed: an editor's temporary file, or a save in progress
    return tuple(entries)


def sync_tree(source: Path, target: Path) -> list[str]:
    """Make *target* hold exactly the files of *source*, touching only what differs.

    Returns the relative paths written or removed, sorted. Files whose bytes
    are unchanged are left alone, so a watcher on *target* sees no change.
    """
    changed = []
    wanted = {p.relative_to(source) for p in source.rglob("*") if p.is_file()}
    for rel in sorted(wanted):
        src, dst = source / rel, target / rel
        if dst.is_file() and filecmp.cmp(src, dst, shallow=False):
            continue
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, dst)
        changed.append(rel.as_posix())
    if target.exists():
        for path in sorted(target.rglob("*"), reverse=True):
            rel = path.relative_to(target)
            if path.is_file() and rel not in wanted:
                path.unlink()
                changed.append(rel.as_posix())
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    return sorted(changed)


class LivePages:
    """The generated project of a plan folder, kept up to date with the plan."""

    def __init__(self, plan_dir: Path, project_dir: Path, *, config: Path = REPO_CONFIG,
                 report: Callable[[str], None] = print, previous: tuple[str, ...] | list[str] = ()) -> None:
        self.plan_dir = Path(plan_dir)
        self.project_dir = Path(project_dir)
        self.config = Path(config)
        self.report = report
        self.previous = tuple(previous)
        self._signature: tuple | None = None

    @property
    def config_file(self) -> Path:
        """The engine configuration of the served project."""
        return self.project_dir / "mkdocs.yml"

    def regenerate(self) -> list[str]:
        """Generate the pages afresh and copy what changed into the project; return what changed.

        Raises :class:`model.errors.GoldenThreadError` when the plan does not load.
        """
        # imported here, not at the top: `goldenthread check` and the other commands need none of it
        from goldenthread.site_builder.build import prepare_project

        self._signature = plan_signature(self.plan_dir)
        with tempfile.TemporaryDirectory(prefix="goldenthread-next-") as scratch:
            fresh = Path(scratch)
            prepare_project(self.plan_dir, fresh, config=self.config, previous=self.previous)
            # Only the pages and the configuration: the engine keeps its own files
            # (Zensical's site/ and .cache/) in the project folder too.
            changed = [f"docs/{p}" for p in sync_tree(fresh / "docs", self.project_dir / "docs")]
            new_config = (fresh / "mkdocs.yml").read_bytes()
            if not self.config_file.is_file() or self.config_file.read_bytes() != new_config:
                self.config_file.write_bytes(new_config)
                changed.append("mkdocs.yml")
            return changed

    def poll(self) -> list[str]:
        """Regenerate if the plan folder changed since the last look; report errors, keep going."""
        if plan_signature(self.plan_dir) == self._signature:
            return []
        try:
            changed = self.regenerate()
        except GoldenThreadError as error:
            self.report(error.format())
            self.report("  (still serving the last pages that built; fix the plan and save again)")
            return []
        except Exception as error:  # noqa: BLE001 - a preview must outlive any one bad edit
            # Not a plan error we know how to describe (a bug of ours, met by this plan): say so,
            # and keep serving the last pages that built rather than stopping the preview.
            self.report(f"error: could not generate the pages: {type(error).__name__}: {error}")
            self.report("  hint: this is a bug in Golden Thread; `goldenthread --debug build` shows where")
            self.report("  (still serving the last pages that built; fix the plan and save again)")
            return []
        if changed:
            self.report(f"plan changed: {len(changed)} generated file(s) updated")
        return changed


def engine_command(engine: str, config_file: Path, address: str) -> list[str]:
    """The command line that serves *config_file* with *engine* at *address*."""
    if engine == "mkdocs":
        return [sys.executable, "-m", "mkdocs", "serve", "--livereload", "-f", str(config_file), "-a", address]
    if engine == "zensical":
        return [sys.executable, "-m", "zensical", "serve", "-f", str(config_file), "-a", address]
    raise SiteBuildError(f"unknown site engine {engine!r}", None, "use mkdocs or zensical")


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def serve(plan_dir: Path, *, engine: str = "mkdocs", address: str = DEFAULT_ADDRESS,
          config: Path = REPO_CONFIG, interval: float = 1.0, previous: tuple[str, ...] | list[str] = ()) -> int:
    """Serve a live preview of *plan_dir* until interrupted (or the engine stops); return its exit code."""
    with tempfile.TemporaryDirectory(prefix="goldenthread-serve-") as scratch:
        live = LivePages(plan_dir, Path(scratch), config=config, previous=previous)
        live.regenerate()  # a plan that does not load at all stops here, with its error
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        process = subprocess.Popen(engine_command(engine, live.config_file, address), env=env)
        print(f"Serving {plan_dir} at http://{address}/ (Ctrl+C to stop); watching it for changes.")
        # Stopped by a service manager (SIGTERM): stop the engine too, as on Ctrl+C.
        previous = signal.signal(signal.SIGTERM, _interrupt)
        try:
            while process.poll() is None:
                time.sleep(interval)
                live.poll()
        except KeyboardInterrupt:
            pass
        finally:
            signal.signal(signal.SIGTERM, previous)
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
        return process.returncode or 0
