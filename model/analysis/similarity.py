"""Text similarity at scale: three ways two statements can say the same thing, none quadratic.

Statements arrive as canonical word lists (:class:`model.analysis.wording.Wording`).

:func:`shared_passages`: the two share a run of at least *min_words*
consecutive words, word for word. Every such run contains a shared
*min_words*-word shingle, so an inverted index of shingles yields exactly the
candidate pairs; only those are aligned (the longest run, as :class:`difflib.SequenceMatcher` finds it).

:func:`contained_pairs`: every content word of a short statement appears, in
order and together, inside a longer one ("Reviewed QA Framework" inside
"Review the Quality Assurance Framework and Practice Standards..."). Found by
indexing each statement's content-word shingles and probing with the rarest
shingle of each statement.

:func:`similar_pairs`: the whole texts score at least *threshold* with
:func:`score`: the higher of rapidfuzz's ``ratio`` (an edit-distance ratio of
the texts, robust to a word split or joined: "in house" / "in-house") and
``token_sort_ratio`` (the same over the sorted words, robust to reordering).
Why these: plans restate an item with words inserted, dropped or reordered,
and both score that high while they *penalise* a short text that is merely
contained in a long one. ``token_set_ratio`` and ``WRatio`` score "Neglect
Strategy" against any paragraph that mentions it at or near 100, which floods
a report; the containment case is handled, word for word, by
:func:`contained_pairs`.
Candidates come from prefix filtering (the AllPairs set-similarity join):
words are ordered rarest first, and two texts whose word sets reach a Jaccard
similarity of *min_jaccard* must share two or three of the first few rare
words of each (one, for long texts; see :func:`_overlap_candidates`). Texts that say the same thing share most of their words: the floor
(0.5) loses only pairs that share little but a stock phrase ("... the right
children at the right time"), which a planner would not call duplicates
anyway. ``benchmarks/bench_duplicates.py`` measures the comparisons saved and
shows the pairs lost against brute force.
"""
from __future__ import annotations

import math
from collections import Counter, defaultdict, deque
from dataclasses import dataclass
from itertools import chain, combinations, repeat
from typing import Callable, Iterator, Sequence

from rapidfuzz import fuzz

from goldenthread.model.analysis.wording import STOPWORDS

#: A clause boundary among content words (see :meth:`model.analysis.duplicates.Statement.clauses`).
CLAUSE_BREAK = "|"
#: Default score (0-100) at or above which two statements are near-duplicates.
DEFAULT_THRESHOLD = 90.0
#: Default Jaccard floor of word sets for a pair to be scored at all.
DEFAULT_MIN_JACCARD = 0.5

Allowed = Callable[[int, int], bool] | None
#: With *clusters*, a key of the similar-statement index holds at most this many statements...
MAX_POSTING = 64
#: ...and at most this many of one cluster: a cluster needs only a few to be found by a newcomer.
PER_CLUSTER = 2


class Clusters:
    """Disjoint sets of statements (union-find): joined statements are not compared again.

    The searches below take one so that a plan of many similar statements costs
    work in proportion to its statements, not to their pairs: a statement found
    similar to one member of a cluster joins it, and is not compared with the rest.

    >>> c = Clusters(4)
    >>> c.join(0, 1), c.join(1, 0), c.same(0, 1), c.same(0, 2)
    (True, False, True, False)
    """

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, i: int) -> int:
        parent = self.parent
        root = i
        while parent[root] != root:
            root = parent[root]
        while parent[i] != root:               # path compression: later finds are one step
            parent[i], i = root, parent[i]
        return root

    def same(self, i: int, j: int) -> bool:
        return self.find(i) == self.find(j)

    def join(self, i: int, j: int) -> bool:
        """Put *i* and *j* in one cluster; ``False`` when they already were."""
        a, b = self.find(i), self.find(j)
        if a == b:
            return False
        self.parent[max(a, b)] = min(a, b)
        return True


def score(a: str, b: str) -> float:
    """Similarity of two normalised texts, 0-100 (see the module docstring for the choice).

    >>> score("strengthen multiagency board", "strengthen work multiagency board")
    91.8
    >>> score("in house foster carers recruited", "inhouse foster carers recruited")
    98.4
    """
    return round(max(fuzz.ratio(a, b), fuzz.token_sort_ratio(a, b)), 1)


def partial_score(short: str, long: str) -> float:
    """How well *short* matches the best part of *long*, 0-100 (:func:`rapidfuzz.fuzz.partial_ratio`).

    The score of a statement restated inside a longer one (:func:`contained_pairs`).

    >>> partial_score("review quality assurance framework", "review the quality assurance framework and practice")
    88.2
    """
    return round(fuzz.partial_ratio(short, long), 1)


