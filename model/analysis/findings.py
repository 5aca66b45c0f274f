"""Findings: what an analysis reports, as plain data.

A :class:`Finding` says *what* is wrong (``code``), *how much it matters*
(``severity``), *in words* (``message``), *which items* (``nodes``, IDs) and
*where the primary item came from* (``source``: ``{"file", "lines"}`` in the
plan's source document) and *where to edit it* (``locations``: the YAML file,
line and column of each item to edit, added by :mod:`model.locations`). ``details`` holds extra facts an analysis knows,
such as a similarity score, as JSON-ready values.

Every code an analysis may emit is registered in :data:`CODES` with its
severity and a one-line meaning; :func:`finding` refuses unregistered codes,
so the table of codes in the documentation can be checked against the code.

>>> f = finding("missing-document", "Education Plan has no linked document", ["education-plan"])
>>> f.severity, f.nodes
('warning', ('education-plan',))
>>> f.to_dict()["code"]
'missing-document'
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable
from goldenthread.model.queries import item_title, one_line
from goldenthread.model.nodes import Attr

#: Severities, most serious first.
SEVERITIES: tuple[str, ...] = ("error", "warning", "info")

#: code -> (severity, what it means). Ordered by the analysis that emits it.
CODES: dict[str, tuple[str, str]] = {
    # orphans and coverage
    "priority-without-plan": ("warning", "No operational plan serves the priority."),
    "action-without-outcome": ("warning", "An action has no outcome to show it was delivered."),
    "plan-without-priority": ("warning", "An operational plan is linked to no priority with certainty."),
    "plan-without-lead": ("warning", "An operational plan names no lead."),
    "lead-without-plan": ("warning", "A lead leads no operational plan."),
    "unreachable-item": ("error", "An item does not reach the vision through the plan's hierarchy."),
    # references
    "dangling-reference": ("error", "A reference names a priority that does not exist."),
    "ambiguous-reference": ("warning", "A reference fits more than one priority."),
    "unparsed-reference": ("warning", "A connected-priority entry names no group and number Golden Thread recognises."),
    "missing-document": ("warning", "An operational plan has no linked document (TBC)."),
    "cross-reference": ("info", "An item's text names another priority explicitly."),
    # duplicates
    "duplicate": ("warning", "The same text (a statement, or a passage of 8 or more words) is in several items."),
    "near-duplicate": ("info", "Two statements say nearly the same thing (with a similarity score)."),
    "status-conflict": ("warning", "Duplicates disagree on RAG or timescale, or a status contradicts its RAG."),
    "duplicate-name": ("warning", "Two or more leads, or operational plans, share a name (case and spacing aside)."),
    # data quality
    "missing-timescale": ("warning", "An outcome has no timescale."),
    "missing-rag": ("warning", "An outcome has no RAG rating."),
    "unparsed-timescale": ("warning", "A timescale names no date, recurrence or status Golden Thread recognises."),
    "recurring-timescale": ("info", "A timescale is a recurrence (Monthly, Termly...) with no due date."),
    "timescale-outside-period": ("warning", "A timescale names a date before the plan period starts or after it ends."),
    "overdue": ("warning", "An outcome's due date has passed and it is neither GREEN nor Achieved."),
    "import-leftover": ("warning", "A description, title or text reads like a fragment left over from the import."),
    # change over time (check --previous)
    "rating-worsened": ("warning", "An outcome's RAG rating is worse than in the previous version."),
    "timescale-slipped": ("warning", "An outcome's due date moved later across the versions given."),
    "stale-commentary": ("info", "An outcome has no new commentary since the previous version."),
}


@dataclass(frozen=True)
class Finding:
    """One problem or fact an analysis reports. Immutable; compare with ``==``."""

    code: str
    severity: str
    message: str
    nodes: tuple[str, ...]
    source: dict | None = field(default=None, hash=False)
    details: dict = field(default_factory=dict, hash=False)
    #: Where to edit, in the plan folder's YAML: ``({"file", "line", "column"}, ...)``, filled in by
    #: :func:`model.locations.locate_findings` (analyses see only the graph, not the files).
    locations: tuple = field(default=(), hash=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        """The finding as JSON-ready data (the shape of ``check --format json``)."""
        data: dict[str, Any] = {
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "nodes": list(self.nodes),
            "source": self.source,
            "locations": [dict(where) for where in self.locations],
        }
        if self.details:
            data["details"] = self.details
        return data


def finding(code: str, message: str, nodes: Iterable[str], source: dict | None = None,
            **details: Any) -> Finding:
    """Make a :class:`Finding` of a registered *code*; its severity comes from :data:`CODES`."""
    if code not in CODES:
        raise ValueError(f"unregistered finding code {code!r}")
    return Finding(code=code, severity=CODES[code][0], message=message, nodes=tuple(nodes),
                   source=source, details=details)


def source_of(g, node: str) -> dict | None:
    """The ``{"file", "lines"}`` a node came from, or ``None``."""
    return g.nodes[node].get(Attr.SOURCE) if node in g else None


def severity_rank(severity: str) -> int:
    """0 for error, 1 for warning, 2 for info: smaller is more serious."""
    return SEVERITIES.index(severity)


def at_or_above(findings: Iterable[Finding], threshold: str) -> list[Finding]:
    """The findings whose severity is *threshold* or more serious.

    >>> fs = [finding("cross-reference", "x", ["a"]), finding("missing-document", "y", ["b"])]
    >>> [f.code for f in at_or_above(fs, "warning")]
    ['missing-document']
    """
    limit = severity_rank(threshold)
    return [f for f in findings if severity_rank(f.severity) <= limit]


def summary(findings: Iterable[Finding]) -> dict[str, Any]:
    """Counts by severity and by code, for reports.

    >>> summary([finding("cross-reference", "x", ["a"])])
    {'total': 1, 'by_severity': {'error': 0, 'warning': 0, 'info': 1}, 'by_code': {'cross-reference': 1}}
    """
    findings = list(findings)
    by_code: dict[str, int] = {}
    for f in findings:
        by_code[f.code] = by_code.get(f.code, 0) + 1
    return {
        "total": len(findings),
        "by_severity": {s: sum(f.severity == s for f in findings) for s in SEVERITIES},
        "by_code": dict(sorted(by_code.items())),
    }


def short_title(g, node: str, width: int = 70) -> str:
    """:func:`model.queries.item_title`, cut between words to *width* characters with an ellipsis.

    Used in messages, so a finding reads on its own without looking the ID up.
    The cut is :func:`model.queries.one_line`'s, the one the site's titles use.

    >>> from goldenthread.model.analysis._examples import tiny_graph
    >>> short_title(tiny_graph(), "LP1.a", 20)
    'Develop a Leaving…'
    """
    return one_line(item_title(g, node), width)
