"""The ``factcheck`` command. It parses options, calls one function of the API, picks
a formatter from the registry and returns an exit code: 0 clean, 1 findings at or
above ``--fail-on``, 2 usage or unreadable input."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn, TypeVar

import typer

from factcheck import __version__

if TYPE_CHECKING:
    from factcheck.config import Settings
    from factcheck.findings import Finding
    from factcheck.report import Report

T = TypeVar("T")

app = typer.Typer(
    name="factcheck",
    help="Check that the numbers in a fact base (and in drafts) add up.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
)


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


class ClaimsFormat(StrEnum):
    TABLE = "table"
    JSONL = "jsonl"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"factcheck {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    """factcheck: a claim consistency checker and fact linter."""


def _fail(message: str) -> NoReturn:
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


def _run(call: Callable[[Settings], T], where: Where) -> T:
    """Call the API with the settings ``where`` names; a usage error is exit code 2."""
    from dataclasses import replace

    from factcheck.config import defaults, discover_settings, load_settings
    from factcheck.errors import UsageError
    from factcheck.gcpause import paused_gc

    try:
        if where.isolated:
            settings = defaults(Path.cwd().resolve())
        elif where.config is not None:
            settings = load_settings(where.config)
        else:
            settings = discover_settings(where.start)
            if settings.config_file is None and where.start is not None:
                settings = discover_settings()  # none beside the draft: the project's
        if where.claims is not None:
            settings = replace(settings, claims=where.claims.resolve())
        settings = replace(settings, cache=where.cache)
        with paused_gc():
            return call(settings)
    except UsageError as exc:
        _fail(str(exc))


def _color() -> bool:
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ


def _emit(text: str, output_file: Path | None) -> None:
    if output_file is None:
        sys.stdout.write(text)
        return
    from factcheck.atomicfile import write_atomic

    try:
        write_atomic(output_file, text)
    except OSError as exc:
        _fail(f"cannot write {output_file}: {exc.strerror or exc}")


ClaimsOption = Annotated[
    Path | None,
    typer.Option("--claims", help="Folder (or file) of the fact base; default from config."),
]
ConfigOption = Annotated[
    Path | None,
    typer.Option("--config", help="Read settings from this file, not the nearest one."),
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
    Path | None, typer.Option(help="Write the report here (atomically) instead of stdout.")
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
    typer.Option(help="Fail only on findings not recorded in this baseline file."),
]


def _finish(
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
            _fail(str(exc))
        report = replace(report, findings=tuple(mark(report.findings, known)))
    name = str(output_format)
    if output_format is ReportFormat.AUTO:
        name = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    if statistics:
        name = "statistics"
    options = OutputOptions(color=_color() and output_file is None, quiet=quiet)
    _emit(render(name, report, options), output_file)
    raise typer.Exit(2 if usage_error else 0 if exit_zero else report.exit_code)


@app.command()
def check(
    *,
    output_format: FormatOption = ReportFormat.TEXT,
    fail_on: FailOnOption = None,
    output_file: OutputFileOption = None,
    claims: ClaimsOption = None,
    config: ConfigOption = None,
    isolated: IsolatedOption = False,
    quiet: QuietOption = False,
    exit_zero: ExitZeroOption = False,
    statistics: StatisticsOption = False,
    baseline: BaselineOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Load and check the fact base; report every finding."""
    from factcheck import api
    from factcheck.progress import Progress

    progress = Progress(sys.stderr, quiet=quiet)
    report = _run(
        lambda settings: api.check(settings, progress=progress),
        Where(claims, config, isolated, cache=not no_cache),
    )
    progress.done()
    _finish(
        report, output_format, output_file, fail_on=fail_on, quiet=quiet,
        exit_zero=exit_zero, statistics=statistics, baseline=baseline,
    )  # fmt: skip


