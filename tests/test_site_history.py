"""The site with and without ``--previous``: what the views hold, which pages exist, the preview.

The mini plan in two versions, as a planner would keep them: last quarter's folder and this
quarter's, in which one outcome worsened and slipped and another gained commentary.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from goldenthread.model.loader import load_plan
from goldenthread.site_builder.build import prepare_project
from goldenthread.site_builder.generate import site_context
from goldenthread.site_builder.serve import LivePages
from goldenthread.site_builder.views.history import (BOARD_ROWS, board_view, changes_view, timeline, trend,
                                                     version_chart)
from goldenthread.site_builder.views.home import home_view
from goldenthread.site_builder.views.outcomes import outcomes_view
from goldenthread.site_builder.views.trace import trace_view
from site_fixtures import MINI_PLAN

WORSE = "DP1.corporate-parenting.o-placement-stability"    # AMBER/GREEN, March 2022 -> RED, June 2022
NOTED = "LP2.main.o-board-in-place"                         # gains commentary


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def versions(tmp_path_factory):
    base = tmp_path_factory.mktemp("versions")
    old, now = base / "old", base / "now"
    shutil.copytree(MINI_PLAN, old)
    shutil.copytree(MINI_PLAN, now)
    replace_in(old / "plan.yaml", "last_updated: 2022-01-10", "last_updated: 2021-10-15")
    groups = now / "groups"
    replace_in(groups / "departmental.yaml", "timescale: March 2022\n            rag: AMBER/GREEN",
               "timescale: June 2022\n            rag: RED")
    replace_in(groups / "leadership.yaml", "            timescale: Monthly\n",
               "            timescale: Monthly\n            commentary: {date: 2022-01-06, text: Met in December.}\n")
    return old, now


@pytest.fixture(scope="module")
def ctx(versions):
    old, now = versions
    return site_context(load_plan(now), previous=[str(old)])


def test_without_previous_the_context_has_no_history_and_no_view_shows_one():
    plain = site_context(load_plan(MINI_PLAN))
    assert plain.history is None
    assert home_view(plain).version_chart is None
    assert outcomes_view(plain).change_options == [] and {r.change_tokens for r in outcomes_view(plain).rows} == {""}
    assert trace_view(plain, WORSE).timeline == []


def test_changes_view_puts_the_worsened_rating_first(ctx):
    view = changes_view(ctx)
    assert view.since == "15 October 2021"
    assert [s.anchor for s in view.sections] == ["worsened", "timescale-slipped", "commentary"]
    worse = view.sections[0].rows[0]
    assert (worse.id, worse.old_badge.word, worse.new_badge.word) == (WORSE, "AMBER/GREEN", "RED")
    assert worse.link.href == f"trace/{WORSE}.html"
    assert [(r.id, r.new) for r in view.sections[2].rows] == [(NOTED, "Met in December.")]


def test_timeline_rows_per_version(ctx):
    rows = timeline(ctx, WORSE)
    assert [r.version for r in rows] == ["15 October 2021 (" + str(ctx.history.previous.label) + ")",
                                         "10 January 2022 (this version)"]
    assert [r.rag.word for r in rows] == ["AMBER/GREEN", "RED"]
    assert rows[1].notes == ["Rating worsened", "Timescale slipped"]
    assert timeline(ctx, NOTED)[1].commentary == "Met in December."


def test_home_chart_counts_each_version(ctx):
    chart = version_chart(ctx)
    by_word = {row.badge.word: [b.value for b in row.bars] for row in chart.rows}
    assert by_word["AMBER/GREEN"] == [1, 0] and by_word["RED"] == [1, 2]
    assert chart.totals == [5, 5]
    assert "RED: 15 October 2021" in chart.description


def test_dashboard_filter_tokens(ctx):
    view = outcomes_view(ctx)
    tokens = {r.outcome.id: r.change_tokens for r in view.rows}
    assert tokens[WORSE] == "changed worsened slipped" and tokens[NOTED] == "changed commentary"
    assert [o.value for o in view.change_options] == ["changed", "worsened", "slipped", "commentary"]
    assert view.since == "15 October 2021"


def test_board_view(ctx):
    view = board_view(ctx)
    dp1 = next(r for r in view.priorities if r.priority.id == "DP1")
    assert (dp1.trend, dp1.total_now, dp1.total_before) == ("Worse: 1 worsened", 2, 2)
    red = {c.badge.word: (c.now, c.before) for c in dp1.cells}
    assert red["RED"] == (1, 0) and red["AMBER/GREEN"] == (0, 1)
    lists = {e.anchor: e for e in view.exceptions}
    assert [r.link.id for r in lists["worsened"].rows] == [WORSE]
    assert [lead.title for lead in lists["worsened"].rows[0].leads] == ["Jo Bloggs"]
    assert WORSE in [r.link.id for r in lists["red"].rows]
    assert NOTED not in [r.link.id for r in lists["missing-updates"].rows]
    assert lists["missing-updates"].heading == "Missing updates (4)" and lists["missing-updates"].more == 0
    assert BOARD_ROWS >= 100


@pytest.mark.parametrize("worsened, improved, words", [(0, 0, "No change in ratings"), (2, 0, "Worse: 2 worsened"),
                                                       (0, 1, "Better: 1 improved")])
def test_trend_words(worsened, improved, words):
    assert trend(worsened, improved)[0] == words


def test_pages_and_navigation_only_with_previous(versions, tmp_path):
    old, now = versions
    plain = prepare_project(now, tmp_path / "plain")
    history = prepare_project(now, tmp_path / "history", previous=[str(old)])
    assert set(history.pages) - set(plain.pages) == {"changes.md", "board.md"}
    assert not (tmp_path / "plain" / "docs" / "changes.md").exists()
    assert not (tmp_path / "plain" / "docs" / "assets" / "history.css").exists()
    assert (tmp_path / "history" / "docs" / "assets" / "history.css").is_file()
    plain_config = json.loads((tmp_path / "plain" / "mkdocs.yml").read_text())
    history_config = json.loads((tmp_path / "history" / "mkdocs.yml").read_text())
    assert "assets/history.css" not in plain_config["extra_css"]
    assert history_config["extra_css"][-1] == "assets/history.css"
    assert {"What changed": "changes.md"} in history.nav and {"Board report": "board.md"} in history.nav
    trace = (tmp_path / "history" / "docs" / "trace" / f"{WORSE}.md").read_text(encoding="utf-8")
    assert "Over time" in trace and "Over time" not in (tmp_path / "plain" / "docs" / "trace" / f"{WORSE}.md").read_text()


def test_the_preview_keeps_its_previous_versions(versions, tmp_path):
    old, now = versions
    live = LivePages(now, tmp_path / "served", previous=[str(old)], report=lambda _: None)
    live.regenerate()
    assert (tmp_path / "served" / "docs" / "board.md").is_file()


def test_pages_with_history_are_the_same_every_time(versions, tmp_path):
    old, now = versions
    first = prepare_project(now, tmp_path / "a", previous=[str(old)])
    prepare_project(now, tmp_path / "b", previous=[str(old)])
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file())
    assert len(files) > len(first.pages)
    different = [f for f in files if (tmp_path / "a" / f).read_bytes() != (tmp_path / "b" / f).read_bytes()]
    assert different == []
