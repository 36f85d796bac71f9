"""The figure scanner: what it finds in prose, and that it never fails on any text."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from factcheck.figures import scan

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "scan.yaml").read_text("utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:40] for c in CASES])
def test_scan_finds(case: dict[str, Any]) -> None:
    found = [
        [case["text"][f.start : f.end], *sorted({f.low.value, f.high.value})]
        for f in scan(case["text"])
    ]
    expected = [[text, *(Fraction(str(v)) for v in values)] for text, *values in case["figures"]]
    assert found == expected


prose = st.text(
    alphabet=st.sampled_from(list("0123456789,.-–$% abcdefghijklmnopqrstuvwxyz")) | st.characters(),
    max_size=200,
)


@given(prose)
def test_scan_never_raises_and_spans_are_ordered(text: str) -> None:
    last_end = 0
    for figure in scan(text):
        assert last_end <= figure.start < figure.end <= len(text)
        assert figure.low.value <= figure.high.value
        last_end = figure.end
