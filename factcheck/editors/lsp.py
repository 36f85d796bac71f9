"""``factcheck lsp``: the Language Server Protocol over stdio, on pygls.

Drafts (Markdown and text) get ``lint``'s findings as diagnostics when they are opened,
changed (after a pause in typing, ``DEBOUNCE``) and saved; a claims or constraints file
gets ``check``'s findings for it when opened and saved. Both come from the library, the
same calls the command line makes: there is no second lint. The fact base is loaded
once and again only when one of its files has changed (``FactBaseCache``), and the work
is done in a thread, so the editor's requests are answered while a long draft is read.

Hover on a flagged figure shows the claim it was held to; code actions replace it with
the claim's value or add a suppression; "go to definition" opens the claim.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from factcheck import __version__
from factcheck.config import discover_settings
from factcheck.editors.factbases import FactBaseCache
from factcheck.errors import UsageError
from factcheck.factbase import FactBase
from factcheck.findings import Finding, Severity
from factcheck.lint.drafts import read_draft
from factcheck.lint.run import LintOptions, lint_drafts
from factcheck.loader import YAML_SUFFIXES
from factcheck.model import ID

__all__ = ["DEBOUNCE", "make_server"]

#: Seconds after the last change before a draft is linted again.
DEBOUNCE = 0.3
DRAFT_SUFFIXES = (".md", ".markdown", ".txt", ".text")
RULES_PAGE = "https://github.com/factcheck/factcheck/blob/main/docs/rules.md"
_SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}


@dataclass
class _Linted:
    """A document's last findings, each with its diagnostic."""

    text: str
    findings: Sequence[Finding]
    diagnostics: Sequence[types.Diagnostic]


class FactcheckServer(LanguageServer):
    """The server, with the fact base and each open draft's last findings."""

    def __init__(self) -> None:
        super().__init__("factcheck", __version__)
        self.bases: dict[Path, FactBaseCache] = {}
        self.linted: dict[str, _Linted] = {}
        self.pending: dict[str, asyncio.Task[None]] = {}

    def base_for(self, path: Path) -> FactBaseCache:
        """The fact base of the nearest configuration above ``path``; with none there,
        the workspace's (as ``lint`` takes the project's for a draft elsewhere)."""
        folder = path.parent
        if discover_settings(folder).config_file is None:
            root = self.workspace.root_path if self._workspace_ready() else None
            folder = Path(root) if root else Path.cwd()
        settings = discover_settings(folder)
        key = settings.config_file or settings.root
        if key not in self.bases:
            self.bases[key] = FactBaseCache(folder)
        return self.bases[key]

    def _workspace_ready(self) -> bool:
        try:
            return self.workspace is not None
        except RuntimeError:  # before initialize
            return False


def make_server() -> FactcheckServer:
    """The server with its features: diagnostics, hover, code actions, definitions."""
    server = FactcheckServer()
    server.feature(types.TEXT_DOCUMENT_DID_OPEN)(_did_open)
    server.feature(types.TEXT_DOCUMENT_DID_CHANGE)(_did_change)
    server.feature(types.TEXT_DOCUMENT_DID_SAVE)(_did_save)
    server.feature(types.TEXT_DOCUMENT_DID_CLOSE)(_did_close)
    server.feature(types.TEXT_DOCUMENT_HOVER)(_hover)
    server.feature(types.TEXT_DOCUMENT_CODE_ACTION)(_code_action)
    server.feature(types.TEXT_DOCUMENT_DEFINITION)(_definition)
    return server


async def _did_open(ls: FactcheckServer, params: types.DidOpenTextDocumentParams) -> None:
    await _refresh(ls, params.text_document.uri, delay=0)


async def _did_change(ls: FactcheckServer, params: types.DidChangeTextDocumentParams) -> None:
    uri = params.text_document.uri
    if Path(to_fs_path(uri) or "").suffix in YAML_SUFFIXES:
        return  # a claims file is checked when saved, as a whole fact base
    earlier = ls.pending.pop(uri, None)
    if earlier is not None:
        earlier.cancel()
    ls.pending[uri] = asyncio.ensure_future(_refresh(ls, uri, delay=DEBOUNCE))


async def _did_save(ls: FactcheckServer, params: types.DidSaveTextDocumentParams) -> None:
    await _refresh(ls, params.text_document.uri, delay=0)


