"""Writing a synthetic plan folder whole or not at all, for ``goldenthread synth``, the tests and the benchmarks.

The plan is written into a staging folder beside *out* and then renamed into
place (:mod:`model.staging`), and only replaces a folder that is empty or was
itself written here (it holds :data:`MANIFEST_FILE`): a mistyped ``--out``
cannot wipe someone's documents.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from goldenthread.model.errors import GoldenThreadError
from goldenthread.model.staging import (check_replaceable, output_folder, remove_debris, replace_folder,
                                        staging_folder)
from goldenthread.model.synth import MANIFEST_FILE, synthesize


def write_synthetic(out: Path, scale: int, seed: int) -> dict:
    """Write the synthetic plan of *scale* and *seed* into *out*, replacing it whole; return its manifest.

    Raises :class:`GoldenThreadError` when *out* may not be replaced or cannot be written.
    """
    out = output_folder(Path(out), GoldenThreadError)
    check_replaceable(out, MANIFEST_FILE, GoldenThreadError)
    out.parent.mkdir(parents=True, exist_ok=True)
    plan = synthesize(scale, seed=seed)
    remove_debris(out)
    work = staging_folder(out, "synth")
    try:
        folder = work / "plan"
        for name, text in plan.files.items():
            path = folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        (folder / MANIFEST_FILE).write_text(json.dumps(plan.manifest, indent=1) + "\n", encoding="utf-8")
        replace_folder(folder, out, MANIFEST_FILE, GoldenThreadError)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return plan.manifest
