"""News figures, case by case: ``list_figures`` on wire-copy sentences
(tests/cases/news_figures.yaml; conventions in tests/corpora/figures/README.md).

Only figures of kind ``quantity`` are compared, in order: their count, then each one's
value, low, high, hedge and direction. Spans (``says``) are documentation only."""

from __future__ import annotations

import math
import re
from collections import Counter
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
import yaml

from factcheck.figure_listing import list_figures

from .conftest import load_benchmark

CASES_PATH = Path(__file__).parent / "cases" / "news_figures.yaml"
CASES: list[dict[str, Any]] = yaml.safe_load(CASES_PATH.read_text("utf-8"))

CATEGORIES = (
    "scale-glued",
    "currency-prefix",
    "range",
    "wrong-join",
    "negative",
    "direction",
    "bound",
    "not-quantity",
    "words",
    "chinese",
)
MIN_CASES = 6
HEDGES = {"about", "nearly", "more-than", "at-least", "less-than", "at-most"}
DIRECTIONS = {"up", "down"}
CASE_KEYS = {"category", "text", "why", "figures"}
FIGURE_KEYS = {"says", "value", "low", "high", "hedge", "direction"}

TOLERANCE = 1e-9
#: A non-terminating fraction is written rounded to 10 significant digits
#: ("two-thirds" is 0.6666666667), so it is compared more loosely.
FRACTION_TOLERANCE = 1e-6


def _case_id(case: dict[str, Any]) -> str:
    words = re.findall(r"\w+", case["text"])[:5]
    if case["category"] == "chinese":  # pytest escapes other characters: its ASCII runs
        words = re.findall(r"[!-~]+", case["text"])
    return f"{case['category']}: {' '.join(words)}"


def _is_rounded_fraction(value: float) -> bool:
    """A value like 0.3333333333: not a short decimal, but close to a small fraction."""
    written = Fraction(repr(value))
    near = written.limit_denominator(100)
    return near != written and abs(float(near) - value) <= TOLERANCE * abs(value)


def _close(found: float, expected: float) -> bool:
    tolerance = FRACTION_TOLERANCE if _is_rounded_fraction(expected) else TOLERANCE
    return math.isclose(found, expected, rel_tol=tolerance, abs_tol=0.0)


def _describe(figures: list[dict[str, Any]]) -> str:
    return "; ".join(
        f"{f.get('says', '?')!r} {f['value']} [{f['low']}, {f['high']}] "
        f"hedge={f['hedge']} direction={f['direction']}"
        for f in figures
    )


def _expected(case: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {
            "says": f["says"],
            "value": f["value"],
            "low": f.get("low", f["value"]),
            "high": f.get("high", f["value"]),
            "hedge": f.get("hedge"),
            "direction": f.get("direction"),
        }
        for f in case["figures"]
    ]


def _found(text: str) -> list[dict[str, Any]]:
    return [
        {
            "says": f.text,
            "value": f.value,
            "low": f.low,
            "high": f.high,
            "hedge": f.hedge,
            "direction": f.direction,
        }
        for f in list_figures(text)
        if f.kind == "quantity"
    ]


@pytest.mark.parametrize("case", CASES, ids=[_case_id(c) for c in CASES])
def test_news_figures(case: dict[str, Any]) -> None:
    expected = _expected(case)
    found = _found(case["text"])
    summary = f"\n  expected: {_describe(expected)}\n  found:    {_describe(found)}"
    assert len(found) == len(expected), f"{len(found)} figures, not {len(expected)}{summary}"
    for index, (got, want) in enumerate(zip(found, expected, strict=True)):
        where = f"figure {index + 1} ({want['says']!r}, found {got['says']!r})"
        for field in ("value", "low", "high"):
            assert _close(got[field], want[field]), (
                f"{where}: {field} {got[field]}, not {want[field]}{summary}"
            )
        for field in ("hedge", "direction"):
            assert got[field] == want[field], (
                f"{where}: {field} {got[field]}, not {want[field]}{summary}"
            )


def test_every_category_has_enough_cases() -> None:
    counts = Counter(case["category"] for case in CASES)
    assert {name: counts[name] for name in CATEGORIES if counts[name] < MIN_CASES} == {}
    assert set(counts) <= set(CATEGORIES)


def test_cases_are_well_formed() -> None:
    ids = [_case_id(case) for case in CASES]
    assert [i for i, n in Counter(ids).items() if n > 1] == []
    for case in CASES:
        assert set(case) <= CASE_KEYS, case["text"]
        assert {"category", "text", "figures"} <= set(case), case
        for figure in case["figures"]:
            assert set(figure) <= FIGURE_KEYS, figure
            assert {"says", "value"} <= set(figure), figure
            assert figure["says"] in case["text"], figure
            assert figure.get("hedge") in HEDGES | {None}, figure
            assert figure.get("direction") in DIRECTIONS | {None}, figure
            low, high = figure.get("low", figure["value"]), figure.get("high", figure["value"])
            assert low == figure["value"] <= high, figure


#: What `factcheck figures` scores on each corpus file (benchmarks/news_figures.py), held
#: a little under what it scored when the floor was set (docs/figures.md): a change to the
#: grammar that loses figures elsewhere fails here, not only in a benchmark nobody ran.
CORPUS_FLOORS = {  # file: (value F1, value + hedge/direction F1)
    "news.jsonl": (0.99, 0.97),
    "news_validation.jsonl": (0.98, 0.96),
    "news_test.jsonl": (0.98, 0.98),
    "news_general.jsonl": (0.98, 0.97),
    "news_mixed.jsonl": (0.98, 0.97),
}


@pytest.mark.parametrize("name", sorted(CORPUS_FLOORS))
def test_corpus_scores_stay_above_their_floor(name: str) -> None:
    news = load_benchmark("news_figures")
    corpus = news.load(name)
    found = [news.factcheck_found(sentence["text"]) for sentence in corpus]
    hits, strict, listed, expected = news.tally(corpus, found)["all"]
    value_f1, strict_f1 = news.prf(hits, listed, expected)[2], news.prf(strict, listed, expected)[2]
    value_floor, strict_floor = CORPUS_FLOORS[name]
    assert value_f1 >= value_floor, f"value F1 {value_f1:.3f} < {value_floor}"
    assert strict_f1 >= strict_floor, f"value + hedge/direction F1 {strict_f1:.3f} < {strict_floor}"
