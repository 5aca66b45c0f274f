"""``python -m goldenthread.cli``: the same as the ``goldenthread`` command."""
from goldenthread.cli.main import main

# named as the command is, so that usage lines and --version read "goldenthread", as the docs do
main(prog_name="goldenthread")
