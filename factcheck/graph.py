"""`factcheck graph`: the claims–constraints graph as DOT, GraphML or an HTML page.

Nodes are claims, unknowns and relations (written constraints and built-in relations);
an edge joins a relation to each claim or unknown it names. Relations that are violated,
and the claims they name, are marked as conflicts (red in the page); every claim and
unknown carries what the rest of the fact base implies about it (shown on hover).
"""

from __future__ import annotations

import html
import io
import math
from collections.abc import Iterable, Mapping

import networkx as nx

from factcheck.engine.implications import implied_everywhere
from factcheck.engine.reporting import render_term, show_variable
from factcheck.engine.verdicts import EngineResult, Status
from factcheck.layout import layout

__all__ = ["build_graph", "to_dot", "to_graphml", "to_html"]


def build_graph(result: EngineResult) -> nx.Graph[str]:
    graph: nx.Graph[str] = nx.Graph()
    variables = result.model.variables
    conflicted = {c for conflict in result.conflicts for c in conflict.claims}
    for verdict in result.verdicts.values():
        if verdict.status is Status.VIOLATED and verdict.relation.acknowledged is None:
            conflicted.update(verdict.relation.variables)
    derived_values = implied_everywhere(result)
    for vid, variable in variables.items():
        derived = derived_values.get(vid, variable.stated)
        graph.add_node(
            vid,
            kind=variable.kind,
            label=vid,
            stated=show_variable(variable.stated, variable),
            derived=show_variable(derived, variable),
            conflict=vid in conflicted,
        )
    for verdict in result.verdicts.values():
        relation = verdict.relation
        node = f"relation:{relation.id}"
        graph.add_node(
            node,
            kind=str(relation.kind),
            label=relation.id,
            expression=f"{render_term(relation.left)} {relation.op} {render_term(relation.right)}",
            verdict=str(verdict.status),
            conflict=verdict.status is Status.VIOLATED and relation.acknowledged is None,
        )
        for name in relation.variables:
            graph.add_edge(node, name)
    return graph


def _quoted(value: object) -> str:
    """A DOT string: in double quotes, with backslashes and quotes escaped."""
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'


def _attributes(data: Mapping[str, object]) -> str:
    return ", ".join(f"{key}={_quoted(value)}" for key, value in data.items())


def to_dot(graph: nx.Graph[str]) -> str:
    """Graphviz DOT: claims as ellipses, unknowns as diamonds, relations as boxes."""
    shapes = {"claim": "ellipse", "unknown": "diamond"}
    lines = ["graph factcheck {", "  node [fontname=Helvetica];"]
    for node in sorted(graph.nodes):
        data = graph.nodes[node]
        shape = shapes.get(str(data["kind"]), "box")
        tooltip = data.get("derived") or data.get("expression") or ""
        attributes = {
            "label": data["label"],
            "shape": shape,
            "tooltip": tooltip,
            "color": "red" if data["conflict"] else "black",
        }
        lines.append(f"  {_quoted(node)} [{_attributes(attributes)}];")
    for a, b in _edges(graph):
        lines.append(f"  {_quoted(a)} -- {_quoted(b)};")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _edges(graph: nx.Graph[str]) -> Iterable[tuple[str, str]]:
    """Every edge once, each with its ends in order, in order: not in the order networkx
    iterates a subgraph, which can follow a set's (and so the hash seed)."""
    return sorted((a, b) if a <= b else (b, a) for a, b in graph.edges())


def to_graphml(graph: nx.Graph[str]) -> str:
    buffer = io.BytesIO()
    nx.write_graphml(graph, buffer)
    return buffer.getvalue().decode("utf-8")


_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>factcheck graph</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 1rem; }}
svg {{ border: 1px solid #ccc; max-width: 100%; height: auto; }}
line {{ stroke: #999; stroke-width: 1; }}
.claim {{ fill: #dbe9ff; stroke: #336; }}
.unknown {{ fill: #fff4c2; stroke: #863; }}
.relation {{ fill: #eee; stroke: #555; }}
.conflict {{ fill: #ffd6d6; stroke: #d00; stroke-width: 3; }}
text {{ font-size: 9px; pointer-events: none; }}
</style></head>
<body>
<h1>factcheck: claims and relations</h1>
<p>{summary}. Circles are claims, diamonds unknowns, squares relations; red marks a
conflict. Hover for a claim's value as stated and as the rest of the fact base implies it,
or for a relation's expression and verdict.</p>
<svg xmlns="http://www.w3.org/2000/svg"
     viewBox="0 0 {width} {height}" width="{width}" height="{height}">
{edges}
{nodes}
</svg>
<script>
// What the page draws, for tests and for the curious: counts of drawn shapes.
const drawn = [...document.querySelectorAll("svg .node")].filter(e => e.getBBox().width > 0);
document.body.dataset.nodes = drawn.length;
document.body.dataset.conflicts = drawn.filter(e => e.classList.contains("conflict")).length;
</script>
</body></html>
"""


def to_html(full: nx.Graph[str], width: int = 1200) -> str:
    """A self-contained page: an SVG drawing, a title on every shape for hovering. Claims
    that take part in no relation are counted, not drawn."""
    graph = full.subgraph(n for n in full.nodes if full.degree(n) > 0)
    alone = sum(1 for n in full.nodes if full.degree(n) == 0)
    position, height = layout(graph, float(width))
    edges = [
        f'<line x1="{position[a][0]:.1f}" y1="{position[a][1]:.1f}" '
        f'x2="{position[b][0]:.1f}" y2="{position[b][1]:.1f}"/>'
        for a, b in _edges(graph)
    ]
    nodes = []
    for node in sorted(graph.nodes):
        data = graph.nodes[node]
        x, y = position[node]
        kind = str(data["kind"])
        css = "claim" if kind == "claim" else "unknown" if kind == "unknown" else "relation"
        classes = f"node {css}" + (" conflict" if data["conflict"] else "")
        if kind in {"claim", "unknown"}:
            hover = f"{data['label']}: states {data['stated']}; implied {data['derived']}"
        else:
            hover = f"{data['label']}: {data['expression']} ({data['verdict']})"
        if css == "claim":
            shape = f'<circle class="{classes}" cx="{x:.1f}" cy="{y:.1f}" r="7">'
        elif css == "unknown":
            points = (
                f"{x:.1f},{y - 8:.1f} {x + 8:.1f},{y:.1f} {x:.1f},{y + 8:.1f} {x - 8:.1f},{y:.1f}"
            )
            shape = f'<polygon class="{classes}" points="{points}">'
        else:
            shape = (
                f'<rect class="{classes}" x="{x - 5:.1f}" y="{y - 5:.1f}" width="10" height="10">'
            )
        closing = shape.split()[0][1:]
        nodes.append(
            f"{shape}<title>{html.escape(hover)}</title></{closing}>"
            f'<text x="{x + 9:.1f}" y="{y + 3:.1f}">{html.escape(str(data["label"]))}</text>'
        )
    conflicts = sum(1 for _, d in graph.nodes(data=True) if d["conflict"])
    claims = sum(1 for _, d in graph.nodes(data=True) if d["kind"] == "claim")
    relations = (
        graph.number_of_nodes()
        - claims
        - sum(1 for _, d in graph.nodes(data=True) if d["kind"] == "unknown")
    )
    summary = (
        f"{claims} claims in {relations} relations, {conflicts} in conflict; "
        f"{alone} claims in no relation are not drawn"
    )
    return _PAGE.format(
        summary=summary, width=width, height=math.ceil(height),
        edges="\n".join(edges), nodes="\n".join(nodes),
    )  # fmt: skip
