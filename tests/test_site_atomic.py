"""All or nothing: a build (or ``goldenthread pages``) that fails at any stage leaves the previous
site exactly as it was, byte for byte, and leaves no temporary folder beside it.

Each stage is made to fail for real where that is cheap (a plan that does not load, a broken
template, a broken theme, an engine configuration it refuses), and by replacing one function
where only a bug or the operating system could make it fail (an analysis that raises, a rename
that the file system refuses).
"""
from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import jinja2
import pytest
from click.testing import CliRunner

import goldenthread.site_builder.build
import goldenthread.site_builder.generate
import goldenthread.site_builder.pages
from goldenthread import site_builder
from goldenthread.model.errors import PlanLoadError
from goldenthread.site_builder.build import build_site, write_pages
from goldenthread.cli.main import main
from goldenthread.site_builder.engine import REPO_CONFIG, SiteBuildError
from site_fixtures import MINI_PLAN

THEME = REPO_CONFIG.parent / "site_builder" / "theme"


def digest(folder: Path) -> dict[str, str]:
    """Every file and folder under *folder*, with the hash of each file's bytes."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "dir"
            for p in sorted(folder.rglob("*"))}


@pytest.fixture(scope="module")
def first_site(tmp_path_factory) -> Path:
    """A site built once from the mini plan, copied by each test as its 'previous site'."""
    out = tmp_path_factory.mktemp("first") / "site"
    build_site(MINI_PLAN, out)
    return out


@pytest.fixture
def published(first_site, tmp_path) -> Path:
    """The previous site, alone in its folder (so that anything left beside it shows)."""
    out = tmp_path / "published" / "site"
    shutil.copytree(first_site, out)
    return out


def plan_copy(tmp_path: Path, replace: str = "", by: str = "") -> Path:
    plan = Path(shutil.copytree(MINI_PLAN, tmp_path / "plan"))
    if replace:
        leadership = plan / "groups" / "leadership.yaml"
        text = leadership.read_text(encoding="utf-8")
        assert text.count(replace) == 1
        leadership.write_text(text.replace(replace, by), encoding="utf-8")
    return plan


def broken_config(tmp_path: Path, main_html: str | None = None, theme_name: str = "material") -> Path:
    """Our mkdocs.yml with a copy of our theme overrides, its main.html replaced by *main_html*."""
    theme = Path(shutil.copytree(THEME, tmp_path / "theme"))
    if main_html is not None:
        (theme / "main.html").write_text(main_html, encoding="utf-8")
    text = REPO_CONFIG.read_text(encoding="utf-8")
    text = text.replace("custom_dir: site_builder/theme", f"custom_dir: {theme}")
    text = text.replace("name: material", f"name: {theme_name}")
    config = tmp_path / "mkdocs.yml"
    config.write_text(text, encoding="utf-8")
    return config


def fail_renames(monkeypatch, refuse) -> None:
    """Make ``Path.rename`` raise EACCES when ``refuse(source, target)`` is true."""
    rename = Path.rename

    def guarded(self, target):
        if refuse(Path(self), Path(target)):
            raise PermissionError(13, "Permission denied")
        return rename(self, target)

    monkeypatch.setattr(Path, "rename", guarded)


def assert_untouched(out: Path, before: dict[str, str]) -> None:
    assert digest(out) == before, "the previous site changed"
    assert sorted(p.name for p in out.parent.iterdir()) == [out.name], "a temporary folder was left behind"


# -- each stage of `goldenthread build` ------------------------------------------------------------

def test_a_plan_that_does_not_load(published, tmp_path):
    before = digest(published)
    with pytest.raises(PlanLoadError, match="GREN"):
        build_site(plan_copy(tmp_path, "rag: GREEN", "rag: GREN"), published)
    assert_untouched(published, before)


def test_an_analysis_that_raises(published, monkeypatch):
    before = digest(published)

    def crash(graph):
        raise RuntimeError("an analysis failed")

    monkeypatch.setattr(site_builder.generate, "run_all", crash)
    with pytest.raises(RuntimeError, match="an analysis failed"):
        build_site(MINI_PLAN, published)
    assert_untouched(published, before)


def break_template(tmp_path: Path, monkeypatch, name: str, text: str) -> None:
    """For this test only, the page template *name* reads *text*."""
    templates = Path(shutil.copytree(site_builder.pages.TEMPLATES, tmp_path / "templates"))
    (templates / name).write_text(text, encoding="utf-8")
    monkeypatch.setattr(site_builder.pages, "TEMPLATES", templates)


def test_a_page_template_that_is_broken(published, tmp_path, monkeypatch):
    """Half the pages are written when the priority template fails: none of them is published."""
    before = digest(published)
    break_template(tmp_path, monkeypatch, "priority.md", "# {{ view.heading }}\n{% if %}\n")
    with pytest.raises(jinja2.TemplateSyntaxError):
        build_site(MINI_PLAN, published)
    assert_untouched(published, before)


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_an_engine_configuration_it_refuses(published, tmp_path, engine):
    before = digest(published)
    with pytest.raises(SiteBuildError, match="could not build the site"):
        build_site(MINI_PLAN, published, engine=engine, config=broken_config(tmp_path, theme_name="no-such-theme"))
    assert_untouched(published, before)


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_a_theme_template_that_is_broken(published, tmp_path, engine):
    """The engine fails halfway through writing pages: an error with the template's file and line."""
    before = digest(published)
    config = broken_config(tmp_path, '{% extends "base.html" %}\n{% block htmltitle %}\n<title>{{ page.title }</title>\n'
                                     '{% endblock %}\n')
    with pytest.raises(SiteBuildError, match="could not build the site") as raised:
        build_site(MINI_PLAN, published, engine=engine, config=config)
    assert "main.html" in raised.value.format() and ":3" in raised.value.format()
    assert_untouched(published, before)