def _did_close(ls: FactcheckServer, params: types.DidCloseTextDocumentParams) -> None:
    uri = params.text_document.uri
    ls.linted.pop(uri, None)
    ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))


def _hover(ls: FactcheckServer, params: types.HoverParams) -> types.Hover | None:
    found = _at(ls, params.text_document.uri, params.position)
    if found is None:
        return _explained(ls, params.text_document.uri, params.position)
    finding, factbase = found
    lines = [f"**{finding.code}** {finding.message}"]
    for cid in finding.claims:
        entry = factbase.claims.get(cid)
        if entry is not None:
            claim = entry.record
            source = factbase.sources.get(claim.source)
            title = source.record.title if source else claim.source
            reading = factbase.readings.get(cid)
            interval = f" ({reading.interval})" if reading else ""
            lines.append(
                f"claim `{cid}`: {claim.value}{interval} as of {claim.as_of}  \n"
                f"> {' '.join(claim.quote.split())}  \n— {title}"
            )
    return types.Hover(
        contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value="\n\n".join(lines))
    )


def _explained(ls: FactcheckServer, uri: str, position: types.Position) -> types.Hover | None:
    """On an id in a claims or constraints file: what ``factcheck explain`` says of it."""
    path = Path(to_fs_path(uri) or uri)
    base = ls.base_for(path)
    if not base.owns(path):
        return None
    lines = ls.workspace.get_text_document(uri).lines
    if position.line >= len(lines):
        return None
    line = lines[position.line]
    for m in ID.finditer(line):
        if _utf16(line, m.start() + 1) <= position.character <= _utf16(line, m.end() + 1):
            break
    else:
        return None
    from factcheck.api import run_engine  # noqa: PLC0415 (the engine, for explain only)
    from factcheck.explain import explain  # noqa: PLC0415
    from factcheck.formatters import OutputOptions  # noqa: PLC0415
    from factcheck.formatters.explanation import format_explanation  # noqa: PLC0415

    factbase = base.get()
    try:
        explanation = explain(factbase, run_engine(factbase), m.group())
    except UsageError:
        return None  # a word that is no claim, constraint or unknown
    text = format_explanation(explanation, OutputOptions(color=False, width=100))
    return types.Hover(
        contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=f"```\n{text}```")
    )


