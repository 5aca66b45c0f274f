"""Plan text is untrusted: a plan full of script, HTML, Markdown, template syntax and unusual
Unicode (``site_fixtures.PAYLOADS``) builds into a site where all of it reads as text and none
of it runs, under both engines. These read the built files; ``tests/e2e/test_hostile_site.py``
opens the same site in a browser."""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from goldenthread.model.loader import load_plan
from goldenthread.site_builder.build import build_site, prepare_project
from site_fixtures import BLOCK_PAYLOADS, FREE_TEXT, HOSTILE, HOSTILE_LINES, MULTI_LINE, PAYLOADS, hostile_plan

#: Attributes whose value a browser loads or follows as a URL.
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "srcdoc", "xlink:href", "poster", "background"}
#: The one URL-valued attribute of the site that is not a path: the network views' empty favicon.
OWN_DATA_URLS = {("link", "href", "data:,")}


def words(text: str) -> str:
    """*text* with every run of whitespace (U+2028 and U+2029 included) as one space."""
    return " ".join(text.split())


class Page(HTMLParser):
    """What a browser would make of a page: its elements, attributes and text."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.scripts: list[str] = []  # the code of every script the browser would run
        self.data_blocks: list[tuple[dict, str]] = []  # <script type="application/json"> blocks
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []
        self._inside: str | None = None  # "script" or "data" while inside one
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        self.elements.append((tag, attributes))
        self._inside = None
        if tag == "script":
            # Only scripts a browser runs: a JSON data block (type="application/json") is data.
            kind = attributes.get("type") or "text/javascript"
            if "javascript" in kind or kind == "module":
                self.scripts.append("")
                self._inside = "script"
            else:
                self.data_blocks.append((attributes, ""))
                self._inside = "data"

    def handle_endtag(self, tag):
        if tag == "script":
            self._inside = None

    def handle_data(self, data):
        if self._inside == "script":
            self.scripts[-1] += data
        elif self._inside == "data":
            attributes, text = self.data_blocks[-1]
            self.data_blocks[-1] = (attributes, text + data)
        else:
            self.text.append(data)

    def injected(self) -> list[str]:
        """Everything on the page that plan text could have made: see the tests below."""
        found = [f"script runs {s[:80]!r}" for s in self.scripts if "alert(" in s]
        for tag, attributes in self.elements:
            for name, value in attributes.items():
                url = re.sub(r"[\x00-\x20]", "", value).lower()
                if name.startswith("on"):
                    found.append(f"<{tag} {name}={value[:40]!r}>")
                elif name in URL_ATTRIBUTES and url.startswith(("javascript:", "vbscript:", "data:")) \
                        and (tag, name, value) not in OWN_DATA_URLS:
                    found.append(f"<{tag} {name}={value[:40]!r}>")
            if tag == "img" and attributes.get("src") in ("x", "y"):
                found.append(f"<img src={attributes['src']}>")
            if attributes.get("id") == "injected" or "injected" in attributes.get("class", "").split():
                found.append(f"<{tag}> with the attribute list {{#injected}} or {{.injected}}")
            if tag == "meta" and attributes.get("http-equiv", "").lower() == "refresh":
                found.append("<meta http-equiv=refresh>")
        return found


@pytest.fixture(scope="module")
def plan(tmp_path_factory) -> Path:
    return hostile_plan(tmp_path_factory.mktemp("hostile") / "plan")


@pytest.fixture(scope="module", params=["mkdocs", "zensical"])
def site(request, plan, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp(f"site-{request.param}") / "site"
    build_site(plan, out, engine=request.param)
    return out


def test_the_hostile_plan_carries_every_payload_intact(plan):
    """The fixture really puts each payload, unchanged, into every free text the loader reads."""
    data = load_plan(plan)
    texts = []

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key in FREE_TEXT and isinstance(value, str):
                    texts.append((key, value))
                else:
                    walk(value)
        elif isinstance(node, list):
            for child in node:
                walk(child)

    walk(data.model_dump())
    assert len(texts) > 30
    assert [key for key, text in texts if HOSTILE not in text] == []
    multi_line = [text for key, text in texts if key in MULTI_LINE]
    assert multi_line and all(HOSTILE_LINES in text for text in multi_line)
    assert all(payload in HOSTILE for payload in PAYLOADS) and "\u2028" in HOSTILE and "\U0001F469" in HOSTILE


def test_no_page_carries_live_markup_from_the_plan(site):
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 20 and any(p.parent.name == "network" for p in pages)
    problems = {}
    for path in pages:
        page = Page(path.read_text(encoding="utf-8"))
        if page.injected():
            problems[path.relative_to(site).as_posix()] = page.injected()
    assert problems == {}


@pytest.mark.parametrize("page", [
    "index.html", "priorities/LP1.html", "priorities/DP1.html", "priorities/index.html", "plans/index.html",
    "plans/fostering-plan.html", "leads/jo-bloggs.html", "trace/LP1.main.o-fewer-referrals.html",
    "trace/index.html", "outcomes.html", "findings.html"])
def test_plan_text_reads_literally_on_every_kind_of_page(site, page):
    """Each payload is shown as the words it is: not run, not dropped, not evaluated as a template."""
    text = words(" ".join(Page((site / page).read_text(encoding="utf-8")).text))
    missing = [payload for payload in PAYLOADS if words(payload) not in text]
    assert missing == [], f"{page} does not show these as text"


def test_lines_that_would_start_a_block_read_literally(site):
    """A vision, description or outcome line such as ``# A heading`` or ``<div ...>`` stays a line of text."""
    page = Page((site / "index.html").read_text(encoding="utf-8"))
    text = words(" ".join(page.text))
    assert [line for line in BLOCK_PAYLOADS if words(line) not in text] == []
    headings = [tag for tag, _ in page.elements if tag in ("h1", "h2", "h3", "h4")]
    assert len(headings) < 12  # the page's own few headings; no "# A heading" among them
    html = (site / "priorities" / "LP1.html").read_text(encoding="utf-8")
    assert "<blockquote" not in html and "<hr" not in html.split('<article', 1)[1].split("</article>")[0]


