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
