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
pair of items is reported once, by its strongest evidence. All three searches
are sub-quadratic (see :mod:`model.analysis.similarity`).

>>> from goldenthread.model.analysis._examples import tiny_graph
>>> [(f.code, f.nodes) for f in duplicates(tiny_graph())]  # doctest: +NORMALIZE_WHITESPACE
[('duplicate', ('LP1.a', 'DP1.cp')),
 ('status-conflict', ('LP1.a.o1', 'DP1.cp.o1'))]
"""
from __future__ import annotations

import re
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
    contained_pairs,
    partial_score,
    shared_passages,
    similar_pairs,
)
from goldenthread.model.analysis.wording import STOPWORDS, Wording

from goldenthread.model.queries import children, kind_of, reading_order
from goldenthread.model.nodes import ACTION, Attr, INDICATOR, OUTCOME, PRIORITY

#: From this many statements, the similar-statement search runs in a second process when it can.
FORK_FROM = 2000
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
        texts += [data[name] for name in ("title", "text") if data.get(name)]   # graph.item_texts, inline
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
    """Why two items (or a group) are duplicates; the strongest evidence per pair wins."""

    rank: int            # 0 same statement, 1 shared passage, 2 contained, 3 similar
    code: str
    members: list[Statement]
    message: str
    details: dict

    @property
    def nodes(self) -> list[str]:
        return list(dict.fromkeys(s.node for s in self.members))


def duplicates(g: nx.MultiDiGraph, *, threshold: float = DEFAULT_THRESHOLD) -> Iterator[Finding]:
    """``duplicate``, ``near-duplicate`` and ``status-conflict`` findings, in reading order."""
    order = reading_order(g)
    stmts = statements(g)
    standing = {node: _standing(g, node) for node in dict.fromkeys(s.node for s in stmts)}
    of_statement = [standing[s.node] for s in stmts]          # looked up once, not once per pair
    ok = lambda i, j: _comparable(of_statement[i], of_statement[j])
    # the longest search, in a second process where there is a second processor (model.forked)
    similar = run_forked(partial(similar_pairs, [" ".join(s.words) for s in stmts], threshold=threshold,
                                 allowed=ok), worth=len(stmts) >= FORK_FROM)
    try:
        found = (*_same_statements(g, stmts, ok), *_shared_passages(g, stmts, ok), *_restatements(g, stmts, ok))
    finally:
        pairs = similar()
    best: dict[frozenset, _Evidence] = {}
    for evidence in (*found, *_similar_statements(g, stmts, pairs)):
        key = frozenset(evidence.nodes)
        if key not in best or evidence.rank < best[key].rank:
            best[key] = evidence
    for evidence in _strongest(best.values(), order):
        nodes = sorted(evidence.nodes, key=order.get)
        yield finding(evidence.code, evidence.message, nodes, source_of(g, nodes[0]),
                      priorities=_priorities(g, nodes), **evidence.details)
        yield from _status_conflicts(g, evidence.members, evidence.code, order)


def _same_statements(g, stmts: list[Statement], ok) -> Iterator[_Evidence]:
    """One group per statement that appears, whole, in two or more items (found by hashing)."""
    groups: dict[tuple[str, ...], list[int]] = {}
    for i, s in enumerate(stmts):
        groups.setdefault(tuple(s.words), []).append(i)
    for members in groups.values():
        members = [m for m in members if any(ok(m, o) for o in members if o != m)]
        if len({stmts[m].node for m in members}) > 1:
            first = stmts[members[0]]
            yield _Evidence(0, "duplicate", [stmts[m] for m in members],
                            f"the same statement appears in {_places(g, stmts, members)}: '{_cut(first.text)}'",
                            {"text": first.text})


def _shared_passages(g, stmts: list[Statement], ok) -> Iterator[_Evidence]:
    """Pairs sharing a passage of :data:`PASSAGE_WORDS` words, :data:`PASSAGE_CONTENT_WORDS` of them content."""
    for (i, j), (a, _, size) in shared_passages([s.words for s in stmts], min_words=PASSAGE_WORDS,
                                                allowed=ok).items():
        words = stmts[i].words
        while size and words[a] in STOPWORDS:      # quote from the first to the last content word
            a, size = a + 1, size - 1
        while size and words[a + size - 1] in STOPWORDS:
            size -= 1
        if len(set(words[a:a + size]) - STOPWORDS) >= PASSAGE_CONTENT_WORDS:
            quote = stmts[i].quote(a, size)
            yield _Evidence(1, "duplicate", [stmts[i], stmts[j]],
                            f"{_places(g, stmts, [i, j])} share a passage of {size} words: '{_cut(quote)}'",
                            {"text": quote, "words": size})


def _restatements(g, stmts: list[Statement], ok) -> Iterator[_Evidence]:
    """Pairs where one short statement is restated, word for word but for stopwords, inside the other."""
    for i, j in contained_pairs([s.clauses() for s in stmts], min_words=MIN_WORDS, allowed=ok):
        sc = partial_score(" ".join(stmts[i].words), " ".join(stmts[j].words))
        yield _Evidence(2, "near-duplicate", [stmts[i], stmts[j]],
                        f"{_places(g, stmts, [i])} '{_cut(stmts[i].text, 60)}' is restated (score {sc:g}) in "
                        f"{_places(g, stmts, [j])}: '{_cut(stmts[j].text, 60)}'",
                        {"texts": [stmts[i].text, stmts[j].text], "score": sc, "method": "contained"})


def _similar_statements(g, stmts: list[Statement], pairs: list[tuple[int, int, float]]) -> Iterator[_Evidence]:
    """Pairs of statements whose wording scores at least the threshold (*pairs*, from :func:`similar_pairs`)."""
    for i, j, sc in pairs:
        yield _Evidence(3, "near-duplicate", [stmts[i], stmts[j]],
                        f"similar statements (score {sc:g}) in {_places(g, stmts, [i, j])}: "
                        f"'{_cut(stmts[i].text, 60)}' / '{_cut(stmts[j].text, 60)}'",
                        {"texts": [stmts[i].text, stmts[j].text], "score": sc, "method": "similar"})


def _strongest(evidence, order) -> list[_Evidence]:
    """Drop pair evidence already covered by a stronger group; sort in reading order."""
    kept = sorted(evidence, key=lambda e: (e.rank, -len(e.nodes)))
    covered: set[frozenset] = set()
    result = []
    for e in kept:
        pairs = {frozenset((a, b)) for a in e.nodes for b in e.nodes if a != b}
        if pairs <= covered:
            continue
        covered |= pairs
        result.append(e)
    return sorted(result, key=lambda e: (min(order[n] for n in e.nodes), e.rank,
                                         sorted(order[n] for n in e.nodes)))


def _places(g: nx.MultiDiGraph, stmts: list[Statement], indices: list[int]) -> str:
    places = []
    for i in indices:
        s, data = stmts[i], g.nodes[stmts[i].node]
        what = {"title": "action", "text": data[Attr.KIND], "steps": "action step"}[s.field]
        places.append(f"{s.node} ({what}, {data.get('priority') or s.node})")
    places = list(dict.fromkeys(places))
    return places[0] if len(places) == 1 else ", ".join(places[:-1]) + " and " + places[-1]


def _cut(text: str, width: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


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
                          f"({g.nodes[o].get('timescale') or 'no timescale'})" for o in outcomes)
    what = "duplicates" if code == "duplicate" else "near-duplicates"
    return [finding("status-conflict", f"{what} disagree on {' and '.join(disagree)}: {described}",
                    outcomes, source_of(g, outcomes[0]), disagree_on=disagree, items=nodes)]


def _timescale_key(g: nx.MultiDiGraph, outcome: str) -> str | None:
    parsed = g.nodes[outcome].get(Attr.PARSED_TIMESCALE) or {}
    if parsed.get("due") or parsed.get("recurrence"):
        return parsed.get("due") or parsed["recurrence"]
    return " ".join(parsed["raw"].lower().split()) if parsed.get("raw") else None
