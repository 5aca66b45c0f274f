"""What an import makes, in numbers: what ``goldenthread import --dry-run`` prints before anything is written.

>>> from goldenthread.model.schema import OperationalPlans
>>> ImportSummary.of([], OperationalPlans()).to_dict()["outcomes_by_rag"]
{'GREEN': 0, 'AMBER': 0, 'RED': 0, 'AMBER/GREEN': 0, 'N/A': 0, 'none': 0}
"""
from __future__ import annotations

from dataclasses import dataclass, field

from goldenthread.model.schema import RAG_VALUES, OperationalPlans, PriorityGroup


@dataclass
class ImportSummary:
    """Counts of what the plan folder holds (or would hold)."""

    priorities: dict[str, int] = field(default_factory=dict)      # per group key
    actions: int = 0
    outcomes_by_rag: dict[str, int] = field(default_factory=dict)  # RAG value (or "none") -> count
    plans: int = 0
    leads: int = 0
    links: int = 0                                                 # plan -> priority links
    unresolved: int = 0                                            # references kept unresolved

    @classmethod
    def of(cls, groups: list[PriorityGroup], operational: OperationalPlans) -> "ImportSummary":
        by_rag = {value: 0 for value in (*RAG_VALUES, "none")}
        actions = 0
        for group in groups:
            for priority in group.priorities:
                actions += len(priority.actions)
                for action in priority.actions:
                    for outcome in action.outcomes:
                        by_rag[outcome.rag or "none"] += 1
        return cls(priorities={g.key: len(g.priorities) for g in groups}, actions=actions, outcomes_by_rag=by_rag,
                   plans=len(operational.plans), leads=len(operational.leads),
                   links=sum(len(p.priorities) for p in operational.plans),
                   unresolved=sum(len(p.unresolved) for p in operational.plans))

    @property
    def outcomes(self) -> int:
        return sum(self.outcomes_by_rag.values())

    def to_dict(self) -> dict:
        return {"priorities": dict(self.priorities), "actions": self.actions, "outcomes": self.outcomes,
                "outcomes_by_rag": dict(self.outcomes_by_rag), "plans": self.plans, "leads": self.leads,
                "links": self.links, "unresolved": self.unresolved}

    def format(self) -> str:
        """A few plain lines for the terminal."""
        groups = ", ".join(f"{n} {key}" for key, n in self.priorities.items())
        rags = ", ".join(f"{n} {value}" for value, n in self.outcomes_by_rag.items() if n)
        return (f"priorities: {sum(self.priorities.values())} ({groups})\n"
                f"actions: {self.actions}\n"
                f"outcomes: {self.outcomes} ({rags or 'none'})\n"
                f"operational plans: {self.plans}\nleads: {self.leads}\n"
                f"links from plans to priorities: {self.links} ({self.unresolved} references kept unresolved)\n")
