"""Writing plan exports in the shipped document's shape, with the ordinary variation councils bring.

A document is described as data (:class:`Doc`: groups of priorities, their
actions and outcome rows, the operational plans) together with *how* it is
written: the numbering style, where the page breaks fall and which cell each
one cuts, shifted rows, spellings of ratings and timescales. :func:`render`
writes the text export; :func:`expected_facts` writes what a person reading
the document would transcribe: counts of priorities, actions, outcomes by
RAG, plans, leads and links, the full titles, and each outcome's timescale
with the due date a person would give it. The facts come from the
description (and the hand-written due dates), never from the importer.

``python tests/import_corpus.py`` rewrites tests/import_scenarios/NN_*/ from
:mod:`corpus_documents`.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

UL = '<ul style="list-style-type: none">'
HEADER = "\t".join(["Priority", "What We Need To Do? <i>Action</i>", "How will we make a difference? "
                    "<i>Indicators of Success</i>", "How will we know? <i>Outcomes/Impact</i>", "Timescale",
                    "RAG rating"])
PLANS_HEADER = "\t".join(["Operational/Service Plan", "Connected Priority", "Plan Lead", "Link to plan"])


@dataclass
class Row:
    """One outcome row: its Outcomes text, Timescale and RAG as written, and what a reader makes of them."""

    outcome: str
    timescale: str | None = None
    rag: str | None = None             # as written in the document
    value: str | None = "same"         # the rating a reader gives it ("same": the written value)
    due: str | None = None             # the due date a reader gives the timescale (ISO), None if none
    indicator: str | None = None
    heading: str | None = None         # a heading above the outcome's list, inside the cell
    shift: int = 0                     # > 0: the row stands shifted right; < 0: left (see render)


@dataclass
class Act:
    text: str                          # "HEADING: statement", plain text, or a lettered text "a. ..."
    rows: list[Row] = field(default_factory=list)
    steps: list[str] = field(default_factory=list)


@dataclass
class Pri:
    number: int
    title: str
    actions: list[Act]
    description: str | None = None


@dataclass
class Group:
    key: str
    heading: str                       # "5 Corporate Priorities"
    style: str                         # "action": numbered in the Action column; "priority": in the Priority column
    numbering: str                     # a format with {n}: "{n})", "{n}.", "({n})", "{n} -", "Priority {n}:", "roman."
    priorities: list[Pri]
    label: str | None = None           # the Priority column's label in "action" style
    new_page: bool = False             # the table starts on a new page
    header: bool = True                # False: the table's first page has no header row


@dataclass
class PlanRow:
    name: str
    connected: str
    links: int                         # how many priorities a reader links it to
    lead: str
    document: str = "plan.pdf"


@dataclass
class Doc:
    name: str
    title: str
    vision: str
    updated: str                       # "14/11/2022"
    groups: list[Group]
    plans: list[PlanRow]
    page_every: int = 6                # a page break after every this many rows
    #: row index -> the column whose cell a page break right after that row cuts in two
    #: ("action:capital": the rest starts with a capital letter)
    cuts: dict[int, str] = field(default_factory=dict)
    period: str = ""                   # what the variation is about, for the closing note
    tests: str = ""


ROMAN = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV"]


def marker(numbering: str, n: int) -> str:
    if numbering.startswith("roman"):
        return ROMAN[n] + numbering[len("roman"):]
    return numbering.format(n=n)


def _ul(text: str) -> str:
    return f"{UL} • {text} "


def _priority_cell(group: Group, pri: Pri) -> str:
    mark = marker(group.numbering, pri.number)
    if group.numbering == "{n}":
        cell = f"<p>{mark}</p> <p>{pri.title}</p>"
    else:
        cell = f"<p>{mark} {pri.title}</p>"
    return cell + (f" <p>{pri.description}</p>" if pri.description else "")


def _action_cell(group: Group, pri: Pri, index: int, act: Act) -> str:
    if group.style == "action" and index == 0:
        text = f"{marker(group.numbering, pri.number)} {pri.title}"
        return f"<p>{text}</p> <p>{pri.description}</p>" if pri.description else text
    if act.steps:
        return f"<p>{act.text}</p> <p><i>How to achieve:</i></p> {UL} " + " ".join(f"• {s}" for s in act.steps) + " "
    return act.text


def _rows(doc: Doc) -> list[tuple[str, list[str] | None]]:
    """(kind, cells) for each line of the tables: ("row", cells), ("heading", [text]), ("plans", ...)."""
    out: list[tuple[str, list[str] | None]] = []
    for group in doc.groups:
        out.append(("heading", [group.heading, "new_page" if group.new_page else "",
                                "" if group.header else "no_header"]))
        first_of_group = True
        for pri in group.priorities:
            for a, act in enumerate(pri.actions):
                for r, row in enumerate(act.rows or [Row("")]):
                    cells = ["", "", "", "", "", ""]
                    if group.style == "action" and first_of_group and group.label:
                        cells[0] = group.label
                    if group.style == "priority" and a == 0 and r == 0:
                        cells[0] = _priority_cell(group, pri)
                    if r == 0:
                        cells[1] = _action_cell(group, pri, a, act)
                    if row.indicator:
                        cells[2] = _ul(row.indicator)
                    body = _ul(row.outcome) if row.outcome else ""
                    cells[3] = f"<p><i>{row.heading}</i></p> {body}" if row.heading else body
                    cells[4] = row.timescale or ""
                    cells[5] = row.rag or ""
                    first_of_group = False
                    if row.shift > 0:      # shifted right: Timescale and RAG lost to the row below
                        moved = ["", "", "", cells[1] or cells[2], cells[2] if cells[1] else "", cells[3]]
                        out.append(("row", moved))
                        out.append(("row", ["", "", "", "", cells[4], cells[5]]))
                        continue
                    if row.shift < 0:      # shifted left: Outcomes, Timescale, RAG in the first three columns
                        out.append(("row", [cells[3], cells[4], cells[5], "", "", ""]))
                        continue
                    out.append(("row", cells))
    return out


def render(doc: Doc) -> str:
    """The text export of *doc*: title, vision, tables with page breaks, operational plans."""
    page_header = f"{doc.title} – Last updated: {doc.updated}"
    lines = ["", "VISION FOR OUR COMMUNITY", "", doc.vision, "", "", doc.title, ""]
    count, last_row = 0, -1
    pending_header = False
    for kind, cells in _rows(doc):
        if kind == "heading":
            lines += ["", cells[0], ""]
            if cells[1]:
                lines += [page_header, ""]
            if not cells[2]:
                lines.append(HEADER)
            continue
        just_after_row = last_row == len(lines) - 1
        if count and just_after_row and (count % doc.page_every == 0 or count - 1 in doc.cuts):
            cut, _, how = (doc.cuts.get(count - 1) or "").partition(":")
            cut = cut or None
            carried = ["", "", "", "", "", ""]
            if cut is not None:
                column = ["priority", "action", "indicator", "outcome", "timescale"].index(cut)
                previous = lines[-1].split("\t")
                before, after = _cut_cell(previous[column], capital=how == "capital")
                previous[column] = before
                lines[-1] = "\t".join(previous)
                carried[column] = after
            lines += ["", page_header, "", HEADER]
            if cut is not None and carried[column]:
                if cut == "action" and not cells[1] and any(cells[3:]):
                    cells = list(cells)
                    cells[1] = carried[1]          # a cell spanning rows: its rest shares the next row
                else:
                    lines.append("\t".join(carried))
        lines.append("\t".join(cells))
        last_row = len(lines) - 1
        count += 1
        pending_header = False
    lines += ["", "Operational plans underpinning the priorities", "", PLANS_HEADER]
    for plan in doc.plans:
        lines.append("\t".join([plan.name, plan.connected, plan.lead, plan.document]))
    del pending_header
    return "\n".join(lines) + "\n"


def _cut_cell(cell: str, capital: bool = False) -> tuple[str, str]:
    """Cut a cell's text where a page break would: at a space outside any tag, in its second half,
    before a lower-case word if there is one (before a capital, with *capital*)."""
    spaces, depth = [], 0
    for i, ch in enumerate(cell):
        depth += ch == "<"
        depth -= ch == ">"
        if ch == " " and depth == 0 and cell[:i].strip() and cell[i + 1:].strip():
            spaces.append(i)
    late = [i for i in spaces if i >= len(cell) // 2] or spaces
    if not late:
        return cell, ""
    lower = [i for i in late if cell[i + 1:i + 2].islower() != capital and cell[i + 1:i + 2].isalpha()]
    at = (lower or late)[0]
    return cell[:at], cell[at + 1:]


def expected_facts(doc: Doc) -> dict:
    """What a person transcribing *doc* would count and read."""
    by_rag = {value: 0 for value in ("GREEN", "AMBER", "RED", "AMBER/GREEN", "N/A", "none")}
    timescales, titles, actions = [], {}, 0
    for group in doc.groups:
        titles[group.key] = [p.title for p in group.priorities]
        for pri in group.priorities:
            actions += len(pri.actions)
            for act in pri.actions:
                for row in act.rows:
                    value = row.rag if row.value == "same" else row.value
                    by_rag[value or "none"] += 1
                    if row.timescale:
                        timescales.append([row.timescale, row.due])
    leads = {plan.lead.replace(" – ", ", ").split(",")[0].strip().lower() for plan in doc.plans}
    return {"priorities": {g.key: len(g.priorities) for g in doc.groups}, "titles": titles, "actions": actions,
            "outcomes_by_rag": by_rag, "plans": len(doc.plans), "leads": len(leads),
            "links": sum(p.links for p in doc.plans), "timescales": timescales}


def write_corpus(root: Path) -> None:
    from corpus_documents import DOCUMENTS
    for number, doc in enumerate(DOCUMENTS, start=2):
        folder = root / f"{number:02d}_{doc.name}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "source.txt").write_text(render(doc), encoding="utf-8")
        facts = {"tests": doc.tests, **expected_facts(doc)}
        (folder / "facts.json").write_text(json.dumps(facts, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    import sys
    sys.path.insert(0, str(Path(__file__).parent))
    write_corpus(Path(__file__).parent / "import_scenarios")
