"""Where a network view's nodes start: a radial tree around the view's root, computed in Python.

A force layout that starts from random positions needs hundreds of steps to
untangle a view of a couple of hundred items, which takes a browser more than
3 s. Starting from a radial tree (the root in the middle, each ring one step
further out, every subtree in its own slice of the circle, sized by its leaves)
the force layout only has to tidy up, so a few dozen steps do.

>>> import networkx as nx
>>> g = nx.MultiDiGraph([("a", "root"), ("b", "root"), ("a1", "a")])
>>> sorted((n, round(x), round(y)) for n, (x, y) in radial_positions(g, "root").items())
[('a', 0, 180), ('a1', 0, 360), ('b', 0, -180), ('root', 0, 0)]
"""
from __future__ import annotations

import math
from collections import deque

import networkx as nx
from goldenthread.model.queries import reading_order

RING = 180      # px between rings
SPACING = 70    # px of arc each node of a ring needs at least


def radial_positions(g: nx.MultiDiGraph, root: str) -> dict[str, tuple[float, float]]:
    """Positions for every node of *g*: a radial tree from *root* (graph order breaks ties).

    Nodes that *root* cannot reach are laid out the same way around the first of
    them, on a ring outside the rest.
    """
    order = reading_order(g)
    neighbours = {n: sorted(set(g.predecessors(n)) | set(g.successors(n)), key=order.__getitem__) for n in g}
    positions: dict[str, tuple[float, float]] = {}
    offset = 0.0
    for start in [root, *g.nodes] if root in g else list(g.nodes):
        if start in positions:
            continue
        children, depth = _bfs_tree(start, neighbours, positions)
        placed, radius = _place(start, children, depth)
        for node, (x, y) in placed.items():
            positions[node] = (x + offset, y)
        offset += 2 * radius + 2 * RING
    return positions


def _bfs_tree(root: str, neighbours: dict, taken: dict) -> tuple[dict[str, list[str]], dict[str, int]]:
    children: dict[str, list[str]] = {root: []}
    depth = {root: 0}
    queue = deque([root])
    while queue:
        node = queue.popleft()
        for other in neighbours[node]:
            if other not in depth and other not in taken:
                depth[other] = depth[node] + 1
                children[node].append(other)
                children[other] = []
                queue.append(other)
    return children, depth


def _place(root: str, children: dict[str, list[str]], depth: dict[str, int]):
    leaves: dict[str, int] = {}
    for node in sorted(depth, key=depth.__getitem__, reverse=True):
        leaves[node] = max(1, sum(leaves[c] for c in children[node]))
    per_ring = [0] * (max(depth.values()) + 1)
    for d in depth.values():
        per_ring[d] += 1
    radii = [0.0]
    for count in per_ring[1:]:
        radii.append(max(radii[-1] + RING, count * SPACING / (2 * math.pi)))
    placed = {}
    stack = [(root, 0.0, 2 * math.pi)]
    while stack:
        node, start, span = stack.pop()
        angle = start + span / 2 if node != root else 0.0
        r = radii[depth[node]]
        placed[node] = (r * math.cos(angle), r * math.sin(angle))
        at = start
        for child in children[node]:
            share = span * leaves[child] / leaves[node]
            stack.append((child, at, share))
            at += share
    return placed, radii[-1]
