"""Where things are: the plan folder a command works on when none is given.

Every command that takes ``[PLAN_DIR]`` uses :data:`plan_dir_argument` and
:func:`resolve_plan_dir`, so they all agree on the default: ``./plan_data``
when the working directory has one, else the ``plan_data/`` bundled next to
the project (the 2020/21 plan).
"""
from __future__ import annotations

from importlib.resources import files
from pathlib import Path

import click

#: The bundled plan: ``plan_data/`` at the top of the repository, shipped as package data of ``goldenthread``.
BUNDLED_PLAN_DIR = Path(str(files("goldenthread") / "plan_data"))
PLAN_DIR_NAME = "plan_data"


def default_plan_dir() -> Path:
    """``./plan_data`` when it exists, else the bundled plan folder."""
    local = Path.cwd() / PLAN_DIR_NAME
    return local if local.is_dir() else BUNDLED_PLAN_DIR


def resolve_plan_dir(value: str | Path | None) -> Path:
    """The plan folder a command was given, or :func:`default_plan_dir` when none."""
    return Path(value) if value is not None else default_plan_dir()


#: The optional ``PLAN_DIR`` argument; pass its value to :func:`resolve_plan_dir`.
#: It is not checked here: :func:`model.loader.load_plan` reports a missing folder with a hint.
plan_dir_argument = click.argument("plan_dir", required=False, type=click.Path(path_type=Path),
                                   metavar="[PLAN_DIR]")

#: ``--previous OLD`` (repeatable, most recent first): an earlier plan folder, or ``git:REV`` of the
#: repository that holds the plan folder (see :mod:`model.versions`).
previous_option = click.option(
    "--previous", "previous", multiple=True, metavar="OLD",
    help="An earlier version of the plan: a plan folder, or git:REV (a tag, a commit, HEAD~1) when the plan "
         "folder is in a git repository. Repeat for older versions, most recent first.")
