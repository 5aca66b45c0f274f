"""Synthetic council plans: the bundled plan's shape, *N* times over, with problems planted at known rates.

:func:`synthesize` makes a plan folder's files (``plan.yaml``,
``groups/<key>.yaml``, ``operational_plans.yaml``) as text, and a manifest of
what was planted, for benchmarks (``benchmarks/bench_scale.py``) and for
counting the analyses' findings against the plants (``tests/test_synth.py``).
It is deterministic: the same scale and seed give the same files.

* :mod:`~model.synth.vocabulary`: the words (directorate families, themes, places, names);
* :mod:`~model.synth.text`: statements from templates, with no accidental duplicates;
* :mod:`~model.synth.background`: directorates, groups, priorities, actions, indicators, outcomes;
* :mod:`~model.synth.operational`: operational plans and leads;
* :mod:`~model.synth.plant`: the planted problems and their record;
* the YAML text is written by :mod:`model.yaml_writer`;
* :mod:`~model.synth.shapes`: clean plans in memory, in three layouts, for the network views at scale;
* :mod:`~model.synth.document`: :func:`~model.synth.document.shaped_document`, a text export of any size
  in the bundled document's shape, for the importer's scale tests.

>>> plan = synthesize(1, seed=3)
>>> sorted(plan.files)[:2], plan.manifest["counts"]["priorities"]
(['groups/fostering.yaml', 'groups/safeguarding.yaml'], 14)
"""
from __future__ import annotations

import random
from dataclasses import dataclass

from goldenthread.model.synth.background import LAST_UPDATED, PERIOD, build_background
from goldenthread.model.yaml_writer import to_yaml
from goldenthread.model.synth.operational import PLANS_PER_DIRECTORATE, build_operational
from goldenthread.model.synth.plant import CONFLICT_SHARE, NEAR_SCORE, RATES, Planter, how_many
from goldenthread.model.synth.text import Writer

MANIFEST_FILE = "synth-manifest.json"
#: Outcome statuses and the finding each makes the data-quality analysis report (if any).
STATUS_FINDINGS = {"overdue": "overdue", "recurring": "recurring-timescale"}


@dataclass(frozen=True)
class SyntheticPlan:
    """A synthetic plan folder's files (path -> text) and the manifest of what was planted."""

    files: dict[str, str]
    manifest: dict


def synthesize(scale: int, seed: int = 0) -> SyntheticPlan:
    """A synthetic plan *scale* times the bundled one's size (see the module docstring)."""
    if scale < 1:
        raise ValueError("scale must be at least 1")
    rng = random.Random(f"goldenthread-synth-{seed}")
    writer = Writer(rng)
    background = build_background(scale, rng, writer)
    planter = Planter(rng, background, writer)
    orphans = planter.orphan_priorities()
    planter.actions_without_outcome()

    plan_count = scale * PLANS_PER_DIRECTORATE
    slots = [(d.index, n) for d in background.directorates for n in range(PLANS_PER_DIRECTORATE)]
    without = rng.sample(slots, how_many("plan-without-priority", plan_count)
                         + how_many("plan-without-lead", plan_count))
    without_priority = set(without[:how_many("plan-without-priority", plan_count)])
    without_lead = set(without[how_many("plan-without-priority", plan_count):])
    idle: dict[int, int] = {}
    for _ in range(how_many("lead-without-plan", scale * 7)):
        k = rng.randrange(scale)
        idle[k] = idle.get(k, 0) + 1
    plans, leads, _ = build_operational(rng, background, orphans=orphans, without_priority=without_priority,
                                        without_lead=without_lead, idle_leads=idle)
    for number, plan in enumerate(plans):
        if (plan["_directorate"], number % PLANS_PER_DIRECTORATE) in without_priority:
            planter.record("plan-without-priority", [plan["id"]], "it names no priority")
        if plan["lead"] is None:
            planter.record("plan-without-lead", [plan["id"]], "no lead named")
    led = {p["lead"] for p in plans}
    for lead in leads:
        if lead["id"] not in led:
            planter.record("lead-without-plan", [lead["id"]], "leads no plan")
    index = {g["key"]: (g["name"], {p["number"]: p["id"] for p in g["priorities"]}) for g in background.groups}
    planter.references(plans, index)

    outcomes = len(background.status)
    planter.duplicates(outcomes)
    planter.near_duplicates(outcomes)
    planter.quality(outcomes)
    for oid, state in background.status.items():
        if state in STATUS_FINDINGS:
            planter.record(STATUS_FINDINGS[state], [oid], f"a {state} timescale")

    files = _files(scale, seed, background, plans, leads)
    manifest = {
        "scale": scale, "seed": seed,
        "counts": _counts(background, plans, leads),
        "rates": {code: {"of": of, "rate": rate} for code, (of, rate) in RATES.items()},
        "conflict_share": CONFLICT_SHARE, "near_score": NEAR_SCORE,
        "planted": {code: planter.planted.get(code, []) for code in sorted(planter.planted)},
        "redrawn_statements": writer.redraws,
    }
    return SyntheticPlan(files, manifest)


def _counts(background, plans, leads) -> dict:
    priorities = [p for g in background.groups for p in g["priorities"]]
    actions = [a for p in priorities for a in p["actions"]]
    return {"groups": len(background.groups), "priorities": len(priorities), "actions": len(actions),
            "indicators": sum(len(a["indicators"]) for a in actions),
            "outcomes": sum(len(a["outcomes"]) for a in actions),
            "operational_plans": len(plans), "leads": len(leads)}


def _files(scale: int, seed: int, background, plans: list[dict], leads: list[dict]) -> dict[str, str]:
    header = (f"# Synthetic plan made by `goldenthread synth --scale {scale} --seed {seed}`: not a real plan.\n"
              "# Problems are planted at known rates; see synth-manifest.json.\n")
    council = "Ashworth Borough Council (synthetic)"
    plan = {
        "id": "plan", "title": f"Council Plan {PERIOD['label']} (synthetic, scale {scale})",
        "organisation": council,
        "period": dict(PERIOD), "last_updated": LAST_UPDATED,
        "vision": {"id": "vision", "heading": "Our vision for the borough",
                   "text": "A borough where every resident is safe, healthy and able to get on in life, "
                           "served by a council that listens, works with its partners and spends well."},
        "groups": [g["key"] for g in background.groups],
    }
    files = {"plan.yaml": to_yaml(plan, header)}
    for group in background.groups:
        files[f"groups/{group['key']}.yaml"] = to_yaml(group, header)
    for plan_ in plans:
        plan_.pop("_directorate", None)
        if not plan_["unresolved"]:
            del plan_["unresolved"]
        if plan_["connected"] is None:
            del plan_["connected"]
    operational = {"heading": "Operational plans underpinning the council plan's priorities",
                   "plans": plans, "leads": leads}
    files["operational_plans.yaml"] = to_yaml(operational, header)
    return files
