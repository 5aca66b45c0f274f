"""The pages and page parts a history adds (``goldenthread build --previous``).

* ``changes.html``: "What changed since <date>", worst news first
  (:func:`changes_view`);
* ``board.html``: the board's printable report (:func:`board_view`);
* the timeline of an outcome on its trace page (:func:`timeline`);
* the RAG distribution of every version on the home page (:func:`version_chart`);
* the dashboard's "changed since the previous version" filter (:func:`change_tokens`).

All read ``ctx.history`` (a :class:`model.history.PlanHistory`); without a
history none of them is called, and the site is what it was without one.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from goldenthread.model.graph import OUTCOME, PRIORITY, nodes_of_kind
from goldenthread.model.history import CHANGE_KINDS, OutcomeHistory, PlanHistory, PlanVersion, rating_move
from goldenthread.site_builder import urls as U
from goldenthread.model.queries import RAG_ORDER, one_line, outcomes_under
from goldenthread.site_builder.context import SiteContext
from goldenthread.site_builder.views.common import KIND_LABELS, ItemLink, RagBadge, format_date, link_maker

#: Each exception list of the board report shows at most this many outcomes (and says how many more).
BOARD_ROWS = 150
#: Commentary is cut to this many characters on the board report (it is printed); the trace page
#: and changes.html show it whole.
COMMENTARY_CHARS = 400


def version_name(version: PlanVersion, *, current: bool = False) -> str:
    """A version as pages name it: its date in words, and where it came from.

    >>> import datetime as dt
    >>> version_name(PlanVersion("git:v1", dt.date(2020, 10, 15), None))
    '15 October 2020 (git:v1)'
    """
    when = format_date(version.date)
    if current:
        return f"{when} (this version)" if when else "This version"
    return f"{when} ({version.label})" if when else version.label


def since_words(history: PlanHistory) -> str:
    """"15 October 2020", or the previous version's label when it has no date."""
    return format_date(history.previous.date) or history.previous.label


# --- changes.html ------------------------------------------------------------------------

@dataclass(frozen=True)
class ChangeRow:
    """One change: the item (linked when it is in this version), what it was and what it is."""

    id: str
    title: str
    kind: str
    link: ItemLink | None
    old: str
    new: str
    old_badge: RagBadge | None
    new_badge: RagBadge | None
    old_id: str


@dataclass(frozen=True)
class ChangeSection:
    """The changes of one kind."""

    anchor: str
    heading: str
    rows: list[ChangeRow]


@dataclass(frozen=True)
class ChangesView:
    """``changes.html``."""

    page: str
    since: str
    versions: list[str]
    sections: list[ChangeSection]
    total: int


RATING_KINDS = ("worsened", "improved", "rating-changed")


def changes_view(ctx: SiteContext) -> ChangesView:
    """What changed since the previous version, worst first (:data:`model.history.CHANGE_KINDS`)."""
    history: PlanHistory = ctx.history
    page = U.CHANGES
    link = link_maker(ctx, page)
    by_kind: dict[str, list[ChangeRow]] = {}
    for c in history.changes:
        in_plan = c.kind != "removed" and c.id in ctx.g
        rating = c.kind in RATING_KINDS
        by_kind.setdefault(c.kind, []).append(ChangeRow(
            id=c.id, title=one_line(c.title), kind=KIND_LABELS.get(c.item_kind, c.item_kind),
            link=link(c.id) if in_plan else None,
            old="" if rating else one_line(c.old), new="" if rating else one_line(c.new),
            old_badge=RagBadge.of(c.old) if rating else None, new_badge=RagBadge.of(c.new) if rating else None,
            old_id=c.old_id or ""))
    sections = [ChangeSection(kind, heading, by_kind[kind]) for kind, heading in CHANGE_KINDS.items() if kind in by_kind]
    n = len(history.versions)
    return ChangesView(page=page, since=since_words(history),
                       versions=[version_name(v, current=i == n - 1) for i, v in enumerate(history.versions)],
                       sections=sections, total=len(history.changes))


# --- the trace page's timeline -----------------------------------------------------------

@dataclass(frozen=True)
class TimelineRow:
    """An outcome in one version."""

    version: str
    present: bool
    rag: RagBadge | None
    timescale: str
    due: str
    commentary: str
    commentary_date: str
    notes: list[str]


def timeline(ctx: SiteContext, outcome: str) -> list[TimelineRow]:
    """The rows of *outcome*'s timeline, oldest version first; empty without a history."""
    history: PlanHistory | None = ctx.history
    if history is None or outcome not in history.outcomes:
        return []
    h: OutcomeHistory = history.outcomes[outcome]
    rows = []
    last = None
    n = len(history.versions)
    for state, version in zip(h.states, history.versions):
        name = version_name(version, current=state.version == n - 1)
        if not state.present:
            rows.append(TimelineRow(name, False, None, "", "", "", "", ["Not in this version"]))
            continue
        notes = []
        if state.id != outcome:
            notes.append(f"ID then: {state.id}")
        if last is None and rows:
            notes.append("Added")
        if last is not None:
            move = rating_move(last.rag, state.rag)
            if move:
                notes.append({"worsened": "Rating worsened", "improved": "Rating improved"}.get(move, "Rating changed"))
            if last.due and state.due and state.due > last.due:
                notes.append("Timescale slipped")
            elif last.timescale != state.timescale:
                notes.append("Timescale changed")
        note = state.commentary or {}
        if note and (last is None or last.commentary != state.commentary):
            notes.append("New commentary")
        rows.append(TimelineRow(name, True, RagBadge.of(state.rag), one_line(state.timescale),
                                format_date(state.due) if state.due else "", note.get("text") or "",
                                format_date(note.get("date")) if note.get("date") else "", notes))
        last = state
    return rows


