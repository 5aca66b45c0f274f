"""The "not found" page when the site is published in a folder of its server, not at its root.

A server shows ``404.html`` at whatever address was asked for. Built without ``--site-url``, the
page's links are written from the server's root; its script finds the site's folder and points
them there (site_builder/theme/404.html). Here the site is served at ``/plan/`` by a server that
answers every missing address with the site's ``404.html``, as intranet servers are set up to.
"""
from __future__ import annotations

import functools
import http.server
import shutil
import threading
from pathlib import Path

import pytest

from e2e_support import LOCAL_HOST, watched_page

pytestmark = pytest.mark.browser


class _NotFoundHandler(http.server.SimpleHTTPRequestHandler):
    not_found_page: Path

    def log_message(self, format, *args):  # noqa: A002 - the stdlib's name
        pass

    def send_error(self, code, message=None, explain=None):
        if code != 404:
            return super().send_error(code, message, explain)
        body = self.not_found_page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@pytest.fixture(scope="module")
def site_in_a_folder(built_site, tmp_path_factory):
    root = tmp_path_factory.mktemp("server")
    shutil.copytree(built_site, root / "plan")
    handler = type("Handler", (_NotFoundHandler,), {"not_found_page": root / "plan" / "404.html"})
    server = http.server.ThreadingHTTPServer((LOCAL_HOST, 0), functools.partial(handler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://{LOCAL_HOST}:{server.server_address[1]}/plan/"
    server.shutdown()
    server.server_close()
    thread.join()


def test_not_found_page_works_when_the_site_is_in_a_folder(browser, site_in_a_folder):
    watched = watched_page(browser)
    try:
        page = watched.page
        response = page.goto(site_in_a_folder + "priorities/no-such-priority.html")
        assert response.status == 404
        home = page.locator("article a", has_text="Go to the home page")
        home.wait_for()
        page.wait_for_function("document.querySelector('article a').getAttribute('href').startsWith('/plan/')")
        # the site's own stylesheet now applies (the footer is styled by it) and the link leads home
        page.wait_for_function("getComputedStyle(document.querySelector('.gt-page-footer')).borderTopStyle === 'solid'")
        home.click()
        page.wait_for_load_state("load")
        assert page.url == site_in_a_folder + "index.html"
        assert page.locator("h1").first.is_visible()
        assert watched.outside_requests == []
    finally:
        watched.page.context.close()
