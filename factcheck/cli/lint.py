"""``factcheck lint``: drafts against the fact base."""

from __future__ import annotations

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


def load_draft(name: str) -> tuple[str, str] | Finding:
    """(path, text) of a draft, or an FC002 finding: where the file cannot be read (line
    1, column 1), its first NUL byte, or its first byte that is not UTF-8."""
    from factcheck.findings import Location
    from factcheck.rules.input import UnreadableFile
    from factcheck.safefile import UnreadableError, read_bounded
    from factcheck.yamlsource import decode, line_and_column

    shown = "<stdin>" if name == "-" else name
    try:
        if name == "-":
            raw = sys.stdin.buffer.read(MAX_DRAFT_BYTES + 1)
            if len(raw) > MAX_DRAFT_BYTES:
                raise UnreadableError(
                    f"more than the {MAX_DRAFT_BYTES // 2**20} MiB factcheck reads"
                )
        else:
            raw = read_bounded(Path(name), MAX_DRAFT_BYTES)
    except UnreadableError as exc:
        return UnreadableFile.finding(f"cannot read: {exc}", Location(shown))
    if (nul := raw.find(b"\0", 0, 8192)) != -1:
        before = raw[:nul].decode("utf-8", errors="replace")
        line, column = line_and_column(before + "?", len(before))
        message = "not a text file: it holds NUL bytes"
        return UnreadableFile.finding(message, Location(shown, line, column))
    text, problems = decode(shown, raw)
    return problems[0] if text is None else (shown, text)


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
    read = [load_draft(name) for name in drafts]
    unreadable = [r for r in read if isinstance(r, Finding)]
    parsed = [read_draft(*r) for r in read if not isinstance(r, Finding)]
    options = LintOptions(strict=strict, date=when)
    first = next((Path(name) for name in drafts if name != "-"), None)
    where = Where(claims, config, isolated, first, cache=not no_cache)
    progress = Progress(sys.stderr, quiet=quiet)
    report = run(lambda settings: api.lint(settings, parsed, options, progress), where)
    progress.done()
    if diff is not None:
        report = _only_changed(report, drafts, diff)
    if unreadable:  # reported with the rest, in every format; the exit code is still 2
        findings = sorted((*report.findings, *unreadable), key=lambda f: f.sort_key)
        report = replace(report, findings=tuple(findings))
    finish(
        report, output_format, output_file, fail_on=fail_on, quiet=quiet,
        exit_zero=exit_zero, statistics=statistics, baseline=baseline,
        usage_error=bool(unreadable),
    )  # fmt: skip


def _only_changed(report: Report, drafts: list[str], ref: str) -> Report:
    """The report with only the findings on lines changed since ``ref``."""
    from dataclasses import replace

    from factcheck.errors import UsageError
    from factcheck.lint.changes import changed_lines

    changed: dict[str, set[int]] = {}
    try:
        for name in drafts:
            if name != "-":
                changed[name] = changed_lines(Path(name), ref)
    except UsageError as exc:
        fail(str(exc))
    kept = tuple(
        f for f in report.findings
        if f.location.path not in changed or f.location.line in changed[f.location.path]
    )  # fmt: skip
    return replace(report, findings=kept)
