"""Duplicates: the same thing said twice in a plan, and whether the two say the same about its status.

What is compared are *statements*: an action's title, each line of its text
and each of its "how to achieve" steps; each line of an indicator; each line
of an outcome. Statements are reduced to canonical words
(:class:`model.analysis.wording.Wording`: case, punctuation, cross-references,
spelled-out acronyms and word endings do not count).

* ``duplicate`` (warning): the same text in two or more items, either a whole
  statement, or a passage of at least :data:`PASSAGE_WORDS` consecutive words
  with at least :data:`PASSAGE_CONTENT_WORDS` distinct content words (so a
  sentence repeated inside two longer cells is found, while a stock phrase
  such as "the right children at the right time" is not);
* ``near-duplicate`` (info): a short statement restated, word for word but
  for stopwords, inside another item's statement; or two statements scoring
  at least *threshold* (0-100) with :func:`model.analysis.similarity.score`.
  The score is in ``details``.
* ``status-conflict`` (warning): the items of a duplicate or near-duplicate
  carry outcomes that disagree on RAG or timescale. An outcome's status is its
  own; an action's or indicator's is its action's outcome when the action has
  exactly one (otherwise it cannot be told which outcome goes with it).

Not reported, because a planner would not call it a duplicate: statements
of fewer than :data:`MIN_WORDS` distinct content words ("Monthly", "Data
Monitoring"); a repeat inside one item; and a statement restated one level
down its own thread (an action's step restated as one of its own indicators or
outcomes says how the action is measured, it does not say it twice). Each
pair of items is reported once, by its strongest evidence.

Statements joined by any of this evidence form *clusters*: one finding per
cluster, whatever its size (2,000 copies of a statement are one finding, not
two million), naming at most :data:`INLINE` items in its message and all of
them in ``nodes``. Every search is bounded by the plan's words, not by pairs
of statements (see :func:`duplicates` and :mod:`model.analysis.similarity`).

>>> from goldenthread.model.analysis._examples import tiny_graph
>>> [(f.code, f.nodes) for f in duplicates(tiny_graph())]  # doctest: +NORMALIZE_WHITESPACE
[('duplicate', ('LP1.a', 'DP1.cp')),
 ('status-conflict', ('LP1.a.o1', 'DP1.cp.o1'))]
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from functools import partial

import networkx as nx

from goldenthread.model.analysis.findings import Finding, finding, source_of
from goldenthread.model.forked import run_forked
from goldenthread.model.analysis.similarity import (
    CLAUSE_BREAK,
    DEFAULT_THRESHOLD,
    Clusters,
    contained_pairs,
    longest_run,
    partial_score,
    passage_windows,
    similar_pairs,
    word_positions,
)
from goldenthread.model.analysis.wording import STOPWORDS, Wording

from goldenthread.model.queries import children, kind_of, one_line, reading_order
from goldenthread.model.nodes import ACTION, Attr, INDICATOR, OUTCOME, PRIORITY

#: From this many statements, the similar-statement search runs in a second process when it can.
FORK_FROM = 2000
#: A finding names this many items in its message; ``nodes`` (and the JSON) hold them all.
INLINE = 5
#: A message quotes at most this many characters of a statement (of each, when it quotes two).
QUOTE_CHARS, PAIR = 90, 60
#: Statements with fewer distinct content words are too generic to compare.
MIN_WORDS = 4
#: A shared passage must run this many consecutive words...
PASSAGE_WORDS = 8
#: ...and hold this many distinct content words to count as the same text.
PASSAGE_CONTENT_WORDS = 6
_KINDS = (ACTION, INDICATOR, OUTCOME)
_BREAK = re.compile(r"[()\[\];:.!?]|\s[-–—]\s")


@dataclass(frozen=True)
class Statement:
    """One comparable statement: its node, field (``title``, ``text``, ``steps``), text and canonical words."""

    node: str
    field: str
    text: str
    words: tuple[str, ...]
    wording: Wording = dataclass_field(repr=False, compare=False)

    def clauses(self) -> list[str]:
        """Content words with :data:`CLAUSE_BREAK` wherever brackets or clause punctuation fall between two.

        A statement restated inside another must lie within one of its
        clauses: "Service Delivery Plans in place" is not restated by "the
        service delivery plan (in place August 2020)".
        """
        if _BREAK.search(self.text) is None:   # most statements: one clause, read without looking closer
            return [w for w in self.words if w not in STOPWORDS]
        out: list[str] = []
        broken = False
        for between, words in self.wording.runs(self.text):
            # most words are one space apart, and a space alone is no break: skip the search
            broken = broken or (between != " " and _BREAK.search(between) is not None)
            if not words:          # a token of no word: what is before it counts for the next
                continue
            if broken and out and out[-1] != CLAUSE_BREAK:
                out.append(CLAUSE_BREAK)
            broken = False
            out += [w for w in words if w not in STOPWORDS]
        return out

    def quote(self, start: int, length: int) -> str:
        """The original text of canonical words ``start .. start+length``."""
        spans = self.wording.spans(self.text)
        return " ".join(self.text[spans[start][1]:spans[start + length - 1][2]].split())


def plan_wording(g: nx.MultiDiGraph) -> Wording:
    """A :class:`Wording` with the acronyms the plan spells out, one passage per priority."""
    passages: dict[str, list[str]] = {}
    for node, data in g.nodes(data=True):
        key = node if data[Attr.KIND] == PRIORITY else data.get(Attr.PRIORITY) or node
        texts = passages.setdefault(key, [])
        texts += [data[name] for name in ("heading", "title", "text") if data.get(name)]   # graph.item_texts, inline
        texts += data.get(Attr.STEPS) or ()
    return Wording.from_texts(passages.values())


def statements(g: nx.MultiDiGraph, wording: Wording | None = None) -> list[Statement]:
    """Every comparable statement of actions, indicators and outcomes, in reading order.

    A statement repeated inside one item is kept once.
    """
    wording = wording or plan_wording(g)
    found: list[Statement] = []
    for node, data in g.nodes(data=True):
        if data[Attr.KIND] not in _KINDS:
            continue
        pieces = [("title", data.get(Attr.TITLE))] if data[Attr.KIND] == ACTION else []
        pieces += [("text", line) for line in (data.get(Attr.TEXT) or "").splitlines()]
        pieces += [("steps", step) for step in data.get(Attr.STEPS) or ()]
        seen: set[tuple[str, ...]] = set()
        for field, text in pieces:
            if not text:
                continue
            key = tuple(wording.words(text))
            if key in seen or len(set(key) - STOPWORDS) < MIN_WORDS:
                continue
            seen.add(key)
            found.append(Statement(node, field, text, key, wording))
    return found


def _thread(g: nx.MultiDiGraph, node: str) -> str:
    """The action a node belongs to (an action is its own)."""
    data = g.nodes[node]
    return node if data[Attr.KIND] == ACTION else data.get(Attr.ACTION) or node


def comparable(g: nx.MultiDiGraph, a: str, b: str) -> bool:
    """Whether nodes *a* and *b* may duplicate each other.

    Not within one node, and not across levels of one action (the action,
    its indicators, its outcomes); two outcomes or two indicators of one
    action are compared.
    """
    return _comparable(_standing(g, a), _standing(g, b))


def _standing(g: nx.MultiDiGraph, node: str) -> tuple[str, str, str]:
    """What :func:`comparable` needs to know of a node: itself, its thread and its kind."""
    return node, _thread(g, node), kind_of(g, node)


def _comparable(a: tuple[str, str, str], b: tuple[str, str, str]) -> bool:
    """:func:`comparable`, given each node's :func:`_standing`."""
    if a[0] == b[0]:
        return False
    return a[1] != b[1] or a[2] == b[2]


