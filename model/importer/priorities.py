"""Reading a priority table into priorities, actions, indicators and outcomes.

The rules, in the order a row is read:

* A row right after a repeated table header with no Timescale and no RAG is
  the rest of the previous row, split by the page break: each of its cells is
  appended to the item open in that column.
* The Priority column starts a priority when it starts with a number
  ("<p>1</p> <p>Early Help ...</p>"); text equal to the table's group label
  ("Strategic Leadership") is skipped; other text at a page start continues the
  open priority's cell.
* The Action ("What we need to do") column starts a priority when it is
  numbered "1)" (the leadership style), a lettered sub-objective when it starts
  "a." and otherwise an action; a workstream heading inside the cell
  ("IMPROVING and SHAPING PRACTICE: How to achieve:") starts a new action
  there. Text that starts in lower case at a page start continues the open
  action.
* An Indicators cell is a new indicator unless it continues one (lower case,
  at a page start).
* An Outcomes cell opens an outcome cell with the row's Timescale/RAG pairs;
  a row with only a Timescale and RAG adds a pair to the open outcome cell.
  An outcome cell with N pairs becomes N outcomes: split at its bullets when
  it has N of them, else at the places a person recorded in the corrections
  file, else reported.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from goldenthread.model.errors import PlanImportError
from goldenthread.model.importer.cells import Block, cell_blocks, cell_parts, squash
from goldenthread.model.importer.corrections import Corrections
from goldenthread.model.importer.document import Table
from goldenthread.model.importer.report import ImportReport
from goldenthread.model.importer.numbering import lettered, priority_number, sub_number
from goldenthread.model.importer.ratings import Rating, read_rating
from goldenthread.model.importer.rows import align_row

_BARE_NUMBER = re.compile(r"^(\d{1,2})\s+(?=[A-Z])(.*)$", re.DOTALL)
HOW_TO = re.compile(r"\s*How to achieve\s*:?\s*$", re.IGNORECASE)
_CONNECTIVES = {"and", "of", "the", "&", "for", "to", "in", "on"}


def workstream_heading(text: str) -> str | None:
    """The capitalised heading a workstream cell starts with, if any.

    >>> workstream_heading("NEGLECT: to feature in all areas of practice")
    'NEGLECT'
    >>> workstream_heading("IMPROVING and SHAPING PRACTICE: How to achieve:")
    'IMPROVING and SHAPING PRACTICE'
    >>> workstream_heading("Data Monitoring: numbers") is None
    True
    """
    head, colon, _ = text.partition(":")
    if not colon or len(head) > 70:
        return None
    words = head.split()
    capitals = [w for w in words if re.fullmatch(r"[A-Z0-9][A-Z0-9&/'-]*", w)]
    if not words or sum(len(re.sub(r"[^A-Z]", "", w)) for w in capitals) < 4:
        return None
    if all(w in capitals or w.lower() in _CONNECTIVES for w in words):
        return " ".join(words)
    return None


def join_continuation(before: str, after: str) -> str:
    """Join a cell's text across a page break.

    When the part after the break starts mid-sentence (in lower case), the
    tags that open it are dropped so that its first words run on into the
    paragraph or list item they continue.
    """
    if _starts_lower(after) or (_mid_sentence(before) and not _starts_item(after)):
        after = re.sub(r"^\s*(?:<[^>]+>\s*)+", "", after)
    return before.rstrip() + " " + after.lstrip()


def _runs_on(before: str, after: str) -> bool:
    """Whether the top of a new page carries on the cell *before* it: mid-sentence, or the same list.

    A cell that spans rows is cut by a page break; its rest appears at the
    top of the next page. It carries on when the cell stopped mid-sentence, or
    stopped inside a list and the rest is a list too. A plain paragraph after
    a list, or a list after a finished paragraph, is a cell of its own.
    """
    opens = [m.group(1).lower() for m in re.finditer(r"<\s*(ul|p)\b", before, re.IGNORECASE)]
    if opens and opens[-1] == "ul":      # list items end without punctuation: only a list carries a list on
        return bool(re.match(r"^\s*<\s*ul\b", after, re.IGNORECASE))
    return _mid_sentence(before)


def _mid_sentence(raw: str) -> bool:
    """Whether a cell's text stops mid-sentence: its last word is followed by no punctuation."""
    text = squash(re.sub(r"<[^>]+>", " ", raw))
    return bool(text) and text[-1].isalnum() and not re.search(r"</(?:p|ul|li)>\s*$", raw.rstrip())


