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

import errno
import filecmp
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Callable
from urllib.parse import urlsplit

from goldenthread.model.errors import GoldenThreadError
from goldenthread.site_builder.engine import REPO_CONFIG, SiteBuildError
from goldenthread.site_builder.preview_proxy import PreviewProxy

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


class ServeError(GoldenThreadError):
    """The preview cannot be served where it was asked (a busy port, an address that does not exist)."""


def parse_address(address: str) -> tuple[str, int]:
    """``HOST:PORT`` (``[::1]:8000`` for IPv6) as (host, port), or :class:`ServeError`.

    >>> parse_address("127.0.0.1:8000"), parse_address("[::1]:9000")
    (('127.0.0.1', 8000), ('::1', 9000))
    """
    parts = urlsplit("//" + address)
    try:
        port = parts.port
    except ValueError:
        port = None
    if not parts.hostname or port is None or port == 0 or parts.path or parts.username:
        raise ServeError(f"not an address to serve on: {address!r}", None,
                         "give HOST:PORT, e.g. --dev-addr 127.0.0.1:8000 (a port from 1 to 65535)")
    return parts.hostname, port


def open_front_door(address: str, upstream: tuple[str, int]) -> PreviewProxy:
    """The :class:`PreviewProxy` bound at *address*, or one clear :class:`ServeError` (exit status 2)."""
    host, port = parse_address(address)
    try:
        return PreviewProxy(host, port, upstream)
    except socket.gaierror:
        raise ServeError(f"cannot serve on {address!r}: no such address", None,
                         "give an address of this machine, e.g. --dev-addr 127.0.0.1:8000") from None
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            raise ServeError(f"cannot serve on {address}: the port is in use", None,
                             "stop what uses it, or give another port, e.g. --dev-addr 127.0.0.1:8001") from None
        raise ServeError(f"cannot serve on {address}: {error.strerror or error}", None,
                         "give an address of this machine, e.g. --dev-addr 127.0.0.1:8000") from None


def _private_port() -> int:
    """A free port of 127.0.0.1, for the engine (only the front door talks to it)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _remove_dead_previews() -> None:
    """Remove the temporary folders of previews whose ``serve`` was killed before its guard could (rare)."""
    for folder in Path(tempfile.gettempdir()).glob("goldenthread-serve-*-*"):
        pid = folder.name.split("-")[2]
        if pid.isdigit() and not folder.is_symlink() and folder.is_dir() and not _alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def serve(plan_dir: Path, *, engine: str = "mkdocs", address: str = DEFAULT_ADDRESS,
          config: Path = REPO_CONFIG, interval: float = 1.0, previous: tuple[str, ...] | list[str] = ()) -> int:
    """Serve a live preview of *plan_dir* until interrupted (or the engine stops); return its exit code.

    The address is bound first (:func:`open_front_door`): nothing is said to be
    served that cannot be. The engine runs under :mod:`site_builder.engine_guard`,
    which stops it and removes the temporary folder when ``serve`` ends, however
    it ends. Ctrl+C and SIGTERM end it quietly (:mod:`goldenthread.cli.entry`).
    """
    internal = ("127.0.0.1", _private_port())
    front = open_front_door(address, internal)
    serving, guard = False, None
    try:
        _remove_dead_previews()
        scratch = Path(tempfile.mkdtemp(prefix=f"goldenthread-serve-{os.getpid()}-"))
        try:
            live = LivePages(plan_dir, scratch, config=config, previous=previous)
            live.regenerate()  # a plan that does not load at all stops here, with its error
            env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
            command = engine_command(engine, live.config_file, f"{internal[0]}:{internal[1]}")
            guard = subprocess.Popen([sys.executable, "-m", "goldenthread.site_builder.engine_guard",
                                      str(scratch), "--", *command], stdin=subprocess.PIPE, env=env)
            threading.Thread(target=front.serve_forever, daemon=True).start()
            serving = True
            print(f"Serving {plan_dir} at http://{address}/ (Ctrl+C to stop); watching it for changes.", flush=True)
            while guard.poll() is None:
                time.sleep(interval)
                live.poll()
        finally:
            if guard is not None:
                guard.stdin.close()       # the guard stops the engine and removes the folder
                try:
                    guard.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    guard.kill()
            shutil.rmtree(scratch, ignore_errors=True)
    finally:
        if serving:
            front.shutdown()
        front.server_close()
    return (guard.returncode or 0) if guard is not None else 0
