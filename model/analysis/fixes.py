"""What each finding code is called in plain words, and what a planner does about it.

:data:`FIXES` maps every registered code (:data:`~model.analysis.findings.CODES`)
to a :class:`Fix`: a plain-language ``name`` for the code (a planner does not
need to know what ``priority-without-plan`` means), the ``task`` it belongs to
(the Findings page groups findings by what to do), the ``fix`` in one
sentence, the YAML ``fields`` to point at when the item has them, and whether
every item the finding names is a place to edit (``every_item``: the copies of
a duplicate) or only the first (the operational plan whose reference is
ambiguous, not the priorities it could mean).

The table in ``docs/planners/check.md`` is checked against this one by a test.

>>> FIXES["priority-without-plan"].name
'Priority with no operational plan'
>>> fix_of("no-such-code").task
'Other'
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Fix:
    """How one finding code reads and what to do about it."""

    name: str
    task: str
    fix: str
    fields: tuple[str, ...] = ()
    every_item: bool = False


#: The tasks, in the order the Findings page lists them (most urgent first).
TASKS: tuple[str, ...] = (
    "Repair the plan's structure",
    "Link plans, priorities and leads",
    "Correct references to priorities",
    "Resolve repeated text",
    "Complete and correct outcomes' status",
    "Tidy imported text",
    "Worth knowing",
    "Other",
)

_STRUCTURE, _LINKS, _REFERENCES, _REPEATS, _STATUS, _IMPORT, _INFO = TASKS[:7]

#: code -> how it reads and what to do. Every code of ``CODES`` has an entry (a test checks).
FIXES: dict[str, Fix] = {
    "unreachable-item": Fix("Item outside the golden thread", _STRUCTURE,
                            "Put the item under the action or priority it belongs to."),
    "action-without-outcome": Fix("Action with no outcome", _STRUCTURE,
                                  "Add, under the action's `outcomes`, the outcome by which it will be judged.",
                                  ("outcomes",)),
    "priority-without-plan": Fix("Priority with no operational plan", _LINKS,
                                 "Add the priority's ID to `priorities` of the operational plan that delivers it "
                                 "(operational_plans.yaml), or explain why none does."),
    "plan-without-priority": Fix("Operational plan linked to no priority", _LINKS,
                                 "List the priorities it serves in the plan's `priorities`.",
                                 ("priorities", "connected")),
    "plan-without-lead": Fix("Operational plan with no lead", _LINKS,
                             "Name its lead in the plan's `lead` (a lead's ID from `leads`).", ("lead",)),
    "lead-without-plan": Fix("Lead of no operational plan", _LINKS,
                             "Remove the lead, or name them as `lead` of their operational plan."),
    "missing-document": Fix("Operational plan without its document", _LINKS,
                            "Give the document's name in the plan's `document` when it exists.", ("document",)),
    "dangling-reference": Fix("Reference to a priority that does not exist", _REFERENCES,
                              "Correct the group or number of the reference, or remove it.",
                              ("unresolved", "connected", "text", "title")),
    "ambiguous-reference": Fix("Reference that could mean two priorities", _REFERENCES,
                               "Say which group it means (\"Leadership Priority 7\") and move the ID from "
                               "`unresolved` to `priorities`.", ("unresolved", "connected", "text", "title")),
    "unparsed-reference": Fix("Reference Golden Thread cannot read", _REFERENCES,
                              "Write it as \"Leadership Priority 5\" or \"Departmental Priority 4,5\".",
                              ("unresolved", "connected", "text", "title")),
    "duplicate": Fix("Same text in several items", _REPEATS,
                     "Keep the text in one item and refer to it from the others, or say why it is in both.",
                     every_item=True),
    "duplicate-name": Fix("Two leads or plans with one name", _REPEATS,
                          "Merge them if they are one, or tell them apart in their names.", ("name", "title"),
                          every_item=True),
    "near-duplicate": Fix("Two statements that say nearly the same", _REPEATS,
                          "Read both: merge them, or make the difference clear.", every_item=True),
    "status-conflict": Fix("Contradictory status", _STATUS,
                           "Agree one RAG rating and timescale for the same work.", ("rag", "timescale"),
                           every_item=True),
    "missing-timescale": Fix("Outcome with no timescale", _STATUS,
                             "Give the outcome a `timescale`: a month and year, or a recurrence.", ("timescale",)),
    "missing-rag": Fix("Outcome with no RAG rating", _STATUS, "Give the outcome a `rag` rating.", ("rag",)),
    "unparsed-timescale": Fix("Timescale with no date", _STATUS,
                              "Write the `timescale` as a month and year (\"March 2021\"), a range, or a "
                              "recurrence (\"Quarterly\").", ("timescale",)),
    "timescale-outside-period": Fix("Date outside the plan period", _STATUS,
                                    "Correct the `timescale`, or move the outcome to the plan it belongs to.",
                                    ("timescale",)),
    "overdue": Fix("Overdue outcome", _STATUS, "Update its `rag` rating or its `timescale`.", ("rag", "timescale")),
    "rating-worsened": Fix("Rating worse than last time", _STATUS,
                           "Ask its lead why, and what will bring it back; record it in the outcome's "
                           "`commentary`.", ("rag", "commentary")),
    "timescale-slipped": Fix("Due date moved later", _STATUS,
                             "Agree a `timescale` that will hold, or say in the `commentary` what stands in "
                             "the way.", ("timescale", "commentary")),
    "import-leftover": Fix("Fragment left over from the import", _IMPORT,
                           "Rewrite the text as a whole statement, or move the fragment to the item it was cut "
                           "from.", ("text", "title", "description")),
    "cross-reference": Fix("Item naming another priority", _INFO,
                           "Nothing, if the link is meant; the dependencies page shows it.", ("text", "title")),
    "stale-commentary": Fix("No new commentary this quarter", _INFO,
                            "Ask its lead for this quarter's update (`commentary` with a date).", ("commentary",)),
    "recurring-timescale": Fix("Recurring work with no due date", _INFO,
                               "Nothing, if the work is ongoing; it can never be overdue.", ("timescale",)),
}


def fix_of(code: str) -> Fix:
    """The :class:`Fix` of *code*; a code with none reads as itself, under "Other"."""
    return FIXES.get(code) or Fix(code, "Other", "")