def _starts_item(raw: str) -> bool:
    """Whether a cell part starts a list item (a list tag or a bullet), which never runs on."""
    return bool(re.match(r"^\s*(?:<(?:ul|li)\b|[•▪●]|o\s+[A-Z]|-\s)", raw))


def _starts_lower(raw: str) -> bool:
    """Whether a cell starts mid-sentence; an "o" bullet before a capital is a list marker, not a word."""
    text = squash(re.sub(r"<[^>]+>", " ", raw))
    return bool(text) and text[0].islower() and not re.match(r"o\s+[A-Z]", text)


@dataclass
class OutcomeCell:
    raw: str
    first_line: int
    pairs: list[tuple[str | None, Rating | None, int]] = field(default_factory=list)
    last_line: int = 0


@dataclass
class ActionDraft:
    raw: str
    first_line: int
    last_line: int
    label: str | None = None
    kind: str = "action"                 # "main" | "lettered" | "workstream" | "action"
    indicators: list[list] = field(default_factory=list)   # [raw, first, last]
    outcome_cells: list[OutcomeCell] = field(default_factory=list)


@dataclass
class PriorityDraft:
    number: int
    raw: str
    first_line: int
    last_line: int
    actions: list[ActionDraft] = field(default_factory=list)
    marker: str = ""                     # the number as written: "1)", "Priority 1:", "IV"


@dataclass
class OutcomeDraft:
    text: str
    timescale: str | None
    rating: Rating | None
    lines: tuple[int, int]
    heading: str | None = None


def read_priority_table(table: Table, report: ImportReport) -> list[PriorityDraft]:
    """The priorities of one table, with their raw cells and line numbers."""
    reader = _TableReader(report)
    for row in table.rows:
        cells = align_row(row, table.columns, report)
        reader.read(row.line, cells, row.page_start)
        reader.note_empty(cells, row.line)
    if table.declared_count is not None and len(reader.priorities) != table.declared_count:
        report.warn(table.heading_line, "priority-count",
                    f"heading says {table.declared_count} priorities, the table has {len(reader.priorities)}")
    return reader.priorities


