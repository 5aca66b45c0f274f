"""The views of the mini plan: the ready-made fields each kind of page is rendered from.

The mini plan (tests/fixtures/mini_plan) is small enough to state every
expectation: 3 priorities (LP1, LP2, DP1), 4 actions, 5 outcomes (one each
GREEN, AMBER, RED, AMBER/GREEN and one unrated), two operational plans
(the Fostering Plan serves LP2 and DP1; the Education Plan's only link is
the ambiguous 'Strategic Priority 1') and two leads.
"""
from __future__ import annotations

import csv
import dataclasses
import io

import pytest

from goldenthread.model.export import csv_cell, traceability_csv
from goldenthread.model.loader import load_plan
from goldenthread.site_builder.generate import site_context, write_network_views
from site_fixtures import MINI_PLAN
from goldenthread.site_builder.views.charts import bar_chart
from goldenthread.site_builder.views.dependencies import dependencies_view
from goldenthread.site_builder.views.findings import findings_view
from goldenthread.site_builder.views.home import home_view
from goldenthread.site_builder.views.lists import plans_index_view, priorities_index_view, trace_index_view
from goldenthread.site_builder.views.outcomes import outcomes_view
from goldenthread.site_builder.views.owners import lead_view, operational_plan_view
from goldenthread.site_builder.views.priority import priority_view
from goldenthread.site_builder.views.trace import trace_view


@pytest.fixture(scope="module")
def ctx(tmp_path_factory):
    context = site_context(load_plan(MINI_PLAN))
    return context.with_networks(write_network_views(context, tmp_path_factory.mktemp("docs")))


def test_home_figures_and_rag_overview(ctx):
    view = home_view(ctx)
    assert view.title == "Example Council - Service Plan 2021/2022"
    assert (view.period_label, view.period_range, view.last_updated) == (
        "2021/2022", "1 April 2021 to 31 March 2022", "10 January 2022")
    assert view.vision_text == "Every child thrives."
    assert [(f.value, f.label) for f in view.figures] == [
        (3, "priorities"), (4, "actions and workstreams"), (2, "indicators of success"), (5, "outcomes"),
        (2, "operational plans"), (2, "leads"), (9, "findings")]
    assert view.figures[0].note == "2 leadership, 1 departmental"
    # the same counts, in the same words, as the Findings page
    assert view.figures[-1].note == "0 errors, 7 warnings, 2 for information"
    assert findings_view(ctx).counts == [("errors", 0), ("warnings", 7), ("for information", 2)]
    assert [(c.badge.word, c.count) for c in view.rag_counts] == [
        ("GREEN", 1), ("AMBER/GREEN", 1), ("AMBER", 1), ("RED", 1), ("N/A", 0), ("No rating", 1)]
    assert [(r.priority.id, r.total) for r in view.priority_rows] == [("LP1", 1), ("LP2", 2), ("DP1", 2)]
    assert [link for way in view.ways_in for _, link in way.links] == [
        "outcomes.html", "priorities/index.html", "plans/index.html", "trace/index.html", "downloads.html",
        "findings.html", "dependencies.html"]


def test_rag_chart_labels_every_bar_with_its_word_and_number(ctx):
    chart = home_view(ctx).rag_chart
    assert [(b.label, b.value, b.percent) for b in chart.bars] == [
        ("GREEN", 1, 20), ("AMBER/GREEN", 1, 20), ("AMBER", 1, 20), ("RED", 1, 20), ("N/A", 0, 0),
        ("No rating", 1, 20)]
    assert len({b.y for b in chart.bars}) == 6 and chart.total == 5
    assert bar_chart([]).bars == ()


