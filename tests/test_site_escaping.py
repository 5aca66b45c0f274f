"""Plan text is untrusted: a plan full of script, HTML, Markdown links and template syntax
builds into a site where all of it reads as text and none of it runs, under both engines."""
from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest

from site_builder.build import build_site, prepare_project
from site_fixtures import HOSTILE, PAYLOADS, hostile_plan

RAW_MARKUP = ("<script>alert(", "<img src=x")


class Page(HTMLParser):
    """What a browser would make of a page: its elements, attributes and text."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.scripts: list[str] = []  # the code of every script the browser would run
        self.attributes: list[tuple[str, str, str]] = []
        self.text: list[str] = []
        self._in_script = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.attributes.extend((tag, name, value or "") for name, value in attrs)
        # Only scripts a browser runs: a JSON data block (type="application/json") is text.
        kind = dict(attrs).get("type") or "text/javascript"
        self._in_script = tag == "script" and ("javascript" in kind or kind == "module")
        if self._in_script:
            self.scripts.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data
        else:
            self.text.append(data)


@pytest.fixture(scope="module")
def plan(tmp_path_factory) -> Path:
    return hostile_plan(tmp_path_factory.mktemp("hostile") / "plan")


@pytest.fixture(scope="module", params=["mkdocs", "zensical"])
def site(request, plan, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp(f"site-{request.param}") / "site"
    build_site(plan, out, engine=request.param)
    return out


def built_pages(site: Path) -> list[Path]:
    """Every HTML page of the site except the network views (tested by their own suite)."""
    return sorted(p for p in site.rglob("*.html") if p.relative_to(site).parts[0] != "network")


def test_no_page_carries_live_markup_from_the_plan(site):
    pages = built_pages(site)
    assert len(pages) > 15
    for path in pages + sorted(site.rglob("network/*.html")):
        html = path.read_text(encoding="utf-8")
        for raw in RAW_MARKUP:
            assert raw not in html, f"{path.relative_to(site)} contains {raw!r} unescaped"
        page = Page(html)
        assert not [s for s in page.scripts if "alert(" in s], f"{path.relative_to(site)} runs plan text"
        bad = [(tag, name, value) for tag, name, value in page.attributes
               if name.startswith("on") or value.strip().lower().startswith("javascript:")]
        assert bad == [], f"{path.relative_to(site)}: {bad}"


def test_plan_text_reads_literally_on_every_kind_of_page(site):
    """Each payload is shown as the words it is: not run, not dropped, not evaluated as a template."""
    for page in ("index.html", "priorities/LP1.html", "plans/fostering-plan.html", "leads/jo-bloggs.html",
                 "trace/LP1.main.o-fewer-referrals.html", "outcomes.html", "trace/index.html"):
        text = " ".join(" ".join(Page((site / page).read_text(encoding="utf-8")).text).split())
        for payload in PAYLOADS:
            assert payload in text, f"{page} does not show {payload!r} as text"


def test_page_titles_cannot_break_out_of_the_title_element(site):
    page = Page((site / "priorities/LP1.html").read_text(encoding="utf-8"))
    assert page.scripts == [] or all("alert" not in s for s in page.scripts)
    html = (site / "priorities/LP1.html").read_text(encoding="utf-8")
    title = html[html.index("<title>"): html.index("</title>") + len("</title>")]
    assert "&lt;/title&gt;&lt;script&gt;alert(2)" in title


def test_search_index_holds_no_live_markup(site):
    index = site / "search" / "search_index.json" if (site / "search").is_dir() else site / "search.json"
    text = index.read_text(encoding="utf-8")
    json.loads(text)
    for raw in RAW_MARKUP:
        assert raw not in text


def test_generated_markdown_escapes_template_and_markdown_syntax(plan, tmp_path):
    """The pages handed to the engine keep no raw ``{{``, ``[...](`` or ``<``: no plugin could
    template them and no Markdown parser could turn them into links or tags."""
    prepare_project(plan, tmp_path)
    for page in sorted((tmp_path / "docs").rglob("*.md")):
        markdown = page.read_text(encoding="utf-8")
        for raw in ("{{ jinja", "[link](javascript", "<script", "<img"):
            assert raw not in markdown, f"{page.relative_to(tmp_path)} contains {raw!r}"
    assert HOSTILE  # the payloads were really put into the plan:
    assert "alert(1)" in (plan / "groups" / "leadership.yaml").read_text(encoding="utf-8")
