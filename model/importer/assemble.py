"""From the document's parts to the plan's models: titles, texts, IDs, lines."""
from __future__ import annotations

import datetime as dt
import re

from goldenthread.model.importer.cells import cell_blocks, squash
from goldenthread.model.importer.corrections import Corrections
from goldenthread.model.importer.document import Document, Table
from goldenthread.model.importer.ids import IdRegistry, group_prefix, slug
from goldenthread.model.importer.numbering import priority_number, strip_number
from goldenthread.model.importer.operational import read_plans_table
from goldenthread.model.importer.priorities import (
    ActionDraft, PriorityDraft, HOW_TO, split_at_starts, read_priority_table, split_outcome_cell, workstream_heading,
)
from goldenthread.model.importer.report import ImportReport
from goldenthread.model.queries import one_line
from goldenthread.model.references import GroupIndex
from goldenthread.model.schema import (
    Action, Indicator, OperationalPlans, Outcome, Period, Plan, Priority, PriorityGroup, Vision,
)

#: Words past which a title probably runs into its description: a Priority-column title is a name
#: ("Early Help"); a priority numbered in the Action column is titled by its action statement.
_LONG_TITLE_WORDS = 8
_LONG_STATEMENT_WORDS = 14
_SENTENCE_END = re.compile(r"(?<=[a-z0-9)])[.;]\s+(?=[A-Z])")
_GENERIC_WORDS = {"strategic", "priorities", "priority", "the", "and", "of"}


def group_keys(tables: list[Table]) -> list[str]:
    """A short key per priority table: the word of its heading no other heading has.

    "7 Strategic Leadership Priorities" and "7 Strategic Departmental
    Priorities" give ``leadership`` and ``departmental``.
    """
    word_sets = [[w for w in re.findall(r"[a-z]+", t.heading.lower()) if w not in _GENERIC_WORDS]
                 for t in tables]
    keys = []
    for index, words in enumerate(word_sets):
        others = {w for j, ws in enumerate(word_sets) if j != index for w in ws}
        distinct = [w for w in words if w not in others]
        key = (distinct or words or [f"group{index + 1}"])[0]
        keys.append(key if key not in keys else f"{key}{index + 1}")
    return keys


def build_plan(doc: Document, source_file: str, corrections: Corrections,
               report: ImportReport) -> tuple[Plan, list[PriorityGroup], OperationalPlans]:
    """Everything the YAML will hold, with IDs assigned and decisions applied."""
    ids = IdRegistry()
    ids.taken.update({"plan", "vision"})
    priority_tables = [t for t in doc.tables if t.kind == "priorities"]
    used_titles: set[int] = set()
    used_splits: set[int] = set()
    groups: list[PriorityGroup] = []
    prefixes: set[str] = set()
    for key, table in zip(group_keys(priority_tables), priority_tables):
        prefix = group_prefix(key, prefixes)
        prefixes.add(prefix)
        drafts = read_priority_table(table, report)
        name = re.sub(r"^\s*\d+\s+", "", table.heading).strip()
        priorities = [_priority(d, prefix, name, ids, corrections, report, used_titles, used_splits)
                      for d in drafts]
        groups.append(PriorityGroup(key=key, name=name, declared_count=table.declared_count,
                                    priorities=priorities, lines=(table.heading_line, table.heading_line)))

    index: GroupIndex = {g.key: (g.name, {p.number: p.id for p in g.priorities}) for g in groups}
    plan_tables = [t for t in doc.tables if t.kind == "plans"]
    operational = read_plans_table(plan_tables[0], index, ids, report) if plan_tables else OperationalPlans()
    if not plan_tables:
        report.warn(None, "no-plans-table", "no operational plans table found",
                    hint="it starts with a header row like 'Operational/Service Plan | Connected Priority | ...'")

    for decision in corrections.priority_titles:
        if decision.line not in used_titles:
            report.error(decision.line, "unused-decision",
                         f"corrections: no priority cell starts on line {decision.line}")
    for decision in corrections.step_splits:
        if (decision.line, decision.starts[0]) not in used_splits:
            report.error(decision.line, "unused-decision",
                         f"corrections: no step starting {decision.starts[0]!r} in an action cell on line "
                         f"{decision.line}")
    for decision in corrections.outcome_splits:
        if decision.line not in used_splits:
            report.error(decision.line, "unused-decision",
                         f"corrections: no Outcomes cell with several ratings starts on line {decision.line}")
    return _plan(doc, source_file, [g.key for g in groups], corrections, report), groups, operational


