"""`factcheck lsp` driven over stdio by a small JSON-RPC client, as an editor drives it:
initialize, didOpen, publishDiagnostics, hover, codeAction, definition, didChange,
a claims file's diagnostics, shutdown and exit."""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from .conftest import ROOT

pytest.importorskip("pygls")

WRONG = (
    "By September, the country's capital had cultivated 950 national-level little giants, "
    "ranking first in terms of number nationwide.\n"
)


class Client:
    """A language client: Content-Length framed JSON-RPC over a child's pipes."""

    def __init__(self, cwd: Path) -> None:
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "factcheck", "lsp"], cwd=cwd, env=env,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        self.messages: queue.Queue[dict[str, Any]] = queue.Queue()
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            length = 0
            while (line := stream.readline()) not in (b"\r\n", b""):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            if not line:
                return
            self.messages.put(json.loads(stream.read(length)))

    def close(self) -> None:
        for stream in (self.process.stdin, self.process.stdout):
            if stream is not None:
                stream.close()

    def send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        stdin = self.process.stdin
        assert stdin is not None
        stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
        stdin.flush()

    def notify(self, method: str, params: dict[str, Any]) -> None:
        self.send({"method": method, "params": params})

    def request(self, method: str, params: dict[str, Any] | None) -> Any:
        self.next_id += 1
        self.send({"id": self.next_id, "method": method, "params": params})
        reply = self.wait(lambda m: m.get("id") == self.next_id and "method" not in m)
        assert "error" not in reply, reply
        return reply.get("result")

    def wait(self, wanted: Any, timeout: float = 20) -> dict[str, Any]:
        end = time.monotonic() + timeout
        seen = []
        while time.monotonic() < end:
            try:
                message = self.messages.get(timeout=max(0.01, end - time.monotonic()))
            except queue.Empty:
                break
            if wanted(message):
                return message
            seen.append(message)
        raise AssertionError(f"no such message from the server; it sent {seen}")

    def diagnostics(self, uri: str) -> list[dict[str, Any]]:
        message = self.wait(
            lambda m: (
                m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri
            )
        )
        found: list[dict[str, Any]] = message["params"]["diagnostics"]
        return found


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
