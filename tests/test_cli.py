"""The command line: exit codes, formats and output, as a CI job or a person sees them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from factcheck import __version__
from factcheck.cli import app

from .conftest import MINIMAL, MISQUOTED, ROOT, WriteTree, validate_sarif

runner = CliRunner()

MISSING_TEXT = {"texts/article.txt": ""}


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout == f"factcheck {__version__}\n"


def test_the_entry_point_answers_version_without_importing_the_cli() -> None:
    code = (
        "import sys; sys.argv = ['factcheck', '--version']; "
        "from factcheck.entry import main; main(); "
        "assert 'typer' not in sys.modules and 'factcheck.cli' not in sys.modules"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], check=False, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"factcheck {__version__}\n"


def test_the_entry_point_hands_everything_else_to_the_cli() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "factcheck", "rules", "FC101"],
        check=False,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "FC101" in result.stdout


def test_clean_fact_base_exits_0(write_tree: WriteTree) -> None:
    write_tree({})
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 0, result.output
    assert "✓ passed — 0 errors, 0 warnings, 0 info" in result.stdout


def test_error_exits_1_and_names_the_place(write_tree: WriteTree) -> None:
    write_tree(MISQUOTED)
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 1
    assert result.stdout.startswith(
        "claims/extra.yaml:4:12: FC105 [error] claim 'bj-rank': quote not found"
    )


def test_warning_fails_only_with_fail_on_warning(write_tree: WriteTree) -> None:
    write_tree(MISSING_TEXT)
    assert runner.invoke(app, ["check"]).exit_code == 0
    result = runner.invoke(app, ["check", "--fail-on", "warning"])
    assert result.exit_code == 1
    assert "FC106 [warning]" in result.stdout


def test_missing_fact_base_is_a_usage_error(write_tree: WriteTree) -> None:
    write_tree({})
    result = runner.invoke(app, ["check", "--claims", "no-such-folder"])
    assert result.exit_code == 2
    assert result.stderr == "factcheck: error: fact base not found: no-such-folder does not exist\n"


def test_invalid_config_is_a_usage_error(write_tree: WriteTree) -> None:
    write_tree({"pyproject.toml": "[tool.factcheck]\nclaim = 'claims'\n"})
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 2
    assert "pyproject.toml:2:1: claim: unknown key; known keys are claims," in result.stderr


def test_unknown_format_is_a_usage_error(write_tree: WriteTree) -> None:
    write_tree({})
    assert runner.invoke(app, ["check", "--format", "xml"]).exit_code == 2


def test_json_report(write_tree: WriteTree) -> None:
    write_tree(MISQUOTED)
    result = runner.invoke(app, ["check", "--format", "json"])
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["summary"]["errors"] == 1
    assert report["summary"]["claims"] == 2
    (finding,) = report["findings"]
    assert finding["code"] == "FC105"
    assert (finding["path"], finding["line"], finding["column"]) == ("claims/extra.yaml", 4, 12)
    assert finding["claims"] == ["bj-rank"]


def test_github_annotations(write_tree: WriteTree) -> None:
    write_tree(MISQUOTED)
    result = runner.invoke(app, ["check", "--format", "github"])
    assert result.stdout.startswith(
        "::error file=claims/extra.yaml,line=4,col=12,endLine=4,endColumn=37,"
        "title=FC105 quote-not-found::claim 'bj-rank': quote not found"
    )


def test_sarif_is_valid_and_complete(write_tree: WriteTree) -> None:
    write_tree(MISQUOTED)
    result = runner.invoke(app, ["check", "--format", "sarif"])
    sarif = json.loads(result.stdout)
    validate_sarif(sarif)
    run = sarif["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    (res,) = run["results"]
    assert rules[res["ruleIndex"]]["id"] == res["ruleId"] == "FC105"
    assert res["level"] == "error"
    assert res["properties"]["claims"] == ["bj-rank"]
    region = res["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == (4, 12)
    assert all(rule["fullDescription"]["text"] for rule in rules)


def test_output_file_is_written_whole(write_tree: WriteTree) -> None:
    folder = write_tree(MISQUOTED)
    target = folder / "report.sarif"
    target.write_text("old report")
    result = runner.invoke(app, ["check", "-f", "sarif", "--output-file", str(target)])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert json.loads(target.read_text())["version"] == "2.1.0"
    assert sorted(p.name for p in folder.iterdir() if p.name.startswith(".")) == []


def test_output_file_in_missing_folder_is_a_usage_error(write_tree: WriteTree) -> None:
    write_tree({})
    result = runner.invoke(app, ["check", "--output-file", "no/such/dir/report.json"])
    assert result.exit_code == 2
    assert result.stderr.startswith("factcheck: error: cannot write no/such/dir/report.json")


def test_claims_jsonl_lists_intervals(write_tree: WriteTree) -> None:
    write_tree(
        {
            "claims/share.yaml": """
                claims:
                  - id: bj-share
                    source: s
                    quote: 9.5 percent
                    subject: beijing
                    metric: firm-share
                    value: 9.5 percent
                    as_of: 2022
            """
        }
    )
    result = runner.invoke(app, ["claims", "--format", "jsonl"])
    assert result.exit_code == 0
    rows = {r["id"]: r for r in map(json.loads, result.stdout.splitlines())}
    share = rows["bj-share"]
    assert (share["low"], share["high"]) == (9.45, 9.55)
    assert (share["low_closed"], share["high_closed"]) == (True, False)
    assert share["unit"] == "percent"
    assert rows["bj-firms"]["low"] == rows["bj-firms"]["high"] == 590
    required = {"id", "source", "quote", "subject", "metric", "value", "unit", "low", "high"}
    assert required | {"low_closed", "high_closed", "as_of"} <= set(share)


def test_claims_table_on_the_bundled_fact_base(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = runner.invoke(app, ["claims"])
    assert result.exit_code == 0
    assert "gd-fifth-batch-share" in result.stdout
    assert "[9.45, 9.55) percent" in result.stdout


def test_check_on_the_bundled_fact_base(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 0, result.stdout
    assert "✓ passed" in result.stdout


def test_no_traceback_on_yaml_with_python_tag(write_tree: WriteTree, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    write_tree(
        {
            "claims/evil.yaml": f"""
                claims: !!python/object/apply:os.system ["touch {marker}"]
            """
        }
    )
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 1
    assert "FC003" in result.stdout
    assert not marker.exists()


ACKNOWLEDGED = {
    "constraints/goal.yaml": """
        constraints:
          - id: firms-at-most-500
            description: the firms cannot be more than 500
            expr: bj-firms <= 500
            acknowledged: the source says 590; kept as written
    """,
    "pyproject.toml": """
        [tool.factcheck]
        claims = "claims"
        constraints = "constraints"
        sources = "texts"
    """,
}


def test_acknowledged_violation_is_shown_but_does_not_fail(write_tree: WriteTree) -> None:
    write_tree(ACKNOWLEDGED)
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 0, result.stdout
    assert "FC201 [error] constraint 'firms-at-most-500' is violated" in result.stdout
    assert "acknowledged: the source says 590; kept as written" in result.stdout
    assert "1 acknowledged" in result.stdout
    github = runner.invoke(app, ["check", "-f", "github"]).stdout
    assert github.startswith("::notice ")
    assert "(acknowledged: the source says 590; kept as written)" in github


def test_acknowledged_violation_in_sarif_is_an_accepted_suppression(write_tree: WriteTree) -> None:
    write_tree(ACKNOWLEDGED)
    sarif = json.loads(runner.invoke(app, ["check", "-f", "sarif"]).stdout)
    validate_sarif(sarif)
    (result,) = sarif["runs"][0]["results"]
    assert result["suppressions"] == [
        {
            "kind": "external",
            "status": "accepted",
            "justification": "the source says 590; kept as written",
        }
    ]
    assert result["ruleId"] == "FC201"


def test_explain_json(write_tree: WriteTree) -> None:
    write_tree(ACKNOWLEDGED)
    result = runner.invoke(app, ["explain", "bj-firms", "--format", "json"])
    assert result.exit_code == 0, result.output
    explanation = json.loads(result.stdout)
    assert explanation["kind"] == "claim"
    assert explanation["facts"]["quote"] == "“the capital had 590 firms”"
    assert explanation["facts"]["interval"] == "590"
    (relation,) = explanation["relations"]
    assert relation["id"] == "firms-at-most-500"
    assert relation["status"] == "violated"
    # an acknowledged gap is set aside from what the rest implies, and the note says so
    assert explanation["implied"] == "[0, ∞)"
    assert explanation["notes"] == [
        "acknowledged relations (firms-at-most-500) are set aside: a gap genuinely in the "
        "sources says nothing about its value"
    ]


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("article.txt", "article.txt:1:15"),
        ("missing.txt", "missing.txt (not read: the quote is not verified)"),
        (None, "none kept (the quote is not verified)"),
    ],
)
def test_explain_says_whether_the_quote_was_verified(
    write_tree: WriteTree, text: str | None, shown: str
) -> None:
    line = f"            text: {text}\n" if text else ""
    base = MINIMAL["claims/base.yaml"].replace("            text: article.txt\n", line)
    write_tree({"claims/base.yaml": base})
    result = runner.invoke(app, ["explain", "bj-firms", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["facts"]["text"] == shown


def test_explain_shows_the_relations_a_rank_claim_makes(write_tree: WriteTree) -> None:
    """A rank is not a term of the relations it makes (Shanghai's count <= Beijing's),
    but explain on it shows them."""
    write_tree({
        "claims/rank.yaml": """
            entities:
              - {id: shanghai, name: Shanghai, kind: municipality}
            metrics:
              - {id: firms-rank, description: Rank by firms, measures: rank, ranks: firms}
            claims:
              - id: bj-rank
                source: s
                quote: the capital had 590 firms, ranking first
                subject: beijing
                metric: firms-rank
                value: ranking first
                scope: city
                as_of: 2022-09
              - id: sh-firms
                source: s
                quote: Shanghai had 507 firms
                subject: shanghai
                metric: firms
                value: "507"
                as_of: 2022-09
        """,
        "texts/article.txt": (
            "By September, the capital had 590 firms, ranking first. Shanghai had 507 firms.\n"
        ),
    })  # fmt: skip
    result = runner.invoke(app, ["explain", "bj-rank", "--format", "json"])
    assert result.exit_code == 0, result.output
    (relation,) = json.loads(result.stdout)["relations"]
    assert relation["id"] == "rank:bj-rank:sh-firms<=bj-firms"
    assert relation["status"] == "holds"


def test_explain_prints_places_and_notes_as_written(write_tree: WriteTree) -> None:
    """rich reads ":100:" as an emoji code: a constraint defined at line 100 of its file
    was shown as "national.yaml💯11"."""
    as_of = "            as_of: 2022-09\n"
    notes = "            notes: 'Seen at national.yaml:100:11, not :smile: text.'\n"
    write_tree({"claims/base.yaml": MINIMAL["claims/base.yaml"].replace(as_of, as_of + notes)})
    result = runner.invoke(app, ["explain", "bj-firms"])
    assert result.exit_code == 0, result.output
    assert "national.yaml:100:11, not :smile: text." in result.stdout


def test_explain_unknown_id_is_a_usage_error(write_tree: WriteTree) -> None:
    write_tree(ACKNOWLEDGED)
    result = runner.invoke(app, ["explain", "bj-firm"])
    assert result.exit_code == 2
    assert result.stderr == (
        "factcheck: error: no claim, constraint or unknown 'bj-firm'; did you mean bj-firms?\n"
    )


def test_explain_writes_bounds_as_written_and_date_differences_in_days(
    write_tree: WriteTree,
) -> None:
    """`hi(plan)` is shown as written, not as the year it stands for ("2,025"), and a
    date less a date is a number of days."""
    write_tree({
        "claims/dates.yaml": """
            metrics:
              - {id: plan-years, description: Years a plan covers, measures: year}
              - {id: notice-date, description: When a notice was issued, measures: date}
            claims:
              - {id: plan, source: s, quote: "the 2021-2025 plan", subject: beijing,
                 metric: plan-years, value: 2021-2025, as_of: 2021}
              - {id: first-notice, source: s, quote: "June 15, 2022", subject: beijing,
                 metric: notice-date, value: "June 15, 2022", as_of: 2022-06-15}
              - {id: second-notice, source: s, quote: "February 21, 2023", subject: beijing,
                 metric: notice-date, value: "February 21, 2023", as_of: 2023-02-21}
        """,
        "constraints/dates.yaml": """
            constraints:
              - {id: five-years, description: the plan spans five years,
                 expr: "hi(plan) - lo(plan) + 1 == 5"}
              - {id: within-a-year, description: the notices came within a year,
                 expr: "second-notice - first-notice <= 365"}
        """,
        "texts/article.txt": (
            "By September, the capital had 590 firms, ranking first. Under the 2021-2025 plan, "
            "notices came on June 15, 2022 and February 21, 2023.\n"
        ),
    })  # fmt: skip
    five = _explain_json_of("five-years")
    assert five["facts"]["expression"] == "(hi(plan) - lo(plan)) + 1 == 5"
    within = _explain_json_of("within-a-year")
    (relation,) = within["relations"]
    assert relation["detail"].startswith("second-notice - first-notice is 251 days")


def _explain_json_of(wanted: str) -> dict[str, Any]:
    result = runner.invoke(app, ["explain", wanted, "--format", "json"])
    assert result.exit_code == 0, result.output
    explained: dict[str, Any] = json.loads(result.stdout)
    return explained
