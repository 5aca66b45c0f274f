"""``python -m goldenthread.cli``: the same as the ``goldenthread`` command."""
from goldenthread.cli.entry import run

# named as the command is, so that usage lines and --version read "goldenthread", as the docs do
run(prog_name="goldenthread")
