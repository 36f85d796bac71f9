"""``--format sarif``: SARIF 2.1.0, for code scanning and other SARIF viewers.

One result per finding with ``ruleId``, ``level``, ``message``, a physical location
with a 1-based region, and the claims involved in ``properties.claims``; the rules
are described in ``tool.driver.rules`` from their docstrings. Validated in the tests
against the OASIS schema (sarif-schema-2.1.0.json).
"""

from __future__ import annotations

import json
from pathlib import PurePath
from typing import Any

from factcheck.findings import Finding, Location, Severity
from factcheck.formatters import OutputOptions
from factcheck.report import Report, RuleInfo

SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _physical(location: Location) -> dict[str, Any]:
    region: dict[str, int] = {"startLine": location.line, "startColumn": location.column}
    if location.end_line is not None:
        region["endLine"] = location.end_line
    if location.end_column is not None:
        region["endColumn"] = location.end_column
    return {
        "artifactLocation": {"uri": PurePath(location.path).as_posix()},
        "region": region,
    }


def _rule(rule: RuleInfo) -> dict[str, Any]:
    return {
        "id": rule.code,
        "name": rule.slug,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.doc},
        "help": {"text": rule.doc, "markdown": rule.doc},
        "defaultConfiguration": {"level": _LEVEL[rule.severity]},
    }


def _result(finding: Finding, index: dict[str, int]) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": finding.code,
        "ruleIndex": index[finding.code],
        "level": _LEVEL[finding.severity],
        "message": {"text": finding.message},
        "locations": [{"physicalLocation": _physical(finding.location)}],
        "properties": {"claims": list(finding.claims), "slug": finding.slug},
    }
    if finding.baseline is not None:
        result["baselineState"] = finding.baseline
    if finding.acknowledged is not None:
        # SARIF's way to say "known, accepted, not a failure": viewers hide or mark it.
        result["suppressions"] = [
            {"kind": "external", "status": "accepted", "justification": finding.acknowledged}
        ]
    if finding.related:
        result["relatedLocations"] = [
            {"id": i, "physicalLocation": _physical(r.location), "message": {"text": r.message}}
            for i, r in enumerate(finding.related)
        ]
    return result


def format_report(report: Report, options: OutputOptions) -> str:
    index = {rule.code: i for i, rule in enumerate(report.rules)}
    document = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "factcheck",
                        "version": report.tool_version,
                        "informationUri": "https://github.com/factcheck/factcheck",
                        "rules": [_rule(r) for r in report.rules],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": [_result(f, index) for f in report.findings],
            }
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