def test_priority_page(ctx):
    view = priority_view(ctx, "LP2")
    assert view.heading == "LP2: Ambitious corporate parents"
    assert view.group_name == "2 Strategic Leadership Priorities" and view.number == 2
    assert [a.id for a in view.actions] == ["LP2.main", "LP2.a"]
    assert [(o.id, o.rag.word, o.timescale, o.due) for a in view.actions for o in a.outcomes] == [
        ("LP2.main.o-board-in-place", "AMBER", "Monthly", ""),
        ("LP2.a.o-strategy-in-place", "RED", "March 2022", "31 March 2022")]
    assert view.actions[1].outcomes[0].trace_href == "../trace/LP2.a.o-strategy-in-place.html"
    assert [(s.plan.id, s.lead.id, s.document) for s in view.serving] == [
        ("fostering-plan", "jo-bloggs", "Fostering Plan 2021.pdf")]
    assert [(d.other.id, [e.kind for e in d.evidence]) for d in view.dependencies] == [
        ("DP1", ["reference", "shared-plan", "duplicate"])]
    assert {f.code for f in view.findings} == {"cross-reference", "duplicate", "recurring-timescale"}
    assert view.network.src == "../network/LP2.html"
    assert ("LP2.a", "refers to", "DP1") in {(s.id, rel, t.id) for s, rel, t, _, _ in view.network.rows}


def test_priority_with_no_plan_says_so_through_its_findings(ctx):
    view = priority_view(ctx, "LP1")
    assert view.serving == [] and view.dependencies == []
    assert [f.code for f in view.findings] == ["priority-without-plan", "ambiguous-reference"]


def test_outcomes_dashboard_rows_and_filters(ctx):
    view = outcomes_view(ctx)
    assert [(r.outcome.id, r.rag_key, r.priority_id, r.timescale_tokens) for r in view.rows] == [
        ("LP1.main.o-fewer-referrals", "green", "LP1", "due-2021-08"),
        ("LP2.main.o-board-in-place", "amber", "LP2", "recurring"),
        ("LP2.a.o-strategy-in-place", "red", "LP2", "due-2022-03"),
        ("DP1.corporate-parenting.o-placement-stability", "amber-green", "DP1", "due-2022-03"),
        ("DP1.corporate-parenting.o-local-offer", "none", "DP1", "none")]
    assert [(o.value, o.label) for o in view.rag_options] == [
        ("green", "GREEN"), ("amber-green", "AMBER/GREEN"), ("amber", "AMBER"), ("red", "RED"),
        ("none", "No rating")]
    assert [o.value for o in view.priority_options] == ["LP1", "LP2", "DP1"]
    assert [(o.value, o.label) for o in view.timescale_options] == [
        ("due-2021-08", "Due in August 2021"), ("due-2022-03", "Due in March 2022"),
        ("recurring", "Recurring (monthly, termly...)"), ("none", "No timescale")]


def test_trace_page_climbs_to_the_vision_and_quotes_the_source(ctx):
    view = trace_view(ctx, "LP2.a.o-strategy-in-place")
    assert [(s.item.kind, s.item.id) for s in view.chain] == [
        ("Action", "LP2.a"), ("Priority", "LP2"), ("Vision", "vision")]
    assert view.chain[-1].item.href == "../index.html#vision"
    assert [(p.plan.id, [l.id for l in p.leads], [s.id for s in p.serves]) for p in view.plans] == [
        ("fostering-plan", ["jo-bloggs"], ["LP2", "DP1"])]
    assert view.source == "source/plan.txt, line 8"
    assert [(line.number, line.text) for line in view.source_lines] == [
        (8, ctx.source_lines[7])]
    assert (view.rag.word, view.timescale, view.due) == ("RED", "March 2022", "31 March 2022")


def test_operational_plan_and_lead_pages(ctx):
    plan = operational_plan_view(ctx, "education-plan")
    assert (plan.lead.id, plan.lead_role, plan.document, plan.priorities) == (
        "sam-smith", "Head of Education", "", [])
    assert [(u.text, [c.id for c in u.candidates]) for u in plan.unresolved] == [
        ("Strategic Priority 1", ["DP1", "LP1"])]
    assert {f.code for f in plan.findings} == {"plan-without-priority", "ambiguous-reference", "missing-document"}
    fostering = operational_plan_view(ctx, "fostering-plan")
    assert [(g.priority.id, [o.id for o in g.outcomes]) for g in fostering.outcomes] == [
        ("LP2", ["LP2.main.o-board-in-place", "LP2.a.o-strategy-in-place"]),
        ("DP1", ["DP1.corporate-parenting.o-placement-stability", "DP1.corporate-parenting.o-local-offer"])]
    lead = lead_view(ctx, "jo-bloggs")
    assert (lead.role, [p.plan.id for p in lead.plans]) == ("Head of Permanence", ["fostering-plan"])
    assert [g.priority.id for g in lead.outcomes] == ["LP2", "DP1"]


