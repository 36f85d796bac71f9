"""The commands about the fact base: check, claims, rules, explain, schema, graph."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
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
    color,
    emit,
    fail,
    finish,
    run,
)

if TYPE_CHECKING:
    from factcheck.findings import Finding


class ClaimsFormat(StrEnum):
    TABLE = "table"
    JSONL = "jsonl"


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
    report = run(
        lambda settings: api.check(settings, progress=progress),
        Where(claims, config, isolated, cache=not no_cache),
    )
    progress.done()
    finish(
        report, output_format, output_file, fail_on=fail_on, quiet=quiet,
        exit_zero=exit_zero, statistics=statistics, baseline=baseline,
    )  # fmt: skip


def list_claims(
    output_format: Annotated[
        ClaimsFormat, typer.Option("--format", "-f", help="table for people, jsonl for tools.")
    ] = ClaimsFormat.TABLE,
    proposed: Annotated[
        bool,
        typer.Option("--proposed", help="The claims extract or import proposed, awaiting review."),
    ] = False,
    claims: ClaimsOption = None,
    config: ConfigOption = None,
    isolated: IsolatedOption = False,
) -> None:
    """List the fact base: every claim with its value read as an interval."""
    from factcheck import api

    factbase, findings = run(api.load, Where(claims, config, isolated))
    records = list(api.claim_records(factbase, proposed=proposed))
    if output_format is ClaimsFormat.JSONL:
        sys.stdout.write("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
        _unreadable(findings)
        return
    from factcheck.formatters import OutputOptions
    from factcheck.formatters.text import format_claims_table

    options = OutputOptions(color=color(), width=160)
    sys.stdout.write(format_claims_table(records, options, proposed=proposed))
    _unreadable(findings)


def _unreadable(findings: list[Finding]) -> None:
    """Records the listing could not show: said on stderr, exit 1 (``check`` has all)."""
    from factcheck.findings import Severity

    errors = [f for f in findings if f.severity is Severity.ERROR]
    if errors:
        first = errors[0]
        typer.echo(
            f"factcheck: {len(errors)} error{'s' if len(errors) != 1 else ''} reading the "
            f"fact base, so some records are not listed; the first: {first.location}: "
            f"{first.message} (`factcheck check` lists them all)",
            err=True,
        )
        raise typer.Exit(1)


class RulesFormat(StrEnum):
    TABLE = "table"
    MARKDOWN = "markdown"


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
            fail(f"no rule {code!r}{hint}")
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
    explanation = run(explain_id, Where(claims, config, isolated))
    if output_format is ExplainFormat.JSON:
        from factcheck.formatters.explanation import explanation_json

        sys.stdout.write(explanation_json(explanation))
        return
    from factcheck.formatters.explanation import format_explanation

    sys.stdout.write(format_explanation(explanation, OutputOptions(color=color(), width=120)))


def schema(
    output_dir: Annotated[
        Path, typer.Option(help="Folder to write claims.schema.json and constraints.schema.json.")
    ] = Path("schemas"),
) -> None:
    """Write JSON Schemas of the claims and constraints files, for editors."""
    from factcheck.atomicfile import write_atomic
    from factcheck.safefile import probe, reason, shown_path
    from factcheck.schemas import SCHEMAS, schema_text

    target = output_dir
    try:
        probe(output_dir)  # a link loop or a name too long, said as such
        output_dir.mkdir(parents=True, exist_ok=True)
        for name, model in SCHEMAS.items():
            target = output_dir / name
            write_atomic(target, schema_text(model))
    except (OSError, ValueError) as exc:
        fail(f"cannot write {shown_path(target)}: {reason(exc, target)}")
    typer.echo(f"wrote {', '.join(shown_path(output_dir / n) for n in SCHEMAS)}")


class GraphFormat(StrEnum):
    DOT = "dot"
    GRAPHML = "graphml"
    HTML = "html"


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

    text = run(
        lambda settings: api.graph(settings, str(output_format)), Where(claims, config, isolated)
    )
    emit(text, output_file)
