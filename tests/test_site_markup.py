"""Escaping plan text for pages that are Markdown first and HTML second."""
from __future__ import annotations

from html.parser import HTMLParser

import markdown
import pytest
from markupsafe import Markup

from goldenthread.site_builder.markup import Href, escape_text, finalize
from goldenthread.site_builder.pages import anchor, environment, heading_id

HOSTILE = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "[link](javascript:alert(1))",
    "{{ jinja }}",
    "*emphasis* _under_ `code` ![img](x.png) <b>bold</b> [^1] {: #id } | table | ~~strike~~",
]


def render_markdown(text: str) -> str:
    """How MkDocs renders a page (the extensions our mkdocs.yml enables)."""
    return markdown.markdown(text, extensions=["toc", "attr_list", "tables"])


class Tags(HTMLParser):
    """The tags and attribute names of an HTML fragment."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.attributes: set[str] = set()
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attributes.update(name for name, _ in attrs)


@pytest.mark.parametrize("text", HOSTILE)
@pytest.mark.parametrize("context, tags, attributes", [
    ("{}", {"p"}, set()),                                              # a paragraph
    ("## Heading {}", {"h2"}, {"id"}),                                 # a heading (toc gives it an id)
    ("<table><tr><td>{}</td></tr></table>", {"table", "tr", "td"}, set()),  # a raw HTML block
    ('<p title="{}">x</p>', {"p"}, {"title"}),                         # an attribute
])
def test_escaped_text_reads_literally_in_every_context(text, context, tags, attributes):
    html = render_markdown(context.format(escape_text(text)))
    found = Tags(html)
    assert (found.tags, found.attributes) == (tags, attributes), html


def test_escaped_text_comes_back_as_the_same_words_in_html():
    class Text(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.parts = []

        def handle_data(self, data):
            self.parts.append(data)

    for text in HOSTILE:
        parser = Text()
        parser.feed(render_markdown(str(escape_text(text))))
        assert "".join(parser.parts) == text


def test_newlines_cannot_start_a_markdown_block():
    html = render_markdown(str(escape_text("first line\n# not a heading\n- not a list\n---")))
    assert "<h1" not in html and "<li" not in html and "<hr" not in html and "<h2" not in html
    assert html.count("<br") == 3


def test_a_leading_dash_or_plus_cannot_start_a_list():
    assert "<li" not in render_markdown(str(escape_text("- item")))
    assert "<li" not in render_markdown(str(escape_text("+ item")))


def test_apostrophes_stay_readable_for_search():
    assert str(escape_text("Children's Services")) == "Children's Services"


def test_finalize_escapes_plain_values_and_keeps_our_own():
    assert finalize("<b>") == Markup("&lt;b&gt;")
    assert finalize(Markup("<b>ours</b>")) == Markup("<b>ours</b>")
    assert finalize(Href("../a_b.html#x")) == Markup("../a_b.html#x")
    assert finalize(None) == Markup("")
    assert finalize(3) == Markup("3")
    with pytest.raises(TypeError):
        finalize(True)


def test_templates_escape_every_value_by_default():
    env = environment()
    out = env.from_string('<a href="{{ href }}" title="{{ text }}">{{ text }}</a>').render(
        href=Href("x.html"), text='"><script>*x*')
    assert out == '<a href="x.html" title="&quot;&gt;&lt;script&gt;&#42;x&#42;">&quot;&gt;&lt;script&gt;&#42;x&#42;</a>'


def test_anchors_must_be_url_safe_ids():
    assert anchor("LP5.a_b-c") == Markup("LP5.a_b-c")
    assert heading_id("LP5.a") == Markup("{#LP5.a}")
    for bad in ('x" onclick="y', "a b", "", "<x>"):
        with pytest.raises(ValueError):
            anchor(bad)


def test_undefined_template_fields_are_errors():
    from jinja2 import UndefinedError

    with pytest.raises(UndefinedError):
        environment().from_string("{{ view.missing }}").render(view=object())
