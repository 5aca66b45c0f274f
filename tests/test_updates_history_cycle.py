"""The whole quarterly cycle of issue 14, end to end: export the workbooks, fill some in as leads
would, apply them, validate, build the site with ``--previous`` (the plan as it was before), and
find the changes on ``changes.html``, the outcome's trace page and ``board.html``; ``check
--previous`` reports the worsened rating and the slipped timescale."""
from __future__ import annotations

import html
import json
import shutil

from goldenthread.model.graph import build_graph
from goldenthread.model.loader import load_plan
from goldenthread.site_builder.build import build_site
from updates_support import export, fill, ids_of, plan_copy, run

AS_OF = "2021-04-20"
COMMENT = "Recruitment finished in March & training starts in May."


def page_text(path) -> str:
    return html.unescape(path.read_text(encoding="utf-8"))


def test_a_quarter_from_workbooks_to_the_site(tmp_path, monkeypatch):
    plan = plan_copy(tmp_path)
    last_quarter = tmp_path / "last-quarter"
    shutil.copytree(plan, last_quarter)
    g = build_graph(load_plan(plan))
    out = export(plan, tmp_path / "out")
    monkeypatch.chdir(out)

    ids = ids_of(out / "alyson-hanson.xlsx")
    rows = {outcome: n + 2 for n, outcome in enumerate(ids)}          # row 1 is the header
    worsened = next(o for o in ids if g.nodes[o]["rag"] in ("GREEN", "AMBER/GREEN", "AMBER"))
    slipped = next(o for o in ids if o != worsened and g.nodes[o]["parsed_timescale"].get("due"))
    fill(out / "alyson-hanson.xlsx", {f"F{rows[worsened]}": "RED", f"H{rows[worsened]}": COMMENT,
                                      f"G{rows[slipped]}": "December 2021"})
    applied = run("updates", "apply", "alyson-hanson.xlsx", "--plan-dir", str(plan), "--as-of", AS_OF)
    assert applied.exit_code == 0, applied.output
    assert run("validate", str(plan)).exit_code == 0

    checked = run("check", str(plan), "--previous", str(last_quarter), "--format", "json", "--fail-on", "never")
    assert checked.exit_code == 0, checked.output
    findings = json.loads(checked.stdout)["findings"]
    assert [f["nodes"] for f in findings if f["code"] == "rating-worsened"] == [[worsened]]
    assert [f["nodes"] for f in findings if f["code"] == "timescale-slipped"] == [[slipped]]

    site = tmp_path / "site"
    build_site(plan, site, previous=[str(last_quarter)])
    changes = page_text(site / "changes.html")
    assert worsened in changes and slipped in changes and "December 2021" in changes
    assert changes.index(worsened) < changes.index(slipped)             # worsened items come first
    trace = page_text(site / "trace" / f"{worsened}.html")
    assert COMMENT in trace and g.nodes[worsened]["rag"] in trace and "RED" in trace
    board = page_text(site / "board.html")
    assert worsened in board and COMMENT in board