def test_the_engine_crashing(published, monkeypatch):
    before = digest(published)
    import mkdocs.commands.build

    def crash(config, **options):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(mkdocs.commands.build, "build", crash)
    with pytest.raises(OSError, match="No space left"):
        build_site(MINI_PLAN, published)
    assert_untouched(published, before)


def test_the_new_site_cannot_be_put_in_place(published, monkeypatch):
    """The old site is moved aside, the new one is refused its place: the old one goes back."""
    before = digest(published)
    fail_renames(monkeypatch, lambda source, target: target == published and ".building-" in str(source))
    with pytest.raises(SiteBuildError, match="could not replace .*Permission denied"):
        build_site(MINI_PLAN, published)
    assert_untouched(published, before)


def test_the_old_site_cannot_be_moved_aside(published, monkeypatch):
    before = digest(published)
    fail_renames(monkeypatch, lambda source, target: source == published)
    with pytest.raises(SiteBuildError, match="could not replace"):
        build_site(MINI_PLAN, published)
    assert_untouched(published, before)


def test_the_old_site_cannot_be_moved_back_either(published, monkeypatch):
    """Nothing is lost even then: the previous site stays whole where it was moved, and the error says where."""
    before = digest(published)
    fail_renames(monkeypatch, lambda source, target: target == published)
    with pytest.raises(SiteBuildError, match="the previous one is kept in") as raised:
        build_site(MINI_PLAN, published)
    [kept] = [p for p in published.parent.iterdir()]
    assert kept.name.startswith(".site.old-") and str(kept.name) in raised.value.format()
    assert digest(kept / "site") == before
    assert "move " in raised.value.hint


def test_the_cli_reports_a_broken_theme_with_its_location_and_exit_2(published, tmp_path):
    before = digest(published)
    config = broken_config(tmp_path, '{% extends "base.html" %}\n{% block htmltitle %}{{ page.title | nope }}'
                                     '{% endblock %}\n')
    result = CliRunner().invoke(main, ["build", str(MINI_PLAN), "--out", str(published), "--config", str(config)])
    assert result.exit_code == 2, result.output
    assert "main.html:2: error: MkDocs could not build the site" in result.output
    assert "No filter named 'nope'" in result.output and "Traceback" not in result.output
    assert_untouched(published, before)


# -- `goldenthread pages` --------------------------------------------------------------------------

@pytest.fixture
def pages_folder(tmp_path) -> Path:
    out = tmp_path / "published" / "pages"
    write_pages(MINI_PLAN, out)
    return out


def test_pages_keep_the_previous_folder_when_the_plan_does_not_load(pages_folder, tmp_path):
    before = digest(pages_folder)
    with pytest.raises(PlanLoadError):
        write_pages(plan_copy(tmp_path, "rag: GREEN", "rag: GREN"), pages_folder)
    assert_untouched(pages_folder, before)


def test_pages_keep_the_previous_folder_when_a_template_fails(pages_folder, tmp_path, monkeypatch):
    before = digest(pages_folder)
    break_template(tmp_path, monkeypatch, "trace.md", "{{ view.no_such_field }}\n")
    with pytest.raises(jinja2.UndefinedError):
        write_pages(MINI_PLAN, pages_folder)
    assert_untouched(pages_folder, before)


def test_pages_keep_the_previous_folder_when_it_cannot_be_replaced(pages_folder, monkeypatch):
    before = digest(pages_folder)
    fail_renames(monkeypatch, lambda source, target: target == pages_folder and ".writing-" in str(source))
    result = CliRunner().invoke(main, ["pages", str(MINI_PLAN), "--out", str(pages_folder)])
    assert result.exit_code == 2 and "error: could not replace" in result.output, result.output
    assert_untouched(pages_folder, before)


def test_a_successful_build_leaves_nothing_beside_the_site(published):
    """The other side of the tests above: a build that works replaces the site and cleans up."""
    (published / "stale.html").write_text("from an older build", encoding="utf-8")
    build_site(MINI_PLAN, published)
    assert not (published / "stale.html").exists()
    assert sorted(os.listdir(published.parent)) == ["site"]
