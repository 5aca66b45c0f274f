"""Staging folders: where a new output is made before it replaces the old, and how a killed run's are removed.

``build``, ``pages``, ``import``, ``synth`` and ``updates apply`` make their output in a
hidden folder beside ``--out`` and swap it in only when it is complete
(:func:`replace_folder`, :func:`swap_in`). A run that is stopped cleanly (an error,
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
``--out`` missing, is moved back into place rather than deleted; so is the
``previous`` folder of an ``import`` or ``updates`` run killed between its two renames.

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
#: plan being written, a plan being updated from the leads' workbooks, an old output moved aside during the swap.
KINDS = ("building", "writing", "import", "synth", "updates", "old")
#: Inside a staging folder: the output that :func:`swap_in` moved aside.
PREVIOUS = "previous"
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
        previous = entry / (out.name if found["kind"] == "old" else PREVIOUS)
        if previous.is_dir() and not out.exists() and not out.is_symlink():
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


def check_replaceable(out: Path, marker: str, error: type, *, during: bool = False) -> None:
    """Refuse, with *error*, to write into *out* when it holds something other than what we wrote (*marker*).

    *during*: the check again just before the swap, when a file written since the
    start must stop the run rather than be deleted.
    """
    from goldenthread.model.errors import Location, relative

    if not out.exists():
        return
    if not out.is_dir():
        raise error(f"{relative(out)} is a file, not a folder", Location(relative(out)),
                    "pass --out a folder, e.g. --out site")
    if any(out.iterdir()) and not (out / marker).is_file():
        if during:
            first = min(p.name for p in out.iterdir())
            raise error(f"{relative(out)} changed during the build: it now holds files goldenthread did "
                        f"not write (such as {first!r}); nothing was replaced", Location(relative(out)),
                        "move those files elsewhere (they are kept), or pass --out another folder, "
                        "and build again")
        raise error(f"{relative(out)} is not empty and was not written by goldenthread", Location(relative(out)),
                    "it is replaced whole: pass --out a new or empty folder")


def replace_folder(new: Path, out: Path, marker: str, error: type) -> None:
    """Put the finished folder *new* in the place of *out*, keeping the old one until the new is in.

    The old folder is moved aside (a rename into a temporary folder beside it: nothing is
    copied), then *new* is renamed into its place, and only then is the old one deleted. If
    the new one cannot be put in place, the old one is moved back; if even that fails, it is
    left where it was moved and *error* says where, so that nothing is lost. Either way no
    temporary folder is left behind but one that holds the previous output.

    *out* is checked again first (:func:`check_replaceable`), and once more after it is moved
    aside (a file written in between goes back with it): what appeared during the run is
    never deleted.
    """
    from goldenthread.model.errors import Location, relative

    check_replaceable(out, marker, error, during=True)
    aside = None
    try:
        if out.exists():
            aside = staging_folder(out, "old")
            out.rename(aside / out.name)
            try:
                check_replaceable(aside / out.name, marker, error, during=True)
            except error:
                (aside / out.name).rename(out)
                shutil.rmtree(aside, ignore_errors=True)
                aside = None
                check_replaceable(out, marker, error, during=True)   # raises, naming out
                raise
        new.rename(out)
    except OSError as failure:
        kept = _move_back(aside, out)
        reason = failure.strerror or str(failure)
        if kept is not None:
            raise error(f"could not put the new {out.name} in place: {reason}; the previous one is "
                        f"kept in {relative(kept)}", Location(relative(out)),
                        f"move {relative(kept)} back to {relative(out)}") from failure
        raise error(f"could not replace {relative(out)}: {reason}", Location(relative(out)),
                    "check that the folder and the one that holds it can be written, and that no "
                    "program holds it open") from failure
    if aside is not None:
        shutil.rmtree(aside, ignore_errors=True)


def _move_back(aside: Path | None, out: Path) -> Path | None:
    """Put the folder moved into *aside* back at *out*; return where it stays if that fails."""
    if aside is None:
        return None
    moved = aside / out.name
    if moved.exists():
        try:
            moved.rename(out)
        except OSError:
            return moved
    shutil.rmtree(aside, ignore_errors=True)
    return None


def swap_in(new: Path, out: Path, staging: Path) -> None:
    """Rename the folder *out* into *staging* and *new* to *out*; if the second rename fails, put *out* back.

    For a folder that is rewritten as a whole copy of itself (``import --force``,
    ``updates apply``); the caller removes *staging* afterwards. A run killed between
    the two renames leaves *out* in ``staging/previous``, where :func:`remove_debris`
    finds it and moves it back.
    """
    old = staging / PREVIOUS
    os.rename(out, old)
    try:
        os.rename(new, out)
    except BaseException:
        os.rename(old, out)
        raise
