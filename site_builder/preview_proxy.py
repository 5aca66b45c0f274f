"""The front door of ``goldenthread serve``: it answers the browser, checks each request, and asks the engine.

The engine's own server (``mkdocs serve``, ``zensical serve``) answers any
request: any ``Host`` (so a web page elsewhere can reach a preview of draft
pages through DNS rebinding), and a malformed path such as ``%00`` with a
traceback. So the engine listens on a private port of 127.0.0.1, and
:class:`PreviewProxy` listens on the address the person asked for. It:

* binds that address before ``serve`` says it serves, so a busy port or an
  address that does not exist is one clear error (see :func:`bind`);
* answers only requests whose ``Host`` is that address, or ``localhost``,
  ``127.0.0.1`` or ``[::1]``, on its port (``403`` otherwise);
* answers a path that is not a clean absolute path (``%00``, another control
  character, bytes that are not UTF-8) with ``400``;
* answers ``GET`` and ``HEAD`` only (``405`` otherwise), and passes them to the
  engine, streaming back what it says (live reload's long polls included).

>>> allowed_host("localhost:8000", "127.0.0.1", 8000), allowed_host("evil.example:8000", "127.0.0.1", 8000)
(True, False)
>>> clean_path("/index.html"), clean_path("/%00"), clean_path("http://evil/")
(True, False, False)
"""
from __future__ import annotations

import http.client
import re
import socket
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import unquote, urlsplit

#: Names that always mean this machine.
LOCAL_NAMES = ("localhost", "127.0.0.1", "::1")
_CONTROL = re.compile("[\x00-\x1f\x7f]")
#: Headers about one connection, not the content: not passed on.
_HOP_BY_HOP = {"connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailers",
               "transfer-encoding", "upgrade", "host"}


def allowed_host(header: str | None, host: str, port: int) -> bool:
    """Whether a request's ``Host`` *header* names the served *host* (or this machine) and *port*."""
    if not header:
        return False
    parts = urlsplit("//" + header.strip())
    try:
        asked_port = parts.port
    except ValueError:
        return False
    name = (parts.hostname or "").rstrip(".").lower()
    return name in {host.strip("[]").lower(), *LOCAL_NAMES} and (asked_port or 80) == port


def clean_path(path: str) -> bool:
    """Whether a request's *path* is an absolute path (and query) with no control character once decoded."""
    if not path.startswith("/") or path.startswith("//"):
        return False
    try:
        decoded = unquote(path, errors="strict")
    except UnicodeDecodeError:
        return False
    return _CONTROL.search(decoded) is None and _CONTROL.search(path) is None


class _Handler(BaseHTTPRequestHandler):
    server: "PreviewProxy"
    protocol_version = "HTTP/1.0"

    def _refuse(self, status: int, reason: str) -> None:
        body = f"{status} {reason}\n".encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _forward(self) -> None:
        if not allowed_host(self.headers.get("Host"), self.server.host, self.server.port):
            return self._refuse(403, "Forbidden: this preview answers only to its own address")
        if not clean_path(self.path):
            return self._refuse(400, "Bad Request: malformed path")
        upstream = http.client.HTTPConnection(*self.server.upstream, timeout=300)
        try:
            headers = {k: v for k, v in self.headers.items() if k.lower() not in _HOP_BY_HOP}
            upstream.request(self.command, self.path, headers=headers)
            answer = upstream.getresponse()
            self.send_response(answer.status, answer.reason)
            for key, value in answer.getheaders():
                if key.lower() not in _HOP_BY_HOP:
                    self.send_header(key, value)
            self.send_header("Connection", "close")
            self.end_headers()
            while self.command != "HEAD" and (chunk := answer.read(65536)):
                self.wfile.write(chunk)
        except OSError:
            self._refuse_quietly()
        finally:
            upstream.close()

    def _refuse_quietly(self) -> None:
        try:
            self._refuse(502, "Bad Gateway: the preview is starting or restarting")
        except OSError:
            pass                          # the browser went away, or the answer had begun

    do_GET = do_HEAD = _forward

    def _not_allowed(self) -> None:
        self._refuse(405, "Method Not Allowed")

    do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = _not_allowed

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the base class's name
        pass                              # the engine logs what it serves; a request line could hold anything


class PreviewProxy(ThreadingHTTPServer):
    """The checked front door (see the module docstring), bound on creation."""

    daemon_threads = True

    def __init__(self, host: str, port: int, upstream: tuple[str, int]) -> None:
        self.host, self.port, self.upstream = host, port, upstream
        self.address_family = socket.AF_INET6 if ":" in host else socket.AF_INET
        super().__init__((host, port), _Handler)

    def handle_error(self, request, client_address) -> None:
        pass                              # a client that hangs up is no news; never a traceback in the log
