"""What a lead's workbook holds: its columns, its rows, and the record that lets apply check it.

Rows: an outcome goes to the lead of every operational plan that serves the
outcome's priority (outcome -> its priority -> plans serving it -> their
leads, read from the graph); an outcome no plan answers for goes to
``unassigned``. Rows follow the plan's reading order.

The export's record (:class:`Manifest`) travels with the workbook: the plan
version's fingerprint, whom the workbook is for, the ID of each row in order,
and a digest of each row's Timescale and RAG as exported. The fingerprint
covers the plan's items, texts and links, and not the fields an update sets
(ratings, timescales, commentary, ``last_updated``): applying one lead's
workbook does not make the others stale, while a workbook made before the
plan's outcomes or texts changed is refused. The digests tell an edited
read-only cell from a rating the plan changed since the export.

>>> guard("=HYPERLINK(\\"http://x\\")"), guard("Fewer referrals"), unguard("'=1+1"), unguard("'twas")
('\\'=HYPERLINK("http://x")', 'Fewer referrals', '=1+1', "'twas")
>>> all(unguard(guard(t)) == t for t in ("'=1", "''", "'twas", "-5%", "@x", "="))
True
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field

import networkx as nx

from goldenthread.model.graph import LED_BY, OUTCOME, SERVES, nodes_of_kind
from goldenthread.model.schema import PlanData

SHEET = "Outcomes"
#: The columns, in order, with their widths (characters) when printed.
COLUMNS: tuple[tuple[str, int], ...] = (
    ("ID", 24), ("Priority", 22), ("Outcome", 50), ("Timescale", 14), ("RAG", 9),
    ("New RAG", 11), ("New timescale", 14), ("Commentary", 45),
)
HEADERS = tuple(name for name, _ in COLUMNS)
READ_ONLY = HEADERS[:5]
INPUTS = HEADERS[5:]
#: The workbook a plan's outcomes with no lead go to (``unassigned.xlsx``).
UNASSIGNED = "unassigned"
#: The version of this layout, stored with the export's record.
LAYOUT_VERSION = "1"

#: What makes a spreadsheet read a cell as a formula (or, for CSV opened in Excel, as one).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: Characters a workbook cannot hold (XML 1.0) and a plan text should not: shown as U+FFFD.
_UNWRITABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def guard(text: str) -> str:
    """*text* as a CSV cell: a leading ``'`` when a spreadsheet would read it as a formula.

    Text that starts with ``'`` gets one more, so that :func:`unguard` gives it back unchanged.
    """
    return "'" + text if text.startswith(FORMULA_STARTS) or text.startswith("'") else text


def unguard(text: str) -> str:
    """Undo :func:`guard`: a leading ``'`` goes when what follows would be a formula or is another ``'``."""
    return text[1:] if text.startswith("'") and text[1:].startswith((*FORMULA_STARTS, "'")) else text


def cell_text(value) -> str:
    """The text a read-only cell shows for a plan value: ``""`` for none, unwritable characters as U+FFFD."""
    if value is None:
        return ""
    return _UNWRITABLE.sub("\ufffd", str(value))


def digest(*values: str) -> str:
    """A short digest of cell texts, to recognise them later (not a secret: an integrity check)."""
    return hashlib.sha256(json.dumps(values, ensure_ascii=False).encode("utf-8")).hexdigest()[:16]


@dataclass
class Row:
    """One outcome's row: the read-only cells, as exported."""

    id: str
    priority: str
    outcome: str
    timescale: str
    rag: str

    def cells(self) -> tuple[str, ...]:
        return (self.id, self.priority, self.outcome, self.timescale, self.rag)

    def original(self) -> str:
        """The digest of the cells an update may change in the plan (Timescale and RAG)."""
        return digest(self.timescale, self.rag)


@dataclass
class Manifest:
    """The export's record of one workbook: plan fingerprint, whom it is for, and its rows."""

    fingerprint: str
    lead: str
    ids: list[str] = field(default_factory=list)
    originals: list[str] = field(default_factory=list)


def fingerprint(data: PlanData) -> str:
    """The plan version's fingerprint: a hash of everything but what an update sets.

    >>> from goldenthread.model.analysis._examples import tiny_plan
    >>> a, b = tiny_plan(), tiny_plan()
    >>> b.groups[0].priorities[0].actions[0].outcomes[0].rag = "RED"
    >>> fingerprint(a) == fingerprint(b)
    True
    >>> b.groups[0].priorities[0].actions[0].outcomes[0].text = "Something else"
    >>> fingerprint(a) == fingerprint(b)
    False
    """
    plan = data.plan.model_dump(mode="json", exclude={"last_updated"})
    groups = [g.model_dump(mode="json", exclude={"priorities": {"__all__": {"actions": {"__all__": {
        "outcomes": {"__all__": {"rag", "timescale", "commentary"}}}}}}}) for g in data.groups]
    operational = data.operational.model_dump(mode="json")
    text = json.dumps([LAYOUT_VERSION, plan, groups, operational], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def leads_of_outcomes(g: nx.MultiDiGraph) -> dict[str, list[str]]:
    """``{outcome id: [lead ids]}``: the leads of the operational plans serving each outcome's priority.

    Leads are listed in the order of the operational plans; an outcome with
    none maps to ``[]``.
    """
    serving: dict[str, list[str]] = {}
    for op, priority, kind in g.edges(keys=True):
        if kind != SERVES:
            continue
        for _, lead, k in g.out_edges(op, keys=True):
            if k == LED_BY and lead not in serving.setdefault(priority, []):
                serving[priority].append(lead)
    return {o: list(serving.get(g.nodes[o]["priority"], ())) for o in nodes_of_kind(g, OUTCOME)}


def priority_label(g: nx.MultiDiGraph, priority: str) -> str:
    """``DP1 Early Help``: the priority's ID and title, as the Priority column shows it."""
    return f"{priority} {g.nodes[priority].get('title') or ''}".strip()


def row_of(g: nx.MultiDiGraph, outcome: str) -> Row:
    node = g.nodes[outcome]
    return Row(id=outcome, priority=cell_text(priority_label(g, node["priority"])),
               outcome=cell_text(node.get("text")), timescale=cell_text(node.get("timescale")),
               rag=cell_text(node.get("rag")))


def workbooks(g: nx.MultiDiGraph) -> dict[str, list[Row]]:
    """``{lead id or "unassigned": rows}``, leads in the order the plan lists them, ``unassigned`` last.

    Only leads with at least one outcome get a workbook; ``unassigned`` only
    when some outcome has no lead.
    """
    by_lead: dict[str, list[Row]] = {}
    for lead in (n for n, k in g.nodes(data="kind") if k == "lead"):
        by_lead[lead] = []
    unassigned: list[Row] = []
    for outcome, leads in leads_of_outcomes(g).items():
        row = row_of(g, outcome)
        for lead in leads:
            by_lead.setdefault(lead, []).append(row)
        if not leads:
            unassigned.append(row)
    result = {lead: rows for lead, rows in by_lead.items() if rows}
    if unassigned:
        if UNASSIGNED in result:
            raise ValueError(f"a lead's ID is {UNASSIGNED}, the name of the file of outcomes no plan answers for")
        result[UNASSIGNED] = unassigned
    return result


def manifest_of(fingerprint_: str, lead: str, rows: list[Row]) -> Manifest:
    return Manifest(fingerprint=fingerprint_, lead=lead, ids=[r.id for r in rows],
                    originals=[r.original() for r in rows])