def _plan(doc: Document, source_file: str, keys: list[str], corrections: Corrections,
          report: ImportReport) -> Plan:
    if not doc.title or not doc.period:
        report.error(None, "no-title", "no plan title with a period (like 'Service Plan 2020/2021') found",
                     hint="the title line must name the plan and its years before the first table")
        first, second = (1970, 1971)
    else:
        first, second = doc.period
    facts = corrections.plan
    for name in ("organisation", "period_start", "period_end"):
        value = getattr(facts, name)
        if value is not None:
            report.info(None, "decision", f"plan {name} {str(value)!r} is a decision from the corrections file, "
                        "not text of the source" + (f" ({facts.note})" if facts.note else ""),
                        hint=None if facts.note else "say who decided and why under plan.note in the corrections")
    start = facts.period_start or dt.date(first, 4, 1)
    end = facts.period_end or dt.date(second, 3, 31)
    if not facts.period_start:
        report.info(doc.title_line, "period", f"period {first}/{second} read as the financial year "
                    f"{start} to {end}", hint="set plan.period_start/period_end in the corrections file if not")
    if not doc.vision_text:
        report.warn(None, "no-vision", "no vision found", hint="the vision is a line starting 'VISION'")
    vision = Vision(heading=doc.vision_heading, text=doc.vision_text or "", lines=doc.vision_lines)
    return Plan(title=doc.title or "Untitled plan", organisation=facts.organisation,
                period=Period(label=f"{first}/{second}", start=start, end=end),
                last_updated=doc.last_updated, source_file=source_file, vision=vision, groups=keys,
                lines=(doc.title_line, doc.title_line) if doc.title_line else None)


def _priority(draft: PriorityDraft, prefix: str, group_name: str, ids: IdRegistry, corrections: Corrections,
              report: ImportReport, used_titles: set[int], used_splits: set[int]) -> Priority:
    main = draft.actions[0] if draft.actions and draft.actions[0].kind == "main" else None
    # A priority numbered in the Action column shares that cell, continued across page breaks with it.
    blocks = [b.text for b in cell_blocks(main.raw if main else draft.raw)]
    if main:
        title = strip_number(blocks[0]).rstrip(":").strip() if blocks else ""
        description = "\n".join(blocks[1:]) or None
    else:
        alone = priority_number(blocks[0], alone=True) if blocks else None
        if alone and not alone[1]:
            blocks = blocks[1:]          # "<p>1</p> <p>Early Help ...</p>": the number stands alone
        elif blocks:
            found = priority_number(blocks[0])
            if found and found[0] == draft.number:
                blocks = [found[1], *blocks[1:]] if found[1] else blocks[1:]
            elif draft.marker and blocks[0].startswith(draft.marker + " "):
                # the number alone in its cell, run on by a page break's rest: "3 the future to ..."
                blocks = [blocks[0][len(draft.marker):].strip(), *blocks[1:]]
        if len(blocks) > 1:
            # The cell's own paragraphs: the first is the title, the rest its description.
            title, description = blocks[0], "\n".join(blocks[1:])
        else:
            title, description = squash(" ".join(blocks)), None
    decision = corrections.title_for(draft.first_line)
    if decision:
        used_titles.add(decision.line)
        whole = squash(" ".join([title, description or ""]))
        rest = whole[len(decision.title):].strip(" :-–") if whole.lower().startswith(decision.title.lower()) else whole
        title, description = decision.title, rest or None
    if not title:
        title = f"{re.sub(r'Priorities$', 'Priority', group_name)} {draft.number}"
        report.warn(draft.first_line, "priority-without-title",
                    f"priority {draft.number} has no title in the document: called it {title!r}",
                    hint=f"record its title under priority_titles (line: {draft.first_line}) in the corrections")
    elif title[0].islower():
        report.warn(draft.first_line, "priority-title-incomplete",
                    f"priority {draft.number}'s title starts mid-sentence: {one_line(title, 50)!r}",
                    hint=f"record its title under priority_titles (line: {draft.first_line}) in the corrections")
    elif not decision:
        _check_title_length(draft, title, report)
    priority_id = ids.claim(f"{prefix}{draft.number}")
    actions = [_action(a, priority_id, ids, corrections, report, used_splits) for a in draft.actions]
    last = max([draft.last_line] + [a.lines[1] for a in actions if a.lines])
    return Priority(id=priority_id, number=draft.number, title=title, description=description,
                    actions=actions, lines=(draft.first_line, last))


def suggest_title(text: str) -> str | None:
    """The short title a long priority title probably starts with: its leading capitalised words.

    The last capitalised word before a run of lower-case words starts the
    description's sentence, so it is left out.

    >>> suggest_title("Early Help Children and young people getting a good start")
    'Early Help'
    >>> suggest_title("Commissioning Providing the best possible placements")
    'Commissioning'
    >>> suggest_title("to make sure children are safe") is None
    True
    """
    sentence = re.split(r"[;:]\s|(?<=[a-z0-9)])\.\s", text, maxsplit=1)
    if len(sentence) > 1 and 0 < len(sentence[0].split()) <= _LONG_TITLE_WORDS:
        return sentence[0].strip()
    words = text.split()
    run = 0
    while run < len(words) and (words[run][:1].isupper() or words[run] in ("&", "and", "of")):
        run += 1
    while run and words[run - 1] in ("&", "and", "of"):
        run -= 1
    if run < 2:
        return None                      # one capitalised word then lower case: a sentence, not a title
    if run < len(words):
        run -= 1                         # the capital that starts the sentence after the title
    while run and words[run - 1] in ("&", "and", "of"):
        run -= 1
    return " ".join(words[:run]) if 0 < run < len(words) else None


