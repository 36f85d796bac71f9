"""``factcheck lint``: drafts against the fact base."""

from __future__ import annotations

import codecs
import os
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from factcheck.cli.common import (
    BaselineOption,
    ClaimsOption,
    ConfigOption,
    ExitZeroOption,
    FailOnOption,
    FormatOption,
    IsolatedOption,
    NoCacheOption,
    OutputFileOption,
    QuietOption,
    ReportFormat,
    StatisticsOption,
    Where,
    fail,
    finish,
    run,
)
from factcheck.findings import Finding

if TYPE_CHECKING:
    from factcheck.report import Report


#: The largest draft read, far above any article: a 50 MB one-line draft lints in
#: seconds, and memory grows about tenfold with the size (docs/reliability.md).
MAX_DRAFT_BYTES = 128 * 2**20


#: How standard input is named in reports.
STDIN = "<stdin>"


def load_draft(name: str) -> tuple[str, str] | Finding:
    """(path, text) of a draft, or an FC002 finding: where the file cannot be read (line
    1, column 1), UTF-16 or UTF-32 text (line 1, column 1), its first NUL byte, or its
    first byte that is not UTF-8."""
    from factcheck.findings import Location, printable_path
    from factcheck.rules.input import UnreadableFile
    from factcheck.safefile import UnreadableError, read_bounded
    from factcheck.yamlsource import decode, line_and_column

    shown = STDIN if name == "-" else printable_path(name)
    try:
        raw = _read_stdin() if name == "-" else read_bounded(Path(name), MAX_DRAFT_BYTES)
    except UnreadableError as exc:
        hint = ""
        if name.startswith("-") and not os.path.lexists(name):
            hint = (
                "; it looks like an option, read as a file name because it comes after "
                "'--' (a pre-commit hook's args do): give options before '--', or set "
                "them in [tool.factcheck] (strict = true)"
            )
        return UnreadableFile.finding(f"cannot read: {exc}{hint}", Location(shown))
    if wide := _wide_encoding(raw):
        message = f"{wide} text, not UTF-8: convert it (e.g. iconv -f {wide} -t UTF-8)"
        return UnreadableFile.finding(message, Location(shown))
    if (nul := raw.find(b"\0", 0, 8192)) != -1:
        before = raw[:nul].decode("utf-8", errors="replace")
        line, column = line_and_column(before + "?", len(before))
        message = "not a text file: it holds NUL bytes"
        return UnreadableFile.finding(message, Location(shown, line, column))
    text, problems = decode(shown, raw)
    return problems[0] if text is None else (shown, text)


def load_drafts(names: list[str]) -> list[tuple[str, str] | Finding]:
    """``load_draft`` of each file named, once: a second name for a file already named
    (``d.md ./d.md``, a link to it) is dropped, the first kept, so that each draft is
    read once and its findings are reported once."""
    return [load_draft(name) for name in _distinct(names)]


def _distinct(names: list[str]) -> list[str]:
    seen: set[object] = set()
    kept: list[str] = []
    for name in names:
        key: object = name
        if name != "-":
            try:
                info = os.stat(name)
                key = (info.st_dev, info.st_ino)
            except (OSError, ValueError):  # not there (yet): the same path is the same name
                key = os.path.normpath(os.path.abspath(name))
        if key not in seen:
            seen.add(key)
            kept.append(name)
    return kept


def _read_stdin() -> bytes:
    """Standard input, up to ``MAX_DRAFT_BYTES``, or ``UnreadableError`` (``<&-`` closes
    it, and Python then has no ``sys.stdin`` at all)."""
    from factcheck.safefile import UnreadableError

    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        raise UnreadableError("standard input is closed")
    try:
        raw: bytes = stream.read(MAX_DRAFT_BYTES + 1)
    except OSError as exc:
        raise UnreadableError(exc.strerror or str(exc)) from None
    if len(raw) > MAX_DRAFT_BYTES:
        raise UnreadableError(f"more than the {MAX_DRAFT_BYTES // 2**20} MiB factcheck reads")
    return raw


#: Byte-order marks of the encodings a Windows editor saves as "Unicode"; UTF-32's first,
#: since UTF-32LE's begins with UTF-16LE's.
_WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"), (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"), (codecs.BOM_UTF16_BE, "UTF-16"),
)  # fmt: skip


