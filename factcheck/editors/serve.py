"""``factcheck serve``: a page for editors, and the API it uses, on the standard library.

Four kinds of request, each answered from the library (``lint_drafts``, ``explain``,
``graph``), never from a file a request names:

- ``GET /``: the page (``page.html`` beside this module): paste or open a draft, its
  figures are checked as you stop typing, wrong ones in red with the claim beside them;
- ``POST /api/lint`` with ``{"text": …, "date"?: "YYYY-MM-DD"}``: the JSON report
  ``factcheck lint --format json`` writes;
- ``GET /api/explain/ID`` and ``GET /api/claims/ID``: ``explain --format json``, and
  the claim as ``factcheck claims --format jsonl`` lists it;
- ``GET /claims``, ``GET /explain/ID``, ``GET /graph``: the fact base as pages.

The standard library's ``ThreadingHTTPServer`` is enough for one editor's page on
127.0.0.1 (docs/architecture.md): JSON in and out, no sessions, no templates. Bodies are
bounded (``MAX_BODY``: a larger one is 413 before it is read).
"""

from __future__ import annotations

import html
import json
from datetime import date
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from factcheck import __version__
from factcheck.editors.factbases import FactBaseCache
from factcheck.errors import UsageError
from factcheck.model import ID

__all__ = ["MAX_BODY", "make_server"]

MAX_BODY = 10 * 2**20


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    server_version = f"factcheck/{__version__}"

    def log_message(self, format: str, *args: Any) -> None:
        return  # quiet: the page is for one person, on their own machine

    def do_GET(self) -> None:
        path = unquote(urlsplit(self.path).path)
        if path == "/":
            self._send(HTTPStatus.OK, _page(), "text/html; charset=utf-8")
            return
        routes = {
            "/api/explain/": self._explain_json,
            "/api/claims/": self._claim_json,
            "/explain/": self._explain_page,
        }
        for prefix, route in routes.items():
            if path.startswith(prefix):
                wanted = path.removeprefix(prefix)
                if not ID.fullmatch(wanted):
                    self._error(HTTPStatus.NOT_FOUND, f"no claim {wanted!r}")
                    return
                route(wanted)
                return
        if path == "/claims":
            self._claims_page()
        elif path == "/graph":
            self._graph()
        else:
            self._error(HTTPStatus.NOT_FOUND, f"nothing at {path}")

    def do_POST(self) -> None:
        if urlsplit(self.path).path != "/api/lint":
            self._error(HTTPStatus.NOT_FOUND, "POST /api/lint is the one")
            return
        length = self.headers.get("Content-Length")
        if length is None or not length.isdigit():
            self._error(HTTPStatus.LENGTH_REQUIRED, "give the body's Content-Length")
            return
        if int(length) > MAX_BODY:
            self.close_connection = True  # the body is not read
            self._error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"a draft is at most {MAX_BODY} bytes")
            return
        try:
            body = json.loads(self.rfile.read(int(length)).decode("utf-8"))
            text = body["text"]
            when = date.fromisoformat(body["date"]) if body.get("date") else None
            if not isinstance(text, str):
                raise TypeError("text")
        except (ValueError, KeyError, TypeError, UnicodeDecodeError) as exc:
            self._error(HTTPStatus.BAD_REQUEST, f'the body is {{"text": …, "date"?: …}} ({exc})')
            return
        self._send(HTTPStatus.OK, self.server.lint(text, when), "application/json")

    # -- answers ------------------------------------------------------------------------

    def _explain_json(self, wanted: str) -> None:
        from factcheck.formatters.explanation import explanation_json  # noqa: PLC0415

        explanation = self.server.explain(wanted)
        if explanation is None:
            self._error(HTTPStatus.NOT_FOUND, f"no claim, constraint or unknown {wanted!r}")
            return
        self._send(HTTPStatus.OK, explanation_json(explanation), "application/json")

    def _claim_json(self, wanted: str) -> None:
        from factcheck.api import claim_records  # noqa: PLC0415

        record = next((r for r in claim_records(self.server.base.get()) if r["id"] == wanted), None)
        if record is None:
            self._error(HTTPStatus.NOT_FOUND, f"no claim {wanted!r}")
            return
        self._send(HTTPStatus.OK, json.dumps(record, ensure_ascii=False), "application/json")

    def _explain_page(self, wanted: str) -> None:
        from factcheck.formatters import OutputOptions  # noqa: PLC0415
        from factcheck.formatters.explanation import format_explanation  # noqa: PLC0415

        explanation = self.server.explain(wanted)
        if explanation is None:
            self._error(HTTPStatus.NOT_FOUND, f"no claim, constraint or unknown {wanted!r}")
            return
        text = format_explanation(explanation, OutputOptions(color=False, width=110))
        self._send(HTTPStatus.OK, _shell(wanted, f"<pre>{html.escape(text)}</pre>"), _HTML)

    def _claims_page(self) -> None:
        from factcheck.api import claim_records  # noqa: PLC0415

        rows = "".join(
            f"<tr><td><a href='/explain/{html.escape(r['id'])}'>{html.escape(r['id'])}</a></td>"
            f"<td>{html.escape(r['subject'])}</td><td>{html.escape(r['metric'])}</td>"
            f"<td>{html.escape(r['value'])}</td><td>{html.escape(r['interval'] or '?')}</td>"
            f"<td>{html.escape(r['as_of'])}</td></tr>"
            for r in claim_records(self.server.base.get())
        )
        table = (
            "<p><a href='/graph'>the graph of claims and constraints</a></p><table><tr>"
            "<th>id</th><th>subject</th><th>metric</th><th>value</th><th>interval</th>"
            f"<th>as of</th></tr>{rows}</table>"
        )
        self._send(HTTPStatus.OK, _shell("claims", table), _HTML)

    def _graph(self) -> None:
        from factcheck import graph as graphs  # noqa: PLC0415
        from factcheck.api import run_engine  # noqa: PLC0415

        page = graphs.to_html(graphs.build_graph(run_engine(self.server.base.get())))
        self._send(HTTPStatus.OK, page, _HTML)

    def _error(self, status: HTTPStatus, message: str) -> None:
        self._send(status, json.dumps({"error": message}), "application/json")

    def _send(self, status: HTTPStatus, text: str, kind: str) -> None:
        data = text.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Content-Security-Policy", "default-src 'self' 'unsafe-inline'")
        self.end_headers()
        self.wfile.write(data)