def _code_action(ls: FactcheckServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    uri = params.text_document.uri
    linted = ls.linted.get(uri)
    if linted is None:
        return []
    actions = []
    for finding, diagnostic in zip(linted.findings, linted.diagnostics, strict=True):
        if not _overlaps(diagnostic.range, params.range):
            continue
        actions.extend(_actions(ls, uri, linted.text, finding, diagnostic))
    return actions


def _definition(ls: FactcheckServer, params: types.DefinitionParams) -> list[types.Location] | None:
    found = _at(ls, params.text_document.uri, params.position)
    if found is None:
        return None
    finding, factbase = found
    places = []
    for cid in finding.claims:
        entry = factbase.claims.get(cid)
        if entry is not None:
            where = entry.location
            path = Path(where.path)
            if not path.is_absolute():
                path = Path.cwd() / path
            position = types.Position(line=where.line - 1, character=where.column - 1)
            places.append(
                types.Location(
                    uri=from_fs_path(str(path)) or str(path),
                    range=types.Range(start=position, end=position),
                )
            )
    return places or None


async def _refresh(ls: FactcheckServer, uri: str, *, delay: float) -> None:
    """Lint a draft, or check the fact base a claims file belongs to, and publish."""
    if delay:
        await asyncio.sleep(delay)
    path = Path(to_fs_path(uri) or uri)
    document = ls.workspace.get_text_document(uri)
    text = document.source
    try:
        base = ls.base_for(path)
        if base.owns(path):
            findings = await asyncio.to_thread(_check, base, path)
        elif path.suffix.lower() in DRAFT_SUFFIXES:
            findings = await asyncio.to_thread(_lint, base, path, text)
        else:
            return
    except UsageError as exc:
        ls.window_show_message(
            types.ShowMessageParams(type=types.MessageType.Warning, message=f"factcheck: {exc}")
        )
        return
    if ls.workspace.get_text_document(uri).source != text:
        return  # changed while it was read: the next refresh publishes
    lines = text.split("\n")
    diagnostics = [_diagnostic(f, lines) for f in findings]
    ls.linted[uri] = _Linted(text, findings, diagnostics)
    ls.text_document_publish_diagnostics(
        types.PublishDiagnosticsParams(uri=uri, version=document.version, diagnostics=diagnostics)
    )


def _lint(base: FactBaseCache, path: Path, text: str) -> list[Finding]:
    draft = read_draft(str(path), text)
    findings, _ = lint_drafts(base.get(), [draft], LintOptions())
    return findings


def _check(base: FactBaseCache, path: Path) -> list[Finding]:
    """``check``'s findings that are in the file at ``path``."""
    from factcheck import api  # noqa: PLC0415 (the engine, only for claims files)

    report = api.check(base.settings)
    wanted = path.resolve()
    return [f for f in report.findings if _resolved(f.location.path) == wanted]


def _resolved(shown: str) -> Path:
    path = Path(shown)
    return (path if path.is_absolute() else Path.cwd() / path).resolve()


def _utf16(line: str, column: int) -> int:
    """The LSP character offset (UTF-16 code units) of a 1-based code point column."""
    return len(line[: max(0, column - 1)].encode("utf-16-le")) // 2


def _position(lines: list[str], line: int, column: int) -> types.Position:
    index = min(max(line - 1, 0), max(len(lines) - 1, 0))
    text = lines[index] if lines else ""
    return types.Position(line=index, character=_utf16(text, column))


def _diagnostic(finding: Finding, lines: list[str]) -> types.Diagnostic:
    where = finding.location
    start = _position(lines, where.line, where.column)
    end = _position(lines, where.end_line or where.line, where.end_column or where.column)
    return types.Diagnostic(
        range=types.Range(start=start, end=end),
        message=finding.message,
        severity=_SEVERITY[finding.severity],
        code=finding.code,
        code_description=types.CodeDescription(href=f"{RULES_PAGE}#{finding.code.lower()}"),
        source="factcheck",
    )


def _overlaps(a: types.Range, b: types.Range) -> bool:
    def key(p: types.Position) -> tuple[int, int]:
        return p.line, p.character

    return key(a.start) <= key(b.end) and key(b.start) <= key(a.end)


def _at(ls: FactcheckServer, uri: str, position: types.Position) -> tuple[Finding, FactBase] | None:
    """The finding of the open draft whose range holds ``position``, and its fact base."""
    linted = ls.linted.get(uri)
    if linted is None:
        return None
    point = types.Range(start=position, end=position)
    for finding, diagnostic in zip(linted.findings, linted.diagnostics, strict=True):
        if _overlaps(diagnostic.range, point):
            path = Path(to_fs_path(uri) or uri)
            return finding, ls.base_for(path).get()
    return None


def _actions(
    ls: FactcheckServer, uri: str, text: str, finding: Finding, diagnostic: types.Diagnostic
) -> list[types.CodeAction]:
    """Replace the figure with its claim's value as written; suppress the finding."""
    actions = []
    factbase = ls.base_for(Path(to_fs_path(uri) or uri)).get()
    for cid in finding.claims[:1]:
        entry = factbase.claims.get(cid)
        if entry is not None and finding.code.startswith("FC30"):
            value = entry.record.value
            actions.append(
                types.CodeAction(
                    title=f"Replace with the claim's value: {value}",
                    kind=types.CodeActionKind.QuickFix,
                    diagnostics=[diagnostic],
                    edit=types.WorkspaceEdit(
                        changes={uri: [types.TextEdit(range=diagnostic.range, new_text=value)]}
                    ),
                )
            )
    line = _paragraph_start(text.split("\n"), diagnostic.range.start.line)
    at = types.Position(line=line, character=0)
    comment = f"<!-- factcheck: ignore {finding.code} REASON -->\n"
    actions.append(
        types.CodeAction(
            title=f"Suppress {finding.code} in this paragraph (give the reason)",
            kind=types.CodeActionKind.QuickFix,
            diagnostics=[diagnostic],
            edit=types.WorkspaceEdit(
                changes={
                    uri: [types.TextEdit(range=types.Range(start=at, end=at), new_text=comment)]
                }
            ),
        )
    )
    return actions


def _paragraph_start(lines: list[str], line: int) -> int:
    while line > 0 and lines[line - 1].strip():
        line -= 1
    return line


def serve() -> None:
    """Run the server over stdin and stdout until the client ends it."""
    make_server().start_io()
