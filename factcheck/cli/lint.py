"""``factcheck lint``: drafts against the fact base."""

from __future__ import annotations

import sys
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

if TYPE_CHECKING:
    from factcheck.report import Report


#: The largest draft read, far above any article: a 50 MB one-line draft lints in
#: seconds, and memory grows about tenfold with the size (docs/reliability.md).
MAX_DRAFT_BYTES = 128 * 2**20


def load_draft(name: str) -> tuple[str, str] | str:
    """(path, text) of a draft, or the reason it cannot be read, at its line 1, column 1
    when the problem is the whole file."""
    from factcheck.safefile import UnreadableError, read_bounded
    from factcheck.yamlsource import decode

    if name == "-":
        raw, shown = sys.stdin.buffer.read(MAX_DRAFT_BYTES + 1), "<stdin>"
        if len(raw) > MAX_DRAFT_BYTES:
            return f"{shown}:1:1: more than the {MAX_DRAFT_BYTES // 2**20} MiB factcheck reads"
    else:
        shown = name
        try:
            raw = read_bounded(Path(name), MAX_DRAFT_BYTES)
        except UnreadableError as exc:
            return f"{name}:1:1: cannot read: {exc}"
    if b"\0" in raw[:8192]:
        return f"{shown}:1:1: not a text file (it holds NUL bytes)"
    text, problems = decode(shown, raw)
    if text is None:
        return f"{problems[0].location}: {problems[0].message}"
    return shown, text


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
    unreadable = [r for r in read if isinstance(r, str)]
    for reason in unreadable:
        typer.echo(f"factcheck: error: {reason}", err=True)
    parsed = [read_draft(path, text) for path, text in (r for r in read if not isinstance(r, str))]
    options = LintOptions(strict=strict, date=when)
    first = next((Path(name) for name in drafts if name != "-"), None)
    where = Where(claims, config, isolated, first, cache=not no_cache)
    progress = Progress(sys.stderr, quiet=quiet)
    report = run(lambda settings: api.lint(settings, parsed, options, progress), where)
    progress.done()
    if diff is not None:
        report = _only_changed(report, drafts, diff)
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