_HTML = "text/html; charset=utf-8"


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], base: FactBaseCache) -> None:
        super().__init__(address, _Handler)
        self.base = base

    def lint(self, text: str, when: date | None) -> str:
        """The JSON report of ``factcheck lint --format json`` for ``text``."""
        from factcheck.api import lint_with  # noqa: PLC0415
        from factcheck.formatters import OutputOptions, render  # noqa: PLC0415
        from factcheck.lint.drafts import read_draft  # noqa: PLC0415
        from factcheck.lint.run import LintOptions  # noqa: PLC0415

        report = lint_with(self.base.get(), [read_draft("draft.md", text)], LintOptions(date=when))
        return render("json", report, OutputOptions())

    def explain(self, wanted: str) -> Any:
        from factcheck.api import run_engine  # noqa: PLC0415
        from factcheck.explain import explain  # noqa: PLC0415

        factbase = self.base.get()
        try:
            return explain(factbase, run_engine(factbase), wanted)
        except UsageError:
            return None


def _page() -> str:
    return resources.files("factcheck.editors").joinpath("page.html").read_text("utf-8")


def _shell(title: str, body: str) -> str:
    return (
        f"<!doctype html><meta charset='utf-8'><title>{html.escape(title)} · factcheck</title>"
        "<style>body{font:15px system-ui;margin:2em}table{border-collapse:collapse}"
        "td,th{padding:2px 8px;border-bottom:1px solid #ddd;text-align:left}</style>"
        f"<p><a href='/'>check a draft</a> · <a href='/claims'>claims</a></p>{body}"
    )


def make_server(host: str, port: int, start: Path) -> _Server:
    """A server on ``host:port`` for the fact base found from ``start``."""
    return _Server((host, port), FactBaseCache(start))
