"""``--format json``: the report as one JSON document, for tools."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from factcheck.findings import Finding, Severity
from factcheck.formatters import OutputOptions
from factcheck.report import Report


def finding_record(finding: Finding) -> dict[str, Any]:
    loc = finding.location
    return {
        "code": finding.code,
        "slug": finding.slug,
        "severity": str(finding.severity),
        "message": finding.message,
        "path": loc.path,
        "line": loc.line,
        "column": loc.column,
        "end_line": loc.end_line,
        "end_column": loc.end_column,
        "claims": list(finding.claims),
        "acknowledged": finding.acknowledged,
        "baseline": finding.baseline,
        "related": [{"message": r.message, **asdict(r.location)} for r in finding.related],
    }


def format_report(report: Report, options: OutputOptions) -> str:
    by_severity = report.by_severity
    document = {
        "tool": {"name": "factcheck", "version": report.tool_version},
        "summary": {
            **dict(report.counts),
            "errors": by_severity[Severity.ERROR],
            "warnings": by_severity[Severity.WARNING],
            "info": by_severity[Severity.INFO],
            "acknowledged": report.acknowledged,
            "in_baseline": report.in_baseline,
            "fail_on": str(report.fail_on),
            "failed": report.failed,
        },
        "findings": [finding_record(f) for f in report.findings],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