def _check_title_length(draft: PriorityDraft, title: str, report: ImportReport) -> None:
    """A warning when a title runs long or holds a sentence: the cell probably runs title and description together."""
    sentence = _SENTENCE_END.search(title)
    main = bool(draft.actions) and draft.actions[0].kind == "main"
    if len(title.split()) <= (_LONG_STATEMENT_WORDS if main else _LONG_TITLE_WORDS) and not sentence:
        return
    guess = suggest_title(title)
    why = "holds a sentence" if sentence else f"runs to {len(title.split())} words"
    report.warn(draft.first_line, "long-priority-title",
                f"priority {draft.number}'s title {why}: {one_line(title, 70)!r}; it probably runs a title and a "
                "description together",
                hint=f"record the title under priority_titles (line: {draft.first_line}) in the corrections"
                     + (f", e.g. title: {guess}" if guess else "") + "; the rest becomes the description")


def _rag_text(rating) -> str | None:
    """The rating as written, when it says more than its value (not for case or spacing alone: "Amber/ green")."""
    if rating is None or "".join(rating.raw.split()).upper() == rating.value:
        return None
    return rating.raw


def _split_steps(line: int, steps: list[str], corrections: Corrections, used: set) -> list[str]:
    """Cut steps whose bullets the export lost, where a person recorded the starts."""
    for decision in corrections.step_splits_for(line):
        for index, step in enumerate(steps):
            if step.startswith(decision.starts[0]):
                steps[index:index + 1] = split_at_starts(step, decision.starts, len(decision.starts), line, "step split")
                used.add((line, decision.starts[0]))
                break
    return steps


def _action(draft: ActionDraft, priority_id: str, ids: IdRegistry, corrections: Corrections,
            report: ImportReport, used_splits: set[int]) -> Action:
    blocks = cell_blocks(draft.raw)
    texts = [b.text for b in blocks]
    steps: list[str] = []
    label = draft.label
    heading = workstream_heading(texts[0]) if texts else None
    if draft.kind in ("main", "lettered"):
        title = strip_number(texts[0]).rstrip(":").strip()
        rest = texts[1:]
        suffix = "main" if draft.kind == "main" else draft.label.rsplit(".", 1)[-1] if "." in draft.label \
            else draft.label[-1]
        wanted = f"{priority_id}.{suffix}"
    elif heading:
        label = heading
        # The heading is the label; the statement after it is the title ("NEGLECT: to feature in ...").
        statement = HOW_TO.sub("", texts[0])[len(heading):].strip(" :")
        title = statement or heading
        rest, in_steps = [], bool(HOW_TO.search(texts[0]))
        if in_steps:
            report.account(draft.first_line, "How to achieve", "'How to achieve:', the start of a workstream's steps")
        for block in blocks[1:]:
            if HOW_TO.fullmatch(block.text):
                report.account(draft.first_line, block.text, "'How to achieve:', the start of a workstream's steps")
                in_steps = True
            elif in_steps and block.kind == "li":
                steps.append(block.text)
            else:
                rest.append(block.text)
        wanted = f"{priority_id}.{slug(heading, 3)}"
    else:
        first = _SENTENCE_END.split(texts[0], maxsplit=1)[0] if texts else ""
        title = first if len(first) <= 200 else first[:197].rsplit(" ", 1)[0] + "…"
        rest = texts
        wanted = f"{priority_id}.{slug(title, 4)}"
    steps = _split_steps(draft.first_line, steps, corrections, used_splits)
    action_id = ids.claim(wanted)
    indicators = [Indicator(id=ids.claim(f"{action_id}.i-{slug(text)}"), text=text, lines=(first, last))
                  for raw, first, last in draft.indicators
                  for text in ["\n".join(b.text for b in cell_blocks(raw))]]
    outcomes = [Outcome(id=ids.claim(f"{action_id}.o-{slug(o.text)}"), heading=o.heading, text=o.text,
                        timescale=o.timescale, rag=o.rating.value if o.rating else None,
                        rag_text=_rag_text(o.rating),
                        lines=o.lines)
                for cell in draft.outcome_cells
                for o in split_outcome_cell(cell, corrections, report, used_splits)]
    last = max([draft.last_line] + [i.lines[1] for i in indicators] + [o.lines[1] for o in outcomes])
    return Action(id=action_id, label=label, title=title or "(untitled action)", text="\n".join(rest) or None,
                  steps=steps, indicators=indicators, outcomes=outcomes, lines=(draft.first_line, last))
