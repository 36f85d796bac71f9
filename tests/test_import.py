"""`factcheck import`: a table of facts (CSV or JSON Lines) into sources and proposed
claims that check clean; bad rows reported with their line, good rows all imported,
nothing added twice (docs/authoring.md).

The tables are tests/data/import (95 reviewed facts from 28 real articles, and a copy
with six broken rows; its README says which)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner, Result

from factcheck.authoring.importing import _source_id
from factcheck.cli import app

runner = CliRunner()
DATA = Path(__file__).resolve().parent / "data" / "import"
FACTS, BROKEN, JSONL = DATA / "facts.csv", DATA / "broken.csv", DATA / "facts.jsonl"
HEADER = "source_url,source_title,published,subject,metric,value,unit,qualifier,as_of,quote"


def _invoke(*args: str, code: int = 0) -> Result:
    result = runner.invoke(app, list(args), catch_exceptions=False)
    assert result.exit_code == code, result.output
    return result


@pytest.fixture
def base(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    _invoke("init", "base", "--places")
    monkeypatch.chdir(tmp_path / "base")
    return tmp_path / "base"


def _records(base: Path, section: str) -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = []
    for path in sorted((base / "claims").glob("*.yaml")):
        records.extend(yaml.safe_load(path.read_text("utf-8")).get(section) or [])
    return records


def _claims(base: Path) -> dict[str, dict[str, Any]]:
    return {c["value"] + " | " + c["quote"]: c for c in _records(base, "claims")}


def _checks_clean() -> None:
    output = _invoke("check").output
    assert "0 errors" in output
    assert "FC105" not in output
    assert "FC107" not in output


def _snapshot(base: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((base / "claims").glob("*.yaml"))}


def test_the_reviewed_table_imports_checks_clean_and_adds_nothing_twice(base: Path) -> None:
    output = _invoke("import", str(FACTS)).output
    claims = _records(base, "claims")
    assert len(claims) == 95  # every row: at least 60 were asked for
    assert all(c["status"] == "proposed" for c in claims)
    assert len(_records(base, "sources")) == 28
    assert "in all: 95 claims proposed" in output
    _checks_clean()
    before = _snapshot(base)
    again = _invoke("import", str(FACTS)).output
    assert "in all: 0 claims proposed" in again
    assert "95 already in the fact base" in again
    assert _snapshot(base) == before
    jsonl = _invoke("import", str(JSONL)).output  # the same facts, as JSON Lines
    assert "0 claims proposed" in jsonl
    assert "added" not in jsonl
    assert _snapshot(base) == before


def test_claims_keep_the_table_s_words(base: Path) -> None:
    _invoke("import", str(FACTS))
    claims = _claims(base)
    reward = next(c for key, c in claims.items() if key.startswith("500,000 | the city will"))
    assert reward["unit"] == "CNY"  # the value names no unit
    assert reward["subject"] == "shenzhen"
    assert "qualifier in the table: national level" in reward["notes"]
    assert "metric in the table: reward for national little giant" in reward["notes"]
    assert "metric" not in reward
    share = next(c for key, c in claims.items() if key.startswith("77 percent | "))
    assert "unit" not in share  # "percent" is in the value
    assert "subject" not in share
    assert "subject in the table: Beijing Stock Exchange" in share["notes"]
    firms = next(c for key, c in claims.items() if key.startswith("more than 60 million | "))
    assert (firms["subject"], firms["metric"], firms["as_of"]) == ("china", "firms", "2025")
    assert "unit" not in firms  # unit "count" is left out
    six = next(c for key, c in claims.items() if key.lower().startswith("six | "))
    assert six["value"] == "Six"
    sources = {s["id"]: s for s in _records(base, "sources")}
    source = sources["reportify-ai-news-118644"]
    assert source["url"] == "https://reportify.ai/news/1186442482880221184"
    assert source["published"] == {"when": "2025-11-13", "basis": "stated"}
    assert source["notes"] == "imported from facts.csv: no text kept, quotes not verified"
    assert "text" not in source


def test_broken_rows_are_reported_by_line_and_the_good_ones_imported(base: Path) -> None:
    result = _invoke("import", str(BROKEN), code=1)
    reported = re.findall(r"broken\.csv:(\d+):1: error: ", result.stderr)
    assert sorted(map(int, reported)) == [4, 8, 12, 17, 21, 26]
    assert "broken.csv:8:1: error: value 'n/a' is not one figure" in result.stderr
    assert "broken.csv:26:1: error: published: '2023-13-45': no such date" in result.stderr
    assert "6 rows of" in result.stderr
    assert len(_records(base, "claims")) == 20
    _checks_clean()


def test_json_lines_import(base: Path) -> None:
    output = _invoke("import", str(JSONL)).output
    assert "in all: 12 claims proposed" in output
    assert len(_records(base, "claims")) == 12
    _checks_clean()


def test_bad_json_lines_are_reported_by_line(base: Path) -> None:
    good = JSONL.read_text("utf-8").splitlines()[0]
    table = base / "rows.ndjson"
    bad_value = good.replace('"value": "over 140,000"', '"value": ["over 140,000"]')
    table.write_text("\n".join([good, "", "{not json", "[1, 2]", bad_value]) + "\n", "utf-8")
    result = _invoke("import", str(table), code=1)
    errors = dict(re.findall(r"rows\.ndjson:(\d+):1: error: (.*)", result.stderr))
    assert set(errors) == {"3", "4", "5"}
    assert errors["3"].startswith("not JSON: Expecting property name")
    assert errors["4"] == "a row is a JSON object, not list"
    assert errors["5"] == "'value' holds a list, not text"
    assert len(_records(base, "claims")) == 1


def test_an_unknown_column_is_a_usage_error(base: Path) -> None:
    result = _invoke("import", str(FACTS), "--metric-column", "measure", code=2)
    assert "facts.csv:1:1: no column 'measure'" in result.stderr
    assert "'source_url', 'source_title'" in result.stderr
    assert "--metric-column" in result.stderr
    assert _records(base, "claims") == []
    unknown = _invoke("import", str(JSONL), "--quote-column", "text", code=2)
    assert "facts.jsonl:1:1: no column 'text'" in unknown.stderr


def test_a_table_without_optional_columns(base: Path) -> None:
    table = base / "short.csv"
    table.write_text(
        "url,title,date,value,quote\n"
        "https://example.com/a/1.html,An article,2024-03-01,1.5 billion yuan,"
        "revenue reached 1.5 billion yuan last year\n",
        encoding="utf-8",
    )
    args = ["import", str(table), "--source-column", "url", "--title-column", "title"]
    args += ["--published-column", "date"]
    result = _invoke(*args, code=2)
    assert "no column 'subject'" in result.stderr
    assert "--subject-column '' if the table has none" in result.stderr
    for name in ("subject", "metric", "unit", "qualifier", "as-of"):
        args += [f"--{name}-column", ""]
    _invoke(*args)
    (claim,) = _records(base, "claims")
    assert claim["source"] == "example-com-a-1"
    assert "as_of" not in claim
    assert "subject" not in claim
    assert "needs its subject, metric and as_of" in _invoke("check").output


def test_what_makes_a_row_bad(base: Path) -> None:
    table = base / "bad.csv"
    url = "https://example.com/news/2024/article.html"
    rows = [
        f"{url},T,2024-03-01,China,firms,590,count,,2024-02,the country had 590 firms",
        f"{url},T,2024-03-02,China,firms,591,count,,2024-02,the country had 591 firms",
        f"{url},T,2024-03-01,China,firms,592,yuan,,2024-02,the country had 592 firms",
        f"{url},T,2024-03-01,China,firms,593,,,2024-02,the country had 5930 firms",
        f"{url},T,2024-03-01,China,firms,5 and 6,,,2024-02,the country had 5 and 6 firms",
        f"{url},T,2024-03-01,China,firms,77 percent,count,,2024-02,77 percent of firms",
        "not a source,T,2024-03-01,China,firms,594,,,2024-02,the country had 594 firms",
        "",
        f'{url},T,2024-03-01,China,firms,595,,,2024-02,"the country had 595 firms',
        f"{url},T,2024-03-01,China,firms,596,,,2024-02,the country had 596 firms",
    ]
    table.write_text(HEADER + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    result = _invoke("import", str(table), code=1)
    errors = dict(re.findall(r"bad\.csv:(\d+):1: error: (.*)", result.stderr))
    assert errors == {
        "3": "published '2024-03-02', but line 2 gives '2024-03-01' for the same source",
        "4": "unit 'yuan' is not one factcheck knows (count, percent, CNY, USD …); leave it "
        "empty where the value says its unit (26.8 billion yuan)",
        "5": "value '593' is not written in its quote",
        "6": "value '5 and 6' is not one figure: '5 and 6' holds 2 figures ('5', '6'); "
        "a claim states one",
        "7": "the value is in percent but the unit column says count",
        "8": "source 'not a source' is neither a web address (http…) nor a source of the fact base",
        "10": "not a CSV row: unexpected end of data (a quote opened in it is not closed)",
    }
    (claim,) = _records(base, "claims")
    assert (claim["subject"], claim["metric"], claim["value"]) == ("china", "firms", "590")


def test_an_existing_source_is_reused_by_its_address(base: Path) -> None:
    (base / "claims" / "sources.yaml").write_text(
        "sources:\n"
        "  - id: mine\n"
        "    title: My record of it\n"
        "    published: {when: 2025-11-13, basis: stated}\n"
        "    url: http://reportify.ai/news/1186442482880221184/\n",
        encoding="utf-8",
    )
    output = _invoke("import", str(JSONL)).output
    assert "source 'mine' added" not in output
    sources = _records(base, "sources")
    assert [s["id"] for s in sources].count("mine") == 1
    assert len(sources) == 1 + 9  # the other 9 sources of the 12 rows are new
    assert (base / "claims" / "mine.yaml").is_file()
    assert not (base / "claims" / "reportify-ai-news-118644.yaml").exists()


def test_a_table_that_cannot_be_read_is_a_usage_error(base: Path) -> None:
    (base / "facts.txt").write_text(HEADER + "\n", encoding="utf-8")
    assert "CSV (.csv) or JSON Lines" in _invoke("import", "facts.txt", code=2).stderr
    assert "cannot read missing.csv" in _invoke("import", "missing.csv", code=2).stderr
    (base / "empty.csv").write_text("", encoding="utf-8")
    assert "empty.csv:1:1: the table is empty" in _invoke("import", "empty.csv", code=2).stderr


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "https://www.chinadaily.com.cn/a/202309/21/WS650b7c4aa31035260b8a7a2b.html",
            "chinadaily-com-cn-a-202309-21-ws650b",
        ),
        ("https://reportify.ai/news/1186442482880221184", "reportify-ai-news-118644"),
        (  # a slug is cut at a word, a lone word left out
            "https://chinaservicesinfo.com/s/202209/08/WS63195501498ea274927a2c96/"
            "one-year-on-beijing-stock-exchange-bolsters-development-of-smes.html",
            "chinaservicesinfo-com-s-202209-08-ws6319",
        ),
        ("http://example.com/", "example-com"),
        ("https://example.com/page?id=42", "example-com-page-id-42"),
    ],
)
def test_source_ids_are_made_of_the_address(url: str, expected: str) -> None:
    assert _source_id(url) == expected
