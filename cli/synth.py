"""``goldenthread synth``: write a synthetic plan folder, N times the bundled plan, for benchmarks and tests.

A thin layer over :func:`model.synth.synthesize`. The folder is written whole
or not at all (a temporary folder beside it, then renamed), and only replaces
a folder that is empty or was itself written by ``synth`` (it holds
:data:`model.synth.MANIFEST_FILE`).
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import click

from goldenthread.cli.output import echo

from goldenthread.model.errors import relative
from goldenthread.model.staging import output_folder, remove_debris, staging_folder
from goldenthread.model.synth import MANIFEST_FILE, synthesize


def write_synthetic(out: Path, scale: int, seed: int) -> dict:
    """Write the synthetic plan of *scale* and *seed* into *out*, replacing it whole; return its manifest."""
    # imported here: the site builder (pyvis, the page views) would slow every other command's start
    from goldenthread.site_builder.build import check_replaceable, replace_folder
    from goldenthread.site_builder.engine import SiteBuildError

    out = output_folder(out, SiteBuildError)
    check_replaceable(out, MANIFEST_FILE)
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
        replace_folder(folder, out, MANIFEST_FILE)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return plan.manifest


@click.command("synth")
@click.option("--scale", type=click.IntRange(min=1), default=1, show_default=True,
              help="How many times the bundled plan's size (1, 10, 100 give about 100, 1,000, 10,000 outcomes).")
@click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Folder for the plan (replaced whole; must be new, empty or written by synth).")
@click.option("--seed", type=int, default=0, show_default=True, help="The same seed gives the same plan.")
def synth_command(scale: int, out: Path, seed: int) -> None:
    """Write a synthetic plan SCALE times the bundled one, with problems planted at known rates.

    Beside the YAML, synth-manifest.json lists what was planted (duplicates,
    near-duplicates, orphans, ambiguous references...) by the IDs the
    findings name.
    """
    manifest = write_synthetic(out, scale, seed)
    counts = manifest["counts"]
    planted = sum(len(v) for v in manifest["planted"].values())
    echo(f"Wrote a synthetic plan to {relative(out)}/: {counts['priorities']} priorities, "
               f"{counts['actions']} actions, {counts['indicators']} indicators, {counts['outcomes']} outcomes, "
               f"{counts['operational_plans']} operational plans, {counts['leads']} leads; "
               f"{planted} planted findings listed in {MANIFEST_FILE}.")


COMMANDS = [synth_command]
