"""The ``Report``: everything a formatter needs, and nothing it would have to compute."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from factcheck.findings import Finding, Location, Severity

__all__ = ["Checked", "Report", "RuleInfo"]


@dataclass(frozen=True, slots=True)
class RuleInfo:
    """A rule's documentation, as formatters show it (SARIF ``tool.driver.rules``)."""

    code: str
    slug: str
    severity: Severity
    summary: str
    doc: str


@dataclass(frozen=True, slots=True)
class Checked:
    """Something a run checked — a claim or a constraint — whether or not it failed, for
    formats that list passes too (JUnit)."""

    kind: str  # "claim" or "constraint"
    id: str
    location: Location
    verdict: str | None = None  # a constraint's: holds, violated, untestable


@dataclass(frozen=True, slots=True)
class Report:
    """The result of a run: findings sorted by place, plus what was looked at."""

    tool_version: str
    findings: tuple[Finding, ...]
    rules: tuple[RuleInfo, ...]
    files: tuple[str, ...]
    counts: tuple[tuple[str, int], ...]  # ("claims", 87), ("sources", 7), ...
    fail_on: Severity = Severity.ERROR
    checked: tuple[Checked, ...] = ()

    @property
    def by_severity(self) -> Counter[Severity]:
        """Findings that count (not acknowledged, not in a baseline) by severity."""
        return Counter(f.severity for f in self.findings if _counts(f))

    @property
    def in_baseline(self) -> int:
        return sum(f.baseline == "unchanged" for f in self.findings)

    @property
    def acknowledged(self) -> int:
        return sum(f.acknowledged is not None for f in self.findings)

    @property
    def failed(self) -> bool:
        """True when a finding that counts is at or above ``fail_on``."""
        return any(f.severity.rank >= self.fail_on.rank and _counts(f) for f in self.findings)

    @property
    def exit_code(self) -> int:
        return 1 if self.failed else 0


def _counts(finding: Finding) -> bool:
    """Whether a finding can fail a run: neither acknowledged nor in the baseline."""
    return finding.acknowledged is None and finding.baseline != "unchanged"