class _TableReader:
    def __init__(self, report: ImportReport) -> None:
        self.report = report
        self.priorities: list[PriorityDraft] = []
        self.label: str | None = None
        self.indicator: list | None = None
        #: Whether the open action / indicator cell has had rows with that column empty since it opened:
        #: then it is one cell spanning rows, and text at the top of a new page in that column continues it.
        self.spans = {"action": False, "indicator": False}
        #: Where this table numbers its priorities: the Priority column, or the Action column ("1) ...").
        self.numbered_in: str | None = None
        self._previous_line: int | None = None
        self._orphans = False
        #: The Outcomes cell read last: what a page break's rest of an Outcomes cell continues.
        self.outcome_cell: OutcomeCell | None = None

    def _opens_item(self, cells: dict[str, str]) -> bool:
        """Whether a row starts a priority or an action (a number, a letter, a heading): never a page break's rest."""
        priority = cell_parts(cells["priority"])
        if priority and (priority_number(priority[0], alone=True) or _BARE_NUMBER.match(squash(" ".join(priority)))):
            return True
        action = squash(" ".join(cell_parts(cells["action"])))
        return bool(action) and bool(priority_number(action) or lettered(action) or sub_number(action)
                                     or workstream_heading(action))

    def _open_pair_lines(self) -> int | None:
        """The line of the open outcome cell's last Timescale/RAG pair, if any."""
        cell = self.action.outcome_cells[-1] if self.action and self.action.outcome_cells else None
        return cell.pairs[-1][2] if cell and cell.pairs else None

    def note_empty(self, cells: dict[str, str], line: int) -> None:
        self._previous_line = line
        for column in self.spans:
            if not cells[column].strip():
                self.spans[column] = True

    @property
    def priority(self) -> PriorityDraft | None:
        return self.priorities[-1] if self.priorities else None

    @property
    def action(self) -> ActionDraft | None:
        return self.priority.actions[-1] if self.priority and self.priority.actions else None

    def read(self, line: int, cells: dict[str, str], page_start: bool) -> None:
        if page_start and not cells["rag"].strip() and not self._opens_item(cells) and (
                not cells["timescale"].strip() or (self._open_pair_lines() == self._previous_line and (
                    not cells["outcome"].strip() or _starts_lower(cells["outcome"])))):
            # The top of a page with no rating: the rest of the row cut by the page break.
            self._continue_row(line, cells)
            return
        self._priority_cell(line, cells["priority"], page_start)
        self._action_cell(line, cells["action"], page_start)
        if cells["indicator"].strip():
            # Rows usually have indicators of their own: only text cut mid-sentence carries one on.
            if page_start and self.indicator and (_starts_lower(cells["indicator"]) or (
                    self.spans["indicator"] and _mid_sentence(self.indicator[0])
                    and not re.search(r"<\s*ul\b", self.indicator[0], re.IGNORECASE))):
                self._append(self.indicator, cells["indicator"], line)
                self.report.info(line, "continued-cell", "Indicators cell continues the one above the page break "
                                 f"(line {self.indicator[1]})")
            else:
                self._new_indicator(line, cells["indicator"])
        self._outcome_cells(line, cells, page_start)

    # -- the columns -------------------------------------------------------
    def _priority_cell(self, line: int, raw: str, page_start: bool) -> None:
        if not raw.strip():
            return
        parts = cell_parts(raw)
        text = squash(" ".join(parts))
        number = priority_number(parts[0], alone=True) if parts else None
        if number is None and parts:
            number = priority_number(text)
            bare = _BARE_NUMBER.match(text)
            if number is None and bare:
                number = (int(bare.group(1)), bare.group(2), bare.group(1))
        if number and not (page_start and self.priority and self.priority.number == number[0]):
            self.report.account(line, number[2], "a priority's number")
            self.numbered_in = self.numbered_in or "priority"
            self._new_priority(number[0], text, line, raw=raw, marker=number[2])
        elif self.label is None and not self.priorities:
            self.label = text
            self.report.account(line, raw, "the table's label in the Priority column")
        elif text == self.label:
            self.report.account(line, raw, "the table's label in the Priority column")
            return
        elif page_start and self.priority:
            self.priority.raw = join_continuation(self.priority.raw, raw)
            self.priority.last_line = line
            self.report.info(line, "continued-cell", f"Priority cell continues priority {self.priority.number} "
                             "from the previous page")
        else:
            self.report.warn(line, "stray-priority-text", f"Priority cell {text[:60]!r} has no number; ignored",
                             hint="a priority cell starts with its number")

    def _action_cell(self, line: int, raw: str, page_start: bool) -> None:
        if not raw.strip():
            return
        text = squash(" ".join(cell_parts(raw)))
        number = priority_number(text) if self.numbered_in != "priority" else None
        letter = lettered(text)
        sub = sub_number(text)
        if sub and self.priority and sub[0] == self.priority.number:
            # "1.2 Develop ...": an action numbered under its priority, like a lettered sub-objective
            self._new_action(line, raw, label=f"{sub[0]}.{sub[1]}", kind="lettered")
        elif number:
            self.report.account(line, number[2], "a priority's number")
            self.numbered_in = "action"
            self._new_priority(number[0], number[1], line, raw=raw, marker=number[2])
            self._new_action(line, raw, label=str(number[0]), kind="main")
        elif letter and self.priority:
            self._new_action(line, raw, label=f"{self.priority.number}{letter[0]}", kind="lettered")
        elif page_start and self.action and not workstream_heading(text) and (
                _starts_lower(raw) or (self.spans["action"] and _runs_on(self.action.raw, raw))
                or self.action.kind in ("main", "lettered")):
            # Text at the top of a page with nothing that starts an item (no number, letter or heading)
            # in a cell that spans rows, or mid-sentence: the rest of the cell cut by the page break.
            self.action.raw = join_continuation(self.action.raw, raw)
            self.action.last_line = line
            self.report.info(line, "continued-cell", "action cell continues the one above the page break "
                             f"(line {self.action.first_line}): {text[:50]!r}")
            self._split_workstreams(line)
        else:
            if page_start and self.action and not workstream_heading(text):
                self.report.info(line, "new-action-at-page-start",
                                 f"action cell at a page start read as a new action: {text[:60]!r}",
                                 hint="its row before the page break had an action cell of its own")
            self._new_action(line, raw)

    def _outcome_cells(self, line: int, cells: dict[str, str], page_start: bool) -> None:
        pairs = self._pairs(line, cells["timescale"], cells["rag"])
        if cells["outcome"].strip():
            if self.action is None:
                if not self._orphans:
                    self.report.error(line, "outcome-without-action", "an outcome before any action")
                return
            cell = OutcomeCell(cells["outcome"], line, [(t, r, line) for t, r in pairs], line)
            self.action.outcome_cells.append(cell)
            self.outcome_cell = cell
            self.action.last_line = max(self.action.last_line, line)
        elif pairs:
            cell = self.action.outcome_cells[-1] if self.action and self.action.outcome_cells else None
            if cell is None:
                self.report.error(line, "rating-without-outcome", "a Timescale/RAG pair with no outcome above it")
                return
            cell.pairs.extend((t, r, line) for t, r in pairs)
            cell.last_line = line
            self.report.info(line, "shared-outcome-cell",
                             f"Timescale/RAG pair with an empty Outcomes cell: a further outcome of line {cell.first_line}")

    def _pairs(self, line: int, timescale: str, rag: str) -> list[tuple[str | None, Rating | None]]:
        times = cell_parts(timescale)
        ratings = [read_rating(part) for part in cell_parts(rag)]
        for rating in ratings:
            if rating.value is None:
                hint = f"did you mean {rating.suggestion}? " if rating.suggestion else ""
                self.report.warn(line, "unknown-rating",
                                 f"unknown rating {rating.raw!r}" + (f"; did you mean {rating.suggestion}?"
                                                                    if rating.suggestion else ""),
                                 hint=hint + "kept as text (rag_text) with no RAG; ratings are GREEN, AMBER, RED, "
                                             "AMBER/GREEN and N/A (see docs/importing.md for the spellings read)")
            elif rating.how:
                self.report.info(line, "rating-normalised", rating.how)
        if len(times) == len(ratings):
            return list(zip(times, ratings))
        if len(ratings) <= 1:
            if len(times) > 1:
                self.report.warn(line, "timescales-one-rating",
                                 f"{len(times)} timescales but {len(ratings)} rating: kept as one outcome "
                                 "with all the timescales", hint="check whether the row holds several outcomes")
            return [("; ".join(times) or None, ratings[0] if ratings else None)]
        if not times:
            return [(None, r) for r in ratings]
        self.report.warn(line, "pairs-mismatch", f"{len(times)} timescales but {len(ratings)} ratings: "
                         "paired in order, the rest left without", hint="check the row in the source")
        count = max(len(times), len(ratings))
        return [(times[i] if i < len(times) else None, ratings[i] if i < len(ratings) else None)
                for i in range(count)]

    # -- making items --------------------------------------------------------
    def _new_priority(self, number: int, text: str, line: int, raw: str | None = None, marker: str = "") -> None:
        if any(p.number == number for p in self.priorities):
            self.report.error(line, "duplicate-priority", f"priority {number} appears twice in the table",
                              hint="each priority of a table has its own number; check the numbering near this line")
        self.priorities.append(PriorityDraft(number, raw if raw is not None else text, line, line, marker=marker))
        self.indicator = None
        self.outcome_cell = None
        self.spans["indicator"] = False

    def _new_action(self, line: int, raw: str, *, label: str | None = None, kind: str = "action") -> None:
        if self.priority is None:
            if self._orphans:
                return                   # one error names the cause; the rows after it share it
            self._orphans = True
            self.report.error(line, "action-without-priority", "an action before any priority: no priority number "
                              "was recognised in the Priority or Action column above this line",
                              hint="the first row of a priority table must carry a priority number, written as "
                                   "1, 1), 1., (1), 1 -, 'Priority 1:' or a Roman numeral (I., II.)")
            return
        self.priority.actions.append(ActionDraft(raw, line, line, label=label, kind=kind))
        self.priority.last_line = line
        self.indicator = None
        self.spans = {"action": False, "indicator": False}
        self._split_workstreams(line)

    def _new_indicator(self, line: int, raw: str) -> None:
        if self.action is None:
            if not self._orphans:
                self.report.error(line, "indicator-without-action", "an indicator before any action")
            return
        self.indicator = [raw, line, line]
        self.action.indicators.append(self.indicator)
        self.spans["indicator"] = False

    def _append(self, item: list, raw: str, line: int) -> None:
        item[0] = join_continuation(item[0], raw)
        item[2] = line

    def _continue_row(self, line: int, cells: dict[str, str]) -> None:
        """A row split by a page break: append each cell to what is open in its column.

        A cell with nothing open in its column is read as a row of its own
        (and reported), never dropped.
        """
        priority_text = squash(" ".join(cell_parts(cells["priority"])))
        if priority_text and priority_text == self.label:
            self.report.account(line, cells["priority"], "the table's label in the Priority column")
        elif priority_text and self.priority:
            self.priority.raw = join_continuation(self.priority.raw, cells["priority"])
            self.priority.last_line = line
        elif priority_text:
            self._priority_cell(line, cells["priority"], False)
        if cells["action"].strip() and self.action:
            self.action.raw = join_continuation(self.action.raw, cells["action"])
            self.action.last_line = line
        elif cells["action"].strip():
            self._action_cell(line, cells["action"], False)
        if cells["indicator"].strip() and self.indicator:
            self._append(self.indicator, cells["indicator"], line)
        elif cells["indicator"].strip():
            self._new_indicator(line, cells["indicator"])
        cell = self.outcome_cell
        if cells["outcome"].strip() and cell:
            cell.raw = join_continuation(cell.raw, cells["outcome"])
            cell.last_line = line
        elif cells["outcome"].strip():
            self.report.warn(line, "continued-cell-alone", "an Outcomes cell at the top of a page with no "
                             "outcome open above it: read as an outcome of its own",
                             hint="check the row before the page break in the source")
            self._outcome_cells(line, {**cells, "timescale": "", "rag": ""}, False)
        if cells["timescale"].strip() and cell and cell.pairs:
            time, rating, pair_line = cell.pairs[-1]
            rest = squash(" ".join(cell_parts(cells["timescale"])))
            cell.pairs[-1] = ((time + " " + rest) if time else rest, rating, pair_line)
            cell.last_line = line
        elif cells["timescale"].strip():
            self.report.warn(line, "continued-cell-alone", "a Timescale cell at the top of a page with no "
                             "rated outcome above it: kept as a timescale of the outcome above, with no rating")
            if cell:
                cell.pairs.append((squash(" ".join(cell_parts(cells["timescale"]))), None, line))
            else:
                self.report.account(line, cells["timescale"], "a Timescale cell with no outcome (skipped)")
        self.report.info(line, "continued-row", "row continues the row before the page break")
        if cells["action"].strip() and self.action:
            self._split_workstreams(line)

    def _split_workstreams(self, line: int) -> None:
        """Start a new action at each workstream heading after the first block of the open action."""
        action = self.action
        blocks = cell_blocks(action.raw)
        for block in blocks[1:]:
            heading = workstream_heading(block.text)
            if not heading:
                continue
            cut = action.raw.find(heading)
            if cut <= 0:
                continue
            cut = action.raw.rfind("<p>", 0, cut) if action.raw.rfind("<p>", 0, cut) > cut - 8 else cut
            rest = action.raw[cut:]
            action.raw = action.raw[:cut]
            self.report.info(line, "workstream-in-cell",
                             f"heading {heading!r} inside an action cell starts a new action; "
                             "rows after it belong to the new action")
            self.priority.actions.append(ActionDraft(rest, line, line))
            self.indicator = None
            self._split_workstreams(line)
            return


