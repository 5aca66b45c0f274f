"""The sub-quadratic similarity joins find exactly what comparing every pair finds.

Each join is checked against a brute-force run on a generated corpus: plan-like
sentences from a small vocabulary (so that many pairs share words), with
planted restatements (words dropped, inserted, a sentence embedded in a longer
one). The joins must return the same pairs while comparing far fewer.
"""
from __future__ import annotations

import random
from difflib import SequenceMatcher
from itertools import combinations

import pytest

from goldenthread.model.analysis.similarity import (CLAUSE_BREAK, DEFAULT_MIN_JACCARD, PairStats, contained_pairs, score,
                                       shared_passages, similar_pairs)
from goldenthread.model.analysis.wording import STOPWORDS

VOCABULARY = ("review strategy board children care leavers placement stability neglect training audit "
              "quality assurance framework practice week partners school attendance referrals early help "
              "locality hub foster carers recruitment workforce health check supervision caseload data "
              "dashboard performance report service development plan outcome improvement").split()


def corpus(n: int, seed: int = 7) -> list[list[str]]:
    rng = random.Random(seed)
    texts = []
    for _ in range(n):
        roll = rng.random()
        if texts and roll < 0.15:        # a restatement with a word dropped or inserted
            words = list(rng.choice(texts))
            if len(words) > 4 and rng.random() < 0.5:
                del words[rng.randrange(len(words))]
            else:
                words.insert(rng.randrange(len(words) + 1), rng.choice(VOCABULARY))
        elif texts and roll < 0.25:      # an earlier sentence embedded in a longer one
            words = [rng.choice(VOCABULARY) for _ in range(rng.randint(1, 4))] + list(rng.choice(texts)) + \
                [rng.choice(VOCABULARY) for _ in range(rng.randint(0, 4))]
        else:
            words = [rng.choice(VOCABULARY) for _ in range(rng.randint(3, 14))]
        texts.append(words)
    return texts


def jaccard(a: str, b: str) -> float:
    x = {w for w in a.split() if w not in STOPWORDS}
    y = {w for w in b.split() if w not in STOPWORDS}
    return len(x & y) / len(x | y) if x | y else 0.0


@pytest.mark.parametrize("threshold", [80.0, 90.0])
def test_similar_pairs_match_brute_force_within_the_jaccard_floor(threshold):
    texts = [" ".join(words) for words in corpus(250)]
    stats = PairStats()
    found = similar_pairs(texts, threshold=threshold, stats=stats)
    brute = [(i, j, score(texts[i], texts[j])) for i, j in combinations(range(len(texts)), 2)
             if jaccard(texts[i], texts[j]) >= DEFAULT_MIN_JACCARD and score(texts[i], texts[j]) >= threshold]
    assert found == brute
    assert len(found) > 10                       # the planted restatements are there to be found
    assert stats.compared < stats.all_pairs / 5  # and most pairs were never scored


def test_the_jaccard_floor_loses_no_planted_restatement():
    """Pairs above the score threshold but under the Jaccard floor: none among near-identical texts."""
    texts = [" ".join(words) for words in corpus(250)]
    lost = [(i, j) for i, j in combinations(range(len(texts)), 2)
            if score(texts[i], texts[j]) >= 90 and jaccard(texts[i], texts[j]) < DEFAULT_MIN_JACCARD]
    assert lost == []


def test_shared_passages_match_brute_force():
    texts = corpus(300)
    stats = PairStats()
    found = shared_passages(texts, min_words=6, stats=stats)
    brute = {}
    for i, j in combinations(range(len(texts)), 2):
        block = SequenceMatcher(None, texts[i], texts[j], autojunk=False).find_longest_match()
        if block.size >= 6:
            brute[(i, j)] = (block.a, block.b, block.size)
    assert found == brute
    assert found and stats.compared < stats.all_pairs / 10


def test_contained_pairs_match_brute_force():
    texts = [[w for w in words if w not in STOPWORDS] for words in corpus(300)]
    found = contained_pairs(texts, min_words=4)
    brute = []
    for i, short in enumerate(texts):
        for j, long in enumerate(texts):
            if i != j and len(set(short)) >= 4 and len(long) > len(short) and any(
                    long[k:k + len(short)] == short for k in range(len(long) - len(short) + 1)):
                brute.append((i, j))
    assert found == sorted(brute)
    assert found


def test_a_restatement_cannot_straddle_a_clause_break():
    short = ["service", "delivery", "plan", "place"]
    across = ["review", "service", "delivery", "plan", CLAUSE_BREAK, "place", "august"]
    within = ["review", "service", "delivery", "plan", "place", CLAUSE_BREAK, "august"]
    assert contained_pairs([short, across, within]) == [(0, 2)]


def test_allowed_vetoes_pairs_before_they_are_scored():
    texts = ["develop leaving care strategy care leavers", "develop leaving care strategy care leavers"]
    assert similar_pairs(texts) == [(0, 1, 100.0)]
    assert similar_pairs(texts, allowed=lambda i, j: False) == []
    assert shared_passages([t.split() for t in texts], min_words=3, allowed=lambda i, j: False) == {}


def test_score_tolerates_split_words_and_reordering_but_not_containment():
    assert score("in house foster carers recruited", "inhouse foster carers recruited") > 95
    assert score("review special guardianship", "special guardianship review") == 100
    assert score("neglect strategy", "the neglect strategy is refreshed with partners across the borough") < 60
