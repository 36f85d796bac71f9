"""The default format: findings for people, coloured when the terminal allows.

This is the only module that imports rich.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from factcheck.findings import Finding, Severity, one_line
from factcheck.formatters import OutputOptions
from factcheck.report import Report

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _console(buffer: io.StringIO, options: OutputOptions) -> Console:
    return Console(
        file=buffer,
        force_terminal=options.color,
        no_color=not options.color,
        width=options.width,
        highlight=False,
        soft_wrap=True,
        emoji=False,  # a place or a quote is printed as written: ":100:" is no 💯
    )


def format_claims_table(
    records: Sequence[dict[str, Any]], options: OutputOptions, *, proposed: bool = False
) -> str:
    """``factcheck claims``: one row per claim, the value as written beside its interval;
    with ``proposed``, what each proposed claim still needs."""
    buffer = io.StringIO()
    title = f"{len(records)} proposed claims" if proposed else f"{len(records)} claims"
    table = Table(title=title, title_justify="left", show_lines=False)
    columns = ["id", "subject", "metric", "value", "interval", "as of"]
    for column in [*columns, "needs"] if proposed else columns:
        table.add_column(column, overflow="fold")
    for r in records:
        value = r["value"] if r["reading"] is None else f"{r['value']} (read: {r['reading']})"
        row = [r["id"], r["subject"] or "?", r["metric"] or "?", value, r["interval"] or "?"]
        row.append(r["as_of"] or "?")
        if proposed:
            row.append(", ".join(r["missing"]) or "review")
        table.add_row(*(one_line(cell) for cell in row))
    _console(buffer, options).print(table)
    return buffer.getvalue()


def _excerpt(finding: Finding) -> Text:
    """The draft's line with the figure underlined, as ruff and mypy show source; of a
    long line, the window the finding carries, after an ellipsis."""
    loc = finding.location
    assert finding.excerpt is not None
    gutter = f"{loc.line:>5} | "
    start = loc.column - finding.excerpt_column
    end = (
        loc.end_column - finding.excerpt_column
        if loc.end_column and loc.end_line == loc.line
        else start + 1
    )
    lead = "…" if finding.excerpt_column > 1 else ""
    text = Text(gutter, style="dim")
    text.append(lead + finding.excerpt[:start])
    text.append(finding.excerpt[start:end], style=f"underline {_STYLE[finding.severity]}")
    text.append(finding.excerpt[end:])
    text.append("\n" + " " * (len(gutter) - 2) + "| ", style="dim")
    caret = " " * (len(lead) + start) + "^" * max(1, end - start)
    text.append(caret, style=_STYLE[finding.severity])
    return text


def format_report(report: Report, options: OutputOptions) -> str:
    buffer = io.StringIO()
    console = _console(buffer, options)
    for finding in report.findings:
        line = Text()
        line.append(str(finding.location), style="bold")
        line.append(": ")
        line.append(f"{finding.code} ", style=_STYLE[finding.severity])
        line.append(f"[{finding.severity}] ", style=_STYLE[finding.severity])
        line.append(finding.message)
        line.append(f"  ({finding.slug})", style="dim")
        if finding.baseline == "unchanged":
            line.append("  [in baseline]", style="dim")
        if finding.acknowledged is not None:
            line.append(f"\n    acknowledged: {finding.acknowledged}", style="italic")
        console.print(line)
        if finding.excerpt is not None:
            console.print(_excerpt(finding))
        for related in finding.related:
            console.print(Text(f"    {related.location}: {related.message}", style="dim"))
    counts = dict(report.counts)
    by_severity = report.by_severity
    looked_at = ", ".join(f"{n} {what}" for what, n in counts.items())
    tally = ", ".join(
        [
            _plural(by_severity[Severity.ERROR], "error"),
            _plural(by_severity[Severity.WARNING], "warning"),
            f"{by_severity[Severity.INFO]} info",
            *([f"{report.acknowledged} acknowledged"] if report.acknowledged else []),
            *([f"{report.in_baseline} in baseline"] if report.in_baseline else []),
        ]
    )
    if options.quiet:
        return buffer.getvalue()
    if report.findings:
        console.print()
    verdict = Text(
        "✗ failed" if report.failed else "✓ passed",
        style="bold red" if report.failed else "bold green",
    )
    console.print(
        Text.assemble(verdict, f" — {tally} (fail on {report.fail_on}); checked {looked_at}")
    )
    return buffer.getvalue()
