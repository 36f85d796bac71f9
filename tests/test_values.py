"""Values as written → intervals: the rules of docs/semantics.md, as data and as
properties."""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from factcheck.hedges import HedgeWidths, interval_of
from factcheck.intervals import Interval
from factcheck.model import Claim, Metric
from factcheck.periods import EPOCH
from factcheck.readings import read_claim
from factcheck.values import read_value

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "values.yaml").read_text("utf-8"))


def _end(text: str) -> Fraction | None:
    text = text.strip()
    if text in {"inf", "-inf"}:
        return None
    if len(text) == 10 and text[4] == "-":  # a day, as days since the epoch
        return Fraction((date.fromisoformat(text) - EPOCH).days)
    return Fraction(text)


def parse_interval(text: str) -> Interval:
    lo, hi = text[1:-1].split(",")
    return Interval(_end(lo), _end(hi), text[0] == "[", text[-1] == "]")


def read(value: str, measures: str) -> Any:
    metric = Metric(id="m", description="test metric", measures=measures)  # type: ignore[arg-type]
    claim = Claim(
        id="c", source="s", quote=value or "-", subject="e", metric="m", value=value or "-",
        as_of="2022",  # type: ignore[arg-type]
    )  # fmt: skip
    if not value:
        claim = claim.model_copy(update={"value": ""})
    return read_claim(claim, metric, HedgeWidths())


@pytest.mark.parametrize("case", CASES, ids=[c["value"] or "<empty>" for c in CASES])
def test_value_reads_as(case: dict[str, Any]) -> None:
    if "error" in case:
        with pytest.raises(ValueError, match=case["error"]):
            read(case["value"], case["measures"])
        return
    reading = read(case["value"], case["measures"])
    assert reading.interval == parse_interval(case["interval"])
    if "unit" in case:
        assert str(reading.unit) == case["unit"]


# -- properties ----------------------------------------------------------------------


def round_half_up(value: Fraction, step: Fraction) -> Fraction:
    """What a writer who rounds half up to ``step`` prints for ``value``."""
    return (value / step + Fraction(1, 2)).__floor__() * step


def decimal_text(digits: int, places: int) -> str:
    """digits / 10**places written with exactly ``places`` decimals: (95, 1) → "9.5"."""
    if not places:
        return str(digits)
    whole, fraction = divmod(digits, 10**places)
    return f"{whole}.{fraction:0{places}d}"


decimals = st.integers(min_value=0, max_value=4)


@given(
    digits=st.integers(min_value=1, max_value=10**7),
    places=decimals,
    offset=st.fractions(min_value=-2, max_value=2, max_denominator=10**6),
)
def test_decimal_interval_is_exactly_the_values_that_round_to_it(
    digits: int, places: int, offset: Fraction
) -> None:
    """An interval holds every value that rounds to the stated figure, and nothing
    that does not (statcheck's and scrutiny's unround, half up)."""
    step = Fraction(1, 10**places)
    stated = digits * step
    written = f"{decimal_text(digits, places)} percent"
    interval = interval_of(read_value(written), HedgeWidths())
    value = stated + offset * step
    assert (value in interval) == (round_half_up(value, step) == stated)


@given(
    mantissa=st.integers(min_value=1, max_value=9999),
    places=st.integers(min_value=0, max_value=2),
    scale=st.sampled_from([("million", 10**6), ("billion", 10**9), ("trillion", 10**12)]),
    offset=st.fractions(min_value=-1, max_value=1, max_denominator=10**4),
)
def test_scaled_figure_is_rounded_at_its_last_digit(
    mantissa: int, places: int, scale: tuple[str, int], offset: Fraction
) -> None:
    word, factor = scale
    step = Fraction(factor, 10**places)
    stated = mantissa * step
    written = decimal_text(mantissa, places)
    interval = interval_of(read_value(f"{written} {word} yuan"), HedgeWidths())
    value = stated + offset * step
    assert (value in interval) == (round_half_up(value, step) == stated)


counts = st.integers(min_value=1, max_value=10**6)


@given(n=counts, probe=st.integers(min_value=0, max_value=2 * 10**6))
def test_bounding_hedges_bound_exactly(n: int, probe: int) -> None:
    """ "more than N" holds exactly the values above N; likewise the other bounds."""
    bounds = {
        "more than": lambda v: v > n,
        "at least": lambda v: v >= n,
        "less than": lambda v: v < n,
        "up to": lambda v: v <= n,
    }
    for hedge, holds in bounds.items():
        interval = interval_of(read_value(f"{hedge} {n:,}"), HedgeWidths())
        assert (probe in interval) == holds(probe), hedge


@given(
    n=counts,
    about=st.fractions(min_value=Fraction(1, 100), max_value=Fraction(1, 2), max_denominator=100),
)
def test_about_and_nearly_contain_what_they_promise(n: int, about: Fraction) -> None:
    widths = HedgeWidths(about=about, nearly=about)
    around = interval_of(read_value(f"about {n:,}"), widths)
    assert n in around
    assert n * (1 - about) in around
    assert n * (1 + about) in around
    nearly = interval_of(read_value(f"nearly {n:,}"), widths)
    assert n not in nearly  # "nearly 13,000" is below 13,000
    assert n * (1 - about) in nearly
