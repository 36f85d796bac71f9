"""`factcheck graph`: DOT, GraphML and an HTML page that a browser draws."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from factcheck import api
from factcheck.cli import app
from factcheck.config import discover_settings
from factcheck.engine.implications import implied
from factcheck.engine.reporting import show_variable
from factcheck.graph import build_graph

from .conftest import ROOT, WriteTree

runner = CliRunner()
CONFLICT = {
    "constraints/c.yaml": """
        constraints:
          - id: too-few
            description: the firms cannot be more than 500
            expr: bj-firms <= 500
    """,
    "pyproject.toml": """
        [tool.factcheck]
        claims = "claims"
        constraints = "constraints"
        sources = "texts"
    """,
}


def graph(*args: str) -> str:
    result = runner.invoke(app, ["graph", *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_graphml_round_trips_with_every_claim_and_relation(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    drawn = nx.read_graphml(io.BytesIO(graph("-f", "graphml").encode("utf-8")))
    kinds = [data["kind"] for _, data in drawn.nodes(data=True)]
    assert kinds.count("claim") == 106
    assert kinds.count("unknown") == 5
    assert kinds.count("constraint") == 36
    assert nx.is_bipartite(drawn)


def test_every_claim_shows_what_explain_says_the_rest_implies() -> None:
    """The graph finds what the rest implies about every claim at once, by halving
    (``implied_everywhere``); ``explain`` propagates for one claim (``implied``). On the
    bundled fact base they agree for every claim and unknown in a relation."""
    factbase, _ = api.load(discover_settings(ROOT))
    result = api.run_engine(factbase)
    drawn = build_graph(result)
    shown = 0
    for vid, variable in result.model.variables.items():
        if any(vid in r.variables for r in result.model.relations):
            value, _ = implied(result, vid)
            assert drawn.nodes[vid]["derived"] == show_variable(value, variable), vid
            shown += 1
    assert shown > 50


def test_dot_marks_conflicts_red(write_tree: WriteTree) -> None:
    write_tree(CONFLICT)
    dot = graph("-f", "dot")
    assert dot.startswith("graph factcheck {")
    assert re.search(
        r'"bj-firms" \[label="bj-firms", shape="ellipse", tooltip="\[0, 500\]", color="red"\]', dot
    )
    assert re.search(r'"relation:too-few" \[.*color="red"\]', dot)
    assert '"bj-firms" -- "relation:too-few";' in dot


def test_html_page_is_self_contained(write_tree: WriteTree) -> None:
    write_tree(CONFLICT)
    page = graph("-f", "html")
    assert "<script src" not in page
    assert "<link" not in page
    assert page.count('class="node claim conflict"') == 1
    assert "bj-firms: states 590; implied [0, 500]" in page


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(CHROMIUM is None, reason="no Chromium (Debian's chromium package) installed")
def test_a_browser_draws_every_node_and_the_conflicts(
    write_tree: WriteTree, tmp_path: Path
) -> None:
    folder = write_tree(CONFLICT)
    page = folder / "graph.html"
    assert runner.invoke(app, ["graph", "--output-file", str(page)]).exit_code == 0
    assert CHROMIUM is not None
    result = subprocess.run(
        [
            CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    body = re.search(r"<body[^>]*>", result.stdout)
    assert body is not None, result.stderr[-2000:]
    # The page's script counts the shapes the browser laid out with a non-zero size.
    assert 'data-nodes="2"' in body.group(0)  # the claim bj-firms and the constraint
    assert 'data-conflicts="2"' in body.group(0)  # bj-firms and the violated constraint
