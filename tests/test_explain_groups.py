"""What `explain` and `graph` say the rest implies, when some relations of a linked
group fail: a failing relation is set aside for every claim it does not name, an
acknowledged one for every claim, and when nothing is implied the note names the
failing relations that make it so (issue 14, item 1)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from factcheck import api
from factcheck.cli import app
from factcheck.config import discover_settings
from factcheck.engine.implications import implied, implied_everywhere, left_out, set_aside
from factcheck.engine.verdicts import EngineResult
from factcheck.explain import explain
from factcheck.factbase import FactBase

from .conftest import ROOT, WriteTree

runner = CliRunner()
Loaded = tuple[FactBase, EngineResult]
FACTBASE2 = ROOT / "tests" / "fixtures" / "factbase2"

#: Three claims of "about 100" firms, each relation holding alone but not all three
#: together (a >= b + 10 >= c + 20 >= a + 5: FC208); `d <= b` holds and links `d` to the
#: conflicting group.
CONFLICT = {
    "claims/group.yaml": """
        metrics:
          - {id: listed, description: Firms listed, measures: count}
          - {id: kept, description: Firms kept, measures: count}
          - {id: visited, description: Firms visited, measures: count}
          - {id: funded, description: Firms funded, measures: count}
        claims:
          - {id: a, source: s, quote: about 100 listed, subject: beijing, metric: listed,
             value: about 100, as_of: 2022}
          - {id: b, source: s, quote: about 100 kept, subject: beijing, metric: kept,
             value: about 100, as_of: 2022}
          - {id: c, source: s, quote: about 100 visited, subject: beijing, metric: visited,
             value: about 100, as_of: 2022}
          - {id: d, source: s, quote: 30 funded, subject: beijing, metric: funded,
             value: "30", as_of: 2022}
    """,
    "constraints/group.yaml": """
        constraints:
          - {id: a-above-b, description: ten more listed than kept, expr: "a >= b + 10"}
          - {id: b-above-c, description: ten more kept than visited, expr: "b >= c + 10"}
          - {id: c-near-a, description: visited within 15 of listed, expr: "c >= a - 15"}
          - {id: funded-kept, description: the funded were kept, expr: "d <= b"}
    """,
    "texts/article.txt": (
        "By September, the capital had 590 firms: about 100 listed, about 100 kept, "
        "about 100 visited, 30 funded.\n"
    ),
}


def _explain_json(claim: str) -> dict[str, object]:
    result = runner.invoke(app, ["explain", claim, "--format", "json"])
    assert result.exit_code == 0, result.output
    explained: dict[str, object] = json.loads(result.stdout)
    return explained


def test_a_conflicting_set_does_not_empty_what_is_implied_about_the_claims_it_links(
    write_tree: WriteTree,
) -> None:
    write_tree(CONFLICT)
    check = runner.invoke(app, ["check", "--format", "concise"])
    assert "FC208" in check.stdout, check.stdout
    assert _explain_json("d")["implied"] == "[0, 110]"  # by d <= b, b as stated
    # a >= b + 10 and c >= a - 15 name it; b >= c + 10 is set aside
    assert _explain_json("a")["implied"] == "[100, 125]"


def test_failing_relations_that_name_a_claim_and_cannot_hold_together_are_named(
    write_tree: WriteTree,
) -> None:
    write_tree({
        **CONFLICT,
        "constraints/group.yaml": """
            constraints:
              - {id: d-is-b, description: a planted mistake, expr: "d == b"}
              - {id: d-far-above-b, description: another, expr: "d >= b + 200"}
        """,
    })  # fmt: skip
    explained = _explain_json("d")
    assert explained["implied"] == "∅"
    assert explained["notes"] == [
        "nothing is implied: the failing relations it takes part in (d-is-b, d-far-above-b) "
        "cannot hold together with the rest; see `factcheck check`, or acknowledge them"
    ]


@pytest.fixture(scope="module")
def factbase2() -> Loaded:
    factbase, _ = api.load(discover_settings(FACTBASE2))
    return factbase, api.run_engine(factbase)


def test_an_acknowledged_gap_says_nothing_about_the_official_batch_size(factbase2: Loaded) -> None:
    """The first list's 248 firms take part in three acknowledged violations (running
    totals are not sums of lists); the rest still implies exactly 248."""
    factbase, result = factbase2
    assert explain(factbase, result, "ref-cn-batch-1").implied == "248"


def test_every_claim_outside_an_unacknowledged_failing_relation_has_an_implied_value(
    factbase2: Loaded,
) -> None:
    factbase, result = factbase2
    failing = set_aside(result) - left_out(result)
    touched = {v for r in result.model.relations if r.id in failing for v in r.variables}
    named = {v for r in result.model.relations for v in r.variables}
    checked = [c for c in factbase.claims if c in named and c not in touched]
    assert len(checked) > 100
    empty = [c for c in checked if implied(result, c)[0].is_empty]
    assert empty == []


def test_graph_hovers_are_what_explain_implies_on_the_second_fact_base(factbase2: Loaded) -> None:
    _, result = factbase2
    everywhere = implied_everywhere(result)
    assert everywhere
    assert {v: implied(result, v)[0] for v in everywhere} == everywhere
