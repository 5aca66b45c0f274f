"""The plan over time: matching versions, each outcome's history, the changes, and the change findings.

Versions from folders and from ``git:REV`` (a temporary git repository) are in the second half.
"""
from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from goldenthread.cli.main import main
from goldenthread.model.analysis._examples import tiny_graph, tiny_plan
from goldenthread.model.analysis.changes import change_findings
from goldenthread.model.graph import build_graph
from goldenthread.model.history import CHANGE_KINDS, plan_history, rating_move
from goldenthread.model.schema import Commentary
from goldenthread.model.versions import VersionError, check_revision, load_history, load_version

MINI_PLAN = Path(__file__).parent / "fixtures" / "mini_plan"


def graph(edit=None):
    data = tiny_plan()
    if edit:
        edit(data)
    return build_graph(data)


def outcome(data, node):
    return next(o for g in data.groups for p in g.priorities for a in p.actions for o in a.outcomes if o.id == node)


# --- matching and history ---------------------------------------------------------------

@pytest.mark.parametrize("old, new, move", [
    ("AMBER", "RED", "worsened"), ("GREEN", "AMBER/GREEN", "worsened"), ("RED", "AMBER", "improved"),
    ("AMBER", "GREEN", "improved"), ("GREEN", "N/A", "rating-changed"), (None, "RED", "rating-changed"),
    ("RED", "RED", None), (None, None, None),
])
def test_rating_moves_along_red_amber_green(old, new, move):
    assert rating_move(old, new) == move


def test_a_history_needs_a_previous_version():
    with pytest.raises(ValueError):
        plan_history(tiny_graph(), [])


def test_an_outcome_renumbered_keeps_its_history_as_diff_matches_it():
    def renumber(data):
        outcome(data, "LP1.a.o1").id = "LP1.a.strategy"
        outcome(data, "LP1.a.strategy").rag = "RED"
    history = plan_history(graph(renumber), [("before", graph())])
    states = history.outcomes["LP1.a.strategy"].states
    assert [(s.id, s.rag) for s in states] == [("LP1.a.o1", "AMBER"), ("LP1.a.strategy", "RED")]
    worsened = [c for c in history.changes if c.kind == "worsened"]
    assert [(c.id, c.old_id, c.old, c.new) for c in worsened] == [("LP1.a.strategy", "LP1.a.o1", "AMBER", "RED")]
    assert not [c for c in history.changes if c.kind in ("added", "removed")]


def test_changes_come_worst_first_and_cover_every_kind():
    def older(data):
        outcome(data, "LP1.a.o1").rag = "GREEN"
        outcome(data, "LP1.a.o1").timescale = "October 2021"
        outcome(data, "DP1.cp.o1").rag = "RED"
        data.operational.plans[1].priorities = ["DP1", "LP2"]

    def newer(data):
        out = outcome(data, "DP1.cp.o1")
        out.commentary = Commentary(date=dt.date(2022, 1, 5), text="Two more homes found.")
        data.groups[0].priorities[1].actions[0].outcomes.append(
            type(out)(id="LP2.a.o1", text="Staff survey run every year", timescale="March 2022", rag="AMBER"))
    history = plan_history(graph(newer), [("before", graph(older))])
    kinds = [c.kind for c in history.changes]
    assert kinds == sorted(kinds, key=list(CHANGE_KINDS).index)
    found = {(c.kind, c.id) for c in history.changes}
    assert {("worsened", "LP1.a.o1"), ("timescale-slipped", "LP1.a.o1"), ("improved", "DP1.cp.o1"),
            ("commentary", "DP1.cp.o1"), ("added", "LP2.a.o1"), ("relinked", "dp-plan")} <= found
    relinked = next(c for c in history.changes if c.kind == "relinked")
    assert (relinked.old, relinked.new) == ("LP2", None)
    assert history.to_dict()["changes"][0]["kind"] == "worsened"


