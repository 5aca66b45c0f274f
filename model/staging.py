"""Staging folders: where a new output is made before it replaces the old, and how a killed run's are removed.

``build``, ``pages``, ``import`` and ``synth`` make their output in a hidden folder beside
``--out`` and swap it in only when it is complete (:mod:`site_builder.build`,
:mod:`model.importer.folder`). A run that is stopped cleanly (an error,
Ctrl+C, SIGTERM) removes its folder on the way out. A run killed outright
(SIGKILL, the machine's power) cannot: its folder is *debris*, and the next run
of any of those commands for the same ``--out`` removes it.

The names say whose a folder is, so debris is recognised safely::

    .<out name>.<kind>-<pid>-<random>       e.g. .site.building-4242-k3j9x

A folder is removed as debris only when all of these hold: its name has that
form for this ``--out``; it is a real folder (not a link) owned by the user
running the command; and the process *pid* no longer exists on this machine.
A run still going is never touched (if the pid was reused by another process
since, the folder waits for a later run). An ``old`` folder that still holds
the previous output, because the run was killed in the middle of the swap with
``--out`` missing, is moved back into place rather than deleted.

>>> import re
>>> bool(_NAME.fullmatch(".site.building-4242-k3j9x_")), _NAME.fullmatch(".site.building-4242-k3j9x_")["pid"]
(True, '4242')
"""
from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path

#: What a staging folder is for: a site being built, pages being written, a plan being imported, a synthetic
#: plan being written, an old output moved aside during the swap.
KINDS = ("building", "writing", "import", "synth", "old")
_NAME = re.compile(r"\.(?P<out>.+)\.(?P<kind>" + "|".join(KINDS) + r")-(?P<pid>\d+)-[A-Za-z0-9_]+")


def staging_folder(out: Path, kind: str) -> Path:
    """A new, empty staging folder for *out* (beside it, on the same file system so the swap is a rename)."""
    if kind not in KINDS:
        raise ValueError(f"unknown staging kind {kind!r}")
    return Path(tempfile.mkdtemp(prefix=f".{out.name}.{kind}-{os.getpid()}-", dir=out.parent))


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:          # someone else's process: alive
        return True
    return True


def remove_debris(out: Path) -> list[Path]:
    """Remove the staging folders of killed runs for *out* (see the module docstring); return them."""
    parent = out.parent
    removed = []
    try:
        entries = list(parent.iterdir()) if parent.is_dir() else []
    except OSError:
        return []
    for entry in sorted(entries):
        found = _NAME.fullmatch(entry.name)
        if not found or found["out"] != out.name or _alive(int(found["pid"])):
            continue
        try:
            info = entry.lstat()
        except OSError:
            continue
        if entry.is_symlink() or not entry.is_dir() or (hasattr(os, "getuid") and info.st_uid != os.getuid()):
            continue
        previous = entry / out.name
        if found["kind"] == "old" and previous.is_dir() and not out.exists() and not out.is_symlink():
            previous.rename(out)                 # killed mid-swap: the previous output goes back
        shutil.rmtree(entry, ignore_errors=True)
        removed.append(entry)
    return removed


def output_folder(out: Path, error: type) -> Path:
    """The folder a run with ``--out`` *out* replaces, or *error* (a :class:`GoldenThreadError`) saying why none.

    * A link is followed: the folder it points to is replaced and the link stays,
      so a web server's configured path keeps working.
    * The folder you are working in, or one above it (``--out .``, ``--out ..``),
      is refused: it cannot be replaced whole while you stand in it.

    >>> output_folder(Path("site"), ValueError).name
    'site'
    """
    from goldenthread.model.errors import Location, relative

    target = out.resolve() if out.is_symlink() else out
    here = Path.cwd().resolve()
    resolved = target.resolve()
    if resolved == here or resolved in here.parents:
        raise error(f"--out {out} is the folder you are working in (or one above it)", Location(relative(out)),
                    "it is replaced whole, so it cannot be the folder you run the command from: give a folder "
                    "below it, e.g. --out site, or run the command from the folder above")
    return target
