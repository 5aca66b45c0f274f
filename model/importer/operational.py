"""Reading the operational plans table: each plan, its priorities, its lead, its document.

The "Connected Priority" cell is kept as the table states it and resolved with
:mod:`model.references`: what resolves with certainty becomes a link, the rest
(an ambiguous "Strategic Priority 7", a number the group lacks, words we cannot
read) stays on the plan as an unresolved reference and is reported.
"""
from __future__ import annotations

import re

from goldenthread.model.importer.cells import cell_text, squash
from goldenthread.model.importer.document import Table
from goldenthread.model.importer.ids import IdRegistry, slug
from goldenthread.model.importer.report import ImportReport
from goldenthread.model.references import GroupIndex, find_references, unmatched_text
from goldenthread.model.schema import Lead, OperationalPlan, OperationalPlans, UnresolvedReference

#: What the Link cell says when there is no document yet.
NO_DOCUMENT = {"", "tbc", "tba", "n/a", "none", "to be confirmed"}
_LEAD_SPLIT = re.compile(r"\s*(?:,|\s[–—-]\s)\s*")


def split_lead(text: str) -> tuple[str, str | None]:
    """Split "Name, Role" or "Name – Role" into name and role.

    >>> split_lead("Sarah Bateman, Service Lead, Review & Quality")
    ('Sarah Bateman', 'Service Lead, Review & Quality')
    >>> split_lead("Janette Clarke – Strategic Head of Social Work")
    ('Janette Clarke', 'Strategic Head of Social Work')
    """
    parts = _LEAD_SPLIT.split(text, maxsplit=1)
    name = squash(parts[0])
    role = squash(parts[1]) if len(parts) > 1 and parts[1].strip() else None
    return name, role


def read_plans_table(table: Table, groups: GroupIndex, ids: IdRegistry,
                     report: ImportReport) -> OperationalPlans:
    """The operational plans and their leads, leads listed once each in order of appearance."""
    column = table.columns
    plans: list[OperationalPlan] = []
    leads: dict[str, Lead] = {}
    for row in table.rows:
        cell = lambda name: squash(cell_text(row.cells[column[name]])) if column[name] < len(row.cells) else ""
        name = cell("plan")
        if not name:
            report.warn(row.line, "plan-without-name", "operational plans row with no plan name: skipped")
            report.account(row.line, "\t".join(row.cells), "an operational plans row with no plan name (skipped)")
            continue
        lead_id = _lead(row.line, cell("lead"), leads, ids, report)
        connected = cell("priorities")
        refs = find_references(connected, groups)
        unresolved = [UnresolvedReference(text=r.text, reason=r.reason, candidates=r.candidates)
                      for r in refs if not r.resolved]
        leftover = unmatched_text(connected, refs)
        if leftover:
            unresolved.append(UnresolvedReference(text=leftover, reason="unparsed"))
        for ref in unresolved:
            why = {"ambiguous": f"could mean {' or '.join(ref.candidates) or 'several priorities'}",
                   "no-such-priority": "no priority has that number in that group",
                   "unparsed": "not a reference we can read"}[ref.reason]
            report.warn(row.line, f"reference-{ref.reason}", f"{name}: {ref.text!r} {why}; kept unresolved",
                        hint="resolve it in the plan's source document, or edit operational_plans.yaml")
        document = cell("document")
        plans.append(OperationalPlan(
            id=ids.claim(slug(name, 6)),
            name=name,
            connected=connected or None,
            priorities=list(dict.fromkeys(i for r in refs for i in r.ids)),
            unresolved=unresolved,
            lead=lead_id,
            document=None if document.lower() in NO_DOCUMENT else document,
            lines=(row.line, row.line),
        ))
        if document.lower() in NO_DOCUMENT:
            report.info(row.line, "no-document", f"{name}: link to plan is {document or 'empty'!r}: no document")
            report.account(row.line, document, "a Link cell that says there is no document")
    return OperationalPlans(heading=table.heading, plans=plans, leads=list(leads.values()),
                            lines=(table.heading_line, table.rows[-1].line if table.rows else table.heading_line))


def _lead(line: int, text: str, leads: dict[str, Lead], ids: IdRegistry, report: ImportReport) -> str | None:
    if not text:
        report.warn(line, "plan-without-lead", "operational plan with no lead")
        return None
    name, role = split_lead(text)
    key = name.lower()
    if key in leads:
        known = leads[key]
        if role and known.role and role != known.role:
            report.warn(line, "lead-roles-differ", f"{name} is {known.role!r} on line {known.lines[0]} "
                        f"and {role!r} here; kept the first")
            report.account(line, role, "a lead's other role (the first is kept)")
        known.lines = (known.lines[0], line)
        return known.id
    leads[key] = Lead(id=ids.claim(slug(name, 4)), name=name, role=role, lines=(line, line))
    return leads[key].id