def test_removed_items_are_listed_under_their_old_id():
    def without(data):
        data.groups[1].priorities[0].actions[0].outcomes.clear()
    history = plan_history(graph(without), [("before", graph())])
    assert [(c.kind, c.id) for c in history.changes] == [("removed", "DP1.cp.o1")]


def test_three_versions_count_every_slip_and_the_latest_move_only():
    def due(month, rag):
        def edit(data):
            outcome(data, "LP1.a.o1").timescale = month
            outcome(data, "LP1.a.o1").rag = rag
        return edit
    history = plan_history(graph(due("March 2022", "AMBER")),
                           [("q2", graph(due("January 2022", "RED"))), ("q1", graph(due("November 2021", "AMBER")))])
    h = history.outcomes["LP1.a.o1"]
    assert h.slips() == [("2021-11-30", "2022-01-31"), ("2022-01-31", "2022-03-31")]
    assert h.latest_move() == "improved"
    codes = {f.code: f for f in change_findings(history) if "LP1.a.o1" in f.nodes}
    assert "rating-worsened" not in codes
    assert codes["timescale-slipped"].details["times"] == 2
    assert "2 times across 3 versions (November 2021 -> January 2022 -> March 2022)" in codes["timescale-slipped"].message


def test_stale_commentary_is_no_new_commentary_since_the_previous_version():
    note = Commentary(date=dt.date(2021, 12, 1), text="On track.")

    def with_note(text_date=None):
        def edit(data):
            outcome(data, "LP1.a.o1").commentary = text_date or note
        return edit
    same = plan_history(graph(with_note()), [("before", graph(with_note()))])
    fresh = plan_history(graph(with_note(Commentary(date=dt.date(2022, 1, 9), text="Done."))),
                         [("before", graph(with_note()))])
    stale = lambda h: {n for f in change_findings(h) if f.code == "stale-commentary" for n in f.nodes}
    assert "LP1.a.o1" in stale(same) and "LP1.a.o1" not in stale(fresh)
    assert "last commentary 2021-12-01" in next(f.message for f in change_findings(same)
                                                 if f.code == "stale-commentary" and "LP1.a.o1" in f.nodes)


def test_history_is_linear_in_the_outcomes_looked_up():
    """Each outcome's history is one look-up per version: a plan ten times larger takes about ten
    times the look-ups (counted, not timed)."""
    import goldenthread.model.history as history_module
    calls = []
    real = history_module.OutcomeState

    def counting(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)
    old, new = tiny_graph(), tiny_graph()
    history_module.OutcomeState = counting
    try:
        plan_history(new, [("a", old), ("b", old)])
    finally:
        history_module.OutcomeState = real
    assert len(calls) == 3 * 2   # 2 outcomes, 3 versions


# --- versions: folders and git ------------------------------------------------------------

@pytest.mark.parametrize("rev", ["HEAD~1", "v2020-q3", "HEAD@{1}", "a1b2c3d", "release/2021", "HEAD^2"])
def test_revisions_that_look_like_revisions_are_accepted(rev):
    assert check_revision(rev) == rev


@pytest.mark.parametrize("rev", ["", "-p", "--output=/tmp/x", "a..b", "HEAD; rm -rf /", "a b", "$(id)", "x" * 201])
def test_anything_else_is_refused_before_git_runs(rev):
    with pytest.raises(VersionError, match="is not a git revision"):
        check_revision(rev)


def git(*args, cwd):
    env = {**os.environ, "GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "T",
           "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(cwd)}
    subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True)


def set_rag(plan: Path, old: str, new: str) -> None:
    path = plan / "groups" / "leadership.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture()
