"""`factcheck lsp` driven over stdio by a small JSON-RPC client, as an editor drives it:
initialize, didOpen, publishDiagnostics, hover, codeAction, definition, didChange,
a claims file's diagnostics, shutdown and exit."""

from __future__ import annotations

import re
import shutil
import tomllib
from pathlib import Path
from typing import Any

import pytest

from .conftest import ROOT
from .lsp_client import Client

pytest.importorskip("pygls")

WRONG = (
    "By September, the country's capital had cultivated 950 national-level little giants, "
    "ranking first in terms of number nationwide.\n"
)


@pytest.fixture
def client() -> Any:
    if not (ROOT.parent / "shared" / "seeds").is_dir():
        pytest.skip("source texts not found in ../shared/seeds")
    lsp = Client(ROOT)
    lsp.request("initialize", {"processId": None, "rootUri": ROOT.as_uri(), "capabilities": {}})
    lsp.notify("initialized", {})
    yield lsp
    lsp.request("shutdown", None)
    lsp.notify("exit", None)
    assert lsp.process.wait(timeout=10) == 0
    lsp.close()


def test_a_wrong_figure_is_a_diagnostic_with_a_hover_a_fix_and_its_claim(
    client: Client, tmp_path: Path
) -> None:
    draft = tmp_path / "draft.md"
    uri = draft.as_uri()
    client.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": WRONG}},
    )
    [diagnostic] = client.diagnostics(uri)
    assert diagnostic["code"] == "FC301"
    assert diagnostic["severity"] == 1
    assert diagnostic["source"] == "factcheck"
    assert diagnostic["codeDescription"]["href"].endswith("#fc301")
    start, end = diagnostic["range"]["start"], diagnostic["range"]["end"]
    assert WRONG[start["character"] : end["character"]] == "950"

    hover = client.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": start})
    assert "bj-national-little-giants" in hover["contents"]["value"]
    assert "590" in hover["contents"]["value"]

    actions = client.request(
        "textDocument/codeAction",
        {"textDocument": {"uri": uri}, "range": diagnostic["range"],
         "context": {"diagnostics": [diagnostic]}},
    )  # fmt: skip
    titles = [a["title"] for a in actions]
    assert "Replace with the claim's value: 590" in titles
    fix = actions[titles.index("Replace with the claim's value: 590")]
    assert fix["edit"]["changes"][uri][0]["newText"] == "590"
    assert any(t.startswith("Suppress FC301") for t in titles)

    [place] = client.request(
        "textDocument/definition", {"textDocument": {"uri": uri}, "position": start}
    )
    assert place["uri"].endswith("claims/000-eworks-bj-healthcare.yaml")

    client.notify(
        "textDocument/didChange",
        {"textDocument": {"uri": uri, "version": 2},
         "contentChanges": [{"text": WRONG.replace("950", "590")}]},
    )  # fmt: skip
    assert client.diagnostics(uri) == []


def test_a_claims_file_gets_the_checks_findings(client: Client) -> None:
    path = ROOT / "constraints" / "national.yaml"
    uri = path.as_uri()
    client.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1,
                          "text": path.read_text("utf-8")}},
    )  # fmt: skip
    codes = {d["code"] for d in client.diagnostics(uri)}
    assert "FC201" in codes  # the acknowledged goal-year inconsistency


def test_hover_on_a_claim_id_in_yaml_explains_it(client: Client) -> None:
    path = ROOT / "claims" / "004-zhuhai-2023-gd-little-giants.yaml"
    uri = path.as_uri()
    text = path.read_text("utf-8")
    client.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}},
    )
    lines = text.split("\n")
    line = next(i for i, t in enumerate(lines) if t.strip() == "- id: gd-fifth-batch")
    at = {"line": line, "character": lines[line].index("gd-fifth-batch") + 3}
    hover = client.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": at})
    assert "claim gd-fifth-batch" in hover["contents"]["value"]
    assert "658" in hover["contents"]["value"]


def test_the_fact_base_is_read_again_when_a_file_of_it_changes(tmp_path: Path) -> None:
    """The server keeps the fact base, and reads it again when a claims file changes:
    the same draft, checked before and after the claim is corrected on disk."""
    base = tmp_path / "base"
    shutil.copytree(ROOT / "claims", base / "claims")
    (base / ".factcheck.toml").write_text(
        f'claims = "claims"\nsources = "{(ROOT.parent / "shared").as_posix()}"\n'
    )
    lsp = Client(base)
    try:
        lsp.request("initialize", {"processId": None, "rootUri": base.as_uri(), "capabilities": {}})
        lsp.notify("initialized", {})
        uri = (base / "draft.md").as_uri()
        lsp.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": WRONG}},
        )
        assert [d["code"] for d in lsp.diagnostics(uri)] == ["FC301"]
        claims = base / "claims" / "000-eworks-bj-healthcare.yaml"
        claims.write_text(claims.read_text("utf-8").replace("590", "950"), "utf-8")
        lsp.notify(
            "textDocument/didSave",
            {"textDocument": {"uri": uri}},
        )
        assert lsp.diagnostics(uri) == []  # 950 is now what the fact base says
        lsp.request("shutdown", None)
        lsp.notify("exit", None)
        assert lsp.process.wait(timeout=10) == 0
    finally:
        lsp.close()


def _snippet(language: str) -> str:
    page = (ROOT / "docs" / "editors.md").read_text("utf-8")
    match = re.search(rf"```{language}\n(.*?)```", page, re.S)
    assert match is not None, language
    return match.group(1)


def test_the_editor_snippets_start_this_server(tmp_path: Path) -> None:
    """docs/editors.md's Neovim and Helix set-ups name a command that runs the server:
    each, as written, answers initialize and shuts down cleanly."""
    helix = tomllib.loads(_snippet("toml"))["language-server"]["factcheck"]
    lua = re.search(r"cmd = \{ (.*?) \}", _snippet("lua"))
    assert lua is not None
    neovim = [part.strip().strip('"') for part in lua.group(1).split(",")]
    for command in ([helix["command"], *helix["args"]], neovim):
        assert command[0] == "factcheck"
        lsp = Client(ROOT, args=command[1:])
        try:
            reply = lsp.request(
                "initialize", {"processId": None, "rootUri": ROOT.as_uri(), "capabilities": {}}
            )
            assert reply["serverInfo"]["name"] == "factcheck"
            assert reply["capabilities"]["hoverProvider"]
            lsp.request("shutdown", None)
            lsp.notify("exit", None)
            assert lsp.process.wait(timeout=10) == 0
        finally:
            lsp.close()