@app.command("claims")
def list_claims(
    output_format: Annotated[
        ClaimsFormat, typer.Option("--format", "-f", help="table for people, jsonl for tools.")
    ] = ClaimsFormat.TABLE,
    claims: ClaimsOption = None,
    config: ConfigOption = None,
    isolated: IsolatedOption = False,
) -> None:
    """List the fact base: every claim with its value read as an interval."""
    from factcheck import api

    factbase, _ = _run(api.load, Where(claims, config, isolated))
    records = list(api.claim_records(factbase))
    if output_format is ClaimsFormat.JSONL:
        sys.stdout.write("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
        return
    from factcheck.formatters import OutputOptions
    from factcheck.formatters.text import format_claims_table

    sys.stdout.write(format_claims_table(records, OutputOptions(color=_color(), width=160)))


class RulesFormat(StrEnum):
    TABLE = "table"
    MARKDOWN = "markdown"


@app.command()
def rules(
    code: Annotated[str | None, typer.Argument(help="A rule code or slug: FC105.")] = None,
    output_format: Annotated[
        RulesFormat, typer.Option("--format", "-f", help="table, or markdown for the docs.")
    ] = RulesFormat.TABLE,
) -> None:
    """List the rules, or show one rule's documentation."""
    from factcheck.api import rule_infos
    from factcheck.ruledocs import rule_page, rules_markdown

    infos = rule_infos()
    if code is not None:
        wanted = code.upper() if code.upper().startswith("FC") else code
        found = [r for r in infos if wanted in {r.code, r.slug}]
        if not found:
            import difflib

            names = [r.code for r in infos] + [r.slug for r in infos]
            close = difflib.get_close_matches(code, names, n=3)
            hint = f"; did you mean {', '.join(close)}?" if close else ""
            _fail(f"no rule {code!r}{hint}")
        sys.stdout.write(rule_page(found[0]))
    elif output_format is RulesFormat.MARKDOWN:
        sys.stdout.write(rules_markdown(infos))
    else:
        width = max(len(r.slug) for r in infos)
        sys.stdout.write(
            "".join(f"{r.code}  {r.slug:<{width}}  {r.severity:<7}  {r.summary}\n" for r in infos)
        )


class ExplainFormat(StrEnum):
    TEXT = "text"
    JSON = "json"


@app.command()
def explain(
    identifier: Annotated[
        str, typer.Argument(metavar="ID", help="A claim, constraint or unknown.")
    ],
    output_format: Annotated[
        ExplainFormat, typer.Option("--format", "-f", help="text for people, json for tools.")
    ] = ExplainFormat.TEXT,
    claims: ClaimsOption = None,
    config: ConfigOption = None,
    isolated: IsolatedOption = False,
) -> None:
    """Explain one claim, constraint or unknown: provenance, relations, derivation."""
    from factcheck import api
    from factcheck.formatters import OutputOptions

    explain_id = lambda settings: api.explain(settings, identifier)  # noqa: E731
    explanation = _run(explain_id, Where(claims, config, isolated))
    if output_format is ExplainFormat.JSON:
        from factcheck.formatters.explanation import explanation_json

        sys.stdout.write(explanation_json(explanation))
        return
    from factcheck.formatters.explanation import format_explanation

    sys.stdout.write(format_explanation(explanation, OutputOptions(color=_color(), width=120)))


def _read_draft(name: str) -> tuple[str, str] | str:
    """(path, text) of a draft, or the reason it cannot be read."""
    from factcheck.yamlsource import decode

    if name == "-":
        raw, shown = sys.stdin.buffer.read(), "<stdin>"
    else:
        shown = name
        try:
            raw = Path(name).read_bytes()
        except IsADirectoryError:
            return f"{name}: is a directory"
        except OSError as exc:
            return f"{name}: cannot read: {exc.strerror or exc}"
    if b"\0" in raw[:8192]:
        return f"{shown}:1:1: not a text file (it holds NUL bytes)"
    text, problems = decode(shown, raw)
    if text is None:
        return f"{problems[0].location}: {problems[0].message}"
    return shown, text


@app.command()
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
            _fail(f"--date: {date!r} is not a date (write YYYY-MM-DD)")
    read = [_read_draft(name) for name in drafts]
    unreadable = [r for r in read if isinstance(r, str)]
    for reason in unreadable:
        typer.echo(f"factcheck: error: {reason}", err=True)
    parsed = [read_draft(path, text) for path, text in (r for r in read if not isinstance(r, str))]
    options = LintOptions(strict=strict, date=when)
    first = next((Path(name) for name in drafts if name != "-"), None)
    where = Where(claims, config, isolated, first, cache=not no_cache)
    progress = Progress(sys.stderr, quiet=quiet)
    report = _run(lambda settings: api.lint(settings, parsed, options, progress), where)
    progress.done()
    if diff is not None:
        report = _only_changed(report, drafts, diff)
    _finish(
        report, output_format, output_file, fail_on=fail_on, quiet=quiet,
        exit_zero=exit_zero, statistics=statistics, baseline=baseline,
        usage_error=bool(unreadable),
    )  # fmt: skip


@app.command()
def schema(
    output_dir: Annotated[
        Path, typer.Option(help="Folder to write claims.schema.json and constraints.schema.json.")
    ] = Path("schemas"),
) -> None:
    """Write JSON Schemas of the claims and constraints files, for editors."""
    from factcheck.atomicfile import write_atomic
    from factcheck.schemas import SCHEMAS, schema_text

    try:
        output_dir.mkdir(parents=True, exist_ok=True)
        for name, model in SCHEMAS.items():
            write_atomic(output_dir / name, schema_text(model))
    except OSError as exc:
        _fail(f"cannot write schemas to {output_dir}: {exc.strerror or exc}")
    typer.echo(f"wrote {', '.join(str(output_dir / n) for n in SCHEMAS)}")


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
        _fail(str(exc))
    kept = tuple(
        f for f in report.findings
        if f.location.path not in changed or f.location.line in changed[f.location.path]
    )  # fmt: skip
    return replace(report, findings=kept)


baseline_app = typer.Typer(help="Record today's findings, so that CI fails only on new ones.")
app.add_typer(baseline_app, name="baseline")

BaselineFileOption = Annotated[Path, typer.Option("--file", help="The baseline file.")]
DraftsArgument = Annotated[
    list[str] | None,
    typer.Argument(metavar="[DRAFT...]", help="Drafts whose lint findings to record too."),
]


def _current_findings(drafts: list[str] | None, where: Where) -> list[Finding]:
    """The findings of `check`, and of `lint` on ``drafts``, as the settings filter them."""
    from factcheck import api
    from factcheck.lint.drafts import read_draft

    read = [_read_draft(name) for name in drafts or []]
    for reason in (r for r in read if isinstance(r, str)):
        _fail(reason)
    parsed = [read_draft(path, text) for path, text in (r for r in read if not isinstance(r, str))]
    findings = list(_run(api.check, where).findings)
    if parsed:
        findings += _run(lambda settings: api.lint(settings, parsed), where).findings
    return findings


@baseline_app.command("write")
def baseline_write(
    drafts: DraftsArgument = None,
    file: BaselineFileOption = Path("factcheck-baseline.json"),
    claims: ClaimsOption = None,
    config: ConfigOption = None,
    isolated: IsolatedOption = False,
) -> None:
    """Record the current findings of check (and lint on DRAFTs) in the baseline file."""
    from factcheck.baseline import write_baseline
    from factcheck.errors import UsageError

    findings = _current_findings(drafts, Where(claims, config, isolated))
    try:
        count = write_baseline(file, findings)
    except UsageError as exc:
        _fail(str(exc))
    typer.echo(f"recorded {count} findings in {file}")


@baseline_app.command("prune")
def baseline_prune(
    drafts: DraftsArgument = None,
    file: BaselineFileOption = Path("factcheck-baseline.json"),
    claims: ClaimsOption = None,
    config: ConfigOption = None,
    isolated: IsolatedOption = False,
) -> None:
    """Drop the entries of the baseline file that no longer occur."""
    from factcheck.baseline import fingerprint, read_baseline, write_baseline
    from factcheck.errors import UsageError

    try:
        known = read_baseline(file)
        current = _current_findings(drafts, Where(claims, config, isolated))
        kept = write_baseline(file, [f for f in current if fingerprint(f) in known])
    except UsageError as exc:
        _fail(str(exc))
    typer.echo(f"kept {kept} of {len(known)} entries in {file}")


class GraphFormat(StrEnum):
    DOT = "dot"
    GRAPHML = "graphml"
    HTML = "html"


@app.command()
def graph(
    output_format: Annotated[
        GraphFormat,
        typer.Option("--format", "-f", help="dot, graphml, or a self-contained html page."),
    ] = GraphFormat.HTML,
    output_file: OutputFileOption = None,
    claims: ClaimsOption = None,
    config: ConfigOption = None,
    isolated: IsolatedOption = False,
) -> None:
    """Export the claims–constraints graph (conflicts in red, derived values on hover)."""
    from factcheck import api

    text = _run(
        lambda settings: api.graph(settings, str(output_format)), Where(claims, config, isolated)
    )
    _emit(text, output_file)
