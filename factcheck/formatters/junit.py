"""``--format junit``: JUnit XML for CI test reports. One test case per claim and per
constraint, passes included; a finding that fails the run is a failure of the claims and
the constraint it names; a finding on no claim or constraint (a broken file) is a test
case of its own."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from factcheck.findings import Finding
from factcheck.formatters import OutputOptions
from factcheck.report import Report


def _failing(report: Report, finding: Finding) -> bool:
    return finding.acknowledged is None and finding.severity.rank >= report.fail_on.rank


def format_report(report: Report, options: OutputOptions) -> str:
    failing = [f for f in report.findings if _failing(report, f)]
    by_subject: dict[tuple[str, str], list[Finding]] = {}
    unattached: list[Finding] = []
    for finding in failing:
        keys = [("claim", c) for c in finding.claims]
        if finding.constraint:
            keys.append(("constraint", finding.constraint))
        for key in keys:
            by_subject.setdefault(key, []).append(finding)
        if not keys:
            unattached.append(finding)
    suites = ET.Element("testsuites", name="factcheck")
    groups = {"claim": "claims", "constraint": "constraints"}
    for kind, title in groups.items():
        items = [c for c in report.checked if c.kind == kind]
        suite = ET.SubElement(suites, "testsuite", name=title, tests=str(len(items)))
        failures = 0
        for item in items:
            case = ET.SubElement(
                suite, "testcase", classname=f"factcheck.{title}", name=item.id,
                file=item.location.path, line=str(item.location.line),
            )  # fmt: skip
            found = by_subject.get((kind, item.id), [])
            if found:
                failures += 1
                failure = ET.SubElement(
                    case, "failure", message=found[0].message, type=found[0].code
                )
                failure.text = "\n".join(f"{f.location}: {f.code} {f.message}" for f in found)
            elif item.verdict == "untestable":
                ET.SubElement(case, "skipped", message="untestable")
        suite.set("failures", str(failures))
    if unattached:
        suite = ET.SubElement(suites, "testsuite", name="files", tests=str(len(unattached)))
        suite.set("failures", str(len(unattached)))
        for finding in unattached:
            case = ET.SubElement(
                suite, "testcase", classname="factcheck.files",
                name=f"{finding.location} {finding.code}", file=finding.location.path,
                line=str(finding.location.line),
            )  # fmt: skip
            failure = ET.SubElement(case, "failure", message=finding.message, type=finding.code)
            failure.text = f"{finding.location}: {finding.code} {finding.message}"
    ET.indent(suites)
    return ET.tostring(suites, encoding="unicode", xml_declaration=True) + "\n"
