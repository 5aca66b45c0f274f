"""Council-sized plans made in memory in three shapes, for the network views' scale tests and benchmarks.

Where :func:`model.synth.synthesize` writes a plan folder with problems
planted at known rates, :func:`shaped_plan` makes a clean
:class:`~model.schema.PlanData` directly, in a chosen layout of groups and
priorities: the shapes are what stresses the network views.

Scale 1 has the bundled plan's counts: 14 priorities (two groups of 7), 21 actions, 34 indicators,
105 outcomes, 11 operational plans, 7 leads. Scale *n* has *n* times as many of each, laid out in
one of three shapes, because a council can organise them in any of these ways:

``directorates``  two groups of 7 priorities per directorate (scale 100: 200 groups);
``two-groups``    two very large groups (scale 100: 700 priorities each);
``few-priorities`` the 14 priorities of scale 1 whatever the scale, each with many actions
                  (scale 100: about 150 actions and 750 outcomes per priority).

Some actions name another priority in their text ("see Alder priority 3"), and one priority in
ten is named by many, so that a priority's view also meets hundreds of items that refer to it.

>>> from goldenthread.model.graph import build_graph
>>> g = build_graph(shaped_plan(1))
>>> sorted(Counter(kind for _, kind in g.nodes(data="kind")).items())  # doctest: +NORMALIZE_WHITESPACE
[('action', 21), ('indicator', 34), ('lead', 7), ('operational_plan', 11), ('outcome', 105), ('plan', 1),
 ('priority', 14), ('vision', 1)]
"""
from __future__ import annotations

import datetime as dt
import random
import string
from collections import Counter  # noqa: F401 - the docstring example uses it

from goldenthread.model.schema import (Action, Indicator, Lead, OperationalPlan, OperationalPlans, Outcome, Period, Plan,
                          PlanData, Priority, PriorityGroup, Vision)

SHAPES = ("directorates", "two-groups", "few-priorities")
WORDS = ("children families support plan review practice care quality assurance workforce partners "
         "outcomes early help safeguarding placement stability education health wellbeing audit "
         "board report monthly improve develop deliver strengthen reduce increase").split()
RAGS = ("GREEN", "AMBER", "RED", "AMBER/GREEN", None)
MONTHS = ("April 2020", "June 2020", "September 2020", "December 2020", "March 2021", "Monthly")


def _text(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize()


def _word(index: int) -> str:
    """A one-word name per group ("Ab", "Ac", ...): a reference names its group by one word."""
    letters = string.ascii_lowercase
    word = ""
    index += 26  # at least two letters
    while index:
        index, rest = divmod(index, 26)
        word = letters[rest] + word
    return word.capitalize()


def shaped_plan(scale: int, shape: str = "directorates", seed: int = 7) -> PlanData:
    """A plan *scale* times the bundled plan's size, in the given *shape* (see the module docstring)."""
    if shape not in SHAPES:
        raise ValueError(f"shape must be one of {SHAPES}")
    rng = random.Random(seed)
    if shape == "directorates":
        layout = [7] * (2 * scale)                      # priorities per group
    elif shape == "two-groups":
        layout = [7 * scale] * 2
    else:
        layout = [7, 7]
    actions_total = 21 * scale
    priorities_total = sum(layout)
    groups: list[PriorityGroup] = []
    action_count = 0
    for g_index, count in enumerate(layout):
        word = _word(g_index)
        priorities = []
        for number in range(1, count + 1):
            p_index = len([p for grp in groups for p in grp.priorities]) + len(priorities)
            # Spread the actions evenly: 1.5 per priority at any scale in the first two shapes.
            wanted = actions_total * (p_index + 1) // priorities_total - action_count
            pid = f"{word}{number}"
            actions = [_action(rng, f"{pid}.a{a + 1}", str(a + 1), action_count + a, layout)
                       for a in range(wanted)]
            action_count += wanted
            priorities.append(Priority(id=pid, number=number, title=_text(rng, 7), actions=actions))
        groups.append(PriorityGroup(key=word.lower(), name=f"{word} Priorities", priorities=priorities))
    ids = [p.id for grp in groups for p in grp.priorities]
    leads = [Lead(id=f"lead-{i}", name=f"Lead {i}", role="Head of Service") for i in range(7 * scale)]
    plans = [OperationalPlan(id=f"op-{i}", name=f"Operational plan {i}: {_text(rng, 3)}",
                             priorities=sorted({ids[(i * len(ids)) // (11 * scale) + k] for k in range(2)
                                                if (i * len(ids)) // (11 * scale) + k < len(ids)}),
                             lead=leads[i * len(leads) // (11 * scale)].id) for i in range(11 * scale)]
    plan = Plan(title=f"A council plan at scale {scale}", organisation="Example Council",
                period=Period(label="2020/2021", start=dt.date(2020, 4, 1), end=dt.date(2021, 3, 31)),
                last_updated=dt.date(2021, 1, 22), vision=Vision(heading="Vision", text=_text(rng, 30)),
                groups=[grp.key for grp in groups])
    return PlanData(directory="(in memory)", plan=plan, groups=groups,
                    operational=OperationalPlans(plans=plans, leads=leads))


def _action(rng: random.Random, aid: str, label: str, index: int, layout: list[int]) -> Action:
    text = _text(rng, 12)
    if index % 5 == 0:  # a reference to another priority; every second one to the same few priorities
        group = rng.randrange(len(layout)) if index % 10 else (index // 10) % max(1, len(layout) // 10)
        number = rng.randint(1, layout[group]) if index % 10 else 1
        text += f" (see {_word(group)} priority {number})"
    indicators = 2 if index * 13 % 21 < 13 else 1  # 34 to every 21 actions, as at scale 1
    return Action(id=aid, label=label, title=text,
                  indicators=[Indicator(id=f"{aid}.i{i}", text=_text(rng, 14)) for i in range(indicators)],
                  outcomes=[Outcome(id=f"{aid}.o{i}", text=_text(rng, 12), timescale=rng.choice(MONTHS),
                                    rag=rng.choice(RAGS)) for i in range(5)])