def test_index_pages(ctx):
    priorities = priorities_index_view(ctx)
    assert [(g.name, [c.priority.id for c in g.priorities]) for g in priorities.groups] == [
        ("2 Strategic Leadership Priorities", ["LP1", "LP2"]), ("1 Strategic Departmental Priorities", ["DP1"])]
    assert [p.id for p in priorities.groups[0].priorities[1].plans] == ["fostering-plan"]
    plans = plans_index_view(ctx)
    assert [(p.plan.id, [x.id for x in p.priorities], p.unresolved) for p in plans.plans] == [
        ("fostering-plan", ["LP2", "DP1"], []), ("education-plan", [], ["Strategic Priority 1"])]
    assert [(l.lead.id, [p.id for p in l.plans]) for l in plans.leads] == [
        ("jo-bloggs", ["fostering-plan"]), ("sam-smith", ["education-plan"])]
    trace = trace_index_view(ctx)
    assert [r.outcome.id for r in trace.rows][:2] == ["LP1.main.o-fewer-referrals", "LP2.main.o-board-in-place"]
    assert trace.rows[0].plans == [] and [p.id for p in trace.rows[1].plans] == ["fostering-plan"]
    assert trace.csv_href == "../downloads/traceability.csv"


def test_findings_grouped_by_what_to_do_with_names_fixes_and_yaml_places(ctx):
    view = findings_view(ctx)
    assert view.total == 9
    assert [(t.task, t.count, t.counts, [c.code for c in t.codes]) for t in view.tasks] == [
        ("Link plans, priorities and leads", 3, [("warnings", 3)],
         ["priority-without-plan", "plan-without-priority", "missing-document"]),
        ("Correct references to priorities", 1, [("warning", 1)], ["ambiguous-reference"]),
        ("Resolve repeated text", 1, [("warning", 1)], ["duplicate"]),
        ("Complete and correct outcomes' status", 2, [("warnings", 2)], ["missing-timescale", "missing-rag"]),
        ("Worth knowing", 2, [("for information", 2)], ["cross-reference", "recurring-timescale"])]
    assert sum(t.count for t in view.tasks) == view.total
    first = view.tasks[0].codes[0]
    assert (first.name, first.severity) == ("Priority with no operational plan", "warning")
    assert first.fix.startswith("Add the priority's ID to `priorities`")
    assert first.cards[0].edits == ["groups/leadership.yaml:6"]  # `  - id: LP1`
    duplicate = next(c for t in view.tasks for c in t.codes if c.code == "duplicate").cards[0]
    assert [(c.item.id, c.priority.id, c.before, c.passage, c.after) for c in duplicate.compared] == [
        ("LP2.a", "LP2", "", "Develop a Leaving Care Strategy (as departmental priority 1", ")"),
        ("DP1.corporate-parenting", "DP1", "", "Develop a Leaving Care Strategy", "")]
    assert len(duplicate.edits) == 2  # each copy is a place to edit


