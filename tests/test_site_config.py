"""mkdocs.yml and the theme: the decisions the site depends on, checked against the files."""
from __future__ import annotations

import re
from pathlib import Path

from ruamel.yaml import YAML

from goldenthread.site_builder.engine import REPO_CONFIG, escape_nav, read_base_config, write_project_config
from goldenthread.site_builder.generate import ASSETS, OWN_ASSETS
from goldenthread.site_builder.pages import TEMPLATES

CONFIG = read_base_config(REPO_CONFIG)


def test_no_web_fonts_no_generator_link_and_directory_urls_off():
    assert CONFIG["theme"]["font"] is False
    assert CONFIG["extra"]["generator"] is False
    assert CONFIG["use_directory_urls"] is False
    assert "site_url" not in CONFIG


def test_instant_navigation_stays_off():
    """The network views and the dashboard filter run on page load, which instant navigation skips."""
    assert not [f for f in CONFIG["theme"]["features"] if f.startswith("navigation.instant")]


def test_only_material_search_and_offline_plugins():
    assert [p if isinstance(p, str) else next(iter(p)) for p in CONFIG["plugins"]] == ["search", "offline"]


def test_search_ranks_tags_as_titles_and_titles_above_text():
    """A priority's name in a tag must not outrank an outcome's headings; a RAG word needs no boost
    (assets/search-rag.js searches it in the tags alone)."""
    fields = CONFIG["plugins"][0]["search"]["fields"]
    assert fields["tags"]["boost"] == fields["title"]["boost"] > fields["text"]["boost"]


def test_the_offline_plugin_gets_its_shim_from_the_site_not_from_unpkg():
    """The plugin adds unpkg.com's copy unless a polyfill named iframe-worker is there already."""
    shim = CONFIG["extra"]["polyfills"]
    assert [s for s in shim if "iframe-worker" in s] == ["assets/iframe-worker/shim.js"]
    assert "assets/iframe-worker/shim.js".removeprefix("assets/") in OWN_ASSETS


def test_our_assets_and_theme_overrides_exist():
    for name in (CONFIG["extra_css"] + CONFIG["extra_javascript"] + CONFIG["extra"]["polyfills"]
                 + [CONFIG["theme"]["favicon"]]):
        assert name.startswith("assets/") and name.removeprefix("assets/") in OWN_ASSETS
    for name in OWN_ASSETS:
        assert (ASSETS / name).is_file() and not name.endswith(".md")
    theme = REPO_CONFIG.parent / CONFIG["theme"]["custom_dir"]
    assert (theme / "main.html").is_file() and (theme / "partials" / "search.html").is_file()


def test_search_partial_names_the_dialog_for_both_engines():
    partial = (REPO_CONFIG.parent / CONFIG["theme"]["custom_dir"] / "partials" / "search.html").read_text()
    assert partial.count('role="dialog" aria-label="') == 2


def test_templates_quote_attributes_with_double_quotes():
    """Plan text is escaped for "-quoted attributes (' is kept for search): no '-quoted value may hold it."""
    for template in sorted(TEMPLATES.glob("*.*")):
        text = template.read_text(encoding="utf-8")
        assert not re.search(r"=\s*'[^']*\{\{", text), f"{template.name} quotes an attribute with '"


def test_project_config_is_ours_plus_the_build_settings(tmp_path):
    path = write_project_config(REPO_CONFIG, tmp_path, site_name="A & <B>", not_in_nav=["/trace/*.md"],
                                nav=[{"Home": "index.md"}, {"P & Q": ["p/index.md", {"<x>": "p/x.md"}]}])
    written = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    assert written["site_name"] == "A &amp; &lt;B&gt;"
    assert written["nav"] == [{"Home": "index.md"}, {"P &amp; Q": ["p/index.md", {"&lt;x&gt;": "p/x.md"}]}]
    assert (written["docs_dir"], written["site_dir"]) == ("docs", "site")
    assert Path(written["theme"]["custom_dir"]).is_absolute()
    assert {k: v for k, v in written.items() if k not in ("site_name", "nav", "docs_dir", "site_dir", "theme",
                                                          "not_in_nav")} == {
        k: v for k, v in CONFIG.items() if k not in ("site_name", "theme")}
    assert escape_nav(["a.md"]) == ["a.md"]
