"""The background of a synthetic plan: directorates, groups, priorities, actions, indicators, outcomes.

Scale *N* gives *N* directorates, each like the bundled plan: a leadership and
a departmental group of 7 priorities, about 21 actions, 34 indicators and 105
outcomes. Directorate *k* belongs to family ``FAMILIES[k % 10]``; its groups'
themes come from that family's list, so every group has a one-word theme of
its own (its key, and the word that names it in references) while the
family's first word is shared by all its groups.

Every outcome gets a *status*: the kind of timescale and RAG rating it
carries, in realistic proportions (:data:`STATUS_WEIGHTS`), chosen so that
what the data-quality analysis reports follows from the status alone
(``overdue`` outcomes are overdue, ``recurring`` ones recur, the rest raise
nothing).
"""
from __future__ import annotations

import datetime as dt
import random
import re
from dataclasses import dataclass, field

from goldenthread.model.analysis.wording import STOPWORDS
from goldenthread.model.schema import WINDOWS_DEVICE_NAMES
from goldenthread.model.synth.text import Writer
from goldenthread.model.synth.vocabulary import FAMILIES, Family

PERIOD = {"label": "2024/2025", "start": dt.date(2024, 4, 1), "end": dt.date(2025, 3, 31)}
LAST_UPDATED = dt.date(2025, 1, 20)
PAST_MONTHS = ("May 2024", "June 2024", "July 2024", "September 2024", "October 2024", "November 2024",
               "December 2024")
FUTURE_TIMESCALES = ("January 2025", "February 2025", "March 2025", "March 2025", "March 2025",
                     "January-March 2025", "February 2025 and March 2025")
RECURRENCES = ("Monthly", "Quarterly", "Termly", "Monthly monitoring", "Bi-monthly monitoring", "Fortnightly",
               "Quarterly review")
#: status -> weight. "due" outcomes are due after the plan was last updated.
STATUS_WEIGHTS = {"due": 48, "done": 12, "past-green": 8, "ongoing": 4, "recurring": 14, "overdue": 10}
DUE_RAGS = (("AMBER", 55), ("GREEN", 25), ("AMBER/GREEN", 10), ("RED", 10))
PRIORITIES_PER_GROUP = 7


@dataclass
class Directorate:
    """One directorate of the plan and what was made for it."""

    index: int
    family: Family
    groups: list[dict] = field(default_factory=list)
    priorities: list[dict] = field(default_factory=list)
    actions: list[dict] = field(default_factory=list)
    outcomes: list[dict] = field(default_factory=list)

    @property
    def name(self) -> str:
        cycle = self.index // len(FAMILIES)
        return self.family.name + (f" {_ROMAN[cycle]}" if cycle else "")


