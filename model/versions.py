"""Earlier versions of a plan: another plan folder, or the plan folder at a git revision.

``goldenthread build --previous OLD`` (and ``serve``, ``check``) names each
earlier version as a folder, or as ``git:REV`` when the plan folder is in a
git repository (``git:v2020-q3``, ``git:HEAD~1``, a commit). A git version is
read without a shell and without touching the work tree: ``git rev-parse``
resolves the revision to one commit, ``git ls-tree`` lists the plan folder's
files at that commit (with their sizes, checked against the limits below
before anything is read), and ``git cat-file blob`` copies each one into a
temporary folder, which is loaded like any plan folder and then removed.

The revision is untrusted text: it must look like a revision (no leading
``-``, so it can never be read as an option; only the characters revisions
use), and git is told where options end. Every problem is one located error:
a revision git does not know, a folder that is not in a git repository, a
plan that did not exist at that revision, a version too large to read.

>>> parse_spec("git:HEAD~1")
('git', 'HEAD~1')
>>> parse_spec("plans/2020-q3")
('folder', 'plans/2020-q3')
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import networkx as nx

from goldenthread.model.errors import GoldenThreadError, Location, PlanLoadError, relative
from goldenthread.model.limits import MAX_SOURCE_BYTES
from goldenthread.model.graph import build_graph
from goldenthread.model.history import PlanHistory, plan_history
from goldenthread.model.loader import load_plan
from goldenthread.model.schema import PlanData

GIT_PREFIX = "git:"
#: What a revision may be made of: names, hashes, ``~N``, ``^N``, ``@{...}``. No spaces, no ``..`` ranges.
REVISION = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9._/~^@{}+-]*$")
MAX_REVISION_CHARS = 200
#: At most this many files in the plan folder at a revision, and this many bytes in all.
MAX_GIT_FILES = 2_000
MAX_GIT_BYTES = 200_000_000
#: Each git command gets this long (seconds); a plan folder is a handful of small files.
GIT_TIMEOUT = 120


class VersionError(GoldenThreadError):
    """An earlier version of the plan could not be read."""


@dataclass(frozen=True)
class LoadedVersion:
    """One earlier version as loaded: what the user called it, and the plan it holds."""

    label: str
    data: PlanData


def parse_spec(spec: str) -> tuple[str, str]:
    """``("git", REV)`` for ``git:REV``, else ``("folder", spec)``."""
    if spec.startswith(GIT_PREFIX):
        return "git", spec[len(GIT_PREFIX):]
    return "folder", spec


def check_revision(rev: str) -> str:
    """*rev* if it may be handed to git as a revision; a :class:`VersionError` otherwise.

    >>> check_revision("HEAD~1")
    'HEAD~1'
    >>> check_revision("--output=/tmp/x")
    Traceback (most recent call last):
    ...
    goldenthread.model.versions.VersionError: error: 'git:--output=/tmp/x' is not a git revision
      hint: name a tag, a branch, a commit or HEAD~N, e.g. --previous git:HEAD~1
    """
    if not rev or len(rev) > MAX_REVISION_CHARS or not REVISION.match(rev) or ".." in rev:
        raise VersionError(f"'git:{rev}' is not a git revision", None,
                           "name a tag, a branch, a commit or HEAD~N, e.g. --previous git:HEAD~1")
    return rev


def load_version(spec: str, plan_dir: str | Path) -> LoadedVersion:
    """Load the earlier version *spec* (a folder, or ``git:REV`` of the repository holding *plan_dir*)."""
    how, what = parse_spec(spec)
    if how == "folder":
        return LoadedVersion(label=what, data=load_plan(what))
    return LoadedVersion(label=spec, data=load_git_version(check_revision(what), Path(plan_dir)))


def _git(args: list[str], cwd: Path, *, binary: bool = False) -> subprocess.CompletedProcess:
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"}
    try:
        return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, timeout=GIT_TIMEOUT,
                              text=not binary, check=False)
    except FileNotFoundError:
        raise VersionError("git is not installed", None, "install git, or pass --previous a plan folder") from None
    except subprocess.TimeoutExpired:
        raise VersionError(f"git took longer than {GIT_TIMEOUT} s", Location(relative(cwd)),
                           "pass --previous a plan folder instead") from None


def load_git_version(rev: str, plan_dir: Path) -> PlanData:
    """The plan in *plan_dir* as it was at git revision *rev* (see the module docstring)."""
    plan_dir = Path(plan_dir).resolve()
    where = Location(relative(plan_dir))
    if not plan_dir.is_dir():
        raise VersionError(f"{relative(plan_dir)} is not a folder", where, "give the plan folder")
    top = _git(["rev-parse", "--show-toplevel"], plan_dir)
    if top.returncode != 0:
        raise VersionError(f"{relative(plan_dir)} is not in a git repository, so 'git:{rev}' means nothing",
                           where, "pass --previous an earlier plan folder instead")
    root = Path(top.stdout.strip()).resolve()
    prefix = plan_dir.relative_to(root).as_posix() if plan_dir != root else ""
    resolved = _git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}"], root)
    if resolved.returncode != 0:
        raise VersionError(f"git does not know the revision '{rev}'", where,
                           "name a tag, a branch, a commit or HEAD~N (git log --oneline lists commits)")
    commit = resolved.stdout.strip()
    files = _plan_files(root, commit, prefix, rev, where)
    label = f"git:{rev}" + (f":{prefix}" if prefix else "")
    work = Path(tempfile.mkdtemp(prefix="goldenthread-version-"))
    try:
        for path, blob in files:
            target = work.joinpath(*PurePosixPath(path).parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            content = _git(["cat-file", "blob", blob], root, binary=True)
            if content.returncode != 0:
                raise VersionError(f"git could not read {path} at '{rev}'", where, "check the repository")
            target.write_bytes(content.stdout)
        try:
            return load_plan(work)
        except GoldenThreadError as error:
            raise _relocated(error, str(work), label) from None
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _plan_files(root: Path, commit: str, prefix: str, rev: str, where: Location) -> list[tuple[str, str]]:
    """``(path inside the plan folder, blob)`` of every file of the plan folder at *commit*, within the limits."""
    listing = _git(["ls-tree", "-r", "-l", "-z", "--full-tree", commit, "--", prefix or "."], root)
    if listing.returncode != 0:
        raise VersionError(f"git could not list the plan folder at '{rev}'", where, listing.stderr.strip()[:200])
    files, total = [], 0
    base = PurePosixPath(prefix) if prefix else None
    for entry in filter(None, listing.stdout.split("\0")):
        meta, _, path = entry.partition("\t")
        mode, kind, blob, size = meta.split()
        if kind != "blob" or mode == "120000":
            continue  # submodules and symbolic links are not plan files
        inside = PurePosixPath(path).relative_to(base) if base else PurePosixPath(path)
        if any(part in ("", ".", "..") for part in inside.parts) or inside.is_absolute():
            continue
        total += int(size)
        if len(files) >= MAX_GIT_FILES or int(size) > MAX_SOURCE_BYTES or total > MAX_GIT_BYTES:
            raise VersionError(f"the plan folder at '{rev}' is too large to read as a plan "
                               f"(more than {MAX_GIT_FILES} files, a file over {MAX_SOURCE_BYTES:,} bytes "
                               f"or {MAX_GIT_BYTES:,} bytes in all)", where,
                               "check that the plan folder is the right one at that revision")
        files.append((inside.as_posix(), blob))
    if not any(path == "plan.yaml" for path, _ in files):
        shown = prefix or "the top of the repository"
        raise VersionError(f"there was no plan at '{rev}': {shown} held no plan.yaml then", where,
                           "name a later revision, one at which the plan folder existed")
    return files


def _relocated(error: GoldenThreadError, work: str, label: str) -> GoldenThreadError:
    """*error* with every location in the temporary folder *work* shown as ``git:REV[:prefix]/file``."""
    def place(location: Location | None) -> Location | None:
        if location is None or not location.file.startswith(work):
            return location
        return Location(label + "/" + location.file[len(work):].lstrip("/\\"), location.line, location.column)
    title = error.title.replace(work, label)
    copy = type(error)(title, place(error.location), error.hint,
                       [_relocated(d, work, label) for d in error.details])
    return copy


def load_versions(specs: list[str] | tuple[str, ...], plan_dir: str | Path) -> list[LoadedVersion]:
    """Every earlier version named by *specs*, in the order given (most recent first)."""
    if len(specs) > MAX_VERSIONS:
        raise VersionError(f"{len(specs)} previous versions given; at most {MAX_VERSIONS} are read", None,
                           "give the few versions the history should show")
    return [load_version(spec, plan_dir) for spec in specs]


#: At most this many earlier versions: each is a whole plan loaded into memory.
MAX_VERSIONS = 12


def load_history(current: nx.MultiDiGraph, specs: list[str] | tuple[str, ...], plan_dir: str | Path,
                 *, current_label: str = "current") -> PlanHistory | None:
    """The history of the plan graph *current* (loaded from *plan_dir*) over the versions *specs*
    (most recent first); ``None`` when there are none."""
    if not specs:
        return None
    previous = [(v.label, build_graph(v.data)) for v in load_versions(specs, plan_dir)]
    return plan_history(current, previous, current_label=current_label)

__all__ = ["LoadedVersion", "VersionError", "PlanLoadError", "load_version", "load_versions", "parse_spec",
           "check_revision", "load_git_version", "load_history"]
