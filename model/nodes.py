"""The vocabulary of the plan graph, written down once: kinds of node and edge, and each node's attributes.

:func:`model.graph.build_graph` makes nodes with exactly these attributes
(``tests/test_queries.py`` checks it on the bundled plan), and every reader
names them through :class:`Attr` rather than as bare strings, so a renamed or
new attribute is a change in one place that a type checker and a grep follow.

>>> NODE_ATTRIBUTES[OUTCOME]
('kind', 'source', 'text', 'rag', 'timescale', 'parsed_timescale', 'action', 'priority')
>>> Attr.RAG in NODE_ATTRIBUTES[OUTCOME], Attr.RAG in NODE_ATTRIBUTES[ACTION]
(True, False)
"""
from __future__ import annotations

from typing import TypedDict

# Node kinds.
PLAN = "plan"
VISION = "vision"
PRIORITY = "priority"
ACTION = "action"
INDICATOR = "indicator"
OUTCOME = "outcome"
OPERATIONAL_PLAN = "operational_plan"
LEAD = "lead"
NODE_KINDS = (PLAN, VISION, PRIORITY, ACTION, INDICATOR, OUTCOME, OPERATIONAL_PLAN, LEAD)

# Edge kinds.
PART_OF = "part_of"            # child -> parent in the plan's hierarchy
SERVES = "serves"              # operational plan -> priority it is connected to
LED_BY = "led_by"              # operational plan -> its lead
REFERENCES = "references"      # item -> priority its text names ("as departmental priority 4")
EDGE_KINDS = (PART_OF, SERVES, LED_BY, REFERENCES)


class Attr:
    """The names of node attributes (``g.nodes[n][Attr.TITLE]``); which kind has which: :data:`NODE_ATTRIBUTES`."""

    KIND = "kind"                  # one of NODE_KINDS
    SOURCE = "source"              # {"file": ..., "lines": [first, last]} in the source document, or None
    TITLE = "title"
    TEXT = "text"
    GROUP = "group"                # a priority's group key (a key of g.graph["groups"])
    NUMBER = "number"              # a priority's number within its group
    LABEL = "label"                # an action's label as the plan prints it ("1a")
    STEPS = "steps"                # an action's listed steps
    PRIORITY = "priority"          # the ID of the priority an action, indicator or outcome is under
    ACTION = "action"              # the ID of the action an indicator or outcome is under
    RAG = "rag"                    # an outcome's RAG rating (see model.queries.RAG_ORDER), or None
    TIMESCALE = "timescale"        # an outcome's timescale as written
    PARSED_TIMESCALE = "parsed_timescale"  # model.timescale.parse_timescale of it
    ROLE = "role"                  # a lead's role
    DOCUMENT = "document"          # an operational plan's document file name
    CONNECTED = "connected"        # an operational plan's "connected to" text as written
    LEAD = "lead"                  # the ID of an operational plan's lead, or None
    UNRESOLVED = "unresolved"      # an operational plan's references that name no single priority


class _Node(TypedDict):
    kind: str
    source: dict | None


class PlanNode(_Node):
    title: str


class VisionNode(_Node):
    title: str
    text: str


class PriorityNode(_Node):
    title: str
    text: str | None
    group: str
    number: int


class ActionNode(_Node):
    title: str
    text: str | None
    label: str | None
    steps: list[str]
    priority: str


class IndicatorNode(_Node):
    text: str
    action: str
    priority: str


class OutcomeNode(_Node):
    text: str
    rag: str | None
    timescale: str | None
    parsed_timescale: dict
    action: str
    priority: str


class OperationalPlanNode(_Node):
    title: str
    document: str | None
    connected: str | None
    lead: str | None
    unresolved: list[dict]


class LeadNode(_Node):
    title: str
    role: str | None


#: The attributes of a node of each kind, in the order :func:`model.graph.build_graph` sets them.
NODE_TYPES: dict[str, type] = {
    PLAN: PlanNode, VISION: VisionNode, PRIORITY: PriorityNode, ACTION: ActionNode, INDICATOR: IndicatorNode,
    OUTCOME: OutcomeNode, OPERATIONAL_PLAN: OperationalPlanNode, LEAD: LeadNode,
}
NODE_ATTRIBUTES: dict[str, tuple[str, ...]] = {kind: tuple(t.__annotations__) for kind, t in NODE_TYPES.items()}
