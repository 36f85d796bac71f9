"""What the commands share: the options every command takes, where settings come from,
calling the API (a usage error is exit code 2), and writing a report with its exit code."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn, TypeVar

import typer

if TYPE_CHECKING:
    from factcheck.config import Settings
    from factcheck.report import Report

T = TypeVar("T")


class ReportFormat(StrEnum):
    TEXT = "text"
    JSON = "json"
    SARIF = "sarif"
    GITHUB = "github"
    CONCISE = "concise"
    GITLAB = "gitlab"
    JUNIT = "junit"
    AUTO = "auto"  # github under GitHub Actions, text elsewhere


class FailOn(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


def fail(message: str) -> NoReturn:
    typer.echo(f"factcheck: error: {message}", err=True)
    raise typer.Exit(2)


@dataclass(frozen=True)
class Where:
    """Where settings come from: the options every command shares."""

    claims: Path | None = None
    config: Path | None = None
    isolated: bool = False
    start: Path | None = None  # where discovery begins: a draft's folder, or the cwd
    cache: bool = True  # keep parsed claims files in the user's cache folder


def run(call: Callable[[Settings], T], where: Where) -> T:
    """Call the API with the settings ``where`` names; a usage error is exit code 2."""
    from dataclasses import replace

    from factcheck.config import defaults, discover_settings, load_settings, working_folder
    from factcheck.errors import UsageError
    from factcheck.gcpause import paused_gc

    try:
        if where.isolated:
            settings = defaults(working_folder())
        elif where.config is not None:
            settings = load_settings(where.config)
        else:
            settings = discover_settings(where.start)
            if settings.config_file is None and where.start is not None:
                settings = discover_settings()  # none beside the draft: the project's
        if where.claims is not None:
            settings = replace(settings, claims=given_path("--claims", where.claims))
        settings = replace(settings, cache=where.cache)
        with paused_gc():
            return call(settings)
    except UsageError as exc:
        fail(str(exc))


def given_path(option: str, path: Path) -> Path:
    """A path given on the command line, absolute with its links followed; a
    ``UsageError`` naming the option and the path where no file could be at it (a link
    loop, a name too long, a NUL, no permission to look). Nothing there is not an error
    here: what is missing is for the command to say."""
    from factcheck.errors import UsageError
    from factcheck.safefile import UnreadableError, probe, resolved, shown_path

    try:
        probe(path)  # before resolving: a dangling link is then still a link
        where = resolved(path)
    except UnreadableError as exc:
        raise UsageError(f"{option} {shown_path(path)}: {exc}") from None
    return where


def color() -> bool:
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ


def emit(text: str, output_file: Path | None) -> None:
    if output_file is None:
        sys.stdout.write(text)
        return
    from factcheck.atomicfile import write_atomic
    from factcheck.safefile import reason, shown_path

    try:
        write_atomic(output_file, text)
    except OSError as exc:
        fail(f"cannot write {shown_path(output_file)}: {reason(exc, output_file)}")


def path_option(value: str | Path) -> Path:
    """A path option's value: never empty (``--output-file ''`` would name the current
    folder, and be refused as "Device or resource busy")."""
    if value == "":
        raise typer.BadParameter("an empty path names no file")
    return Path(value)


ClaimsOption = Annotated[
    Path | None,
    typer.Option(
        "--claims",
        parser=path_option,
        metavar="PATH",
        help="Folder (or file) of the fact base; default from config.",
    ),
]
ConfigOption = Annotated[
    Path | None,
    typer.Option(
        "--config",
        parser=path_option,
        metavar="PATH",
        help="Read settings from this file, not the nearest one.",
    ),
]
IsolatedOption = Annotated[
    bool, typer.Option(help="Read no configuration file: the defaults, from here.")
]
NoCacheOption = Annotated[
    bool,
    typer.Option(
        "--no-cache", help="Parse every claims file again; do not read or write the cache."
    ),
]


FormatOption = Annotated[
    ReportFormat, typer.Option("--format", "-f", help="How to write the report.")
]
FailOnOption = Annotated[
    FailOn | None,
    typer.Option(help="Lowest severity that makes the exit code 1 [default: error]."),
]
OutputFileOption = Annotated[
    Path | None,
    typer.Option(
        parser=path_option,
        metavar="PATH",
        help="Write the report here (atomically) instead of stdout.",
    ),
]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="The findings only, no summary.")]
ExitZeroOption = Annotated[
    bool, typer.Option(help="Exit 0 even when findings fail the run (usage errors still 2).")
]
StatisticsOption = Annotated[
    bool, typer.Option(help="Count the findings by code instead of listing them.")
]
BaselineOption = Annotated[
    Path | None,
    typer.Option(
        parser=path_option,
        metavar="PATH",
        help="Fail only on findings not recorded in this baseline file.",
    ),
]


def finish(
    report: Report,
    output_format: ReportFormat,
    output_file: Path | None,
    *,
    fail_on: FailOn | None,
    quiet: bool,
    exit_zero: bool,
    statistics: bool,
    baseline: Path | None = None,
    usage_error: bool = False,
) -> NoReturn:
    """Write the report in the chosen format and exit with its code."""
    from dataclasses import replace

    from factcheck.baseline import mark, read_baseline
    from factcheck.errors import UsageError
    from factcheck.findings import Severity
    from factcheck.formatters import OutputOptions, render

    if fail_on is not None:
        report = replace(report, fail_on=Severity(fail_on))
    if baseline is not None:
        try:
            known = read_baseline(baseline)
        except UsageError as exc:
            fail(str(exc))
        report = replace(report, findings=tuple(mark(report.findings, known)))
    name = str(output_format)
    if output_format is ReportFormat.AUTO:
        name = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    if statistics:
        name = "statistics"
    options = OutputOptions(color=color() and output_file is None, quiet=quiet)
    emit(render(name, report, options), output_file)
    raise typer.Exit(2 if usage_error else 0 if exit_zero else report.exit_code)