@dataclass
class _Evidence:
    """Why statements are duplicates: a group of the same statement, or one pair."""

    rank: int            # 0 same statement, 1 shared passage, 2 contained, 3 similar
    code: str
    members: list[int]   # statements, by index
    message: str
    details: dict


@dataclass
class _Cluster:
    """Statements joined by evidence of one code: one finding."""

    code: str
    rank: int
    members: list[int]
    evidence: list[_Evidence]
    nodes: list[str] = dataclass_field(default_factory=list)


def duplicates(g: nx.MultiDiGraph, *, threshold: float = DEFAULT_THRESHOLD) -> Iterator[Finding]:
    """``duplicate``, ``near-duplicate`` and ``status-conflict`` findings, in reading order.

    Statements joined by evidence form clusters (the connected groups of
    "the same as", statement by statement): one finding per cluster, naming at
    most :data:`INLINE` items in its message and all of them in ``nodes``.
    Every search is bounded by the plan's words, not by pairs of statements
    (see :mod:`model.analysis.similarity`), so the findings, and the work, grow
    with the plan whatever it says.
    """
    order = reading_order(g)
    stmts = statements(g)
    standing = {node: _standing(g, node) for node in dict.fromkeys(s.node for s in stmts)}
    of_statement = [standing[s.node] for s in stmts]          # looked up once, not once per pair
    ok = lambda i, j: _comparable(of_statement[i], of_statement[j])
    # The near-duplicate searches compare distinct wordings: a statement said 2,000 times is compared once.
    wordings: dict[tuple[str, ...], list[int]] = {}
    for i, s in enumerate(stmts):
        wordings.setdefault(s.words, []).append(i)
    holders = list(wordings.values())
    samples = [_sample(of_statement, held) for held in holders]
    pick = lambda u, v: _pick(ok, samples[u], samples[v])
    allowed = lambda u, v: pick(u, v) is not None
    # the longest search, in a second process where there is a second processor (model.forked)
    similar = run_forked(partial(_similar_links, [" ".join(w) for w in wordings], threshold, allowed),
                         worth=len(stmts) >= FORK_FROM)
    try:
        same = list(_same_statements(g, stmts, holders, of_statement))
        passages = list(_shared_passages(g, stmts, of_statement, ok))
        restated = list(_restatements(g, stmts, holders, pick))
    except BaseException:                  # an error, Ctrl+C, SIGTERM: the child's work is not wanted
        getattr(similar, "cancel", lambda: None)()
        raise
    pairs = similar()
    near = [*restated, *_similar_statements(g, stmts, [(*pick(u, v), sc) for u, v, sc in pairs])]
    clusters = _clusters(stmts, [*same, *passages], "duplicate")
    clusters += _clusters(stmts, near, "near-duplicate")
    for cluster in _strongest(stmts, clusters, order):
        nodes = cluster.nodes
        first = cluster.evidence[0]
        if len(cluster.evidence) == 1:
            message, details = first.message, first.details
        else:
            message, details = _cluster_message(g, stmts, cluster, first), {**first.details, "items": len(nodes)}
        yield finding(cluster.code, message, nodes, source_of(g, nodes[0]),
                      priorities=_priorities(g, nodes), **details)
        yield from _status_conflicts(g, [stmts[m] for m in cluster.members], cluster.code, order)


