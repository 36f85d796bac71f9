"""``--format github``: GitHub Actions workflow commands, shown as annotations.

https://docs.github.com/actions/reference/workflow-commands-for-github-actions
"""

from __future__ import annotations

from factcheck.findings import Finding, Severity
from factcheck.formatters import OutputOptions
from factcheck.report import Report

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(finding: Finding) -> str:
    loc = finding.location
    level = "notice" if finding.acknowledged is not None else _LEVEL[finding.severity]
    message = finding.message
    if finding.acknowledged is not None:
        message = f"{message} (acknowledged: {finding.acknowledged})"
    props = [f"file={_property(loc.path)}", f"line={loc.line}", f"col={loc.column}"]
    if loc.end_line is not None:
        props.append(f"endLine={loc.end_line}")
    if loc.end_column is not None and loc.end_line == loc.line:
        props.append(f"endColumn={loc.end_column}")
    props.append(f"title={_property(f'{finding.code} {finding.slug}')}")
    return f"::{level} {','.join(props)}::{_data(message)}"


def format_report(report: Report, options: OutputOptions) -> str:
    lines = [annotation(f) + "\n" for f in report.findings]
    if not options.quiet:
        # GitHub shows only ten annotations per step: the log says how many there are.
        by = report.by_severity
        lines.append(
            f"factcheck: {by[Severity.ERROR]} errors, {by[Severity.WARNING]} warnings, "
            f"{by[Severity.INFO]} info, {report.acknowledged} acknowledged "
            f"({'failed' if report.failed else 'passed'}; fail on {report.fail_on})\n"
        )
    return "".join(lines)
