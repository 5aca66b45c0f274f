"""``goldenthread build``: the bundled plan builds under both engines; builds are
deterministic, all-or-nothing, and never replace a folder that is not a site."""
from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from goldenthread.model.analysis import run_all
from goldenthread.model.errors import GoldenThreadError, PlanLoadError
from goldenthread.model.graph import LEAD, OPERATIONAL_PLAN, OUTCOME, PRIORITY, build_graph, nodes_of_kind
from goldenthread.model.loader import load_plan
from goldenthread.site_builder.build import MARKER, build_site
from goldenthread.cli.main import main
from goldenthread.site_builder.engine import SiteBuildError
from goldenthread.site_builder.urls import SiteUrls, page_url
from site_fixtures import BUNDLED_PLAN, MINI_PLAN

ENGINES = ("mkdocs", "zensical")


def digest(folder: Path) -> dict[str, str]:
    """Every file of *folder* and the hash of its bytes."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module", params=ENGINES)
def bundled_site(request, tmp_path_factory):
    """The bundled plan, built with each engine: (engine, site folder, build result)."""
    out = tmp_path_factory.mktemp(f"bundled-{request.param}") / "site"
    return request.param, out, build_site(BUNDLED_PLAN, out, engine=request.param)


def test_bundled_plan_builds_a_page_for_every_item(bundled_site):
    engine, site, result = bundled_site
    g = build_graph(load_plan(BUNDLED_PLAN))
    urls = SiteUrls(g)
    expected = [urls.priority_page(p) for p in nodes_of_kind(g, PRIORITY)]
    expected += [urls.item_page(n) for kind in (OPERATIONAL_PLAN, LEAD) for n in nodes_of_kind(g, kind)]
    expected += [urls.trace_page(o) for o in nodes_of_kind(g, OUTCOME)]
    expected += ["index.md", "priorities/index.md", "outcomes.md", "plans/index.md", "findings.md",
                 "dependencies.md", "trace/index.md", "downloads.md", "network.md"]
    missing = [page for page in expected if not (site / page_url(page)).is_file()]
    assert missing == []
    assert result.pages == len(expected)
    assert result.warnings == [], f"{engine} warned: {result.warnings}"
    assert (site / MARKER).is_file()
    home = (site / "index.html").read_text(encoding="utf-8")
    assert g.graph["title"].replace("'", "&#39;") in home or g.graph["title"] in home


def test_bundled_plan_pages_use_our_theme_fixes(bundled_site):
    engine, site, _ = bundled_site
    page = (site / "priorities" / "LP1.html").read_text(encoding="utf-8")
    assert 'role="dialog" aria-label="' in page, "the search dialog has no accessible name"
    assert "assets/goldenthread.css" in page and "assets/outcomes-filter.js" in page
    assert "fonts.googleapis" not in page and "fonts.gstatic" not in page


def test_search_works_from_disk_with_no_outside_script(bundled_site):
    """Opened from a file share (file://), search reads its index from a script and runs its
    worker through the iframe-worker shim, which the site serves itself."""
    engine, site, _ = bundled_site
    page = (site / "outcomes.html").read_text(encoding="utf-8")
    assert re.search(r'<script src="(\./)?assets/iframe-worker/shim\.js"', page)
    assert "unpkg.com" not in page
    index_script = site / "search" / "search_index.js" if engine == "mkdocs" else site / "search.js"
    assert index_script.is_file()


def test_search_index_finds_priorities_actions_and_outcomes(bundled_site):
    engine, site, _ = bundled_site
    index = site / "search" / "search_index.json" if engine == "mkdocs" else site / "search.json"
    data = json.loads(index.read_text(encoding="utf-8"))
    docs = data["docs"] if "docs" in data else data["items"]
    locations = {d["location"] for d in docs}
    g = build_graph(load_plan(BUNDLED_PLAN))
    priority = nodes_of_kind(g, PRIORITY)[0]
    action = next(n for n in g.nodes if g.nodes[n]["kind"] == "action")
    outcome = nodes_of_kind(g, OUTCOME)[-1]
    assert f"priorities/{priority}.html" in locations
    assert f"priorities/{g.nodes[action]['priority']}.html#{action}" in locations
    assert f"trace/{outcome}.html" in locations


def test_downloads_match_the_plan(bundled_site):
    _, site, _ = bundled_site
    g = build_graph(load_plan(BUNDLED_PLAN))
    graph = json.loads((site / "downloads" / "graph.json").read_text(encoding="utf-8"))
    assert [n["id"] for n in graph["nodes"]] == list(g.nodes)
    findings = json.loads((site / "downloads" / "findings.json").read_text(encoding="utf-8"))
    assert [f["code"] for f in findings["findings"]] == [f.code for f in run_all(g)]
    rows = list(csv.DictReader(io.StringIO((site / "downloads" / "traceability.csv").read_text(encoding="utf-8"))))
    assert [r["outcome_id"] for r in rows] == nodes_of_kind(g, OUTCOME)


def test_downloads_are_what_the_command_line_gives(bundled_site):
    """The site's files and the planner's commands agree (the CSV differs only where a cell would
    start a spreadsheet formula, and the bundled plan has none)."""
    _, site, _ = bundled_site
    runner = CliRunner()
    for name, command in (("graph.json", ["export", str(BUNDLED_PLAN), "--format", "json"]),
                          ("findings.json", ["check", str(BUNDLED_PLAN), "--format", "json", "--fail-on", "never"])):
        result = runner.invoke(main, command)
        assert result.exit_code == 0, result.output
        expected = json.loads(result.output)
        if name == "findings.json":
            expected["summary"]["fail_on"] = "error"  # the site's file is check's default run
        assert json.loads((site / "downloads" / name).read_text(encoding="utf-8")) == expected
    result = runner.invoke(main, ["trace", "--all", "--format", "csv", "--plan-dir", str(BUNDLED_PLAN)])
    assert result.exit_code == 0
    assert (site / "downloads" / "traceability.csv").read_text(encoding="utf-8") == result.output


@pytest.mark.parametrize("engine", ENGINES)
def test_two_builds_give_identical_files(engine, tmp_path):
    first = build_site(MINI_PLAN, tmp_path / "one", engine=engine).out_dir
    second = build_site(MINI_PLAN, tmp_path / "two", engine=engine).out_dir
    assert digest(first) == digest(second)
    assert len(digest(first)) > 20


def test_a_failed_build_leaves_the_previous_site_and_no_debris(tmp_path, broken_plan):
    out = tmp_path / "site"
    build_site(MINI_PLAN, out)
    before = digest(out)
    plan = broken_plan([{"file": "groups/leadership.yaml", "replace": "rag: GREEN", "with": "rag: GREN"}])
    with pytest.raises(PlanLoadError):
        build_site(plan, out)
    assert digest(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan", "site"]


def test_an_engine_failure_leaves_the_previous_site(tmp_path):
    out = tmp_path / "site"
    build_site(MINI_PLAN, out)
    before = digest(out)
    config = tmp_path / "broken.yml"
    config.write_text("site_name: x\ntheme:\n  name: no-such-theme\n", encoding="utf-8")
    with pytest.raises(SiteBuildError, match="no-such-theme"):
        build_site(MINI_PLAN, out, config=config)
    assert digest(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken.yml", "site"]


def test_a_rebuild_replaces_the_whole_site(tmp_path):
    out = tmp_path / "site"
    build_site(MINI_PLAN, out)
    (out / "stale.html").write_text("left over", encoding="utf-8")
    build_site(MINI_PLAN, out)
    assert not (out / "stale.html").exists()
    assert (out / "index.html").is_file()


def test_a_folder_that_is_not_a_site_is_never_replaced(tmp_path):
    out = tmp_path / "documents"
    out.mkdir()
    (out / "letter.txt").write_text("precious", encoding="utf-8")
    with pytest.raises(SiteBuildError, match="not empty and was not written by goldenthread"):
        build_site(MINI_PLAN, out)
    assert (out / "letter.txt").read_text(encoding="utf-8") == "precious"


def test_cli_builds_and_reports(tmp_path):
    result = CliRunner().invoke(main, ["build", str(MINI_PLAN), "--out", str(tmp_path / "site")])
    assert result.exit_code == 0, result.output
    assert "21 pages" in result.output and (tmp_path / "site" / "index.html").is_file()


def test_cli_reports_a_bad_plan_with_its_location_and_exit_2(broken_plan):
    plan = broken_plan([{"file": "groups/leadership.yaml", "replace": "rag: GREEN", "with": "rag: GREN"}])
    result = CliRunner().invoke(main, ["build", str(plan), "--out", "site"])
    assert result.exit_code == 2
    assert "plan/groups/leadership.yaml:" in result.output and "did you mean GREEN?" in result.output
    assert not Path("site").exists()


def test_unknown_engine_is_refused(tmp_path):
    with pytest.raises(GoldenThreadError, match="unknown site engine"):
        build_site(MINI_PLAN, tmp_path / "site", engine="hugo")


def test_generated_pages_build_with_zensical_reading_their_mkdocs_yml(tmp_path):
    """`goldenthread pages` hands over a folder any engine builds as it is: here `zensical build`."""
    out = tmp_path / "pages"
    result = CliRunner().invoke(main, ["pages", str(MINI_PLAN), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "zensical build -f" in result.output
    assert (out / "mkdocs.yml").is_file() and (out / "docs" / "index.md").is_file()
    built = subprocess.run([sys.executable, "-m", "zensical", "build", "-f", str(out / "mkdocs.yml")],
                           cwd=tmp_path, capture_output=True, text=True)
    assert built.returncode == 0, built.stderr
    assert (out / "site" / "priorities" / "LP1.html").is_file()
    again = CliRunner().invoke(main, ["pages", str(MINI_PLAN), "--out", str(out)])  # replaces its own folder
    assert again.exit_code == 0 and not (out / "site").exists()