def _sample(standing: list[tuple[str, str, str]], held: list[int]) -> list[int]:
    """A few of the statements *held* (one wording's), enough to tell whether any of them may duplicate another's.

    Two statements may not duplicate each other only within one node, or one
    thread across kinds (:func:`comparable`). So two statements of different
    threads, and per kind two of different nodes, stand for all: if any pair of
    two wordings' statements is comparable, a pair of their samples is.
    """
    threads: dict[str, int] = {}
    by_kind: dict[str, dict[str, int]] = {}
    for i in held:
        node, thread, kind = standing[i]
        if len(threads) < 2:
            threads.setdefault(thread, i)
        nodes = by_kind.setdefault(kind, {})
        if len(nodes) < 2:
            nodes.setdefault(node, i)
    return list(dict.fromkeys([*threads.values(), *(i for nodes in by_kind.values() for i in nodes.values())]))


def _pick(ok, a: list[int], b: list[int]) -> tuple[int, int] | None:
    """A comparable pair of statements, one of sample *a* and one of *b*, the earliest; ``None`` if none is."""
    return next(((i, j) for i in a for j in b if ok(min(i, j), max(i, j))), None)


def _similar_links(texts: list[str], threshold: float, allowed) -> list[tuple[int, int, float]]:
    """:func:`similar_pairs` with fresh :class:`Clusters`: at most one link per text joins the clusters."""
    return similar_pairs(texts, threshold=threshold, allowed=allowed, clusters=Clusters(len(texts)))