# --- the home page's chart of every version ----------------------------------------------

@dataclass(frozen=True)
class VersionBar:
    """One version's count of one rating, and where its bar is drawn."""

    version: str
    index: int
    value: int
    percent: int
    y: int
    width: int
    text_y: int


@dataclass(frozen=True)
class VersionRatingRow:
    """One rating, with a bar per version."""

    badge: RagBadge
    label_y: int
    bars: list[VersionBar]


@dataclass(frozen=True)
class VersionChart:
    """RAG counts of every version: a grouped bar chart, and the same numbers as a table."""

    width: int
    height: int
    label_width: int
    bar_height: int
    rows: list[VersionRatingRow]
    versions: list[str]
    totals: list[int]
    description: str


CHART_LABEL_WIDTH, CHART_BAR_AREA, CHART_VALUE_WIDTH = 130, 300, 290
CHART_BAR_HEIGHT, CHART_BAR_GAP, CHART_ROW_GAP = 16, 4, 12


def version_chart(ctx: SiteContext) -> VersionChart | None:
    """The RAG distribution of every version, oldest first (``None`` without a history)."""
    history: PlanHistory | None = ctx.history
    if history is None:
        return None
    n = len(history.versions)
    names = [version_name(v, current=i == n - 1) for i, v in enumerate(history.versions)]
    # beside a bar, only the date (and "now"): a folder's or revision's name could be long
    short = [(format_date(v.date) or one_line(v.label, 24)) + (" (now)" if i == n - 1 else "")
             for i, v in enumerate(history.versions)]
    counts = []
    for v in history.versions:
        found = Counter(v.g.nodes[o].get("rag") for o in nodes_of_kind(v.g, OUTCOME))
        counts.append({rag: found.get(rag, 0) for rag in RAG_ORDER}
                      | {None: sum(k for r, k in found.items() if r not in RAG_ORDER or r is None)})
    totals = [sum(c.values()) for c in counts]
    longest = max((c[r] for c in counts for r in RAG_ORDER), default=0) or 1
    rows, y = [], 0
    group_height = n * (CHART_BAR_HEIGHT + CHART_BAR_GAP)
    for rag in RAG_ORDER:
        bars = []
        for i, c in enumerate(counts):
            top = y + i * (CHART_BAR_HEIGHT + CHART_BAR_GAP)
            value = c[rag]
            bars.append(VersionBar(version=short[i], index=i, value=value,
                                   percent=round(100 * value / (totals[i] or 1)), y=top,
                                   width=round(CHART_BAR_AREA * value / longest),
                                   text_y=top + CHART_BAR_HEIGHT // 2 + 4))
        rows.append(VersionRatingRow(RagBadge.of(rag), y + group_height // 2 + 4, bars))
        y += group_height + CHART_ROW_GAP
    description = "; ".join(f"{row.badge.word}: " + ", ".join(f"{b.version} {b.value}" for b in row.bars)
                            for row in rows)
    return VersionChart(width=CHART_LABEL_WIDTH + CHART_BAR_AREA + CHART_VALUE_WIDTH, height=y - CHART_ROW_GAP,
                        label_width=CHART_LABEL_WIDTH, bar_height=CHART_BAR_HEIGHT, rows=rows, versions=names,
                        totals=totals, description=description + ".")


# --- the dashboard's filter ---------------------------------------------------------------

#: The dashboard's "changed since the previous version" choices: (token, words).
CHANGE_FILTER = (("changed", "Changed in any way"), ("worsened", "Rating worsened"), ("improved", "Rating improved"),
                 ("slipped", "Timescale slipped"), ("commentary", "New commentary"), ("added", "New since then"))
_TOKENS = {"worsened": "worsened", "improved": "improved", "timescale-slipped": "slipped", "commentary": "commentary",
           "added": "added"}


def change_tokens(ctx: SiteContext, outcome: str) -> str:
    """The ``data-change`` tokens of *outcome*'s dashboard row: ``changed`` and what changed."""
    history: PlanHistory = ctx.history
    kinds = [c.kind for c in history.changes_of(outcome)]
    if not kinds:
        return ""
    return " ".join(["changed", *dict.fromkeys(_TOKENS[k] for k in kinds if k in _TOKENS)])


# --- board.html --------------------------------------------------------------------------

@dataclass(frozen=True)
class BoardCell:
    """How many outcomes of a priority carry one rating, now and in the previous version."""

    badge: RagBadge
    now: int
    before: int


@dataclass(frozen=True)
class BoardPriorityRow:
    """One priority: its counts now and before, and the trend in words."""

    priority: ItemLink
    cells: list[BoardCell]
    total_now: int
    total_before: int
    trend: str
    trend_css: str


@dataclass(frozen=True)
class ExceptionRow:
    """One outcome the board should look at."""

    link: ItemLink
    priority: str
    rag: RagBadge
    timescale: str
    leads: list[ItemLink]
    commentary: str
    commentary_date: str


@dataclass(frozen=True)
class ExceptionList:
    """One kind of exception."""

    anchor: str
    heading: str
    intro: str
    rows: list[ExceptionRow]
    more: int


@dataclass(frozen=True)
class BoardView:
    """``board.html``: one printable report."""

    page: str
    title: str
    organisation: str
    now: str
    since: str
    badges: list[RagBadge]
    priorities: list[BoardPriorityRow]
    exceptions: list[ExceptionList]


def trend(worsened: int, improved: int) -> tuple[str, str]:
    """The trend of a priority in words, from how many of its outcomes worsened and improved.

    >>> trend(0, 2), trend(1, 1), trend(0, 0)
    (('Better: 2 improved', 'better'), ('Mixed: 1 improved, 1 worsened', 'mixed'), ('No change in ratings', 'same'))
    """
    if worsened and improved:
        return f"Mixed: {improved} improved, {worsened} worsened", "mixed"
    if worsened:
        return f"Worse: {worsened} worsened", "worse"
    if improved:
        return f"Better: {improved} improved", "better"
    return "No change in ratings", "same"


def board_view(ctx: SiteContext) -> BoardView:
    """The board report of the plan over its previous version."""
    g, history = ctx.g, ctx.history
    page = U.BOARD
    link = link_maker(ctx, page)
    previous = history.previous.g
    to_current = history.matches[-1] if history.matches else {}
    before_by_priority: dict[str, list[str]] = {}
    for p in nodes_of_kind(previous, PRIORITY):
        if to_current.get(p) in g:
            before_by_priority.setdefault(to_current[p], []).extend(outcomes_under(previous, p))
    priorities = []
    for p in nodes_of_kind(g, PRIORITY):
        now = outcomes_under(g, p)
        before = before_by_priority.get(p, [])
        now_counts = Counter(g.nodes[o].get("rag") for o in now)
        before_counts = Counter(previous.nodes[o].get("rag") for o in before)
        moves = Counter(history.outcomes[o].latest_move() for o in now)
        words, css = trend(moves["worsened"], moves["improved"])
        priorities.append(BoardPriorityRow(
            link(p), [BoardCell(RagBadge.of(r), now_counts.get(r, 0), before_counts.get(r, 0)) for r in RAG_ORDER],
            len(now), len(before), words, css))
    leads = _leads_by_outcome(ctx)
    overdue = {n for f in ctx.findings if f.code == "overdue" for n in f.nodes}
    outcomes = list(history.outcomes)
    since = since_words(history)

    def exception(anchor: str, heading: str, intro: str, chosen: list[str]) -> ExceptionList:
        rows = []
        for o in chosen[:BOARD_ROWS]:
            data = g.nodes[o]
            note = data.get("commentary") or {}
            rows.append(ExceptionRow(link(o), data.get("priority") or "", RagBadge.of(data.get("rag")),
                                     one_line(data.get("timescale")), [link(lead) for lead in leads.get(o, [])],
                                     one_line(note.get("text"), COMMENTARY_CHARS),
                                     format_date(note.get("date")) if note.get("date") else ""))
        return ExceptionList(anchor, f"{heading} ({len(chosen)})", intro, rows, max(0, len(chosen) - BOARD_ROWS))

    as_of = format_date(ctx.as_of)
    exceptions = [
        exception("red", "Rated RED", "Outcomes rated RED now.", [o for o in outcomes if g.nodes[o].get("rag") == "RED"]),
        exception("overdue", "Overdue", f"Outcomes whose due date had passed on {as_of or 'the last update'} and that "
                  "are neither GREEN nor achieved.", [o for o in outcomes if o in overdue]),
        exception("worsened", "Worsened", f"Outcomes whose rating is worse than on {since}.",
                  [o for o in outcomes if history.outcomes[o].latest_move() == "worsened"]),
        exception("missing-updates", "Missing updates", f"Outcomes with no new commentary since {since}.",
                  [o for o in outcomes if not history.outcomes[o].has_new_commentary()]),
    ]
    info = g.graph
    return BoardView(page=page, title=info.get("title") or "Plan", organisation=info.get("organisation") or "",
                     now=format_date(history.current.date) or "this version", since=since,
                     badges=[RagBadge.of(r) for r in RAG_ORDER], priorities=priorities, exceptions=exceptions)


def _leads_by_outcome(ctx: SiteContext) -> dict[str, list[str]]:
    """The leads who answer for each outcome (from the traceability matrix the context holds)."""
    return {row.outcome_id: [lead for lead in (row.leads or "").split("; ") if lead in ctx.g]
            for row in ctx.trace_rows}

