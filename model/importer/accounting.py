"""The accounting invariant: every word of the source ends up exactly once in the plan, or in the report.

An import that drops or duplicates text silently is the worst failure an
auditor can meet: the plan looks right and is not. So every import counts
the words of every source line (tags removed, entities decoded, as the
cells are read) and the words the plan holds: titles, texts, steps,
indicators, outcomes, headings, timescales, ratings as written, plan names,
leads, documents, and numbers read as numbers. Text the importer consumed on
purpose (page headers, repeated table headers, a table's label in the
Priority column, "How to achieve:" markers, "TBC" documents...) is recorded
with its line and reason by :meth:`ImportReport.account` and listed in the
report. Whatever is left over is reported at its line as
``unaccounted-text``; words the plan holds more often than the source as
``text-repeated`` (unless a decision in the corrections file supplied them).

>>> from collections import Counter
>>> words("<p>Early <i>Help</i></p> &amp; support, 2020/21")
['early', 'help', 'support', '2020', '21']
"""
from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass

from goldenthread.model.importer.cells import cell_parts
from goldenthread.model.importer.corrections import Corrections
from goldenthread.model.importer.report import ImportReport
from goldenthread.model.schema import OperationalPlans, Plan, PriorityGroup

_WORD = re.compile(r"[^\W_]+")


def words(text: str | None) -> list[str]:
    """The words of a text, lower case, without tags, entities or punctuation."""
    if not text:
        return []
    return _WORD.findall(html.unescape(re.sub(r"<[^>]+>", " ", text)).lower())


def line_words(line: str) -> list[str]:
    """The words of one source line as the importer reads it: each cell cleaned like a cell."""
    if "\t" not in line:
        return words(line)
    return [w for cell in line.split("\t") for w in words(" ".join(cell_parts(cell)))]


@dataclass
class Accounting:
    """The result: word counts on each side and what did not balance."""

    source_words: int
    plan_words: int
    accounted_words: int
    missing: Counter
    repeated: Counter

    @property
    def balanced(self) -> bool:
        return not self.missing and not self.repeated

    def to_dict(self) -> dict:
        return {"source_words": self.source_words, "plan_words": self.plan_words,
                "accounted_words": self.accounted_words, "missing": sum(self.missing.values()),
                "repeated": sum(self.repeated.values())}


def plan_words(plan: Plan, groups: list[PriorityGroup], operational: OperationalPlans) -> Counter:
    """Every word the plan's YAML holds that came from the source, each counted as often as it was read."""
    found: Counter = Counter()
    add = lambda *texts: found.update(w for t in texts for w in words(t))  # noqa: E731
    add(plan.title, plan.vision.heading, plan.vision.text)
    for group in groups:
        add(str(group.declared_count) if group.declared_count is not None else None, group.name)
        for priority in group.priorities:
            main = priority.actions[0] if priority.actions and priority.actions[0].id.endswith(".main") else None
            add(priority.title, priority.description)   # its number is accounted for as numbering
            for action in priority.actions:
                if action is main:
                    pass                      # the same cell as the priority's title and description
                elif action.label and action.label.startswith(str(priority.number)) and action.label[len(str(priority.number)):].isalpha():
                    add(action.label[len(str(priority.number)):], action.title, action.text)   # lettered "5a"
                elif action.label:
                    add(action.label, None if action.title == action.label else action.title, action.text)
                else:
                    add(action.text if action.text else action.title)   # the title is the text's first sentence
                add(*action.steps)
                add(*(i.text for i in action.indicators))
                seen_texts: set[tuple[str, int]] = set()
                for outcome in action.outcomes:
                    key = (outcome.text, outcome.lines[0] if outcome.lines else 0)
                    if key not in seen_texts:   # one cell read as several outcomes carries its text once
                        add(outcome.heading, outcome.text)
                        seen_texts.add(key)
                    add(outcome.timescale, outcome.rag_text or outcome.rag)
    add(operational.heading)
    leads = {lead.id: lead for lead in operational.leads}
    for op in operational.plans:
        add(op.name, op.connected, op.document)
        lead = leads.get(op.lead) if op.lead else None
        if lead:
            add(lead.name, lead.role)
    return found


def check_accounting(lines: list[str], plan: Plan, groups: list[PriorityGroup], operational: OperationalPlans,
                     corrections: Corrections, report: ImportReport) -> Accounting:
    """Balance the source's words against the plan's and the report's; report what does not balance."""
    per_line = {number: Counter(line_words(line)) for number, line in enumerate(lines, start=1) if line.strip()}
    source: Counter = sum(per_line.values(), Counter())
    held = plan_words(plan, groups, operational)
    accounted: Counter = Counter(w for item in report.accounted for w in words(" ".join(cell_parts(item.text))))
    decided: Counter = Counter(words(corrections.plan.organisation))
    for decision in corrections.priority_titles:
        decided.update(words(decision.title))
    fallback = Counter(w for g in groups for w in words(g.name) * len(g.priorities)) + Counter(
        {"untitled": 10**6, "action": 10**6, "priority": 10**6}) + Counter(
        str(p.number) for g in groups for p in g.priorities if p.title.endswith(f"Priority {p.number}"))
    missing = source - (held + accounted)
    repeated = (held + accounted) - source - decided - fallback
    _report_missing(missing, per_line, report)
    if repeated:
        sample = ", ".join(f"{w!r} ×{n}" for w, n in sorted(repeated.items())[:12])
        report.warn(None, "text-repeated", f"{sum(repeated.values())} words are in the plan more often than in "
                    f"the source: {sample}{' …' if len(repeated) > 12 else ''}",
                    hint="an item was read twice; check the rows the report names, and please report the case")
    result = Accounting(sum(source.values()), sum(held.values()), sum(accounted.values()), missing, repeated)
    report.info(None, "accounting",
                f"{result.source_words} words in the source: {result.plan_words} in the plan, "
                f"{result.accounted_words} accounted for in this report (page and table headers, labels, markers); "
                + ("every word is accounted for" if not missing else
                   f"{sum(missing.values())} unaccounted for (listed as unaccounted-text)"))
    return result


def _report_missing(missing: Counter, per_line: dict[int, Counter], report: ImportReport) -> None:
    """Name each unaccounted word at the first line that holds it (in source order)."""
    left = Counter(missing)
    by_line: dict[int, list[str]] = {}
    # A line most of whose words are missing is where the loss is; a common word ("a") is not evidence.
    share = {number: sum(min(c, missing[w]) for w, c in counts.items()) / max(1, sum(counts.values()))
             for number, counts in per_line.items()}
    for number in sorted(per_line, key=lambda n: (-share[n], n)):
        counts = per_line[number]
        for word, count in counts.items():
            take = min(count, left[word])
            if take > 0:
                by_line.setdefault(number, []).extend([word] * take)
                left[word] -= take
    for number, found in sorted(by_line.items()):
        shown = " ".join(found[:20]) + (" …" if len(found) > 20 else "")
        report.warn(number, "unaccounted-text", f"{len(found)} words of this line are neither in the plan nor "
                    f"accounted for in this report: {shown}",
                    hint="text the plan has no place for (outside the tables) or that the importer lost: check "
                         "the line in the source and the item it belongs to")