def cell_heading(blocks: list[Block]) -> str | None:
    """The heading a cell starts with: a short first paragraph, not a sentence, followed by a list.

    >>> cell_heading(cell_blocks('<p><i>Data Collection</i></p> <ul style="list-style-type: none"> Data is kept'))
    'Data Collection'
    >>> cell_heading(cell_blocks('Data Monitoring <ul> • Education achievement • Attendance')) 
    'Data Monitoring'
    >>> cell_heading(cell_blocks('<p>Evidence of an improving picture.</p> <ul> • More')) is None
    True
    """
    if len(blocks) < 2 or blocks[0].kind != "p" or blocks[1].kind != "li":
        return None
    text = blocks[0].text.rstrip(":")
    words = text.split()
    if not words or len(words) > 6 or len(text) > 50 or re.search(r"[.;!?,]", text):
        return None
    if not all(w[:1].isupper() or w[:1].isdigit() or w.lower() in _CONNECTIVES for w in words):
        return None
    return text


def split_outcome_cell(cell: OutcomeCell, corrections: Corrections, report: ImportReport,
                       used: set[int]) -> list[OutcomeDraft]:
    """Turn one Outcomes cell and its Timescale/RAG pairs into outcomes.

    A heading the cell starts with ("Data Collection" above a list) is kept
    as each outcome's ``heading``, not run into its text. ``used`` collects
    the lines of the corrections that were applied.
    """
    blocks = cell_blocks(cell.raw)
    heading = cell_heading(blocks)
    if heading:
        blocks = blocks[1:]
        report.info(cell.first_line, "cell-heading", f"{heading!r} heads the Outcomes cell: kept as its heading")
    text = "\n".join(b.text for b in blocks)
    pairs = cell.pairs or [(None, None, cell.first_line)]
    if len(pairs) == 1:
        time, rating, _ = pairs[0]
        if time is None and rating is None:
            report.warn(cell.first_line, "outcome-without-rating",
                        "outcome with no Timescale and no RAG rating", hint="check the row in the source")
        return [OutcomeDraft(text, time, rating, (cell.first_line, max(cell.last_line, cell.first_line)), heading)]
    pieces = _split_text(cell, blocks, len(pairs), corrections, report, used)
    return [OutcomeDraft(piece, time, rating, (cell.first_line, max(line, cell.first_line)), heading)
            for piece, (time, rating, line) in zip(pieces, pairs)]


