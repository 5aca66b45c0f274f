"""No built file refers to an outside host (a static check of the built site; needs no browser).

Pages and stylesheets must not load anything from outside: every URL in an
HTML attribute, an inline style or a stylesheet's ``url()``/``@import`` is
checked. Other files (scripts, source maps, the sitemap) may *name* outside
addresses only where listed in ``NAMED_NOT_LOADED`` below, each with the
reason it is never fetched; the browser test in ``test_site.py`` then proves
that no page makes an outside request.
"""
from __future__ import annotations

import fnmatch
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ABSOLUTE_URL = re.compile(r"https?://([A-Za-z0-9.-]+)", re.I)  # "//host" alone is checked in pages and CSS
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)""", re.I)
URL_ATTRIBUTES = {"src", "href", "srcset", "action", "formaction", "poster", "data", "cite", "background",
                  "manifest", "xlink:href", "ping", "longdesc", "usemap", "codebase", "archive"}
TEXT_SUFFIXES = {".html", ".css", ".js", ".json", ".xml", ".txt", ".svg", ".map", ".csv", ".md"}

#: Addresses that built files name but that no page ever loads: (file pattern, host) -> why.
NAMED_NOT_LOADED = {
    ("*", "www.w3.org"): "XML, SVG and MathML namespace names, not addresses to fetch",
    ("sitemap.xml", "www.sitemaps.org"): "the sitemap's XML namespace name",
    ("assets/vendor/vis-network/*", "*"): "vis-network's licence header and licence strings (text)",
    ("assets/javascripts/bundle.*.min.js", "unpkg.com"): (
        "Material and Zensical load polyfills, Mermaid or Pyodide from here only when the browser lacks "
        "ResizeObserver or a page has a Mermaid diagram or a runnable Python block; none does here "
        "(the browser test checks that no page makes an outside request)"),
    ("assets/javascripts/bundle.*.min.js", "cdn.jsdelivr.net"): (
        "Zensical's Pyodide files, loaded only for a runnable Python block; no page has one"),
    ("assets/javascripts/bundle.*.min.js", "api.github.com"): (
        "Material's repository facts, fetched only when mkdocs.yml sets repo_url, which it does not"),
    ("assets/javascripts/bundle.*.min.js", "clipboardjs.com"): "a licence comment",
    ("assets/javascripts/workers/search.*.min.js", "*"): "lunr's licence comments and a console warning's link",
    ("assets/javascripts/lunr/*", "*"): "licence and credit comments of lunr's language support",
    ("assets/stylesheets/*.css", "fontawesome.com"): "a licence comment inside an inline (data:) SVG icon",
    ("*.map", "*"): "source maps: comments in the original sources; read only by a browser's developer tools",
}


def allowed(path: str, host: str) -> bool:
    """Whether *path* may name *host* (see ``NAMED_NOT_LOADED``)."""
    return any(fnmatch.fnmatch(path, pattern) and fnmatch.fnmatch(host.lower(), hosts)
               for pattern, hosts in NAMED_NOT_LOADED)


def is_outside(url: str) -> bool:
    """Whether the browser would fetch *url* from another host."""
    url = url.strip()
    return bool(urlsplit(url).netloc) or url.lower().startswith(("http:", "https:", "//", "\\\\"))


class _UrlCollector(HTMLParser):
    """Every URL an HTML page gives the browser to load or follow."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        self._in_style = tag == "style"
        for name, value in attrs:
            if value is None:
                continue
            if name == "srcset":  # "a.png 1x, b.png 2x"
                self.urls.extend(part.strip().split(" ")[0] for part in value.split(","))
            elif name in URL_ATTRIBUTES:
                self.urls.append(value)
            elif name == "style":
                self.urls.extend(u for pair in CSS_URL.findall(value) for u in pair if u)
            elif name == "content" and "url=" in value.lower():  # <meta http-equiv="refresh">
                self.urls.append(value.lower().split("url=", 1)[1])

    def handle_endtag(self, tag):
        if tag == "style":
            self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.urls.extend(u for pair in CSS_URL.findall(data) for u in pair if u)


def site_files(site: Path) -> list[Path]:
    """Every text file of the built site, sorted."""
    return sorted(p for p in site.rglob("*") if p.is_file() and p.suffix in TEXT_SUFFIXES)


def test_pages_load_nothing_from_outside(built_site):
    offenders = []
    pages = sorted(built_site.rglob("*.html"))
    assert pages, "the build wrote no pages"
    for page in pages:
        collector = _UrlCollector()
        collector.feed(page.read_text(encoding="utf-8"))
        offenders += [f"{page.relative_to(built_site)}: {url}" for url in collector.urls if is_outside(url)]
    assert offenders == []


def test_stylesheets_load_nothing_from_outside(built_site):
    offenders = []
    for sheet in sorted(built_site.rglob("*.css")):
        for pair in CSS_URL.findall(sheet.read_text(encoding="utf-8")):
            offenders += [f"{sheet.relative_to(built_site)}: {u}" for u in pair if u and is_outside(u)]
    assert offenders == []


def test_no_file_names_an_outside_host_except_where_documented(built_site):
    offenders = set()
    for path in site_files(built_site):
        name = path.relative_to(built_site).as_posix()
        for host in ABSOLUTE_URL.findall(path.read_text(encoding="utf-8", errors="replace")):
            if not allowed(name, host):
                offenders.add(f"{name}: {host}")
    assert sorted(offenders) == []


@pytest.mark.parametrize("url, outside", [
    ("https://cdn.example.org/x.js", True), ("//fonts.example.com/a.css", True), ("HTTP://X.ORG", True),
    ("../assets/network.js", False), ("#vision", False), ("data:,", False), ("trace/LP1.html", False),
])
def test_is_outside(url, outside):
    assert is_outside(url) is outside


def test_collector_finds_urls_in_attributes_styles_and_srcset():
    collector = _UrlCollector()
    collector.feed('<img srcset="a.png 1x, https://x.org/b.png 2x"><div style="background:url(//y.org/c)">'
                   '<style>@import "https://z.org/d.css";</style><meta http-equiv="refresh" content="0; url=https://w.org">')
    assert [u for u in collector.urls if is_outside(u)] == [
        "https://x.org/b.png", "//y.org/c", "https://z.org/d.css", "https://w.org"]
