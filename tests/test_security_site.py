"""Issue 12, the source document is data: the site never renders or runs it, never publishes a file from
outside the plan folder, and quotes long lines cut.

Each test is the attack as it was reported, and the outcome asserted.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from goldenthread.cli.main import main
from goldenthread.cli.paths import BUNDLED_PLAN_DIR
from goldenthread.site_builder.build import build_site, write_pages
from goldenthread.site_builder.views.items import MAX_QUOTED_CHARS
from site_fixtures import MINI_PLAN

SCRIPT = '<script>alert("pwned")</script>'
LONG = "A line pasted whole from a spreadsheet " * 5_000          # 195,000 characters


def _hostile_source(plan: Path, name: str) -> None:
    """The plan's source renamed to *name*, with a script on its first line and line 6 (cited) made long."""
    lines = (plan / "source" / "plan.txt").read_text(encoding="utf-8").splitlines()
    lines[0] = f"OUR VISION {SCRIPT} <img src=x onerror=alert(1)>"
    lines[5] = "row LP1 " + LONG
    (plan / "source" / "plan.txt").unlink()
    (plan / "source" / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    yaml = plan / "plan.yaml"
    yaml.write_text(yaml.read_text(encoding="utf-8").replace("source/plan.txt", f"source/{name}"), encoding="utf-8")


@pytest.fixture(scope="module")
def html_source_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("html-source")
    plan = root / "plan"
    shutil.copytree(MINI_PLAN, plan)
    _hostile_source(plan, "plan.html")
    build_site(plan, root / "site")
    return root / "site"


def test_an_html_source_is_published_as_plain_text_never_as_a_page(html_source_site):
    # reported: an .html source was copied as it was and linked from Downloads, so its script ran
    assert [p.name for p in (html_source_site / "downloads").rglob("plan.html*")] == ["plan.html.txt"]
    published = html_source_site / "downloads" / "source" / "plan.html.txt"
    assert SCRIPT in published.read_text(encoding="utf-8")          # the document, whole, as data
    assert "source/plan.html.txt" in (html_source_site / "downloads.html").read_text(encoding="utf-8")


def test_no_page_holds_the_source_s_script_raw(html_source_site):
    for page in html_source_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert SCRIPT not in text, page
        assert "<img src=x onerror" not in text, page


def test_a_long_source_line_is_cut_on_pages_and_whole_in_the_download(html_source_site):
    # reported: 50 outcomes citing one 2 MB line made a 293 MB site
    pages = [p for p in html_source_site.rglob("*.html") if "row LP1 A line pasted" in p.read_text(encoding="utf-8")]
    assert pages, "no page quotes the line"
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert LONG not in text and len(text) < 150_000 + MAX_QUOTED_CHARS, page
        assert "line cut here; the whole line is in the source document under Downloads" in text
    assert LONG in (html_source_site / "downloads" / "source" / "plan.html.txt").read_text(encoding="utf-8")


def test_a_markdown_source_is_not_rendered_as_a_page(tmp_path):
    # reported: a .md source was rendered as a site page with the raw HTML in it
    plan = tmp_path / "plan"
    shutil.copytree(MINI_PLAN, plan)
    _hostile_source(plan, "plan.md")
    write_pages(plan, tmp_path / "pages")
    docs = tmp_path / "pages" / "docs"
    assert (docs / "downloads" / "source" / "plan.md.txt").is_file()
    assert not list(docs.rglob("plan.md"))


def test_import_names_its_copy_txt_whatever_the_input(tmp_path, monkeypatch):
    # reported: `goldenthread import export.md` named its copy after the input
    monkeypatch.chdir(tmp_path)
    shutil.copyfile(BUNDLED_PLAN_DIR / "source" / "service-development-plan-2020-21.txt", tmp_path / "export.md")
    result = CliRunner().invoke(main, ["import", "export.md", "--out", "plan"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "plan" / "source" / "export.md.txt").is_file()
    assert not (tmp_path / "plan" / "source" / "export.md").exists()
    assert "source_file: source/export.md.txt" in (tmp_path / "plan" / "plan.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize("case, make", [
    ("a source document linked to /etc/passwd",
     lambda plan: ((plan / "source" / "plan.txt").unlink(), (plan / "source" / "plan.txt").symlink_to("/etc/passwd"))),
    ("a source folder linked outside", lambda plan: (
        shutil.copytree(plan / "source", plan.parent / "elsewhere"), shutil.rmtree(plan / "source"),
        (plan / "source").symlink_to(plan.parent / "elsewhere"))),
    ("a hidden source document", lambda plan: (
        (plan / ".env").write_text("DB_PASSWORD=hunter2\n"),
        (plan / "plan.yaml").write_text((plan / "plan.yaml").read_text().replace("source/plan.txt", ".env")))),
])
def test_build_refuses_a_source_document_from_outside_the_plan_folder(tmp_path, monkeypatch, case, make):
    # reported: validate passed, and build published the file in Downloads, on seven pages and in search
    plan = tmp_path / "plan"
    shutil.copytree(MINI_PLAN, plan)
    make(plan)
    monkeypatch.chdir(tmp_path)
    for command in (["validate", "plan"], ["build", "plan", "--out", "site"]):
        result = CliRunner().invoke(main, command)
        assert result.exit_code == 2, (case, result.output)
        assert "Traceback" not in result.output
        assert "root:" not in result.output and "hunter2" not in result.output
    assert not (tmp_path / "site").exists()


def test_a_yaml_file_linked_to_a_secret_is_refused_without_quoting_it(tmp_path, monkeypatch):
    # reported: a YAML file linked to a non-YAML file got its whole content printed (DB_PASSWORD=...)
    plan = tmp_path / "plan"
    shutil.copytree(MINI_PLAN, plan)
    (tmp_path / "secret.env").write_text("DB_PASSWORD=hunter2-do-not-print\n", encoding="utf-8")
    (plan / "operational_plans.yaml").unlink()
    (plan / "operational_plans.yaml").symlink_to(tmp_path / "secret.env")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["validate", "plan"])
    assert result.exit_code == 2
    assert "hunter2" not in result.output and "is a link that leads outside the plan folder" in result.output


def test_a_non_yaml_plan_file_is_quoted_by_a_short_excerpt(tmp_path, monkeypatch):
    plan = tmp_path / "plan"
    shutil.copytree(MINI_PLAN, plan)
    (plan / "operational_plans.yaml").write_text("DB_PASSWORD=hunter2-do-not-print API_KEY=0123456789abcdef\n")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["validate", "plan"])
    assert result.exit_code == 2
    assert "hunter2-do-not-print" not in result.output and "API_KEY" not in result.output
    assert "found text starting 'DB_PASSWORD=hun…'" in result.output
