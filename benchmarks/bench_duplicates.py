"""How the duplicate search scales: seconds and comparisons against n(n-1)/2, and pairs lost against brute force.

Run: .venv/bin/python benchmarks/bench_duplicates.py [SIZES...]   (default: 1000 3000 10000)

For each size, a synthetic plan of that many items (actions, indicators and outcomes under 14
priorities) is generated: plan-like sentences drawn from a Zipf-distributed vocabulary of 3,000
words, a tenth of them restated elsewhere with a word dropped or inserted, or embedded in a longer
cell. It prints the number of statements, the seconds for the whole duplicates analysis, and for
each of its three joins (shared passages, restatements, similar texts) the pairs it looked at and
compared in full against all n(n-1)/2 pairs. For up to 5,000 statements it also compares the similar-texts
join with brute force (every pair scored) and prints the pairs that brute force finds and the join
does not: those under the join's word-overlap floor (Jaccard 0.5), shown so one can judge them; in
the runs so far they were pairs sharing only a stock phrase. Target: a council plan of a few
thousand items checks in seconds, comparing a small fraction of all pairs, losing no pair a
planner would call a duplicate.
"""
from __future__ import annotations

import datetime as dt
import random
import sys
import time
from itertools import combinations
from pathlib import Path

from goldenthread.model.analysis.duplicates import (MIN_WORDS, PASSAGE_WORDS, comparable, duplicates,
                                       statements)
from goldenthread.model.analysis.similarity import (DEFAULT_THRESHOLD, PairStats, contained_pairs, score,
                                       shared_passages, similar_pairs)
from goldenthread.model.analysis.wording import STOPWORDS
from goldenthread.model.graph import build_graph
from goldenthread.model.schema import (Action, Indicator, OperationalPlans, Outcome, Period, Plan, PlanData,
                          Priority, PriorityGroup, Vision)

STOCK = ("the right children at the right time", "this is an improving picture", "reporting to the board")


def vocabulary(rng: random.Random, size: int = 3000) -> tuple[list[str], list[float]]:
    syllables = "ba be bi bo bu ca ce ci co cu da de di do du fa fe fi fo fu ga ge gi go gu la le li lo lu".split()
    words = sorted({"".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))) for _ in range(size * 2)})
    rng.shuffle(words)
    words = words[:size]
    return words, [1 / (rank + 1) for rank in range(len(words))]


def sentence(rng: random.Random, words: list[str], weights: list[float]) -> str:
    text = " ".join(rng.choices(words, weights, k=rng.randint(4, 16)))
    return f"{text} {rng.choice(STOCK)}" if rng.random() < 0.2 else text


def restated(rng: random.Random, text: str, words: list[str]) -> str:
    parts = text.split()
    roll = rng.random()
    if roll < 0.4 and len(parts) > 5:
        del parts[rng.randrange(len(parts))]
    elif roll < 0.7:
        parts.insert(rng.randrange(len(parts) + 1), rng.choice(words))
    else:
        parts = rng.choices(words, k=3) + parts + rng.choices(words, k=3)
    return " ".join(parts)


def synthetic_plan(items: int, seed: int = 1) -> PlanData:
    """A plan of about *items* actions, indicators and outcomes (see the module docstring)."""
    rng = random.Random(seed)
    words, weights = vocabulary(rng)
    written: list[str] = []

    def text() -> str:
        if written and rng.random() < 0.1:
            value = restated(rng, rng.choice(written), words)
        else:
            value = sentence(rng, words, weights)
        written.append(value)
        return value

    groups, per_priority = [], max(1, items // 14)
    for key in ("leadership", "departmental"):
        priorities = []
        for number in range(1, 8):
            prefix = f"{key[0].upper()}P{number}"
            actions, count, a = [], 0, 0
            while count < per_priority:
                a += 1
                outcomes = [Outcome(id=f"{prefix}.a{a}.o{k}", text=text(), timescale="March 2022", rag="AMBER")
                            for k in range(rng.randint(1, 4))]
                indicators = [Indicator(id=f"{prefix}.a{a}.i{k}", text=text()) for k in range(rng.randint(0, 2))]
                actions.append(Action(id=f"{prefix}.a{a}", title=text(), steps=[text() for _ in range(rng.randint(0, 3))],
                                      indicators=indicators, outcomes=outcomes))
                count += 1 + len(outcomes) + len(indicators)
            priorities.append(Priority(id=prefix, number=number, title=f"Priority {prefix}", actions=actions))
        groups.append(PriorityGroup(key=key, name=f"7 Strategic {key.title()} Priorities", priorities=priorities))
    plan = Plan(title="Synthetic plan", period=Period(label="2021/22", start=dt.date(2021, 4, 1),
                end=dt.date(2022, 3, 31)), vision=Vision(text="Children thrive."), groups=["leadership", "departmental"])
    return PlanData(directory="synthetic", plan=plan, groups=groups, operational=OperationalPlans())


def overlap(a: str, b: str) -> float:
    """Jaccard similarity of the content-word sets, the measure the join's floor applies to."""
    x, y = set(a.split()) - STOPWORDS, set(b.split()) - STOPWORDS
    return len(x & y) / len(x | y)


def measure(items: int) -> None:
    g = build_graph(synthetic_plan(items))
    t0 = time.perf_counter()
    found = list(duplicates(g))
    seconds = time.perf_counter() - t0
    stmts = statements(g)
    ok = lambda i, j: comparable(g, stmts[i].node, stmts[j].node)
    joins = {"passages": PairStats(), "restated": PairStats(), "similar": PairStats()}
    shared_passages([s.words for s in stmts], min_words=PASSAGE_WORDS, allowed=ok, stats=joins["passages"])
    contained_pairs([s.clauses() for s in stmts], min_words=MIN_WORDS, allowed=ok, stats=joins["restated"])
    texts = [" ".join(s.words) for s in stmts]
    similar = similar_pairs(texts, allowed=ok, stats=joins["similar"])
    n = len(stmts)
    print(f"{items:>6} items  {n:>6} statements  {seconds:6.2f} s  {len(found):>5} findings  "
          f"all pairs {n * (n - 1) // 2:>11,}")
    for name, stats in joins.items():
        print(f"        {name:<9} looked at {stats.candidates:>9,}  compared {stats.compared:>9,}  "
              f"({100 * stats.compared / max(1, stats.all_pairs):.3f}% of all pairs)")
    if n <= 5000:
        t0 = time.perf_counter()
        brute = {(i, j) for i, j in combinations(range(n), 2)
                 if ok(i, j) and score(texts[i], texts[j]) >= DEFAULT_THRESHOLD}
        lost = sorted(brute - {(i, j) for i, j, _ in similar})
        print(f"        brute force: {len(brute)} similar pairs in {time.perf_counter() - t0:.1f} s; "
              f"the join lost {len(lost)}")
        for i, j in lost[:3]:  # under the word-overlap floor: show them, to judge whether they matter
            print(f"          lost (score {score(texts[i], texts[j])}, word overlap {overlap(texts[i], texts[j]):.2f}):"
                  f" '{texts[i]}' / '{texts[j]}'")


if __name__ == "__main__":
    for size in [int(a) for a in sys.argv[1:]] or [1000, 3000, 10000]:
        measure(size)