def test_page_titles_cannot_break_out_of_the_title_element(site):
    html = (site / "priorities/LP1.html").read_text(encoding="utf-8")
    title = html[html.index("<title>"): html.index("</title>") + len("</title>")]
    assert "&lt;/title&gt;&lt;script&gt;alert(7)" in title
    assert title.count("<") == 2  # <title> and </title>: nothing else opened in between


def test_network_data_is_json_that_no_html_parser_can_end_early(site):
    """The views' data blocks hold no ``<``, ``>`` or ``&`` (so no ``</script>`` or ``<!--``), and
    JSON.parse gives back every payload exactly, U+2028 and astral characters included."""
    views = sorted((site / "network").glob("*.html"))
    assert views
    for view in views:
        page = Page(view.read_text(encoding="utf-8"))
        [(attributes, raw)] = [b for b in page.data_blocks if b[0].get("id") == "gt-network-data"]
        assert not set(raw) & set("<>&"), f"{view.name}: raw markup characters in the data block"
        data = json.loads(raw)
        tooltips = [node["title"] for node in data["nodes"]]
        assert any(HOSTILE in t for t in tooltips), f"{view.name}: no tooltip carries the payloads intact"
        assert all(node["href"] is None or re.fullmatch(r"[A-Za-z0-9._/#-]+", node["href"])
                   for node in data["nodes"])


def search_documents(site: Path) -> list[dict]:
    index = site / "search" / "search_index.json" if (site / "search").is_dir() else site / "search.json"
    data = json.loads(index.read_text(encoding="utf-8"))
    return data.get("docs") or data["items"]


def test_search_index_holds_the_payloads_as_escaped_text(site):
    """Search shows a result's title and text as HTML: both must hold plan text only as escaped text."""
    documents = search_documents(site)
    problems, shown = [], []
    for doc in documents:
        for field in ("title", "text"):
            fragment = Page(doc[field])
            problems += [f"{doc['location']} {field}: {p}" for p in fragment.injected()]
            problems += [f"{doc['location']} {field}: <{tag}>" for tag, _ in fragment.elements
                         if tag in ("script", "img", "svg", "iframe", "style", "div")]
            shown.append(words(" ".join(fragment.text)))
    assert problems == []
    everything = " ".join(shown)
    assert [payload for payload in PAYLOADS if words(payload) not in everything] == []


def test_generated_markdown_escapes_template_and_markdown_syntax(plan, tmp_path):
    """The pages handed to the engine keep no raw ``{{``, ``{%``, ``[...](`` or ``<``: no plugin could
    template them and no Markdown parser could turn them into links or tags."""
    prepare_project(plan, tmp_path)
    pages = sorted((tmp_path / "docs").rglob("*.md"))
    assert len(pages) > 15
    for page in pages:
        markdown = page.read_text(encoding="utf-8")
        for raw in ("{{ 7*7", "{% if", "{#injected", "[link](javascript", "<script", "<img", "<svg/onload", "<div onclick",
                    "![x](x)", "<!-- unclosed"):
            assert raw not in markdown, f"{page.relative_to(tmp_path)} contains {raw!r}"
    config = json.loads((tmp_path / "mkdocs.yml").read_text(encoding="utf-8"))
    assert "<script" not in config["site_name"] and "&lt;script&gt;" in config["site_name"]
