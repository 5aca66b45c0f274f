"""Operational plans and leads of a synthetic plan, and their "Connected Priority" cells.

Each directorate gets about 11 operational plans and 7 leads, like the bundled
plan. Every priority is served by at least one plan, with certainty, unless it
is a planted orphan; every lead leads at least one plan, unless planted
otherwise. A plan's ``connected`` cell names what it serves the way a plan
document does ("Fostering Priority 2,5 Safeguarding Priority 1"), so that
:func:`model.references.find_references` reads back exactly its
``priorities`` and ``unresolved`` entries.
"""
from __future__ import annotations

import random

from goldenthread.model.synth.background import Background, Directorate, slug, unique
from goldenthread.model.synth.vocabulary import FIRST_NAMES, LAST_NAMES, PLAN_KINDS, ROLES

PLANS_PER_DIRECTORATE = 11
LEADS_PER_DIRECTORATE = 7


def number_list(numbers: list[int]) -> str:
    """``"2"`` or ``"2,5"``: how a cell lists a group's priority numbers."""
    return ",".join(str(n) for n in numbers)


def connected_text(served: list[dict], groups_of: dict[str, dict]) -> str:
    """The words naming *served* priorities, group by group in plan order ("Fostering Priority 2,5")."""
    by_group: dict[str, list[int]] = {}
    for priority in served:
        by_group.setdefault(groups_of[priority["id"]]["key"], []).append(priority["number"])
    names = {g["key"]: g["key"].capitalize() for g in groups_of.values()}
    return " ".join(f"{names[key]} Priority {number_list(sorted(nums))}" for key, nums in by_group.items())


def lead_names(rng: random.Random, count: int) -> list[str]:
    """*count* different people's names (with a middle initial once the plain names run out)."""
    combos = [f"{first} {last}" for first in FIRST_NAMES for last in LAST_NAMES]
    picked = rng.sample(combos, min(count, len(combos)))
    initial = 0
    while len(picked) < count:
        first, last = combos[len(picked) % len(combos)].split(" ", 1)
        picked.append(f"{first} {'ABCDEFGHJKLMNPRSTW'[initial % 18]}. {last}")
        initial += 1
    return picked


def build_operational(rng: random.Random, background: Background, *, orphans: set[str],
                      without_priority: set[tuple[int, int]], without_lead: set[tuple[int, int]],
                      idle_leads: dict[int, int]) -> tuple[list[dict], list[dict], dict[str, dict]]:
    """Operational plans and leads for every directorate.

    *orphans*: priority IDs no plan serves; *without_priority* / *without_lead*:
    (directorate, plan number) pairs of plans that serve no priority or have
    no lead; *idle_leads*: per directorate, how many extra leads lead no plan.
    Returns the plans, the leads and ``{priority id: its group}``.
    """
    groups_of = {p["id"]: g for g in background.groups for p in g["priorities"]}
    names = iter(lead_names(rng, len(background.directorates) * LEADS_PER_DIRECTORATE + sum(idle_leads.values())))
    plans, leads = [], []
    for d in background.directorates:
        d_leads = _leads(rng, d, names, LEADS_PER_DIRECTORATE + idle_leads.get(d.index, 0), background.ids)
        working = d_leads[:LEADS_PER_DIRECTORATE]
        leads += d_leads
        regular = [n for n in range(PLANS_PER_DIRECTORATE) if (d.index, n) not in without_priority]
        served: dict[int, list[dict]] = {n: [] for n in range(PLANS_PER_DIRECTORATE)}
        coverable = [p for p in d.priorities if p["id"] not in orphans]
        rng.shuffle(coverable)
        for i, priority in enumerate(coverable):             # every priority served at least once
            served[regular[i % len(regular)]].append(priority)
        for n in regular:                                     # every plan serves one, some two
            if coverable and (not served[n] or rng.random() < 0.4):
                extra = rng.choice(coverable)
                if extra not in served[n]:
                    served[n].append(extra)
        lead_cycle = [working[n % len(working)] for n in range(PLANS_PER_DIRECTORATE)]
        rng.shuffle(lead_cycle)
        taken_names: set[str] = set()
        for n in range(PLANS_PER_DIRECTORATE):
            order = {p["id"]: i for i, p in enumerate(d.priorities)}
            mine = sorted(served[n], key=lambda p: order[p["id"]])
            name = _plan_name(rng, d, taken_names)
            plan = {"id": unique(slug(name, 4), background.ids), "name": name,
                    "connected": connected_text(mine, groups_of) or None,
                    "priorities": [p["id"] for p in mine], "unresolved": [],
                    "lead": None if (d.index, n) in without_lead else lead_cycle[n]["id"],
                    "document": f"{name} 2024-25.pdf", "_directorate": d.index}
            plans.append(plan)
    return plans, leads, groups_of


def _leads(rng: random.Random, d: Directorate, names, count: int, ids: set[str]) -> list[dict]:
    themes = [g["key"].capitalize() for g in d.groups] + [s.removeprefix("the ").title()
                                                          for s in d.family.services]
    out = []
    for i in range(count):
        name = next(names)
        out.append({"id": unique(slug(name, 4), ids), "name": name,
                    "role": f"{rng.choice(ROLES)} {themes[i % len(themes)]}"})
    return out


def _plan_name(rng: random.Random, d: Directorate, taken: set[str]) -> str:
    while True:
        service = rng.choice(d.family.services).removeprefix("the ")
        name = f"{service[0].upper()}{service[1:]} {rng.choice(PLAN_KINDS)}"
        if d.index >= 10:
            name += f" ({d.name})"
        if name not in taken:
            taken.add(name)
            return name
