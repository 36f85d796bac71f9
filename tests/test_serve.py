"""`factcheck serve`: the API answers as the command line does, bad requests get clear
errors, no request reaches a file, and a real browser shows a wrong figure in red with
its claim (headless Chromium, as tests/test_graph.py uses)."""

from __future__ import annotations

import http.client
import json
import re
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.editors.serve import MAX_BODY, make_server

from .conftest import ROOT

WRONG = (
    "By September, the country's capital had cultivated 950 national-level little giants, "
    "ranking first in terms of number nationwide.\n"
)
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def address() -> Iterator[tuple[str, int]]:
    if not (ROOT.parent / "shared" / "seeds").is_dir():
        pytest.skip("source texts not found in ../shared/seeds")
    server = make_server("127.0.0.1", 0, ROOT)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield "127.0.0.1", server.server_address[1]
    server.shutdown()
    server.server_close()


def _ask(
    address: tuple[str, int], method: str, path: str, body: bytes | None = None, **headers: str
) -> tuple[int, Any]:
    connection = http.client.HTTPConnection(*address, timeout=60)
    try:
        connection.request(method, path, body=body, headers=headers)
        answer = connection.getresponse()
        data = answer.read()
    finally:
        connection.close()
    kind = answer.getheader("Content-Type", "")
    return answer.status, json.loads(data) if kind.startswith("application/json") else data


def test_api_lint_is_the_json_of_lint(
    address: tuple[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    status, report = _ask(address, "POST", "/api/lint", json.dumps({"text": WRONG}).encode())
    assert status == 200
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(app, ["lint", "-f", "json", "-"], input=WRONG)
    expected = json.loads(result.output)

    def codes(r: dict[str, Any]) -> list[tuple[str, int, int, str]]:
        return [(f["code"], f["line"], f["column"], f["message"]) for f in r["findings"]]

    assert codes(report) == codes(expected)
    assert [f["code"] for f in report["findings"]] == ["FC301"]


def test_api_explain_is_the_json_of_explain(
    address: tuple[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    status, explained = _ask(address, "GET", "/api/explain/gd-fifth-batch")
    assert status == 200
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(app, ["explain", "gd-fifth-batch", "-f", "json"])
    assert explained == json.loads(result.output)


@pytest.mark.parametrize(
    ("method", "path", "body", "status"),
    [
        ("GET", "/api/explain/no-such-claim", None, 404),
        ("GET", "/api/explain/..%2F..%2Fetc%2Fpasswd", None, 404),
        ("GET", "/../../etc/passwd", None, 404),
        ("POST", "/api/lint", b"not json", 400),
        ("POST", "/api/lint", b'{"text": 5}', 400),
        ("POST", "/api/lint", b'{"text": "a", "date": "soon"}', 400),
        ("POST", "/elsewhere", b"{}", 404),
    ],
)
def test_bad_requests_get_clear_errors(
    address: tuple[str, int], method: str, path: str, body: bytes | None, status: int
) -> None:
    answer, data = _ask(address, method, path, body)
    assert answer == status
    assert "error" in data


def test_a_body_over_the_limit_is_413_unread(address: tuple[str, int]) -> None:
    connection = http.client.HTTPConnection(*address, timeout=60)
    try:
        connection.putrequest("POST", "/api/lint")
        connection.putheader("Content-Length", str(MAX_BODY + 1))
        connection.endheaders()
        answer = connection.getresponse()
        assert answer.status == 413
        assert "at most" in json.loads(answer.read())["error"]
    finally:
        connection.close()


def test_the_fact_base_pages(address: tuple[str, int]) -> None:
    status, page = _ask(address, "GET", "/claims")
    assert status == 200
    assert b"/explain/gd-fifth-batch" in page
    status, page = _ask(address, "GET", "/explain/gd-fifth-batch")
    assert status == 200
    assert b"658" in page
    status, page = _ask(address, "GET", "/graph")
    assert status == 200
    assert b"<svg" in page


@pytest.mark.skipif(CHROMIUM is None, reason="no Chromium (Debian's chromium package) installed")
def test_a_browser_shows_the_wrong_figure_in_red_with_its_claim(
    address: tuple[str, int], tmp_path: Path
) -> None:
    assert CHROMIUM is not None
    url = f"http://{address[0]}:{address[1]}/?text={quote(WRONG)}"
    result = subprocess.run(
        [
            CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", f"--user-data-dir={tmp_path / 'profile'}",
            "--virtual-time-budget=10000", "--dump-dom", url,
        ],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    dom = result.stdout
    assert re.search(r'<mark class="error" data-code="FC301"[^>]*>950</mark>', dom), result.stderr[
        -2000:
    ]
    assert "national-level little giants, ranking first" in dom  # the claim's quote
    assert "explain bj-national-little-giants" in dom
