"""Printing to a terminal: every text through :func:`model.printable.printable` (control characters escaped).

The one way ``cli`` prints, so no command can write a plan's ESC, CR or BEL to
a terminal raw (see docs/security.md).
"""
from __future__ import annotations

import click

from goldenthread.model.printable import printable, printable_json


def echo(text: str, *, json: bool = False, **options) -> None:
    """``click.echo`` of *text* with control characters escaped (as JSON escapes when *json*)."""
    click.echo(printable_json(text) if json else printable(text), **options)