def repo(tmp_path):
    """A git repository: ``empty`` (no plan yet), ``v1`` (the mini plan), ``broken`` (a bad file),
    and HEAD (the mini plan with its GREEN outcome now RED)."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    root = tmp_path / "repo"
    root.mkdir()
    git("init", "-q", cwd=root)
    (root / "README").write_text("plans\n")
    git("add", "-A", cwd=root)
    git("commit", "-qm", "start", cwd=root)
    git("tag", "empty", cwd=root)
    plan = root / "plans" / "current"
    shutil.copytree(MINI_PLAN, plan)
    git("add", "-A", cwd=root)
    git("commit", "-qm", "plan", cwd=root)
    git("tag", "v1", cwd=root)
    good = (plan / "plan.yaml").read_text(encoding="utf-8")
    (plan / "plan.yaml").write_text(good.replace("title:", "title: [", 1), encoding="utf-8")
    git("commit", "-qam", "broken", cwd=root)
    git("tag", "broken", cwd=root)
    (plan / "plan.yaml").write_text(good, encoding="utf-8")
    set_rag(plan, "rag: GREEN", "rag: RED")
    git("commit", "-qam", "worse", cwd=root)
    return plan


def test_a_git_revision_reads_the_plan_as_it_was(repo):
    version = load_version("git:v1", repo)
    assert version.label == "git:v1"
    assert build_graph(version.data).nodes["LP1.main.o-fewer-referrals"]["rag"] == "GREEN"
    # HEAD~1 is the broken commit, HEAD~2 the plan of v1, HEAD the plan now
    assert build_graph(load_version("git:HEAD~2", repo).data).nodes["LP1.main.o-fewer-referrals"]["rag"] == "GREEN"
    assert build_graph(load_version("git:HEAD", repo).data).nodes["LP1.main.o-fewer-referrals"]["rag"] == "RED"


def test_git_history_feeds_the_change_findings(repo):
    history = load_history(build_graph(load_version(str(repo), repo).data), ["git:v1"], repo)
    worsened = [f for f in change_findings(history) if f.code == "rating-worsened"]
    assert [f.nodes for f in worsened] == [("LP1.main.o-fewer-referrals",)]


@pytest.mark.parametrize("spec, message", [
    ("git:no-such-tag", "git does not know the revision 'no-such-tag'"),
    ("git:empty", "there was no plan at 'empty': plans/current held no plan.yaml then"),
    ("git:--upload-pack=x", "'git:--upload-pack=x' is not a git revision"),
])
def test_a_bad_revision_is_one_located_error(repo, spec, message):
    with pytest.raises(VersionError) as caught:
        load_version(spec, repo)
    assert message in caught.value.title
    assert caught.value.hint


def test_a_plan_that_was_broken_at_the_revision_is_located_there(repo):
    with pytest.raises(Exception) as caught:
        load_version("git:broken", repo)
    assert str(caught.value.location).startswith("git:broken:plans/current/plan.yaml:")


def test_a_folder_outside_git_cannot_name_a_revision(tmp_path):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    plan = tmp_path / "plan"
    shutil.copytree(MINI_PLAN, plan)
    with pytest.raises(VersionError, match="is not in a git repository"):
        load_version("git:HEAD~1", plan)


def test_check_previous_from_the_command_line(repo):
    runner = CliRunner()
    result = runner.invoke(main, ["check", str(repo), "--previous", "git:v1", "--format", "json", "--fail-on", "never"])
    assert result.exit_code == 0, result.output
    assert '"code": "rating-worsened"' in result.output
    bad = runner.invoke(main, ["check", str(repo), "--previous", "git:nope"])
    assert bad.exit_code == 2
    assert "error: git does not know the revision 'nope'" in bad.output
    assert "Traceback" not in bad.output


def test_the_wording_search_is_bounded_so_history_stays_linear(monkeypatch):
    import goldenthread.model.history as history_module

    def renumber(data):
        outcome(data, "LP1.a.o1").id = "LP1.a.strategy"
    monkeypatch.setattr(history_module, "MAX_SIMILARITY_PAIRS", 0)
    history = plan_history(graph(renumber), [("before", graph())])
    assert {(c.kind, c.id) for c in history.changes} >= {("added", "LP1.a.strategy"), ("removed", "LP1.a.o1")}
    assert history.outcomes["LP1.a.strategy"].previous is None