@dataclass
class PairStats:
    """What a similarity join cost: pairs looked at (candidates) and pairs compared in full."""

    items: int = 0
    candidates: int = 0
    compared: int = 0

    @property
    def all_pairs(self) -> int:
        """n(n-1)/2: what comparing every pair would cost."""
        return self.items * (self.items - 1) // 2


def _ok(allowed: Allowed, i: int, j: int) -> bool:
    return allowed is None or allowed(min(i, j), max(i, j))


def shared_passages(words: Sequence[Sequence[str]], *, min_words: int = 8, allowed: Allowed = None,
                    stats: PairStats | None = None) -> dict[tuple[int, int], tuple[int, int, int]]:
    """``{(i, j): (start in i, start in j, length)}``: the longest common run of each pair, if >= *min_words*.

    >>> shared_passages([["a", "b", "c", "d"], ["x", "a", "b", "c"], ["b", "c", "d"]], min_words=3)
    {(0, 1): (0, 1, 3), (0, 2): (1, 0, 3)}
    """
    stats = stats if stats is not None else PairStats()
    stats.items = len(words)
    index = _shingle_index(words, min_words)
    # each list of an index holds ascending indices, each once: its 2-combinations are pairs i < j
    candidates = set(chain.from_iterable(combinations(ids, 2) for ids in index.values() if len(ids) > 1))
    found = {}
    positions: dict[int, dict[str, list[int]]] = {}
    for i, j in sorted(candidates):
        stats.candidates += 1
        if not _ok(allowed, i, j):
            continue
        stats.compared += 1
        if j not in positions:
            positions[j] = word_positions(words[j])
        block = longest_run(words[i], positions[j])
        if block[2] >= min_words:
            found[(i, j)] = block
    return found


def word_positions(words: Sequence[str]) -> dict[str, list[int]]:
    """Each word -> where it stands in *words*, ascending."""
    where: dict[str, list[int]] = defaultdict(list)
    for n, word in enumerate(words):
        where[word].append(n)
    return where


def longest_run(a: Sequence[str], b_positions: dict[str, list[int]]) -> tuple[int, int, int]:
    """``(start in a, start in b, length)`` of the longest run of *a* also in *b* (given by its positions).

    What :meth:`difflib.SequenceMatcher.find_longest_match` finds with no junk
    (the earliest in *a*, then in *b*, of the longest), without building the
    matcher's index of *b* again for every pair.

    >>> longest_run(["x", "b", "c", "y", "a", "b", "c"], word_positions(["a", "b", "c", "a", "b"]))
    (4, 0, 3)
    """
    best_i = best_j = best_size = 0
    run_ending: dict[int, int] = {}         # j -> length of the common run ending at a[i - 1], b[j]
    nothing: list[int] = []
    for i, word in enumerate(a):
        previous, run_ending = run_ending, {}
        for j in b_positions.get(word, nothing):
            k = run_ending[j] = previous.get(j - 1, 0) + 1
            if k > best_size:
                best_i, best_j, best_size = i - k + 1, j - k + 1, k
    return best_i, best_j, best_size


def _shingle_index(words: Sequence[Sequence[str]], size: int) -> dict[tuple[str, ...], list[int]]:
    """Each run of *size* consecutive words -> the statements (by index) that hold it, each once."""
    index: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, ws in enumerate(words):
        shingles = dict.fromkeys(zip(*(ws[k:] for k in range(size))))   # the runs, each once, in C
        deque(map(list.append, map(index.__getitem__, shingles), repeat(i)), 0)
    return index


def contained_pairs(content: Sequence[Sequence[str]], *, min_words: int = 4, allowed: Allowed = None,
                    stats: PairStats | None = None, clusters: Clusters | None = None) -> list[tuple[int, int]]:
    """``(short, long)`` pairs: all of *short*'s content words, in order and adjacent, inside *long*.

    Only statements of at least *min_words* distinct content words can be the short one. The
    lists may hold :data:`CLAUSE_BREAK` markers: a match cannot straddle one that the short
    statement does not have at the same place. With *clusters*, a pair already
    in one cluster is not compared, and a pair found joins its two clusters (so
    at most one pair per statement comes out).

    >>> contained_pairs([["review", "quality", "assurance", "framework"],
    ...                  ["review", "quality", "assurance", "framework", "practice", "standard"]])
    [(0, 1)]
    """
    stats = stats if stats is not None else PairStats()
    stats.items = len(content)
    index = _shingle_index(content, min_words)
    found = []
    for i, ws in enumerate(content):
        ws = _strip_breaks(ws)
        if len(set(ws) - {CLAUSE_BREAK}) < min_words:
            continue
        # A statement holding ws holds every shingle of it: the rarest one names the fewest candidates.
        holders = list(map(index.get, zip(*(ws[k:] for k in range(min_words)))))   # its shingles' holders
        for j in () if None in holders else min(holders, key=len):
            stats.candidates += 1
            if j == i or len(content[j]) <= len(ws) or not _ok(allowed, i, j):
                continue
            if clusters is not None and clusters.same(i, j):
                continue
            stats.compared += 1
            other = content[j]
            if any(other[k:k + len(ws)] == list(ws) for k in range(len(other) - len(ws) + 1)):
                found.append((i, j))
                if clusters is not None:
                    clusters.join(i, j)
    return sorted(found)


