"""The library API that the CLI calls: one function per command."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from factcheck import __version__
from factcheck.config import Settings
from factcheck.display import json_qualifiers, show_interval
from factcheck.factbase import FactBase
from factcheck.findings import Finding, Severity
from factcheck.intervals import Interval
from factcheck.loader import load_factbase
from factcheck.model import ProposedClaim
from factcheck.policy import apply_policy
from factcheck.report import Checked, Report, RuleInfo
from factcheck.rules import RULES

if TYPE_CHECKING:  # the engine, explain and lint are imported by the commands that use them
    from factcheck.cache import FileCache
    from factcheck.engine.verdicts import EngineResult
    from factcheck.explain import Explanation
    from factcheck.lint.drafts import Draft
    from factcheck.lint.run import LintOptions

__all__ = ["check", "claim_records", "explain", "lint", "load", "run_engine"]


def load(settings: Settings, cache: FileCache | None = None) -> tuple[FactBase, list[Finding]]:
    """Load the fact base the settings point at (raises ``InputError`` if absent)."""
    return load_factbase(settings, cache)


def check(
    settings: Settings,
    fail_on: Severity | None = None,
    progress: Callable[[str], None] | None = None,
) -> Report:
    """Load and check the fact base: every finding of every rule, sorted by place."""
    from factcheck.engine.reporting import engine_findings

    step = progress or (lambda _: None)
    step("loading the fact base")
    factbase, findings = load_factbase(settings)
    step(f"checking {len(factbase.claims)} claims")
    for rule in RULES.values():
        findings.extend(rule.check(factbase))
    step("running the constraint engine")
    result = run_engine(factbase)
    findings.extend(engine_findings(result))
    claims = factbase.quoted().values()
    misquoted = {cid for f in findings if f.code == "FC105" for cid in f.claims}
    counts = (
        ("files", len(factbase.files)),
        ("sources", len(factbase.sources)),
        ("entities", len(factbase.entities)),
        ("metrics", len(factbase.metrics)),
        ("claims", len(factbase.claims)),
        *_proposed_count(factbase),
        (
            "quotes verified",
            sum(c.record.source in factbase.texts for c in claims) - len(misquoted),
        ),
        ("constraints", len(factbase.constraints)),
        ("relations", len(result.verdicts)),
    )
    checked = (
        *(Checked("claim", cid, e.location) for cid, e in factbase.claims.items()),
        *(
            Checked("constraint", cid, e.location, _verdict_of(result, cid))
            for cid, e in factbase.constraints.items()
        ),
    )
    report = Report(
        tool_version=__version__,
        findings=_sorted(apply_policy(findings, settings)),
        rules=rule_infos(),
        files=factbase.files,
        counts=counts,
        checked=checked,
    )
    return replace(report, fail_on=fail_on or settings.fail_on)


def _proposed_count(factbase: FactBase) -> tuple[tuple[str, int], ...]:
    """How many records await review, where any do."""
    waiting = len(factbase.proposed_claims) + len(factbase.proposed_constraints)
    return (("proposed", waiting),) if waiting else ()


def _verdict_of(result: EngineResult, constraint: str) -> str:
    verdict = result.verdicts.get(constraint)
    return str(verdict.status) if verdict is not None else "not built"


def explain(settings: Settings, identifier: str) -> Explanation:
    """The explanation of one claim, constraint or unknown (raises ``UnknownIdError``)."""
    from factcheck.explain import explain as explain_id

    factbase, _ = load_factbase(settings)
    return explain_id(factbase, run_engine(factbase), identifier)


def graph(settings: Settings, output_format: str) -> str:
    """The claims–constraints graph as DOT, GraphML or a self-contained HTML page."""
    from factcheck import graph as graphs

    factbase, _ = load_factbase(settings)
    drawing = graphs.build_graph(run_engine(factbase))
    if output_format == "dot":
        return graphs.to_dot(drawing)
    if output_format == "graphml":
        return graphs.to_graphml(drawing)
    return graphs.to_html(drawing)


def run_engine(factbase: FactBase) -> EngineResult:
    """Build the constraint model of a loaded fact base and judge every relation."""
    from factcheck.engine.model import build_model
    from factcheck.engine.verdicts import judge

    return judge(build_model(factbase))


def lint(
    settings: Settings,
    drafts: Sequence[Draft],
    options: LintOptions | None = None,
    progress: Callable[[str], None] | None = None,
) -> Report:
    """Lint drafts against the fact base the settings point at."""
    factbase, _ = load_factbase(settings)
    return lint_with(factbase, drafts, options, progress)


def lint_with(
    factbase: FactBase,
    drafts: Sequence[Draft],
    options: LintOptions | None = None,
    progress: Callable[[str], None] | None = None,
) -> Report:
    """Lint drafts against a fact base already loaded (the editors keep one)."""
    from factcheck.lint.run import LintOptions, lint_drafts

    settings = factbase.settings
    findings, stats = lint_drafts(factbase, drafts, options or LintOptions(), progress)
    counts = (
        ("drafts", stats.drafts),
        ("figures", stats.figures),
        ("checked", stats.checked),
        ("unchecked", stats.unchecked),
        ("claims", len(factbase.claims)),
    )
    report = Report(
        tool_version=__version__,
        findings=_sorted(apply_policy(findings, settings)),
        rules=rule_infos(),
        files=tuple(d.path for d in drafts),
        counts=counts,
    )
    return replace(report, fail_on=settings.fail_on)


def _sorted(findings: list[Finding]) -> tuple[Finding, ...]:
    return tuple(sorted(findings, key=lambda f: f.sort_key))


def rule_infos() -> tuple[RuleInfo, ...]:
    return tuple(RuleInfo(r.code, r.slug, r.severity, r.summary(), r.doc()) for r in RULES.values())


def claim_records(factbase: FactBase, *, proposed: bool = False) -> Iterator[dict[str, Any]]:
    """One flat record per claim, in file order: what ``factcheck claims`` lists; with
    ``proposed``, the claims that await review, each with what it still needs."""
    claims = factbase.proposed_claims if proposed else factbase.claims
    readings = factbase.proposed_readings if proposed else factbase.readings
    for cid, entry in claims.items():
        claim = entry.record
        reading = readings.get(cid)
        interval = reading.interval if reading else Interval.everything()
        yield {
            "id": cid,
            "source": claim.source,
            "quote": claim.quote,
            "subject": claim.subject,
            "metric": claim.metric,
            "value": claim.value,
            "reading": claim.reading,
            "unit": str(reading.unit) if reading else None,
            "interval": show_interval(interval, reading.unit) if reading else None,
            "low": _json_number(interval.lo),
            "high": _json_number(interval.hi),
            "low_closed": interval.lo_closed,
            "high_closed": interval.hi_closed,
            "hedge": str(reading.figure.hedge) if reading and reading.figure.hedge else None,
            "as_of": None if claim.as_of is None else str(claim.as_of),
            "scope": claim.scope,
            "qualifiers": json_qualifiers(claim.qualifiers),
            "modality": str(claim.modality),
            "location": str(entry.location),
            **({"missing": list(claim.missing)} if isinstance(claim, ProposedClaim) else {}),
        }


def _json_number(value: Any) -> int | float | None:
    if value is None:
        return None
    return int(value) if value.denominator == 1 else float(value)