_ROMAN = ("", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV")


@dataclass
class Background:
    """The plan's groups and the bookkeeping planting needs."""

    directorates: list[Directorate]
    groups: list[dict]
    status: dict[str, str]                   # outcome id -> status
    action_of: dict[str, dict]               # outcome id -> its action
    directorate_of: dict[str, Directorate]   # action or outcome id -> directorate
    ids: set[str]


def slug(text: str, words: int = 3) -> str:
    """A short URL-safe slug of *text*'s first content words.

    >>> slug("Embed the Mockingbird hub for foster carers in Ashby ward")
    'embed-mockingbird-hub'
    """
    found = [w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in STOPWORDS]
    return "-".join(found[:words]) or "item"


def unique(base: str, ids: set[str]) -> str:
    """*base*, or *base*-2, -3...: the first not in *ids*, which it is added to."""
    candidate, n = base, 2
    while candidate in ids:
        candidate, n = f"{base}-{n}", n + 1
    ids.add(candidate)
    return candidate


def theme_of(index: int) -> tuple[Family, str, str]:
    """Directorate *index*'s family and its two themes (leadership, departmental)."""
    family = FAMILIES[index % len(FAMILIES)]
    cycle = index // len(FAMILIES)
    themes = family.themes
    if 2 * cycle + 1 < len(themes):
        return family, themes[2 * cycle], themes[2 * cycle + 1]
    # Beyond the curated themes: made-up one-word names, still unique.
    suffix = "abcdefghijklmnopqrstuvwxyz"[cycle % 26] * (1 + cycle // 26)
    return family, themes[(2 * cycle) % len(themes)] + suffix, themes[(2 * cycle + 1) % len(themes)] + suffix


def build_background(scale: int, rng: random.Random, writer: Writer) -> Background:
    """Groups, priorities, actions, indicators and outcomes for *scale* directorates."""
    ids: set[str] = set()
    prefixes: set[str] = set()
    directorates, groups = [], []
    status: dict[str, str] = {}
    action_of: dict[str, dict] = {}
    directorate_of: dict[str, Directorate] = {}
    for index in range(scale):
        family, lead_theme, dept_theme = theme_of(index)
        d = Directorate(index, family)
        directorates.append(d)
        for theme, kind in ((lead_theme, "Leadership"), (dept_theme, "Departmental")):
            # not COM or LPT: "COM1" is a Windows device name, which the loader refuses as an ID
            prefix = next(theme[:n].upper() for n in range(3, len(theme) + 2)
                          if theme[:n].upper() not in prefixes and f"{theme[:n].upper()}1" not in WINDOWS_DEVICE_NAMES)
            prefixes.add(prefix)
            group = {"key": theme.lower(), "name": f"{theme} {kind} Priorities, {d.name}",
                     "declared_count": PRIORITIES_PER_GROUP, "priorities": []}
            for number in range(1, PRIORITIES_PER_GROUP + 1):
                pid = unique(f"{prefix}{number}", ids)
                title = writer.fill("action", family)[0]
                priority = {"id": pid, "number": number, "title": title, "actions": []}
                for a in range(rng.choice((1, 2))):
                    action = _action(rng, writer, family, priority, a, kind == "Leadership", ids)
                    priority["actions"].append(action)
                    d.actions.append(action)
                    directorate_of[action["id"]] = d
                    for outcome in action["outcomes"]:
                        status[outcome["id"]] = outcome.pop("_status")
                        action_of[outcome["id"]] = action
                        directorate_of[outcome["id"]] = d
                        d.outcomes.append(outcome)
                group["priorities"].append(priority)
                d.priorities.append(priority)
            d.groups.append(group)
            groups.append(group)
    return Background(directorates, groups, status, action_of, directorate_of, ids)


def _action(rng: random.Random, writer: Writer, family: Family, priority: dict, a: int, leadership: bool,
            ids: set[str]) -> dict:
    title = writer.write("action", family)
    action: dict = {"id": unique(f"{priority['id']}.{slug(title)}", ids)}
    if leadership:
        action["label"] = str(priority["number"]) + ("abcdefgh"[a - 1] if a else "")
    action["title"] = title
    if not leadership:
        action["steps"] = [writer.write("step", family) for _ in range(rng.choice((0, 2, 3)))]
    action["indicators"] = [
        {"id": unique(f"{action['id']}.i-{slug(text)}", ids), "text": text}
        for text in ("\n".join(writer.write("indicator", family) for _ in range(rng.choice((1, 1, 2))))
                     for _ in range(rng.choices((1, 2, 3), (50, 40, 10))[0]))]
    action["outcomes"] = [_outcome(rng, writer, family, action, ids) for _ in range(rng.choice((3, 4, 4, 5, 5, 6, 6)))]
    return action


def _outcome(rng: random.Random, writer: Writer, family: Family, action: dict, ids: set[str]) -> dict:
    text = "\n".join(writer.write("outcome", family) for _ in range(rng.choices((1, 2), (80, 20))[0]))
    state = rng.choices(tuple(STATUS_WEIGHTS), tuple(STATUS_WEIGHTS.values()))[0]
    timescale, rag = status_values(rng, state)
    return {"id": unique(f"{action['id']}.o-{slug(text)}", ids), "text": text, "timescale": timescale,
            "rag": rag, "_status": state}


def status_values(rng: random.Random, state: str) -> tuple[str, str]:
    """A timescale and RAG rating for an outcome of *state* (see :data:`STATUS_WEIGHTS`)."""
    if state == "due":
        return rng.choice(FUTURE_TIMESCALES), rng.choices(*zip(*DUE_RAGS))[0]
    if state == "done":
        return rng.choice((f"{rng.choice(PAST_MONTHS)} Achieved", "Achieved")), "GREEN"
    if state == "past-green":
        return rng.choice(PAST_MONTHS), "GREEN"
    if state == "ongoing":
        return rng.choice((f"{rng.choice(PAST_MONTHS)} On track", f"Updated in {rng.choice(PAST_MONTHS)} In focus")), "AMBER"
    if state == "recurring":
        return rng.choice(RECURRENCES), rng.choices(("AMBER", "GREEN", "N/A"), (60, 35, 5))[0]
    if state == "overdue":
        return rng.choice(PAST_MONTHS), rng.choices(("AMBER", "RED", "AMBER/GREEN"), (70, 20, 10))[0]
    raise ValueError(f"unknown outcome status {state!r}")
