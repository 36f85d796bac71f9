"""The bundled fact base: it loads cleanly, its quotes are in the articles, and every
figure in the five article bodies is covered by a claim whose interval holds it.

Tests that need the article texts read them from ../shared and skip, saying so,
where they are absent.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from factcheck import api
from factcheck.config import discover_settings
from factcheck.factbase import FactBase
from factcheck.figures import Figure, scan
from factcheck.findings import Severity
from factcheck.hedges import interval_of
from factcheck.intervals import Interval
from factcheck.model import Claim
from factcheck.rules.integrity import normalise_space
from factcheck.units import Unit, domain_of

ROOT = Path(__file__).resolve().parent.parent
BODIES = yaml.safe_load((Path(__file__).parent / "data" / "article-bodies.yaml").read_text())


@pytest.fixture(scope="module")
def factbase() -> FactBase:
    settings = discover_settings(ROOT)
    loaded, findings = api.load(settings)
    assert findings == [] or all(f.code == "FC106" for f in findings)
    return loaded


@pytest.fixture(scope="module")
def texts(factbase: FactBase) -> dict[str, str]:
    # Reference sources that are web pages have no `text` (claims/sources.yaml).
    kept = [s for s in factbase.sources.values() if s.record.text is not None]
    if len(factbase.texts) < len(kept):
        pytest.skip(f"source texts not found under {factbase.settings.sources}")
    return dict(factbase.texts)


def test_bundled_fact_base_passes_check() -> None:
    report = api.check(discover_settings(ROOT))
    errors = [f for f in report.findings if f.severity is Severity.ERROR]
    assert [f for f in errors if f.acknowledged is None] == []
    assert not report.failed


def test_fact_base_is_substantial(factbase: FactBase) -> None:
    articles = [s for s in factbase.sources.values() if not s.record.reference]
    assert len(articles) == 5
    article_claims = [
        c
        for c in factbase.claims.values()
        if not factbase.sources[c.record.source].record.reference
    ]
    assert len(article_claims) > 60
    assert set(factbase.readings) == set(factbase.claims)  # every value is readable


def test_every_quote_is_verbatim_in_its_source(factbase: FactBase, texts: dict[str, str]) -> None:
    report = api.check(discover_settings(ROOT))
    assert [f for f in report.findings if f.code in {"FC105", "FC106", "FC107"}] == []


def _span_of(text: str, item: dict[str, str]) -> tuple[int, int]:
    """The span of a listed non-figure: ``figure`` where it stands in ``context``."""
    context = item.get("context", item["figure"])
    where = text.index(context) + context.index(item["figure"])
    return where, where + len(item["figure"])


def _body(text: str, spec: dict[str, Any]) -> tuple[int, int]:
    start, end = text.index(spec["starts"]), text.index(spec["ends"])
    assert start < end
    return start, end


def _quote_spans(text: str, quote: str) -> Iterator[tuple[int, int]]:
    """Where a quote stands in the text, whitespace-insensitively."""
    words = normalise_space(quote).split(" ")
    pattern = r"\s+".join(map(re.escape, words))
    for m in re.finditer(pattern, text):
        yield m.start(), m.end()


def _holds(
    claim_interval: Interval, claim: Claim, figure: Figure, unit: Unit, domain: Interval
) -> bool:
    figure_interval = interval_of(figure, claim_settings_widths(), unit).intersect(domain)
    if figure.unit is Unit.RATIO and unit is Unit.PERCENT:
        figure_interval = Interval(
            figure_interval.lo * 100 if figure_interval.lo is not None else None,
            figure_interval.hi * 100 if figure_interval.hi is not None else None,
            figure_interval.lo_closed,
            figure_interval.hi_closed,
        )
    if figure_interval.intersect(claim_interval) == figure_interval:
        return True
    # A year or a day that dates the claim ("In 2017, the value ... reached").
    low, high = figure.low.value, figure.high.value
    if figure.unit is Unit.DATE:
        first, last = claim.as_of.days
        return first <= low <= high <= last
    return (
        figure.unit is None
        and low.denominator == 1
        and claim.as_of.start.year <= low <= high <= claim.as_of.end.year
    )


def claim_settings_widths() -> Any:
    return discover_settings(ROOT).hedges


def uncovered_figures(factbase: FactBase, texts: dict[str, str]) -> list[str]:
    missing = []
    by_text = {s.record.text: sid for sid, s in factbase.sources.items()}
    for spec in BODIES:
        source_id = by_text[spec["text"]]
        text = texts[source_id]
        start, end = _body(text, spec)
        excluded = [_span_of(text, item) for item in spec["not_figures"]]
        claims = [
            (
                entry.record,
                factbase.readings[cid],
                list(_quote_spans(text, entry.record.quote)),
                domain_of(factbase.metrics[entry.record.metric].record.measures),
            )
            for cid, entry in factbase.claims.items()
            if entry.record.source == source_id
        ]
        for figure in scan(text[start:end]):
            at = (start + figure.start, start + figure.end)
            written = text[at[0] : at[1]]
            if at in excluded:
                continue
            covered = any(
                any(s <= at[0] and at[1] <= e for s, e in spans)
                and _holds(reading.interval, claim, figure, reading.unit, domain)
                for claim, reading, spans, domain in claims
            )
            if not covered:
                line = text.count("\n", 0, at[0]) + 1
                missing.append(f"{spec['text']}:{line}: {written!r}")
    return missing


def test_every_figure_in_the_article_bodies_is_covered(
    factbase: FactBase, texts: dict[str, str]
) -> None:
    assert uncovered_figures(factbase, texts) == []
