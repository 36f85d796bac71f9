"""``--format gitlab``: GitLab Code Quality, a JSON list of issues.

https://docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format — each issue
needs a fingerprint unique to it; ours hashes the code, place and message.
"""

from __future__ import annotations

import hashlib
import json

from factcheck.findings import Finding, Severity
from factcheck.formatters import OutputOptions
from factcheck.report import Report

_SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def fingerprint(finding: Finding) -> str:
    loc = finding.location
    key = "\0".join([finding.code, loc.path, str(loc.line), str(loc.column), finding.message])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def format_report(report: Report, options: OutputOptions) -> str:
    issues = [
        {
            "description": f"{f.code} {f.message}",
            "check_name": f"{f.code} {f.slug}",
            "fingerprint": fingerprint(f),
            "severity": "info" if f.acknowledged else _SEVERITY[f.severity],
            "location": {"path": f.location.path, "lines": {"begin": f.location.line}},
        }
        for f in report.findings
    ]
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"
