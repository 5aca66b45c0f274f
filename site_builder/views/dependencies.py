"""The dependencies page: the priority x priority matrix, its evidence, bridges, the whole-plan view."""
from __future__ import annotations

from dataclasses import dataclass

from goldenthread.site_builder import urls as U
from goldenthread.site_builder.markup import Href
from goldenthread.site_builder.views.common import KIND_LABELS, ItemLink, link_maker
from goldenthread.site_builder.views.items import NetworkEmbed, network_embed
from goldenthread.site_builder.views.priority import Evidence, evidence_list
from goldenthread.model.analysis.dependencies import DependencyMatrix
from goldenthread.site_builder.context import SiteContext


@dataclass(frozen=True)
class MatrixCell:
    """One cell: how many pieces of evidence, and the anchor of their list (empty when none)."""

    count: int
    href: Href | None
    label: str
    diagonal: bool


@dataclass(frozen=True)
class MatrixRow:
    """One row of the priority x priority matrix."""

    priority: ItemLink
    cells: list[MatrixCell]


@dataclass(frozen=True)
class PairEvidence:
    """The evidence linking two priorities, under its own anchor."""

    anchor: str
    a: ItemLink
    b: ItemLink
    evidence: list[Evidence]


@dataclass(frozen=True)
class BridgeRow:
    """An item that on its own connects several priorities."""

    item: ItemLink
    kind: str
    priorities: list[ItemLink]


@dataclass(frozen=True)
class DependenciesView:
    """The dependencies page."""

    page: str
    columns: list[ItemLink]
    rows: list[MatrixRow]
    pairs: list[PairEvidence]
    bridges: list[BridgeRow]
    network: NetworkEmbed | None
    priority_count: int
    matrix_shown: bool


def pair_anchor(a: str, b: str) -> str:
    """The anchor of the evidence list of priorities *a* and *b*.

    >>> pair_anchor("LP2", "DP1")
    'dep-LP2-DP1'
    """
    return f"dep-{a}-{b}"


def dependencies_view(ctx: SiteContext) -> DependenciesView:
    """Build the dependencies page."""
    page = U.DEPENDENCIES
    link = link_maker(ctx, page)
    deps = ctx.dependencies or DependencyMatrix()
    ids = [p["id"] for p in deps.priorities]
    cell_of = {}
    for cell in deps.cells:
        cell_of[(cell["a"], cell["b"])] = cell_of[(cell["b"], cell["a"])] = pair_anchor(cell["a"], cell["b"])
    rows = []
    matrix_shown = len(ids) <= ctx.options.matrix_max_priorities
    for i, a in enumerate(ids if matrix_shown else []):
        cells = []
        for j, b in enumerate(ids):
            count = deps.matrix[i][j]
            anchor = cell_of.get((a, b))
            label = (f"{a} and {b}: {count} piece{'s' if count != 1 else ''} of evidence" if count
                     else f"{a} and {b}: none")
            cells.append(MatrixCell(count, U.relative(page, f"{page}#{anchor}") if anchor else None,
                                    label, i == j))
        rows.append(MatrixRow(link(a), cells))
    pairs = [PairEvidence(pair_anchor(c["a"], c["b"]), link(c["a"]), link(c["b"]),
                          evidence_list(ctx, page, c["evidence"])) for c in deps.cells]
    bridges = [BridgeRow(link(b["id"]), KIND_LABELS.get(b["kind"], b["kind"]),
                         [link(p) for p in b["priorities"] if p in ctx.g]) for b in deps.bridges]
    return DependenciesView(page=page, columns=[link(p) for p in ids] if matrix_shown else [], rows=rows,
                            pairs=pairs, bridges=bridges, network=network_embed(ctx, page, "plan"),
                            priority_count=len(ids), matrix_shown=matrix_shown)
