"""Problems planted in a synthetic plan at known rates, each recorded with the items it involves.

:data:`RATES` says how many of each: a fraction of the items of one kind
(at least one of each, at any scale). What is recorded for a planted problem
is the set of node IDs the finding that reports it names, so that
``tests/test_synth.py`` can count the analyses' findings against the plants.

Text plants copy an outcome's text into a new outcome under another action:

* ``duplicate``: the same statement, as is or differing only in case and
  punctuation (which do not count); or the statement as a passage of a longer one;
* ``near-duplicate``: one small edit (two letters swapped, two words swapped,
  one word dropped) in the middle of a statement of 9 to 15 words, so no run
  of 8 words survives to make it a duplicate, checked to score at least
  :data:`NEAR_SCORE` (the analysis' threshold is 90);
* ``status-conflict``: for a share of those, the copy carries another RAG
  rating or due date than its original.
"""
from __future__ import annotations

import random

from goldenthread.model.analysis.similarity import score
from goldenthread.model.analysis.wording import STOPWORDS, Wording
from goldenthread.model.references import find_references
from goldenthread.model.synth.background import FUTURE_TIMESCALES, Background, slug, unique
from goldenthread.model.synth.text import Writer, content_runs
from goldenthread.model.timescale import parse_timescale

#: code -> (population it is a fraction of, fraction).
RATES: dict[str, tuple[str, float]] = {
    "duplicate": ("outcomes", 0.02),
    "duplicate-passage": ("outcomes", 0.01),
    "near-duplicate": ("outcomes", 0.03),
    "priority-without-plan": ("priorities", 0.07),
    "action-without-outcome": ("actions", 0.05),
    "plan-without-priority": ("operational plans", 0.05),
    "plan-without-lead": ("operational plans", 0.05),
    "lead-without-plan": ("leads", 0.10),
    "missing-document": ("operational plans", 0.09),
    "ambiguous-reference": ("operational plans", 0.09),
    "dangling-reference": ("operational plans", 0.05),
    "unparsed-reference": ("operational plans", 0.03),
    "missing-rag": ("outcomes", 0.01),
    "missing-timescale": ("outcomes", 0.01),
    "unparsed-timescale": ("outcomes", 0.01),
    "timescale-outside-period": ("outcomes", 0.01),
    "status-conflict": ("outcomes", 0.01),
}
#: Of the duplicates and near-duplicates planted, the share whose copy disagrees on status.
CONFLICT_SHARE = 0.5
#: A planted near-duplicate scores at least this (the analysis reports 90 and over).
NEAR_SCORE = 93.0
UNPARSED_TIMESCALES = ("TBC", "To be confirmed", "Subject to funding")
OUTSIDE_TIMESCALES = ("June 2025", "October 2025", "March 2026")
_WORDING = Wording()


def how_many(code: str, population: int) -> int:
    """The number of *code* problems to plant among *population* items (at least one)."""
    return max(1, round(RATES[code][1] * population))