def _same_statements(g, stmts: list[Statement], holders: list[list[int]], standing) -> Iterator[_Evidence]:
    """One group per statement that appears, whole, in two or more items (found by hashing).

    A member must be comparable with another member: counted, not tried pair by pair.
    """
    for held in holders:
        if len(held) < 2:
            continue
        threads = Counter(standing[m][1] for m in held)
        kinds = Counter(standing[m][1:] for m in held)
        nodes = Counter(standing[m] for m in held)
        members = [m for m in held if threads[standing[m][1]] < len(held)
                   or kinds[standing[m][1:]] > nodes[standing[m]]]
        if len({stmts[m].node for m in members}) > 1:
            first = stmts[members[0]]
            yield _Evidence(0, "duplicate", members,
                            f"the same statement appears in {_places(g, stmts, members)}: '{_quote(first.text)}'",
                            {"text": first.text})


def _shared_passages(g, stmts: list[Statement], standing, ok) -> Iterator[_Evidence]:
    """Pairs sharing a passage of :data:`PASSAGE_WORDS` words, :data:`PASSAGE_CONTENT_WORDS` of them content.

    Each shared window (:func:`passage_windows`) links its holders to one
    another, holder by holder; the quote is the longest run the two share.
    """
    joined = Clusters(len(stmts))
    positions: dict[int, dict[str, list[int]]] = {}
    windows = passage_windows([s.words for s in stmts], min_words=PASSAGE_WORDS, min_content=PASSAGE_CONTENT_WORDS)
    for held in windows.values():
        held = list(dict.fromkeys(i for i, _ in held))
        for i, j in _partners(held, standing, ok):
            if not joined.join(i, j):
                continue
            if j not in positions:
                positions[j] = word_positions(stmts[j].words)
            a, _, size = longest_run(stmts[i].words, positions[j])
            words = stmts[i].words
            while size and words[a] in STOPWORDS:      # quote from the first to the last content word
                a, size = a + 1, size - 1
            while size and words[a + size - 1] in STOPWORDS:
                size -= 1
            quote = stmts[i].quote(a, size)
            yield _Evidence(1, "duplicate", [i, j],
                            f"{_places(g, stmts, [i, j])} share a passage of {size} words: '{_quote(quote)}'",
                            {"text": quote, "words": size})


def _partners(held: list[int], standing, ok) -> Iterator[tuple[int, int]]:
    """``(i, j)``, i < j: links among statements that all hold one text, joining as many as
    :func:`comparable` allows (each statement with a comparable partner gets one), in linear time:
    each is tried against the few statements of :func:`_sample`, which stand for all."""
    sample = _sample(standing, held)
    for i in held:
        j = next((j for j in sample if j != i and ok(min(i, j), max(i, j))), None)
        if j is not None:
            yield min(i, j), max(i, j)


def _restatements(g, stmts: list[Statement], holders: list[list[int]], pick) -> Iterator[_Evidence]:
    """Pairs where one short statement is restated, word for word but for stopwords, inside the other.

    Searched among distinct wordings (*holders*: each wording's statements); at most one
    link per wording comes out (see :func:`contained_pairs`).
    """
    clauses = [stmts[held[0]].clauses() for held in holders]
    for u, v in contained_pairs(clauses, min_words=MIN_WORDS, allowed=lambda u, v: pick(u, v) is not None,
                                clusters=Clusters(len(holders))):
        a, b = pick(min(u, v), max(u, v))        # a holds the smaller wording's index, b the larger's
        i, j = (a, b) if u < v else (b, a)      # i: the short statement, j: the long one
        sc = partial_score(" ".join(stmts[i].words), " ".join(stmts[j].words))
        yield _Evidence(2, "near-duplicate", [i, j],
                        f"{_places(g, stmts, [i])} '{_quote(stmts[i].text, PAIR)}' is restated (score {sc:g}) in "
                        f"{_places(g, stmts, [j])}: '{_quote(stmts[j].text, PAIR)}'",
                        {"texts": [stmts[i].text, stmts[j].text], "score": sc, "method": "contained"})