def _wide_encoding(raw: bytes) -> str | None:
    """The name iconv knows, if ``raw`` is UTF-16 or UTF-32 text rather than UTF-8: by its
    byte-order mark, or, without one, by the NUL byte that UTF-16 gives every ASCII
    character (on odd offsets little-endian, even ones big-endian) in the first 8 KiB,
    where what they decode to is text."""
    for bom, name in _WIDE_BOMS:
        if raw.startswith(bom):
            return name
    sample = raw[: min(len(raw), 8192) // 2 * 2]
    pairs = len(sample) // 2
    if pairs < 2:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    for name, nuls, others in (("UTF-16LE", odd, even), ("UTF-16BE", even, odd)):
        if nuls * 4 >= pairs and others * 16 <= nuls:
            text = sample.decode(name, errors="replace")[:-1]  # the last may be cut in two
            if all(c.isprintable() or c in "\t\n\r\f\v" for c in text):
                return name
    return None


def lint(
    drafts: Annotated[
        list[str], typer.Argument(metavar="FILE...", help="Markdown or text drafts; - for stdin.")
    ],
    *,
    output_format: FormatOption = ReportFormat.TEXT,
    strict: Annotated[
        bool, typer.Option(help="List the figures that matched no claim (FC308, info).")
    ] = False,
    date: Annotated[
        str | None,
        typer.Option(help="The drafts' date (YYYY-MM-DD), for conversions and schedules."),
    ] = None,
    fail_on: FailOnOption = None,
    output_file: OutputFileOption = None,
    claims: ClaimsOption = None,
    config: ConfigOption = None,
    isolated: IsolatedOption = False,
    quiet: QuietOption = False,
    exit_zero: ExitZeroOption = False,
    statistics: StatisticsOption = False,
    baseline: BaselineOption = None,
    diff: Annotated[
        str | None, typer.Option(metavar="REF", help="Report only lines changed since a git ref.")
    ] = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Check the figures in drafts against the fact base and against themselves."""
    import datetime

    from factcheck import api
    from factcheck.lint.drafts import read_draft
    from factcheck.lint.run import LintOptions
    from factcheck.progress import Progress

    when = None
    if date is not None:
        try:
            when = datetime.date.fromisoformat(date)
        except ValueError:
            fail(f"--date: {date!r} is not a date (write YYYY-MM-DD)")
    names = _distinct(drafts)
    read = [load_draft(name) for name in names]
    unreadable = [r for r in read if isinstance(r, Finding)]
    texts = [r for r in read if not isinstance(r, Finding)]
    named = [(name, r) for name, r in zip(names, read, strict=True) if not isinstance(r, Finding)]
    changed = None if diff is None else _changed(named, diff)
    parsed = [read_draft(*r) for r in texts]
    options = LintOptions(strict=strict, date=when)
    first = next((Path(name) for name in drafts if name != "-"), None)
    where = Where(claims, config, isolated, first, cache=not no_cache)
    progress = Progress(sys.stderr, quiet=quiet)
    report = run(
        lambda settings: api.lint(
            settings, parsed, replace(options, strict=strict or settings.strict), progress
        ),
        where,
    )
    progress.done()
    if changed is not None:
        report = _only_changed(report, changed)
    if unreadable:  # reported with the rest, in every format; the exit code is still 2
        findings = sorted((*report.findings, *unreadable), key=lambda f: f.sort_key)
        report = replace(report, findings=tuple(findings))
    finish(
        report, output_format, output_file, fail_on=fail_on, quiet=quiet,
        exit_zero=exit_zero, statistics=statistics, baseline=baseline,
        usage_error=bool(unreadable),
    )  # fmt: skip


def _changed(named: list[tuple[str, tuple[str, str]]], ref: str) -> dict[str, set[int]]:
    """The lines of each draft read (not stdin) changed since ``ref``, found before any
    linting so that a bad REF is a usage error at once. The drafts that could not be
    read have none: their FC002 findings are kept, as without ``--diff``."""
    from factcheck.errors import UsageError
    from factcheck.lint.changes import changed_lines, check_ref

    try:
        check_ref(ref)
        return {
            shown: changed_lines(Path(name), ref, text)
            for name, (shown, text) in named
            if name != "-"
        }
    except UsageError as exc:
        fail(str(exc))


def _only_changed(report: Report, changed: dict[str, set[int]]) -> Report:
    """The report with only the findings on lines changed since the ref."""
    kept = tuple(
        f for f in report.findings
        if f.location.path not in changed or f.location.line in changed[f.location.path]
    )  # fmt: skip
    return replace(report, findings=kept)