class Planter:
    """Plants problems in a background plan and records them (``planted``: code -> entries)."""

    def __init__(self, rng: random.Random, background: Background, writer: Writer) -> None:
        self.rng = rng
        self.writer = writer
        self.bg = background
        self.planted: dict[str, list[dict]] = {}
        self.used: set[str] = set()        # outcomes already involved in a text plant
        self.no_outcomes: set[str] = set()  # actions that must stay without outcomes

    def record(self, code: str, nodes: list[str], how: str) -> None:
        self.planted.setdefault(code, []).append({"nodes": list(nodes), "how": how})

    # --- structure, before the operational plans are made --------------------------------------

    def orphan_priorities(self) -> set[str]:
        priorities = [p for d in self.bg.directorates for p in d.priorities]
        chosen = self.rng.sample(priorities, how_many("priority-without-plan", len(priorities)))
        for p in chosen:
            self.record("priority-without-plan", [p["id"]], "no operational plan serves it")
        return {p["id"] for p in chosen}

    def actions_without_outcome(self) -> None:
        actions = [a for d in self.bg.directorates for a in d.actions]
        for action in self.rng.sample(actions, how_many("action-without-outcome", len(actions))):
            for outcome in action["outcomes"]:
                del self.bg.status[outcome["id"]]
                del self.bg.action_of[outcome["id"]]
                self.bg.directorate_of[action["id"]].outcomes.remove(outcome)
            action["outcomes"] = []
            self.no_outcomes.add(action["id"])
            self.record("action-without-outcome", [action["id"]], "its outcomes removed")

    # --- operational plans -----------------------------------------------------------------------

    def references(self, plans: list[dict], index) -> None:
        """Ambiguous, dangling and unparsed references, and missing documents."""
        rng = self.rng
        for plan in rng.sample(plans, how_many("ambiguous-reference", len(plans))):
            d = self.bg.directorates[plan["_directorate"]]
            text = f"{d.family.word} Priority {rng.randint(1, 7)}"
            (ref,) = find_references(text, index)
            assert ref.reason == "ambiguous", ref
            self._unresolved(plan, text, "ambiguous", ref.candidates)
            self.record("ambiguous-reference", [plan["id"], *ref.candidates],
                        f"'{text}' fits every group of the {d.family.name} directorates")
        for plan in rng.sample(plans, how_many("dangling-reference", len(plans))):
            group = rng.choice(self.bg.directorates[plan["_directorate"]].groups)
            text = f"{group['key'].capitalize()} Priority {len(group['priorities']) + rng.randint(1, 3)}"
            self._unresolved(plan, text, "no-such-priority", [])
            self.record("dangling-reference", [plan["id"]], f"'{text}': the group has no such priority")
        for plan in rng.sample(plans, how_many("unparsed-reference", len(plans))):
            text = f"Council Plan ambition {rng.randint(1, 6)}"
            self._unresolved(plan, text, "unparsed", [])
            self.record("unparsed-reference", [plan["id"]], f"'{text}' names no group")
        for plan in rng.sample(plans, how_many("missing-document", len(plans))):
            plan["document"] = None
            self.record("missing-document", [plan["id"]], "document TBC")

    @staticmethod
    def _unresolved(plan: dict, text: str, reason: str, candidates: list[str]) -> None:
        entry = {"text": text, "reason": reason}
        if candidates:
            entry["candidates"] = candidates
        plan["unresolved"].append(entry)
        plan["connected"] = f"{plan['connected']} {text}" if plan["connected"] else text

    # --- text ------------------------------------------------------------------------------------

    def _sources(self, *, single_line: bool, due: bool, words: tuple[int, int] = (0, 999)) -> list[str]:
        out = []
        for oid, state in self.bg.status.items():
            if oid in self.used or (due and state != "due"):
                continue
            text = self._outcome(oid)["text"]
            if single_line and "\n" in text:
                continue
            if words[0] <= len(text.split()) <= words[1]:
                out.append(oid)
        return out

    def _outcome(self, oid: str) -> dict:
        return next(o for o in self.bg.action_of[oid]["outcomes"] if o["id"] == oid)

    def _copy(self, oid: str, text: str, conflict: bool) -> str:
        """A new outcome with *text* under another action; its status as *oid*'s, or disagreeing."""
        source = self._outcome(oid)
        action = self.rng.choice(self._targets)
        while action is self.bg.action_of[oid]:
            action = self.rng.choice(self._targets)
        timescale, rag = source["timescale"], source["rag"]
        if conflict:
            if self.rng.random() < 0.5:
                rag = self.rng.choice([r for r in ("AMBER", "GREEN", "RED", "AMBER/GREEN") if r != rag])
            else:
                due = parse_timescale(timescale)["due"]
                timescale = self.rng.choice([t for t in FUTURE_TIMESCALES if parse_timescale(t)["due"] != due])
        copy = {"id": unique(f"{action['id']}.o-{slug(text)}", self.bg.ids), "text": text,
                "timescale": timescale, "rag": rag}
        action["outcomes"].append(copy)
        self.bg.status[copy["id"]] = self.bg.status[oid]
        self.bg.action_of[copy["id"]] = action
        self.used |= {oid, copy["id"]}
        if conflict:
            self.record("status-conflict", [oid, copy["id"]], "a duplicate with another RAG or due date")
        return copy["id"]

    @property
    def _targets(self) -> list[dict]:
        if not hasattr(self, "_target_cache"):
            self._target_cache = [a for d in self.bg.directorates for a in d.actions if a["id"] not in self.no_outcomes]
        return self._target_cache

    def duplicates(self, outcomes: int) -> None:
        rng = self.rng
        count = how_many("duplicate", outcomes)
        sources = self._sources(single_line=False, due=False)
        due_sources = [oid for oid in sources if self.bg.status[oid] == "due"]
        rng.shuffle(sources)
        rng.shuffle(due_sources)
        for i in range(count):
            conflict = rng.random() < CONFLICT_SHARE
            pool = due_sources if conflict else sources
            oid = pool.pop()
            while oid in self.used:
                oid = pool.pop()
            text = self._outcome(oid)["text"]
            variant = ("as is", "in other case and punctuation")[i % 2]
            if i % 2:
                # upper case, not a lower-case first letter: that would read as an import leftover too
                text = text.upper().replace(",", " -").replace(":", ";") + "."
            self.record("duplicate", [oid, self._copy(oid, text, conflict)], f"the same text, {variant}")
        longer = self._sources(single_line=True, due=False, words=(10, 999))
        rng.shuffle(longer)
        for _ in range(how_many("duplicate-passage", outcomes)):
            oid = longer.pop()
            while oid in self.used:
                oid = longer.pop()
            source = self._outcome(oid)["text"]
            tail = self.writer.write("outcome", self.bg.directorate_of[oid].family)
            text = f"{source}; {tail[0].lower()}{tail[1:]}"
            self.record("duplicate", [oid, self._copy(oid, text, False)], "its text as a passage of a longer one")

    def near_duplicates(self, outcomes: int) -> None:
        rng = self.rng
        planted = 0
        candidates = self._sources(single_line=True, due=False, words=(9, 15))
        rng.shuffle(candidates)
        while planted < how_many("near-duplicate", outcomes) and candidates:
            oid = candidates.pop()
            if oid in self.used:
                continue
            conflict = rng.random() < CONFLICT_SHARE
            if conflict and self.bg.status[oid] != "due":
                conflict = False
            edited = self._edit(self._outcome(oid)["text"])
            if edited is None:
                continue
            text, how = edited
            self.record("near-duplicate", [oid, self._copy(oid, text, conflict)], how)
            planted += 1

    def _edit(self, text: str) -> tuple[str, str] | None:
        """*text* with one small edit in its middle, or None if no edit keeps it a near-duplicate only."""
        words = text.split(" ")
        middle = sorted(range(1, len(words) - 1), key=lambda i: abs(i - len(words) / 2))
        before = _WORDING.words(text)
        for i in middle:
            w = words[i]
            for how in self.rng.sample(("typo", "swap", "drop"), 3):
                new = list(words)
                if how == "typo" and w.isalpha() and len(w) >= 6 and w[2] != w[3]:
                    new[i] = w[:2] + w[3] + w[2] + w[4:]
                elif how == "swap" and w.isalpha() and words[i + 1].isalpha() and w.lower() not in STOPWORDS \
                        and words[i + 1].lower() not in STOPWORDS and w.lower() != words[i + 1].lower():
                    new[i], new[i + 1] = words[i + 1], w
                elif how == "drop" and w.isalpha() and w.lower() not in STOPWORDS:
                    del new[i]
                else:
                    continue
                edited = " ".join(new)
                after = _WORDING.words(edited)
                if after != before and not _shares_run(before, after) \
                        and score(" ".join(before), " ".join(after)) >= NEAR_SCORE \
                        and self.writer.claim(tuple(after), content_runs(before)):
                    return edited, {"typo": f"two letters of '{w}' swapped", "swap": f"'{w}' and the next word swapped",
                                    "drop": f"'{w}' dropped"}[how]
        return None

    # --- data quality ----------------------------------------------------------------------------

    def quality(self, outcomes: int) -> None:
        rng = self.rng
        pool = [o for o in self._sources(single_line=False, due=True)]
        rng.shuffle(pool)
        for code in ("missing-rag", "missing-timescale", "unparsed-timescale", "timescale-outside-period",
                     "status-conflict"):
            for _ in range(how_many(code, outcomes)):
                oid = pool.pop()
                outcome = self._outcome(oid)
                self.used.add(oid)
                self.bg.status[oid] = code
                if code == "missing-rag":
                    outcome["rag"] = None
                elif code == "missing-timescale":
                    outcome["timescale"] = None
                elif code == "unparsed-timescale":
                    outcome["timescale"] = rng.choice(UNPARSED_TIMESCALES)
                elif code == "timescale-outside-period":
                    outcome["timescale"] = rng.choice(OUTSIDE_TIMESCALES)
                else:
                    outcome["timescale"], outcome["rag"] = rng.choice((("Achieved", "AMBER"),
                                                                       ("March 2025 Delayed", "GREEN")))
                self.record(code, [oid], f"timescale {outcome['timescale']!r}, RAG {outcome['rag']}")


def _shares_run(a: list[str], b: list[str]) -> bool:
    """Whether *a* and *b* share a run of words that could make a shared passage (see :func:`content_runs`)."""
    return bool(content_runs(a) & content_runs(b))
