"""Where ``factcheck graph --format html`` draws each node: force-directed placement
(Fruchterman and Reingold, "Graph drawing by force-directed placement", 1991) in plain
Python, since networkx's own layouts need numpy.

Deterministic: the same graph gives the same coordinates in every process. Nodes start
on a circle in sorted order, and every sum runs over nodes and edges in sorted order,
never in the order of a set (networkx iterates a subgraph's nodes through the set that
made it when that set is small, so its order changes with ``PYTHONHASHSEED``, and a
force-directed layout turns the last bit of a float sum into a visible move).

Bounded work: in a component of up to ``ALL_PAIRS`` nodes every node pushes every other
one, as in the paper. A larger one would cost n² a round (a chain of 1,000 constraints
has 2,001 nodes: two million pairs, 150 times), so there nodes push only those closer
than twice the ideal edge length, found through a grid of cells of that size (the
paper's "grid variant"), in ``MIN_ROUNDS`` rounds: linear in its size.
"""

from __future__ import annotations

import math

import networkx as nx

__all__ = ["layout"]

GRAVITY = 0.02
ROUNDS = 150
#: Components of up to this many nodes feel the push of every other node. A larger one
#: feels only its near neighbours', starts on its circle in the order of a walk through
#: it (so that it does not start tangled: long-range pushes would have untangled it),
#: and has ``MIN_ROUNDS`` rounds (or more, when that costs no more than this size).
ALL_PAIRS = 200
MIN_ROUNDS = 30


def layout(
    graph: nx.Graph[str], width: float = 1200.0
) -> tuple[dict[str, tuple[float, float]], float]:
    """Each connected component laid out on its own, largest first, packed in rows;
    the positions, and the height the drawing needs."""
    components = sorted(
        (sorted(nodes) for nodes in nx.connected_components(graph)),
        key=lambda nodes: (-len(nodes), nodes[0]),
    )
    position: dict[str, tuple[float, float]] = {}
    x = y = row = 0.0
    for nodes in components:
        side = min(width, max(160.0, 130.0 * math.sqrt(len(nodes))))
        if x + side > width:
            x, y, row = 0.0, y + row, 0.0
        placed = _walk(graph, nodes) if len(nodes) > ALL_PAIRS else nodes
        index = {node: i for i, node in enumerate(placed)}
        edges = sorted(
            (min(index[a], index[b]), max(index[a], index[b])) for a, b in graph.edges(placed)
        )
        for node, (px, py) in zip(placed, _spring(len(placed), edges, side), strict=True):
            position[node] = (x + px, y + py)
        x, row = x + side, max(row, side)
    return position, y + row


def _walk(graph: nx.Graph[str], nodes: list[str]) -> list[str]:
    """``nodes`` (sorted, one component) in the order of a breadth-first walk from the
    first, neighbours in sorted order."""
    return list(nx.bfs_tree(graph, nodes[0], sort_neighbors=sorted))


def _spring(count: int, edges: list[tuple[int, int]], side: float) -> list[tuple[float, float]]:
    """Positions of nodes 0 … count-1 (joined by ``edges``) in a square of ``side``,
    starting on a circle in that order."""
    if count == 1:
        return [(side / 2, side / 2)]
    k = side / math.sqrt(count)
    xs = [side / 2 + side / 3 * math.cos(2 * math.pi * i / count) for i in range(count)]
    ys = [side / 2 + side / 3 * math.sin(2 * math.pi * i / count) for i in range(count)]
    rounds = ROUNDS if count <= ALL_PAIRS else max(MIN_ROUNDS, ROUNDS * ALL_PAIRS // count)
    temperature = side / 8
    cooling = 0.97 ** (ROUNDS / rounds)  # the same last temperature, however many rounds
    pull = GRAVITY * k / side * count
    reach = math.inf if count <= ALL_PAIRS else 2 * k
    for _ in range(rounds):
        sx, sy = _repulsion(xs, ys, k, reach)
        for i, j in edges:
            dx, dy = xs[i] - xs[j], ys[i] - ys[j]
            force = (math.hypot(dx, dy) or 0.01) / k
            sx[i] -= dx * force
            sy[i] -= dy * force
            sx[j] += dx * force
            sy[j] += dy * force
        for i in range(count):  # gravity keeps components round instead of against the walls
            sx[i] += (side / 2 - xs[i]) * pull
            sy[i] += (side / 2 - ys[i]) * pull
            length = math.hypot(sx[i], sy[i]) or 0.01
            step = min(length, temperature) / length
            xs[i] += sx[i] * step
            ys[i] += sy[i] * step
        temperature *= cooling
    return _fit(xs, ys, side)


#: The cells a cell is compared with besides itself: each pair of neighbouring cells once.
_FORWARD = ((1, -1), (1, 0), (1, 1), (0, 1))


def _repulsion(
    xs: list[float], ys: list[float], k: float, reach: float
) -> tuple[list[float], list[float]]:
    """The push k²/d on every node from each node closer than ``reach``, in a fixed
    order: nodes bucketed in square cells of side ``reach`` (one cell when it is
    infinite), each cell compared with itself and its neighbours."""
    cells: dict[tuple[int, int], list[int]] = {}
    for i, (x, y) in enumerate(zip(xs, ys, strict=True)):
        cell = (0, 0) if math.isinf(reach) else (math.floor(x / reach), math.floor(y / reach))
        cells.setdefault(cell, []).append(i)
    sx, sy = [0.0] * len(xs), [0.0] * len(xs)
    limit, kk = reach * reach, k * k

    def push(i: int, others: list[int]) -> None:
        x, y = xs[i], ys[i]
        for j in others:
            dx, dy = x - xs[j], y - ys[j]
            squared = dx * dx + dy * dy
            if squared < limit:
                force = kk / (squared or 0.0001)  # coincident nodes: as if 0.01 apart
                sx[i] += dx * force
                sy[i] += dy * force
                sx[j] -= dx * force
                sy[j] -= dy * force

    for (cx, cy), members in cells.items():
        for a, i in enumerate(members):
            push(i, members[a + 1 :])
        for ox, oy in _FORWARD:
            if others := cells.get((cx + ox, cy + oy)):
                for i in members:
                    push(i, others)
    return sx, sy


def _fit(
    xs: list[float], ys: list[float], side: float, margin: float = 12.0
) -> list[tuple[float, float]]:
    """Scale and move the drawing into the square, keeping its proportions."""
    left, top = min(xs), min(ys)
    span = max(max(xs) - left, max(ys) - top) or 1.0
    scale = (side - 2 * margin) / span
    return [
        (margin + (x - left) * scale, margin + (y - top) * scale)
        for x, y in zip(xs, ys, strict=True)
    ]
