"""Shared fixtures for the end-to-end tests in headless Chromium.

They drive Debian's system Chromium (``/usr/bin/chromium``) through
Playwright and never download a browser. Where there is no Chromium, or it
cannot start, every browser test is skipped with the reason.

The site is built once per session with ``goldenthread build`` from the
bundled plan (``plan_data/``; the mini plan fixture while there is none) and
served over ``http://127.0.0.1:<free port>`` by a threading ``http.server``.
Every page runs in a browser context that lets requests to that server
through and records and aborts any other request.

Set ``GT_E2E_ENGINE=zensical`` to test the Zensical build, ``GT_E2E_SITE=/path/to/site`` to test a
site built already, and ``GT_SCREENSHOTS=/some/folder`` to save a screenshot of every kind of
page checked by the accessibility test (for a person to look at).
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from goldenthread.model.graph import build_graph
from goldenthread.model.loader import load_plan

from e2e_support import CHROMIUM, CHROMIUM_ARGS, ROOT, plan_dir, serve_directory, watched_page


@pytest.fixture(scope="session")
def browser():
    """Headless system Chromium, or a skip saying why there is none."""
    if not CHROMIUM.exists():
        pytest.skip(f"no Chromium at {CHROMIUM}: install Debian's chromium to run the browser tests")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as error:
        pytest.skip(f"playwright is not installed ({error}): pip install -e '.[test]'")
    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
    except Exception as error:  # any launch failure means: no usable browser here
        playwright.stop()
        pytest.skip(f"Chromium at {CHROMIUM} could not be launched by Playwright: {error}")
    yield browser
    browser.close()
    playwright.stop()


@pytest.fixture()
def watched(browser):
    """A fresh :class:`Watched` page, closed after the test."""
    result = watched_page(browser)
    yield result
    result.page.context.close()


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The site of the bundled plan, built once with ``goldenthread build``.

    ``GT_E2E_ENGINE=zensical`` builds with Zensical instead of MkDocs with Material;
    ``GT_E2E_SITE=/path/to/site`` tests an already built site (quicker while developing).
    """
    if os.environ.get("GT_E2E_SITE"):
        return Path(os.environ["GT_E2E_SITE"])
    out = tmp_path_factory.mktemp("site") / "site"
    command = [sys.executable, "-m", "goldenthread", "build", str(plan_dir()), "--out", str(out)]
    if os.environ.get("GT_E2E_ENGINE"):
        command += ["--engine", os.environ["GT_E2E_ENGINE"]]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    if "No such command 'build'" in result.stderr:
        pytest.skip("`goldenthread build` does not exist yet")
    assert result.returncode == 0, f"goldenthread build failed:\n{result.stdout}\n{result.stderr}"
    return out


@pytest.fixture(scope="session")
def site_url(built_site):
    """Base URL of the built site, served on the loopback interface."""
    with serve_directory(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def graph():
    """The graph of the plan the site is built from."""
    return build_graph(load_plan(plan_dir()))


@pytest.fixture(params=["server", "disk"])
def origin(request, built_site, site_url):
    """The site's base address: from the test server, or the folder opened from disk."""
    return site_url if request.param == "server" else built_site.resolve().as_uri() + "/"