def _similar_statements(g, stmts: list[Statement], pairs: list[tuple[int, int, float]]) -> Iterator[_Evidence]:
    """Pairs of statements whose wording scores at least the threshold (*pairs*, from :func:`similar_pairs`)."""
    for i, j, sc in pairs:
        yield _Evidence(3, "near-duplicate", [i, j],
                        f"similar statements (score {sc:g}) in {_places(g, stmts, [i, j])}: "
                        f"'{_quote(stmts[i].text, PAIR)}' / '{_quote(stmts[j].text, PAIR)}'",
                        {"texts": [stmts[i].text, stmts[j].text], "score": sc, "method": "similar"})


def _clusters(stmts: list[Statement], evidence: list[_Evidence], code: str) -> list[_Cluster]:
    """The statements joined by *evidence* (strongest first), as clusters, each with the evidence that joined it."""
    joined = Clusters(len(stmts))
    used: list[_Evidence] = []
    for e in sorted(evidence, key=lambda e: e.rank):
        # a group joins its members one by one; evidence that joins nothing new is left out
        if any([joined.join(e.members[0], m) for m in e.members[1:]]):
            used.append(e)
    clusters: dict[int, _Cluster] = {}
    for e in used:
        root = joined.find(e.members[0])
        cluster = clusters.setdefault(root, _Cluster(code, e.rank, [], []))
        cluster.evidence.append(e)
        cluster.members += e.members
    for cluster in clusters.values():
        cluster.members = list(dict.fromkeys(cluster.members))
    return list(clusters.values())


def _strongest(stmts: list[Statement], clusters: list[_Cluster], order) -> list[_Cluster]:
    """Clusters in reading order, each with its items; a cluster whose items are all joined
    already, by a duplicate cluster or a larger near-duplicate one, is left out."""
    node_ids = {node: n for n, node in enumerate(dict.fromkeys(s.node for s in stmts))}
    items = Clusters(len(node_ids))
    kept = []
    for cluster in sorted(clusters, key=lambda c: (c.code != "duplicate", c.rank, -len(c.members))):
        nodes = sorted(dict.fromkeys(stmts[m].node for m in cluster.members), key=order.get)
        ids = [node_ids[n] for n in nodes]
        if all(items.same(ids[0], i) for i in ids[1:]):
            continue                      # its items are said to be the same already, on stronger evidence
        for i in ids[1:]:
            items.join(ids[0], i)
        cluster.nodes = nodes
        kept.append(cluster)
    return sorted(kept, key=lambda c: (order[c.nodes[0]], c.rank, [order[n] for n in c.nodes[:INLINE]]))


def _cluster_message(g, stmts: list[Statement], cluster: _Cluster, first: _Evidence) -> str:
    """A cluster joined by several pieces of evidence, in words: its items (the first few) and one example."""
    places = _places(g, stmts, cluster.members)
    if cluster.code == "duplicate":
        return f"the same text is in {len(cluster.nodes)} items, {places}: '{_quote(first.details['text'])}'"
    texts = first.details["texts"]
    return (f"{len(cluster.nodes)} items say nearly the same thing, {places}: "
            f"'{_quote(texts[0], PAIR)}' / '{_quote(texts[1], PAIR)}' (score {first.details['score']:g})")


