"""What a figure's clause says of it (factcheck/lint/attachment.py, mentions.py, words.py):
properties over any text, and the gazetteer as data."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from factcheck import api
from factcheck.config import discover_settings
from factcheck.figures import scan
from factcheck.lint.attachment import attach
from factcheck.lint.mentions import Discourse, Names, gazetteer
from factcheck.lint.words import tokenize

from .conftest import ROOT

WORDS = st.sampled_from([
    "Beijing", "Beijing's", "Wuhan", "the city", "it", "its", "national", "MIIT", "said",
    "according to", "little giants", "firms", "batch", "fifth", "of them", "including",
    "in", "2022", "590", "more than 1,500", "July 14, 2023", ",", ";", "(", ")", "aims",
    "by 2025", "Kofon Motor", "named", "has", "the Beijing bourse", "Shenzhen-based",
])  # fmt: skip
SENTENCES = st.lists(WORDS, max_size=40).map(" ".join) | st.text(max_size=200)


@pytest.fixture(scope="module")
def names() -> Names:
    factbase, _ = api.load(discover_settings(ROOT))
    return Names(factbase)


@given(text=SENTENCES, drafted=st.none() | st.dates(date(1990, 1, 1), date(2100, 12, 31)))
@example(text="2022 ; of them", drafted=None)  # "of them" after the clause ended (CI found it)
def test_every_figure_gets_one_attachment(names: Names, text: str, drafted: date | None) -> None:
    figures = list(scan(text))
    attached = attach(text, figures, names, Discourse(names), drafted)
    assert len(attached) == len(figures)
    for a in attached:
        assert a.counted[0] <= a.counted[1] <= len(a.scope)
        assert a.clause_start <= len(a.scope)
        if a.when is not None:
            assert a.when.period.start <= a.when.period.end


@given(text=st.text(max_size=300))
def test_tokens_are_the_text_they_stand_for(text: str) -> None:
    for token in tokenize(text):
        assert text[token.start : token.end].lower() == token.word


def test_a_name_the_fact_base_knows_is_its_entity_by_every_gazetteer_name(names: Names) -> None:
    sentence = "Pudong had 12 firms; Yizhuang had 38 national little giants in 2022."
    figures = list(scan(sentence))
    attached = attach(sentence, figures, names, Discourse(names), None)
    subjects = {
        sentence[f.start : f.end]: a.subject for f, a in zip(figures, attached, strict=True)
    }
    pudong, yizhuang = subjects["12"], subjects["38"]
    assert pudong is not None
    assert pudong.entity is None  # a place the fact base does not know
    assert yizhuang is not None
    assert yizhuang.entity == "beijing-etown"


def test_the_gazetteer_names_each_place_once() -> None:
    seen: set[str] = set()
    for written, _ in gazetteer():
        for name in written:
            assert name.casefold() not in seen, name
            seen.add(name.casefold())
    assert len(seen) > 250
