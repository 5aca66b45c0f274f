"""The ``goldenthread`` command: thin click commands over library functions.

Exit codes: 0 success (or findings below ``--fail-on``), 1 findings at or above
``--fail-on``, 2 the input could not be read (bad YAML, unknown ID, ...).
Errors meant for a person are :class:`model.errors.GoldenThreadError`; they are
printed as one ``error:`` line with location and hint. ``--debug`` shows the
traceback instead.
"""
from __future__ import annotations

import sys

import click

from goldenthread.model.errors import GoldenThreadError
from goldenthread.cli import analysis, importing, plan, site, synth, updates

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT = 0, 1, 2


class GoldenThreadGroup(click.Group):
    """A click group that turns our errors into one readable message and exit 2."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except GoldenThreadError as error:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            click.echo(error.format(), err=True)
            sys.exit(EXIT_INPUT)


@click.group(cls=GoldenThreadGroup)
@click.option("--debug", is_flag=True, help="Show the full traceback on errors.")
@click.version_option(package_name="goldenthread")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Golden Thread: a council plan as data, checked and published as an intranet site."""
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug


for module in (importing, plan, analysis, site, synth, updates):
    for command in module.COMMANDS:
        main.add_command(command)


if __name__ == "__main__":  # pragma: no cover
    main()