def _strip_breaks(words: Sequence[str]) -> list[str]:
    words = list(words)
    while words and words[0] == CLAUSE_BREAK:
        words.pop(0)
    while words and words[-1] == CLAUSE_BREAK:
        words.pop()
    return words


def similar_pairs(texts: Sequence[str], *, threshold: float = DEFAULT_THRESHOLD,
                  min_jaccard: float = DEFAULT_MIN_JACCARD, allowed: Allowed = None,
                  stats: PairStats | None = None, clusters: Clusters | None = None) -> list[tuple[int, int, float]]:
    """``(i, j, score)`` for every pair of *texts* (normalised) scoring at least *threshold*, i < j.

    Only pairs whose content-word sets reach a Jaccard similarity of
    *min_jaccard* are scored; all of those are found (see :func:`_overlap_candidates`).

    With *clusters*, work is bounded by the number of texts, whatever they say:
    a pair already in one cluster is not scored, a pair found joins its clusters
    (so fewer pairs than texts come out: the links of each cluster), and each
    key of the candidate index holds at most :data:`MAX_POSTING` texts,
    :data:`PER_CLUSTER` of any one cluster. A key held by more unrelated texts
    than that is a stock phrase of the plan, not evidence: a pair that shares
    nothing rarer may be missed. (On synthetic plans of ten times the bundled
    one, every planted near-duplicate is still found: ``tests/test_synth.py``.)

    >>> similar_pairs(["strengthen multiagency corporate parenting board",
    ...                "strengthen work multiagency corporate parenting board",
    ...                "review special guardianship"])
    [(0, 1, 95.0)]
    """
    stats = stats if stats is not None else PairStats()
    stats.items = len(texts)
    words = [[w for w in dict.fromkeys(t.split()) if w not in STOPWORDS] for t in texts]
    sizes = [len(ws) for ws in words]
    # Word sets as bits of an int: an intersection is one AND and a bit count, in C.
    df = Counter(chain.from_iterable(words))
    bit = {w: 1 << n for n, w in enumerate(sorted(df, key=lambda w: (-df[w], w)))}  # common words low
    bits = [sum(map(bit.__getitem__, ws)) for ws in words]
    found: list[tuple[int, int, float]] = []
    for x, candidates in _overlap_candidates(words, min_jaccard, clusters):
        stats.candidates += len(candidates)
        size, ys = sizes[x], list(candidates)
        shared = map(int.bit_count, map(bits[x].__and__, map(bits.__getitem__, ys)))
        for y in sorted(y for y, n in zip(ys, shared) if n >= min_jaccard * (size + sizes[y] - n)):
            i, j = min(x, y), max(x, y)
            if not _ok(allowed, i, j) or (clusters is not None and clusters.same(i, j)):
                continue
            stats.compared += 1
            s = score(texts[i], texts[j])
            if s >= threshold:
                found.append((i, j, s))
                if clusters is not None:
                    clusters.join(i, j)
    return sorted(found)


