"""The plan as pydantic models: what a YAML file under ``plan_data/`` may say.

The YAML is the source of truth and people edit it by hand, so every model
forbids unknown fields (a misspelt key is an error, not silently ignored) and
every value that has a fixed vocabulary (RAG, group keys) is a closed set.

Layout of a plan folder::

    plan.yaml                  # Plan: title, organisation, period, vision, group order
    groups/<key>.yaml          # PriorityGroup: its priorities, actions, indicators, outcomes
    operational_plans.yaml     # OperationalPlans: the plans that deliver, and their leads
    source/<document>.txt      # the text export that every ``lines`` points into

Every item has an ``id`` (stable, readable, URL-safe; never renumbered) and
``lines``: ``[first, last]`` line numbers in the source document.
"""
from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints
from pydantic_core import PydanticCustomError

from goldenthread.model.limits import MAX_TEXT_CHARS

#: The RAG ratings a plan may use. ``None`` (no rating) is allowed too.
RAG_VALUES: tuple[str, ...] = ("GREEN", "AMBER", "RED", "AMBER/GREEN", "N/A")
Rag = Literal["GREEN", "AMBER", "RED", "AMBER/GREEN", "N/A"]

#: Names Windows keeps for devices, whatever the case and extension (``con.md`` included).
WINDOWS_DEVICE_NAMES = frozenset({"CON", "PRN", "AUX", "NUL", *(f"COM{n}" for n in range(10)),
                                  *(f"LPT{n}" for n in range(10))})
#: File names the site's own pages take (``priorities/index.md``...), ignoring case.
SITE_PAGE_NAMES = frozenset({"index"})


def _usable_as_file_name(value: str) -> str:
    """An ID names the item's page file: refuse names Windows or the site keep for themselves.

    The pattern already keeps IDs inside their folder: no '/', '\\', leading
    '.' (so no '..'), ':' or space, and no trailing '.' (Windows drops it).
    """
    stem = value.split(".")[0]
    if stem.upper() in WINDOWS_DEVICE_NAMES:
        raise PydanticCustomError("reserved_id", "{value} is a reserved file name on Windows",
                                  {"value": value, "reserved": stem.upper()})
    if value.lower() in SITE_PAGE_NAMES:
        raise PydanticCustomError("reserved_id", "{value} is the name of a page of the site", {"value": value})
    return value


#: IDs are used as page paths, anchors and CLI arguments: keep them URL-safe and usable as file names.
ItemId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9_-])?$",
                                          max_length=120),
                   AfterValidator(_usable_as_file_name)]

#: Any text of the plan: trimmed, and at most :data:`~model.limits.MAX_TEXT_CHARS` characters.
Text = Annotated[str, StringConstraints(max_length=MAX_TEXT_CHARS)]

#: ``[first, last]`` line numbers (1-based) in the source document.
Lines = tuple[int, int]


def _not_a_number(value):
    # pydantic reads a number as seconds since 1970: `end: 0` would silently become 1970-01-01.
    if isinstance(value, (int, float)):
        raise PydanticCustomError("date_type", "Input should be a valid date")
    return value


#: A calendar date written YYYY-MM-DD; never a bare number.
Date = Annotated[dt.date, BeforeValidator(_not_a_number)]


