"""``python -m goldenthread``: the same as the ``goldenthread`` command."""
from goldenthread.cli.entry import run

run()