def _places(g: nx.MultiDiGraph, stmts: list[Statement], indices: list[int]) -> str:
    """The items of statements *indices*, as "A (outcome, LP1), B (...) and C (...)": at most :data:`INLINE`
    named, and how many more."""
    places: dict[str, None] = {}
    nodes: set[str] = set()
    for i in indices:
        s, data = stmts[i], g.nodes[stmts[i].node]
        nodes.add(s.node)
        if len(places) < INLINE:
            what = {"title": "action", "text": data[Attr.KIND], "steps": "action step"}[s.field]
            places[f"{s.node} ({what}, {data.get('priority') or s.node})"] = None
    named, more = list(places), len(nodes) - len(places)
    if more > 0:
        return ", ".join(named) + f" and {more} more"
    return named[0] if len(named) == 1 else ", ".join(named[:-1]) + " and " + named[-1]


def _quote(text: str, width: int = QUOTE_CHARS) -> str:
    """A statement inside a message: on one line, cut between words (:func:`model.queries.one_line`)."""
    return one_line(text, width)


def _priorities(g: nx.MultiDiGraph, nodes: list[str]) -> list[str]:
    return list(dict.fromkeys(g.nodes[n].get(Attr.PRIORITY) or n for n in nodes))


def _outcome_of(g: nx.MultiDiGraph, statement: Statement) -> str | None:
    """The outcome whose RAG and timescale stand for *statement*, if one can be told.

    An outcome's own. For an indicator, the one outcome of its action that
    comes from the same row of the source table (overlapping source lines).
    Otherwise, for an action's title or text or an indicator, the action's
    outcome when it has exactly one. A step is one of several things its
    action does, so no outcome stands for it.
    """
    node = statement.node
    if kind_of(g, node) == OUTCOME:
        return node
    if statement.field == "steps":
        return None
    outcomes = children(g, _thread(g, node), OUTCOME)
    if kind_of(g, node) == INDICATOR:
        same_row = [o for o in outcomes if _overlap(g, node, o)]
        if len(same_row) == 1:
            return same_row[0]
    return outcomes[0] if len(outcomes) == 1 else None


def _overlap(g: nx.MultiDiGraph, a: str, b: str) -> bool:
    """Whether two nodes come from overlapping lines of the same source document."""
    sa, sb = g.nodes[a].get(Attr.SOURCE) or {}, g.nodes[b].get(Attr.SOURCE) or {}
    la, lb = sa.get("lines"), sb.get("lines")
    return bool(la and lb) and sa.get("file") == sb.get("file") and la[0] <= lb[-1] and lb[0] <= la[-1]


def _status_conflicts(g: nx.MultiDiGraph, members: list[Statement], code: str,
                      order: dict[str, int]) -> list[Finding]:
    nodes = list(dict.fromkeys(s.node for s in members))
    outcomes = sorted({o for o in (_outcome_of(g, s) for s in members) if o}, key=order.get)
    if len(outcomes) < 2:
        return []
    rags = {g.nodes[o].get(Attr.RAG) for o in outcomes} - {None}
    dues = {_timescale_key(g, o) for o in outcomes} - {None}
    disagree = [name for name, values in (("RAG", rags), ("timescale", dues)) if len(values) > 1]
    if not disagree:
        return []
    described = ", ".join(f"{o} {g.nodes[o].get('rag') or 'no RAG'} "
                          f"({g.nodes[o].get('timescale') or 'no timescale'})" for o in outcomes[:INLINE])
    if len(outcomes) > INLINE:
        described += f" and {len(outcomes) - INLINE} more"
    what = "duplicates" if code == "duplicate" else "near-duplicates"
    return [finding("status-conflict", f"{what} disagree on {' and '.join(disagree)}: {described}",
                    outcomes, source_of(g, outcomes[0]), disagree_on=disagree, items=nodes)]


def _timescale_key(g: nx.MultiDiGraph, outcome: str) -> str | None:
    parsed = g.nodes[outcome].get(Attr.PARSED_TIMESCALE) or {}
    if parsed.get("due") or parsed.get("recurrence"):
        return parsed.get("due") or parsed["recurrence"]
    return " ".join(parsed["raw"].lower().split()) if parsed.get("raw") else None