class Strict(BaseModel):
    """Base for every model: unknown fields are errors, whitespace is trimmed."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=False)


class Commentary(Strict):
    """The lead's latest word on an outcome's progress, and the day it was given.

    Written by ``goldenthread updates apply`` from the Commentary column of a
    lead's workbook (or by hand): plain text, never markup.
    """

    date: Date
    text: Text


class Outcome(Strict):
    """One RAG-rated row of the Outcomes/Impact column.

    ``text`` holds the cell's bullets, one per line. ``timescale`` is the raw
    text of the Timescale cell (parsed on demand by :mod:`model.timescale`).
    ``commentary`` is the latest progress update, when there is one.
    """

    id: ItemId
    text: Text
    timescale: Text | None = None
    rag: Rag | None = None
    commentary: Commentary | None = None
    lines: Lines | None = None


class Indicator(Strict):
    """One cell of the "How will we make a difference? Indicators of Success" column."""

    id: ItemId
    text: Text
    lines: Lines | None = None


class Action(Strict):
    """One "What we need to do" cell: a numbered or lettered objective, or a workstream.

    ``label`` is what the document numbers it with ("5", "5a") or, for a
    departmental workstream, its heading ("NEGLECT"). ``steps`` are the
    "How to achieve" bullets.
    """

    id: ItemId
    label: Text | None = None
    title: Text
    text: Text | None = None
    steps: list[Text] = Field(default_factory=list)
    indicators: list[Indicator] = Field(default_factory=list)
    outcomes: list[Outcome] = Field(default_factory=list)
    lines: Lines | None = None


class Priority(Strict):
    """A numbered priority of one group (strategic leadership or departmental)."""

    id: ItemId
    number: int = Field(ge=1)
    title: Text
    description: Text | None = None
    actions: list[Action] = Field(default_factory=list)
    lines: Lines | None = None


class PriorityGroup(Strict):
    """One table of priorities, e.g. "7 Strategic Leadership Priorities"."""

    key: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_-]*$")]
    name: Text
    declared_count: int | None = None
    priorities: list[Priority] = Field(default_factory=list)
    lines: Lines | None = None


class Period(Strict):
    """The period the plan covers, e.g. 2020/2021 = 1 April 2020 to 31 March 2021."""

    label: Text
    start: Date
    end: Date


class Vision(Strict):
    id: ItemId = "vision"
    heading: Text | None = None
    text: Text
    lines: Lines | None = None


class Plan(Strict):
    """``plan.yaml``: the plan itself. ``groups`` lists group keys in reading order."""

    id: ItemId = "plan"
    title: Text
    organisation: Text | None = None
    period: Period
    last_updated: Date | None = None
    source_file: Text | None = None
    vision: Vision
    groups: list[str]
    lines: Lines | None = None


class UnresolvedReference(Strict):
    """A link the table states but that cannot be resolved with certainty.

    ``reason`` is ``ambiguous`` (several priorities fit: ``candidates`` lists
    them), ``no-such-priority`` (the group has no priority with that number) or
    ``unparsed`` (the text names no group and number we recognise).
    """

    text: Text
    reason: Literal["ambiguous", "no-such-priority", "unparsed"]
    candidates: list[ItemId] = Field(default_factory=list)


class Lead(Strict):
    id: ItemId
    name: Text
    role: Text | None = None
    lines: Lines | None = None


class OperationalPlan(Strict):
    """An operational/service plan, the priorities it serves and its lead.

    ``connected`` is the "Connected Priority" cell exactly as the table states
    it; ``priorities`` are the IDs it resolves to with certainty; ``unresolved``
    the rest. ``document`` is ``None`` where the table says TBC.
    """

    id: ItemId
    name: Text
    connected: Text | None = None
    priorities: list[ItemId] = Field(default_factory=list)
    unresolved: list[UnresolvedReference] = Field(default_factory=list)
    lead: ItemId | None = None
    document: Text | None = None
    lines: Lines | None = None


class OperationalPlans(Strict):
    """``operational_plans.yaml``."""

    heading: Text | None = None
    plans: list[OperationalPlan] = Field(default_factory=list)
    leads: list[Lead] = Field(default_factory=list)
    lines: Lines | None = None


class PlanData(BaseModel):
    """Everything loaded from one plan folder, references checked.

    Built by :func:`model.loader.load_plan`; not read from a single file.
    ``directory`` is the folder it came from; ``source_text`` the lines of the
    source document (empty when the folder ships none).
    """

    model_config = ConfigDict(arbitrary_types_allowed=True)

    directory: str
    plan: Plan
    groups: list[PriorityGroup]
    operational: OperationalPlans
    source_lines: list[str] = Field(default_factory=list)

    def priorities(self) -> list[Priority]:
        """Every priority, group by group, in reading order."""
        return [p for g in self.groups for p in g.priorities]
