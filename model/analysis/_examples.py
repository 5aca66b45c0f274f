"""A tiny plan built in code, for the analyses' docstring examples.

Two leadership priorities (LP1 served by a plan, LP2 not), one departmental
priority (DP1) whose workstream repeats LP1's action word for word, and one
operational plan with an ambiguous reference and no document.
"""
from __future__ import annotations

import datetime as dt

import networkx as nx

from goldenthread.model.graph import build_graph
from goldenthread.model.schema import (Action, Lead, OperationalPlan, OperationalPlans, Outcome, Period, Plan, PlanData,
                          Priority, PriorityGroup, UnresolvedReference, Vision)


def tiny_plan() -> PlanData:
    """The example plan as :class:`model.schema.PlanData`."""
    plan = Plan(title="Example Plan 2021/22", period=Period(label="2021/22", start=dt.date(2021, 4, 1),
                end=dt.date(2022, 3, 31)), last_updated=dt.date(2022, 1, 10), source_file="source/plan.txt",
                vision=Vision(text="Every child thrives.", lines=(1, 1)), groups=["leadership", "departmental"])
    leadership = PriorityGroup(key="leadership", name="Strategic Leadership Priorities", priorities=[
        Priority(id="LP1", number=1, title="Stable services", lines=(3, 3), actions=[
            Action(id="LP1.a", label="1a", title="Develop a Leaving Care Strategy for care leavers",
                   lines=(3, 3), outcomes=[
                       Outcome(id="LP1.a.o1", text="Strategy in place", timescale="December 2021 Achieved",
                               rag="AMBER", lines=(3, 3))])]),
        Priority(id="LP2", number=2, title="Engaged workforce", lines=(4, 4), actions=[
            Action(id="LP2.a", label="2a", title="Listen to staff", lines=(4, 4))]),
    ])
    departmental = PriorityGroup(key="departmental", name="Strategic Departmental Priorities", priorities=[
        Priority(id="DP1", number=1, title="Corporate parenting", lines=(6, 6), actions=[
            Action(id="DP1.cp", label="CORPORATE PARENTING", title="CORPORATE PARENTING",
                   text="Develop a Leaving Care Strategy for care leavers (as leadership priority 1)",
                   steps=["Review special guardianship"],
                   lines=(6, 7), outcomes=[
                       Outcome(id="DP1.cp.o1", text="Care leavers in suitable homes", timescale="Monthly",
                               rag="GREEN", lines=(7, 7))])]),
    ])
    operational = OperationalPlans(plans=[
        OperationalPlan(id="care-plan", name="Care Plan", connected="Leadership Priority 1 Strategic Priority 1",
                        priorities=["LP1"], lead="jo", document=None, lines=(9, 9),
                        unresolved=[UnresolvedReference(text="Strategic Priority 1", reason="ambiguous",
                                                        candidates=["DP1", "LP1"])]),
        OperationalPlan(id="dp-plan", name="Departmental Plan", connected="Departmental Priority 1",
                        priorities=["DP1"], lead="jo", document="dp.pdf", lines=(10, 10)),
    ], leads=[Lead(id="jo", name="Jo Bloggs", role="Head of Care", lines=(9, 9))])
    return PlanData(directory="example", plan=plan, groups=[leadership, departmental], operational=operational)


def tiny_graph() -> nx.MultiDiGraph:
    """The example plan as a graph."""
    return build_graph(tiny_plan())
