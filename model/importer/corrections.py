"""Decisions a person made about rows the importer cannot read with certainty.

They live in a YAML file beside the plan (``import/corrections.yaml``), never
in code. Each decision names the source line it is for and the words it
expects to find there, so a decision cannot silently apply to another
document or to a changed row: a decision that does not fit is an error, and so
is a decision that nothing used.

Example::

    plan:
      organisation: Blackburn with Darwen Borough Council
      note: a decision; the export names only "Blackburn with Darwen"
    priority_titles:
      - line: 57
        title: Early Help          # the cell runs title and description together
        note: the bold title of the priority cell
    outcome_splits:
      - line: 160                  # one Outcomes cell, two Timescale/RAG pairs
        starts: ["Evidence of an improving picture", "New staff will have"]
    step_splits:
      - line: 161                  # the action cell's first line
        starts: ["QAF to reflect the programme", "Strategic oversight; Strengthen"]
"""
from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from goldenthread.model.errors import PlanImportError, PlanLoadError
from goldenthread.model.schema import Date
from goldenthread.model.explain import validate
from goldenthread.model.yaml_source import read_yaml


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class PlanFacts(_Strict):
    """Facts about the plan that its text does not state: decisions, never read from the source.

    ``note`` says who decided and why (the import report quotes it).
    """

    organisation: str | None = None
    note: str | None = None
    period_start: Date | None = None     # when the plan year is not April to March
    period_end: Date | None = None


class PriorityTitle(_Strict):
    """The title of the priority whose cell starts on ``line``.

    When the cell's text starts with the title, the rest becomes the
    description; otherwise the whole cell text is kept as the description.
    """

    line: int
    title: str
    note: str | None = None


class OutcomeSplit(_Strict):
    """How to cut one Outcomes cell that carries several Timescale/RAG pairs.

    ``starts`` gives the first words of each outcome, in order; there must be
    exactly one per pair, and each must be found in the cell after the one
    before it.
    """

    line: int
    starts: list[str] = Field(min_length=2)
    note: str | None = None


class StepSplit(_Strict):
    """How to cut one "How to achieve" step whose bullets the export lost.

    The step is the one of the action whose cell starts on ``line`` that
    begins with ``starts[0]``; it becomes one step per start, in order.
    """

    line: int
    starts: list[str] = Field(min_length=2)
    note: str | None = None


class Corrections(_Strict):
    plan: PlanFacts = Field(default_factory=PlanFacts)
    priority_titles: list[PriorityTitle] = Field(default_factory=list)
    outcome_splits: list[OutcomeSplit] = Field(default_factory=list)
    step_splits: list[StepSplit] = Field(default_factory=list)

    def title_for(self, line: int) -> PriorityTitle | None:
        return next((t for t in self.priority_titles if t.line == line), None)

    def split_for(self, line: int) -> OutcomeSplit | None:
        return next((s for s in self.outcome_splits if s.line == line), None)

    def step_splits_for(self, line: int) -> list[StepSplit]:
        return [s for s in self.step_splits if s.line == line]


def load_corrections(path: Path | None) -> Corrections:
    """Read a corrections file; no file (or an empty one) means no decisions.

    It is read and validated like a plan file (:func:`model.yaml_source.read_yaml`):
    the same limits, the same refusals (anchors, aliases, tags, encodings) and
    the same located messages, as :class:`~model.errors.PlanImportError`.
    """
    if path is None or not Path(path).exists():
        return Corrections()
    try:
        doc = read_yaml(Path(path))
    except PlanLoadError as error:
        raise PlanImportError(error.title, error.location, error.hint) from None
    if doc.data is None:
        return Corrections()
    errors: list[PlanLoadError] = []
    corrections = validate(doc, Corrections, errors)
    if errors:
        first, *rest = errors
        raise PlanImportError(f"corrections file: {first.title}", first.location, first.hint,
                           details=[PlanImportError(f"corrections file: {e.title}", e.location, e.hint) for e in rest])
    return corrections