def _split_text(cell: OutcomeCell, blocks: list[Block], count: int, corrections: Corrections,
                report: ImportReport, used: set[int]) -> list[str]:
    decision = corrections.split_for(cell.first_line)
    text = " ".join(b.text for b in blocks)
    if decision is not None:
        used.add(decision.line)
        return split_at_starts(text, decision.starts, count, cell.first_line)
    items = [b.text for b in blocks if b.kind == "li"] or [b.text for b in blocks]
    if len(items) == count:
        return items
    report.warn(cell.first_line, "unsplit-outcomes",
                f"one Outcomes cell with {count} Timescale/RAG pairs but {len(items)} bullets: "
                f"each of the {count} outcomes carries the whole cell text",
                hint=f"record where each outcome starts under outcome_splits (line: {cell.first_line}) "
                     "in import/corrections.yaml")
    return [text] * count


def split_at_starts(text: str, starts: list[str], count: int, line: int, what: str = "outcome split") -> list[str]:
    """Cut *text* where each of *starts* begins (a person's decision); a decision that does not fit is an error."""
    if len(starts) != count:
        raise PlanImportError(f"{what} for line {line} gives {len(starts)} starts for {count} "
                           "Timescale/RAG pairs", hint=f"list exactly {count} starts, one per outcome")
    cuts, cursor = [], 0
    for start in starts:
        found = text.find(start, cursor)
        if found < 0:
            raise PlanImportError(f"{what} for line {line}: {start!r} not found in the cell "
                               "(after the previous start)",
                               hint="copy the first words of each item exactly from the source line")
        cuts.append(found)
        cursor = found + len(start)
    if cuts[0] != 0:
        raise PlanImportError(f"{what} for line {line}: the cell does not start with {starts[0]!r}",
                           hint="the first start must be the cell's first words")
    cuts.append(len(text))
    return [text[a:b].strip() for a, b in zip(cuts, cuts[1:])]