def _overlap_candidates(words: Sequence[Sequence[str]], min_jaccard: float,
                        clusters: Clusters | None = None) -> Iterator[tuple[int, set[int]]]:
    """``(x, ys)``: each word set, with the earlier, no larger sets it may reach *min_jaccard* with.

    Every pair of sets whose Jaccard similarity reaches *min_jaccard* comes out
    once (as ``x``, ``ys`` with the larger set as ``x``); most others do not.

    Prefix filtering (Bayardo et al., "Scaling up all pairs similarity
    search", 2007; Wang et al., "Can we beat the prefix filtering?", 2012):
    order each set's words rarest first. Two sets sharing *m* words share at
    least *k* of them among the first ``len - m + k`` words of each (the *k*
    rarest shared words come no later). The join needs ``m >= t|x|`` for the
    larger set *x* and ``m >= 2t/(1+t)|y|`` for the smaller *y*, hence
    prefixes; each set is indexed under the *k*-word combinations of its
    prefix and probes with those of its own. With *k* = 1 (one shared rare
    word) the candidates grow with the square of the plan, because a plan's
    vocabulary does not grow with it (each word recurs in every directorate);
    requiring *k* = 2 or 3 shared rare words keeps them few, for a handful of
    combinations per set. *k* (:func:`_words_in_common`) falls as sets get
    longer, where combinations get many and chance agreement rare.

    With *clusters* (see :func:`similar_pairs`), a key's list is capped, so a
    set's candidates are bounded whatever the plan says.
    """
    df = Counter(w for ws in words for w in ws)
    rarest_first = {w: r for r, w in enumerate(sorted(df, key=lambda w: (df[w], w)))}
    ordered = [sorted(rarest_first[w] for w in ws) for ws in words]
    index_bound = 2 * min_jaccard / (1 + min_jaccard)
    index: dict[int, dict[tuple[int, ...], list[int]]] = {}  # k -> k words of a prefix -> sets
    for x in sorted(range(len(words)), key=lambda i: (len(ordered[i]), i)):
        xs = ordered[x]
        if not xs:
            continue
        need = _at_least(min_jaccard * len(xs))       # shared words x needs with any smaller set
        probes = [map(by_words.get, combinations(xs[:len(xs) - max(need, k) + k], k))
                  for k, by_words in index.items() if k <= len(xs)]
        # C loops (map, filter, chain, set): this is the join's inner loop.
        yield x, set(chain.from_iterable(filter(None, chain.from_iterable(probes))))
        bound = _at_least(index_bound * len(xs))      # shared words x needs with any larger set
        k = min(_words_in_common(len(xs)), bound)
        by_words = index.setdefault(k, defaultdict(list))
        keys = combinations(xs[:len(xs) - bound + k], k)
        if clusters is None:
            # by_words[key].append(x) for each key, in C
            deque(map(list.append, map(by_words.__getitem__, keys), repeat(x)), 0)
            continue
        root = clusters.find(x)
        for key in keys:
            held = by_words[key]
            if len(held) < MAX_POSTING and sum(clusters.find(y) == root for y in held) < PER_CLUSTER:
                held.append(x)


def _words_in_common(size: int) -> int:
    """How many rare words a set of *size* words must share with another to be a candidate (see above)."""
    return 3 if size <= 12 else 2 if size <= 30 else 1


def _at_least(bound: float) -> int:
    """The smallest whole number of words at least *bound*, rounding error forgiven (so never too many)."""
    return max(1, math.ceil(bound - 1e-9))


def passage_windows(words: Sequence[Sequence[str]], *, min_words: int = 8, min_content: int = 6,
                    max_words: int = 64, stopwords: frozenset[str] = STOPWORDS) -> dict[tuple[str, ...], list[tuple[int, int]]]:
    """``{passage: [(statement, start), ...]}`` for passages held by two or more statements.

    A passage, here, is a *window*: the shortest run of words from some start
    that has at least *min_words* words and *min_content* distinct content words.
    Two statements share a run of that many words and content words exactly when
    they share a window (the window from the run's start lies within the run),
    and every statement holding a window shares it with every other: a window's
    holders are one group. Windows are found with two pointers (the shortest
    end never moves back as the start moves on), so the work is a few steps
    per word, whatever the plan says. A window longer than *max_words* is
    skipped: that many words with so few content words is filler, not a
    passage, and skipping it keeps the keys' total size linear in the words.

    >>> ws = [["a", "b", "c", "d", "e"], ["x", "b", "c", "d", "e"], ["b", "c", "d", "y"]]
    >>> passage_windows(ws, min_words=3, min_content=3, stopwords=frozenset())
    {('b', 'c', 'd'): [(0, 1), (1, 1), (2, 0)], ('c', 'd', 'e'): [(0, 2), (1, 2)]}
    """
    index: dict[tuple[str, ...], list[tuple[int, int]]] = defaultdict(list)
    for i, ws in enumerate(words):
        seen: set[tuple[str, ...]] = set()
        counts: Counter = Counter()
        distinct = end = 0
        for start in range(len(ws)):
            while end < len(ws) and (end - start < min_words or distinct < min_content):
                if ws[end] not in stopwords:
                    counts[ws[end]] += 1
                    distinct += counts[ws[end]] == 1
                end += 1
            if end - start < min_words or distinct < min_content:
                break                       # no window from here, nor from any later start
            key = tuple(ws[start:end]) if end - start <= max_words else None
            if key is not None and key not in seen:
                seen.add(key)
                index[key].append((i, start))
            if ws[start] not in stopwords:
                counts[ws[start]] -= 1
                distinct -= counts[ws[start]] == 0
    return {key: held for key, held in index.items() if len(held) > 1}
