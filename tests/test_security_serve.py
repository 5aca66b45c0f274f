"""Issue 12, ``serve``: the address checked before it says it serves, only its own Host answered, a
malformed path a 400, and nothing left running or on disk when it goes, killed or not.

Each test is the attack as it was reported, and the outcome asserted. Only 127.0.0.1 and localhost
are used.
"""
from __future__ import annotations

import glob
import http.client
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from site_fixtures import MINI_PLAN

ROOT = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "PYTHONPATH": str(ROOT.parent)}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(address: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "goldenthread", "serve", str(MINI_PLAN), "-a", address],
                            cwd=ROOT, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


@pytest.mark.parametrize("address, says", [
    ("notanaddress", "error: not an address to serve on: 'notanaddress'"),
    ("127.0.0.1:99999", "error: not an address to serve on: '127.0.0.1:99999'"),
    ("nosuchhost.invalid:8000", "error: cannot serve on 'nosuchhost.invalid:8000': no such address"),
])
def test_a_bad_address_is_one_clear_error(address, says):
    # reported: `-a notanaddress` printed "Serving ..." and then an engine traceback
    run = _serve(address)
    out, err = run.communicate(timeout=60)
    assert run.returncode == 2
    assert out == b"" and err.decode().startswith(says) and b"Traceback" not in err


def test_a_busy_port_is_one_clear_error():
    # reported: on a busy port it printed "Serving ... at http://127.0.0.1:8765/", then a traceback
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        address = f"127.0.0.1:{busy.getsockname()[1]}"
        run = _serve(address)
        out, err = run.communicate(timeout=60)
    assert run.returncode == 2
    assert out == b"" and b"Serving" not in err and b"Traceback" not in err
    assert err.decode().startswith(f"error: cannot serve on {address}: the port is in use")


def _get(port: int, path: str, host: str) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.putrequest("GET", path, skip_host=True, skip_accept_encoding=True)
        connection.putheader("Host", host)
        connection.endheaders()
        answer = connection.getresponse()
        return answer.status, answer.read()
    finally:
        connection.close()


def _gone(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split(") ")[1][0] == "Z"
    except FileNotFoundError:
        return True


def _descendants(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        children = Path(f"/proc/{todo.pop()}/task").glob("*/children")
        for child in (int(c) for path in children for c in path.read_text().split()):
            found.append(child)
            todo.append(child)
    return found


@pytest.fixture(scope="module")
def preview():
    """A running preview of the mini plan: (process, port)."""
    port = _free_port()
    run = _serve(f"127.0.0.1:{port}")
    deadline = time.monotonic() + 120
    while True:
        assert run.poll() is None, run.stderr.read()
        try:
            if _get(port, "/index.html", f"127.0.0.1:{port}")[0] == 200:
                break
        except OSError:
            pass
        assert time.monotonic() < deadline, "the preview never answered"
        time.sleep(0.5)
    yield run, port
    if run.poll() is None:
        run.terminate()
        run.wait(timeout=30)


def test_the_preview_answers_its_own_address_and_localhost(preview):
    run, port = preview
    assert _get(port, "/index.html", f"127.0.0.1:{port}")[0] == 200
    assert _get(port, "/index.html", f"localhost:{port}")[0] == 200


@pytest.mark.parametrize("host", ["evil.example:{port}", "evil.example", "127.0.0.1:1", "localhost.evil.example:{port}"])
def test_another_host_is_refused(preview, host):
    # reported: any Host header was answered, which left drafts open to DNS rebinding
    run, port = preview
    status, body = _get(port, "/index.html", host.format(port=port))
    assert status == 403 and b"Every child thrives" not in body


@pytest.mark.parametrize("path", ["/%00", "/index.html%00.md", "/%ff%fe", "/a%0d%0aSet-Cookie:x"])
def test_a_malformed_path_gets_a_400(preview, path):
    # reported: %00 in a URL gave a 500 and a traceback in the log
    run, port = preview
    assert _get(port, path, f"127.0.0.1:{port}")[0] == 400


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("signum", [signal.SIGKILL, signal.SIGTERM])
def test_the_engine_and_the_temporary_folder_go_when_serve_goes(signum):
    # reported: after serve was killed, the engine kept serving a stale preview, and its folder stayed
    port = _free_port()
    run = _serve(f"127.0.0.1:{port}")
    deadline = time.monotonic() + 120
    while True:
        assert run.poll() is None
        try:
            if _get(port, "/index.html", f"127.0.0.1:{port}")[0] == 200:
                break
        except OSError:
            pass
        assert time.monotonic() < deadline
        time.sleep(0.5)
    helpers = _descendants(run.pid)
    scratch = glob.glob(os.path.join(tempfile.gettempdir(), f"goldenthread-serve-{run.pid}-*"))
    assert helpers and len(scratch) == 1
    run.send_signal(signum)
    run.wait(timeout=60)
    if signum == signal.SIGTERM:
        assert run.returncode == 143 and b"Traceback" not in run.stderr.read()
    deadline = time.monotonic() + 30
    while not (all(_gone(pid) for pid in helpers) and not os.path.exists(scratch[0])):
        assert time.monotonic() < deadline, "the engine or its folder outlived serve"
        time.sleep(0.2)
    with pytest.raises(OSError):
        _get(port, "/index.html", f"127.0.0.1:{port}")
