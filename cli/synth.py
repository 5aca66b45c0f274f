"""``goldenthread synth``: write a synthetic plan folder, N times the bundled plan, for benchmarks and tests.

A thin layer over :func:`model.synth.folder.write_synthetic`, which writes the
folder whole or not at all, and only over a folder that is empty or was
itself written by ``synth``.
"""
from __future__ import annotations

from pathlib import Path

import click

from goldenthread.cli.output import echo

from goldenthread.model.errors import relative
from goldenthread.model.synth import MANIFEST_FILE
from goldenthread.model.synth.folder import write_synthetic


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
