"""Word lists as tries (factcheck/regex_trie.py): the same words as the plain alternation,
and a quick test on what units start with that never turns a unit away."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from factcheck.figures import scan
from factcheck.quantities import UNIT_WORD_STARTS
from factcheck.regex_trie import trie_pattern

words = st.lists(st.text(alphabet="ab-. ", min_size=1, max_size=5), min_size=1, max_size=8)


@given(words, st.text(alphabet="ab-. ", max_size=6))
def test_a_trie_matches_exactly_its_words(vocabulary: list[str], text: str) -> None:
    trie = re.compile(trie_pattern(vocabulary))
    plain = re.compile("|".join(re.escape(w) for w in sorted(vocabulary, key=len, reverse=True)))
    assert (trie.fullmatch(text) is not None) == (text in vocabulary)
    found, longest = trie.match(text), plain.match(text)  # the longest word first, as before
    assert (found and found.group()) == (longest and longest.group())


def test_an_empty_list_matches_nothing() -> None:
    assert re.search(trie_pattern([]), "anything") is None


#: Units and measures as news writes them after a number: each must pass the quick test
#: that is tried before the units (factcheck/quantities.py), and be read.
SPELLINGS = [
    "5%", "5 percent", "5 per cent", "5 pct", "5 percentage points", "5 yuan", "5 dollars",
    "5 Hong Kong dollars", "5 euros", "5 Kenyan shillings", "5 times", "5-fold", "5x",
    "5 years", "5-year", "5 months", "5 km", "5 kilometres", "5 basis points", "5 bps",
    "5 points", "5 days", "5 hours", "5 hrs", "5 mins", "5°C", "5C", "5 degrees Celsius",
    "5 degrees", "5GB", "5 gigabytes", "5MW", "5 kWh", "5mAh", "5GHz", "5kg", "5 kilos",
    "5 mg", "5 lbs", "5 tonnes", "5Mt", "5cm", "5 millimetres", "5 metres", "5 miles",
    "5 km/h", "5 mph", "5-inch", "5 feet", "5 sq ft", "5 square metres", "5 hectares",
    "5 acres", "5亩", "5 litres", "5L", "5 ml", "5 cubic metres", "5 barrels", "5 bpd",
    "5 barrels a day", "5 TEU", "5 kcal", "5 calories", "5元", "5倍", "5天", "5小时", "5公里",
    "5 US dollars", "5 u.s. dollars", "5 cal", "5 hr", "5 ha", "5 m2", "5 g", "5 km2", "5 lb",
    "5 ft", "5 sq m", "5 sq. ft", "5 zł", "5 Mbps", "5 Tbps", "5 kHz", "5 mm", "5 cm",
    "5 kilograms", "5 megawatts", "5 litres", "5 liters", "5 miles", "5 inches", "5 foot",
    "5 weeks", "5 TWh", "5 MWh", "5 GWh", "5 mAh", "5°F", "5 degrees Fahrenheit", "5 TB",
    "5 Hong Kong dollars", "5 Kenyan shillings", "5 rupees", "5 euros", "5 pounds sterling",
]  # fmt: skip


def test_every_unit_spelling_passes_the_quick_test_and_is_read() -> None:
    gate = re.compile(UNIT_WORD_STARTS, re.IGNORECASE)
    for spelling in SPELLINGS:
        assert gate.match(spelling, 1), spelling  # the quick test after the "5"
        assert [spelling[f.start : f.end] for f in scan(spelling)] == [spelling], spelling


def test_the_quick_test_turns_away_common_words() -> None:
    gate = re.compile(UNIT_WORD_STARTS, re.IGNORECASE)
    for after in (" in", " to", " and", " the", " firms", " people", ", the", "."):
        assert gate.match(after) is None, after
