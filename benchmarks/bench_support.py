"""What several benchmarks share: the bundled plan, the system Chromium, and a loopback web server.

The benchmarks import Golden Thread as its users do, from the installed package
(``pip install -e .`` in a checkout, or a wheel): nothing from ``tests/`` and
no change to ``sys.path``. Python puts this folder on the path of the script it
runs, which is how ``from bench_support import ...`` is found.
"""
from __future__ import annotations

import contextlib
import functools
import http.server
import shutil
import threading
from pathlib import Path

from goldenthread.cli.paths import BUNDLED_PLAN_DIR

#: The plan shipped with the package (``plan_data/`` of the checkout, package data when installed).
BUNDLED_PLAN = BUNDLED_PLAN_DIR
#: The system Chromium (the benchmarks never download a browser); measured only where it exists.
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
LOCAL_HOST = "127.0.0.1"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the stdlib's name
        pass


@contextlib.contextmanager
def serve_directory(directory: Path):
    """Serve *directory* on a free loopback port in a background thread; yield its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer((LOCAL_HOST, 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{LOCAL_HOST}:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


#: The outcome texts issue 12 reported: near-identical (numbered) and identical.
NEAR_IDENTICAL = "Improve the outcomes for children in care number {i}"
IDENTICAL = "Improve the outcomes for children in care across the borough"


def copy_plan(dest: Path) -> Path:
    """A copy of the bundled plan (from the installed package) at *dest*."""
    shutil.copytree(BUNDLED_PLAN_DIR, dest)
    return dest


def add_outcomes(plan: Path, group: str, lines_of: list[str]) -> None:
    """Insert *lines_of* (YAML outcome items) under the first action's ``outcomes:`` of *group*."""
    path = plan / "groups" / f"{group}.yaml"
    text = path.read_text(encoding="utf-8")
    at = text.index("        outcomes:\n") + len("        outcomes:\n")
    path.write_text(text[:at] + "".join(lines_of) + text[at:], encoding="utf-8")


def first_action(plan: Path, group: str) -> str:
    """The ID of the action whose ``outcomes:`` :func:`add_outcomes` writes into."""
    text = (plan / "groups" / f"{group}.yaml").read_text(encoding="utf-8")
    before = text[: text.index("        outcomes:\n")]
    return before.rsplit("      - id: ", 1)[1].split("\n", 1)[0].strip()


def many_outcomes(dest: Path, count: int, text: str = NEAR_IDENTICAL) -> Path:
    """The bundled plan at *dest* with *count* more outcomes in its first departmental action,
    each saying ``text.format(i=i)``."""
    copy_plan(dest)
    action = first_action(dest, "departmental")
    add_outcomes(dest, "departmental", [f"          - id: {action}.o-hostile-{i}\n"
                                        f"            text: {text.format(i=i)}\n"
                                        f"            timescale: March 2021\n"
                                        f"            rag: AMBER\n" for i in range(count)])
    return dest
