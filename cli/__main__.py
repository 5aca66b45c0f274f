"""``python -m goldenthread.cli``: the same as the ``goldenthread`` command."""
from goldenthread.cli.entry import run

run()
