"""Writing the imported plan folder: never over work unless told to, and all at once or not at all.

:func:`check_target` runs before the import does anything: ``--out`` must be
a new or empty folder (a corrections file alone counts as empty: it is the
import's input), or, with ``force``, a plan folder to replace. A folder that
holds other things and no plan is never replaced.

:func:`replace_folder` builds the new folder beside the old one (in a hidden
``.<name>.import-<pid>-*`` folder, which the next run removes if this one is
killed: see :mod:`model.staging`), copies in every file of the old folder the
import does not write (the corrections file, notes...), writes the import's
files, checks that the result loads like a hand-edited plan, and only then
swaps it in: the old folder is moved aside, the new one moved into its place,
and the old one deleted. A failure at any step leaves the old folder exactly
as it was (if the second move fails, the first is undone) and removes the
hidden folder. Just before the swap ``--out`` is checked again, so a file
written into it during the import stops the import instead of being replaced.

``--out`` that is a link: the folder it points to is replaced, the link stays
(as for ``build``). ``--out .``, the folder you are working in, is refused.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

from goldenthread.model import loader
from goldenthread.model.errors import PlanImportError, Location, PlanLoadError, relative
from goldenthread.model.staging import remove_debris, staging_folder, swap_in

#: What an import writes, and so replaces: the plan's YAML and the report (the source copy is named by the caller).
_WRITTEN = ("plan.yaml", "operational_plans.yaml", "groups/*.yaml", "import/report.txt")


def check_target(out: Path, corrections: Path, force: bool, *, during: bool = False) -> None:
    """Refuse *out* unless it is new, empty (but for *corrections*), or a plan folder and *force* is set.

    *during*: the check again just before the swap (a file that appeared since is never replaced).
    """
    where = Location(relative(out))
    if out.exists() and not out.is_dir():
        raise PlanImportError(f"{relative(out)} is a file, not a plan folder", where,
                           hint="give --out the folder to write the plan into (it is created if missing)")
    if not out.is_dir():
        return
    resolved = out.resolve()
    if resolved == Path.cwd().resolve() or resolved in Path.cwd().resolve().parents:
        raise PlanImportError(f"{relative(out)} is the folder you are working in", where,
                           hint="run the import from the folder above it, so that it can be replaced as a whole")
    contents = [p for p in out.rglob("*") if not p.is_dir() and p != corrections]
    if not contents:
        return
    if not (out / "plan.yaml").is_file():
        if during:
            raise PlanImportError(f"{relative(out)} changed during the import: it now holds files and no plan; "
                                  "nothing was written", where,
                                  "move those files elsewhere (they are kept), or give --out another folder, and "
                                  "import again")
        raise PlanImportError(f"{relative(out)} is not empty and holds no plan", where,
                           hint="give --out a new or empty folder, or the plan folder to replace")
    if not force:
        if during:
            raise PlanImportError(f"{relative(out)} changed during the import: a plan was written into it; "
                                  "nothing was written", where, "add --force to replace it, or give --out another "
                                  "folder, and import again")
        raise PlanImportError(f"{relative(out)} already holds a plan", where,
                           hint="add --force to replace it (the files the import writes are replaced; the "
                                "corrections file and any other files are kept), or give --out another folder")


def replace_folder(out: Path, files: dict[Path, str], source: Path, source_copy: Path,
                   write_text, recheck=None) -> None:
    """Make *out* hold *files* (path -> text) and a copy of *source* at *source_copy*, atomically.

    *write_text(path, text)* writes one file. Raises :class:`PlanLoadError`
    when the new folder does not load, ``OSError`` when it cannot be written;
    either way *out* is left as it was. *recheck()*, called just before the swap, raises if
    *out* may no longer be replaced.
    """
    if out.is_symlink():
        out = out.resolve()  # replace the folder itself, not the link to it
    out.parent.mkdir(parents=True, exist_ok=True)
    remove_debris(out)
    staging = staging_folder(out, "import")
    try:
        new = staging / "new"
        if out.is_dir():
            shutil.copytree(out, new, symlinks=True)
            for pattern in (*_WRITTEN, str(source_copy)):
                for path in new.glob(pattern):
                    path.unlink()
        else:
            new.mkdir()
        for path, text in files.items():
            write_text(new / path, text)
        (new / source_copy).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, new / source_copy)
        loader.load_plan(new)  # the importer's output must pass the same checks as hand edits
        if recheck is not None:
            recheck()
        if out.is_dir():
            swap_in(new, out, staging)
        else:
            os.rename(new, out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def loading_failed(error: PlanLoadError, source: Path) -> PlanImportError:
    """The import made a plan that does not load: say so about the source, not the hidden folder."""
    return PlanImportError(f"the imported plan does not pass validation: {error.title}", Location(relative(source)),
                        hint="the document holds something the plan format cannot (see docs/validation.md); "
                             "nothing was written")