def test_rag_counts_link_to_the_dashboard_filtered(ctx):
    home = home_view(ctx)
    red = next(c for c in home.rag_counts if c.badge.word == "RED")
    assert red.href == "outcomes.html#rag=red"
    row = next(r for r in home.priority_rows if r.priority.id == "LP2")
    assert [c.href for c in row.counts if c.count] == ["outcomes.html#rag=amber&priority=LP2",
                                                      "outcomes.html#rag=red&priority=LP2"]
    assert all(c.href is None for c in row.counts if not c.count)  # nothing to show: no link
    assert [b.href for b in home.rag_chart.bars if b.value][0] == "outcomes.html#rag=green"
    priority = priority_view(ctx, "LP2")
    assert [c.href for c in priority.rag_counts] == ["../outcomes.html#rag=amber&priority=LP2",
                                                      "../outcomes.html#rag=red&priority=LP2"]
    assert [(w.link.id, w.outcomes, [c.href for c in w.rag_counts]) for w in priority.workstreams] == [
        ("LP2.main", 1, ["../outcomes.html#rag=amber&priority=LP2&action=LP2.main"]),
        ("LP2.a", 1, ["../outcomes.html#rag=red&priority=LP2&action=LP2.a"])]
    plan = operational_plan_view(ctx, "fostering-plan")
    assert plan.outcome_total == 4
    assert {c.href for c in plan.rag_counts} >= {"../outcomes.html#rag=red&plan=fostering-plan"}


def test_dashboard_rows_carry_plans_leads_and_actions_for_the_filters(ctx):
    view = outcomes_view(ctx)
    row = next(r for r in view.rows if r.outcome.id == "LP2.a.o-strategy-in-place")
    assert (row.action_id, row.plan_ids, row.lead_ids) == ("LP2.a", "fostering-plan", "jo-bloggs")
    assert [o.value for o in view.plan_options] == ["fostering-plan"]
    assert [o.value for o in view.lead_options] == ["jo-bloggs"]
    assert "LP2.a" in [o.value for o in view.action_options]
    assert row.rag_rank == 3 and row.due_key == "2022-03"


def test_dependency_matrix_links_each_count_to_its_evidence(ctx):
    view = dependencies_view(ctx)
    assert [c.id for c in view.columns] == ["LP1", "LP2", "DP1"]
    assert [[cell.count for cell in row.cells] for row in view.rows] == [[0, 0, 0], [0, 0, 3], [0, 3, 0]]
    assert view.rows[1].cells[2].href == "dependencies.html#dep-LP2-DP1"
    assert view.rows[0].cells[0].diagonal and view.rows[0].cells[1].href is None
    assert [(p.anchor, len(p.evidence)) for p in view.pairs] == [("dep-LP2-DP1", 3)]
    assert [(b.item.id, [p.id for p in b.priorities]) for b in view.bridges] == [
        ("fostering-plan", ["LP2", "DP1"]), ("LP2.a", ["LP2", "DP1"])]
    assert view.network.src == "network/plan.html"


def test_traceability_csv_guards_against_spreadsheet_formulas(ctx):
    rows = [dataclasses.replace(r, outcome="=HYPERLINK(\"http://x\")") for r in ctx.trace_rows]
    text = traceability_csv(rows)
    parsed = list(csv.DictReader(io.StringIO(text)))
    assert parsed[0]["outcome"] == "'=HYPERLINK(\"http://x\")"
    assert [r["outcome_id"] for r in parsed] == [r.outcome_id for r in ctx.trace_rows]
    assert csv_cell("+1") == "'+1" and csv_cell("@x") == "'@x" and csv_cell("plain") == "plain"


def test_compared_items_keep_each_item_with_its_own_words(ctx):
    from goldenthread.model.analysis.findings import finding
    from goldenthread.site_builder.views.findings import compared_items

    near = finding("near-duplicate", "m", ["LP1.main.o-fewer-referrals", "LP2.a.o-strategy-in-place"],
                   texts=["Strategy in place", "Fewer referrals"], score=90)  # texts in the other order
    items = compared_items(ctx, "findings.md", near)
    assert [(c.item.id, c.before, c.passage, c.rag.word, c.timescale) for c in items] == [
        ("LP1.main.o-fewer-referrals", "Fewer referrals", "", "GREEN", "August 2021"),
        ("LP2.a.o-strategy-in-place", "Strategy in place", "", "RED", "March 2022")]
    assert compared_items(ctx, "findings.md", finding("missing-rag", "m", ["LP1.main.o-fewer-referrals"])) == []
