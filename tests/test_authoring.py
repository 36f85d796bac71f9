"""`factcheck init` and `factcheck extract`: a new fact base, an article's figures as
proposed claims, and what must never happen to a person's files (docs/authoring.md).

The articles are drafts of tests/corpora/relations_clean (written in our own words from
real articles, figures as printed), not the five seed articles extract was tuned on."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.api import load
from factcheck.authoring.yamlfiles import YamlFile
from factcheck.cli import app
from factcheck.config import discover_settings

from .conftest import load_benchmark

runner = CliRunner()
ROOT = Path(__file__).resolve().parent.parent
ARTICLES = sorted((ROOT / "tests" / "corpora" / "relations_clean").glob("*.md"))


def _invoke(base: Path, *args: str, code: int = 0) -> str:
    result = runner.invoke(app, list(args), catch_exceptions=False)
    assert result.exit_code == code, result.output
    return result.output


@pytest.fixture
def base(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    _invoke(tmp_path, "init", "base", "--places")
    monkeypatch.chdir(tmp_path / "base")
    return tmp_path / "base"


def test_init_makes_a_base_that_checks_clean(base: Path) -> None:
    assert (base / ".factcheck.toml").is_file()
    for name in ("sources", "entities", "metrics"):
        assert (base / "claims" / f"{name}.yaml").read_text().startswith("# yaml-language-server")
    assert (base / "schemas" / "claims.schema.json").is_file()
    output = _invoke(base, "check")
    assert "0 errors, 0 warnings" in output
    assert "289 entities, 18 metrics" in output


def test_init_overwrites_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "b" / "claims").mkdir(parents=True)
    result = runner.invoke(app, ["init", "b"])
    assert result.exit_code == 2
    assert "b/claims already exists" in result.output
    assert not (tmp_path / "b" / ".factcheck.toml").exists()


def test_init_adds_a_table_to_a_pyproject(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "news"\n')
    _invoke(tmp_path, "init")
    text = (tmp_path / "pyproject.toml").read_text()
    assert text.startswith('[project]\nname = "news"\n')
    assert "[tool.factcheck]" in text
    assert not (tmp_path / ".factcheck.toml").exists()
    result = runner.invoke(app, ["init", "--places"])
    assert result.exit_code == 2
    assert "already has a [tool.factcheck] table" in result.output


@pytest.mark.parametrize("article", ARTICLES[:6], ids=lambda p: p.stem)
def test_extract_proposes_verbatim_claims_that_check(base: Path, article: Path) -> None:
    shutil.copy(article, base / "texts" / article.name)
    output = _invoke(base, "extract", f"texts/{article.name}", "--source", "art")
    assert "source 'art' added" in output
    report = json.loads(_invoke(base, "check", "-f", "json", code=0))
    codes = {f["code"] for f in report["findings"]}
    assert codes <= {"FC111"}, report["findings"]  # quotes verbatim, values in them
    listed = [
        json.loads(line)
        for line in _invoke(base, "claims", "--proposed", "-f", "jsonl").splitlines()
    ]
    assert len(listed) >= 3
    assert all(r["as_of"] for r in listed)  # a time for each: the sentence's or the date's
    again = _invoke(base, "extract", f"texts/{article.name}", "--source", "art")
    assert f"0 claims proposed (0 with subject, metric and as_of), {len(listed)} already" in again


def test_extract_keeps_what_a_person_edited(base: Path) -> None:
    article = ARTICLES[0]
    shutil.copy(article, base / "texts" / "a.md")
    _invoke(base, "extract", "texts/a.md", "--source", "a")
    path = base / "claims" / "a.yaml"
    text = path.read_text()
    # A person accepts the first claim, renames it and adds a comment.
    first = text.index("  - id: a-")
    edited = (
        text[:first]
        + "  # checked by the desk\n"
        + text[first:]
        .replace("    status: proposed\n", "", 1)
        .replace("id: a-", "id: reviewed-", 1)
    )
    path.write_text(edited)
    output = _invoke(base, "extract", "texts/a.md", "--source", "a")
    assert "0 claims proposed" in output
    assert path.read_text() == edited  # nothing added, nothing rewritten


def test_extract_refuses_a_text_outside_the_sources_folder(base: Path) -> None:
    outside = base.parent / "draft.md"
    shutil.copy(ARTICLES[0], outside)
    result = runner.invoke(app, ["extract", str(outside), "--source", "x"])
    assert result.exit_code == 2
    assert "is not inside the sources folder" in result.output


def test_extract_needs_a_date(base: Path) -> None:
    (base / "texts" / "undated.txt").write_text("Shenzhen has 1,000 little giants.\n")
    result = runner.invoke(app, ["extract", "texts/undated.txt", "--source", "u"])
    assert result.exit_code == 2
    assert "--published" in result.output
    _invoke(base, "extract", "texts/undated.txt", "--source", "u", "--published", "2024-05")
    assert "when: 2024-05" in (base / "claims" / "sources.yaml").read_text()


def test_extract_reports_a_broken_claims_file_and_writes_nothing(base: Path) -> None:
    shutil.copy(ARTICLES[0], base / "texts" / "a.md")
    broken = "claims:\n  - id: a-1\n    quote: [unclosed\n"
    (base / "claims" / "a.yaml").write_text(broken)
    result = runner.invoke(app, ["extract", "texts/a.md", "--source", "a"])
    assert result.exit_code == 2
    assert "claims/a.yaml:" in result.output
    assert "not valid YAML" in result.output
    assert (base / "claims" / "a.yaml").read_text() == broken


@pytest.mark.parametrize("name", sorted(p.name for p in (ROOT / "claims").glob("*.yaml")))
def test_appending_keeps_a_files_text(tmp_path: Path, name: str) -> None:
    """ruamel's round trip: every bundled file, comments and folded quotes and all, is
    unchanged by an append but for what is added at the end of its section."""
    original = (ROOT / "claims" / name).read_text()
    path = tmp_path / name
    path.write_text(original)
    file = YamlFile.open(path, "claims")
    section = next(s for s in ("claims", "sources", "entities", "metrics") if s in file.document)
    file.append(section, {"id": "added-here", "value": "5", "notes": "one", "quote": "two"})
    file.save()
    added = "\n  - id: added-here\n    value: '5'\n    notes: one\n    quote: two\n"
    assert path.read_text() == original.rstrip("\n") + "\n" + added


def test_a_stated_relation_becomes_a_constraint_the_engine_checks_once_accepted(
    base: Path,
) -> None:
    """The review flow end to end: extract proposes the claims and the share the text
    states; a person accepts them (deletes the status lines, adds the qualifier that
    tells the part from the whole); the engine then holds the article to its share."""
    (base / "texts" / "h.md").write_text(
        "---\ntitle: Hubei firms\npublished: 2024-03-02\n---\n\nHubei had 5,000 listed "
        "firms at the end of 2023, among which 500 are healthcare companies, or 20 percent "
        "of the total.\n"
    )
    output = _invoke(base, "extract", "texts/h.md", "--source", "h")
    assert "3 claims proposed (3 with subject, metric and as_of)" in output
    assert "1 constraints proposed" in output
    constraints = (base / "constraints" / "h.yaml").read_text()
    assert "expr: h-500 == h-5-000 * h-20-percent" in constraints
    report = json.loads(_invoke(base, "check", "-f", "json"))
    assert {f["code"] for f in report["findings"]} == {"FC111"}  # nothing in the engine yet
    for name in ("claims/h.yaml", "constraints/h.yaml"):
        path = base / name
        accepted = path.read_text().replace("    status: proposed\n", "")
        accepted = accepted.replace("value: '500'\n", "value: '500'\n    qualifiers: {sector: x}\n")
        path.write_text(accepted)
    result = runner.invoke(app, ["check", "-f", "json"])
    assert result.exit_code == 1  # 500 is 10 percent of 5,000, not 20
    violated = [f for f in json.loads(result.output)["findings"] if f["code"] == "FC201"]
    assert len(violated) == 1
    assert "constraint 'h-share' is violated" in violated[0]["message"]
    assert violated[0]["path"] == "constraints/h.yaml"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["texts/a.md", "--source", "../x"], "--source '../x' is not an id"),
        (["texts", "--source", "x"], "cannot read texts: is a directory"),
        (["texts/none.md", "--source", "x"], "cannot read texts/none.md"),
        (
            ["texts/a.md", "--source", "x", "--published", "soon"],
            "--published: 'soon' is not a date",
        ),
    ],
)
def test_extract_refuses_bad_input_with_exit_2(base: Path, args: list[str], message: str) -> None:
    shutil.copy(ARTICLES[0], base / "texts" / "a.md")
    before = {p: p.read_bytes() for p in base.rglob("*.yaml")}
    result = runner.invoke(app, ["extract", *args])
    assert result.exit_code == 2
    assert message in result.output
    assert {p: p.read_bytes() for p in base.rglob("*.yaml")} == before  # nothing written


def test_extract_on_the_seed_articles_holds_the_bundled_figures() -> None:
    """The issue's measure: init, the five seed articles extracted, check clean of
    errors, and 90% of the bundled article claims' figures held by a proposal at the
    same place in the text (benchmarks/extract_seeds.py has the numbers)."""
    if not (ROOT.parent / "shared" / "seeds").is_dir():
        pytest.skip("source texts not found in ../shared/seeds")
    seeds = load_benchmark("extract_seeds")
    bundled, _ = load(discover_settings(ROOT))
    outcome = seeds.run(bundled, registries=True)
    assert outcome.errors == 0
    assert outcome.held >= 0.9 * outcome.wanted


def test_extract_on_held_out_articles_keeps_its_precision() -> None:
    """tests/corpora/extract, annotated by hand and never tuned on: at least 80% of what
    extract proposes is a claim, and it proposes at least 85% of the claims."""
    counts = load_benchmark("extract_corpus").measure(details=False)
    assert counts["true"] >= 0.8 * counts["proposed"]
    assert counts["true"] >= 0.85 * counts["claims"]


# -- what a red-team pass found (each once a traceback, a hang or a broken file) ---------


def _article(base: Path, name: str, text: str) -> None:
    (base / "texts" / name).write_text(text, encoding="utf-8")


def _checks_clean(base: Path) -> dict[str, int]:
    report = json.loads(_invoke(base, "check", "-f", "json"))
    codes = Counter(f["code"] for f in report["findings"])
    assert set(codes) <= {"FC111"}, report["findings"]
    return dict(codes)


def test_a_title_with_a_line_break_keeps_the_claims_file_yaml(base: Path) -> None:
    _article(base, "n.md", "---\ntitle: \"Shenzhen\\nclaims: x\"\npublished: 2023-05-01\n---\n"
             "Shenzhen had 1,200 firms in 2022.\n")  # fmt: skip
    _invoke(base, "extract", "texts/n.md", "--source", "n")
    assert _checks_clean(base) == {"FC111": 1}
    assert "# Claims of “Shenzhen claims: x”" in (base / "claims" / "n.yaml").read_text()


@pytest.mark.parametrize(
    ("front", "message"),
    [
        ("a: &a [x, x]\nb: &b [*a, *a]\ntitle: *b\n", "'title' is not one text"),
        ("date: 2023-02-30\n", "front matter cannot be read"),
        ("title: [\n", "n.md:3:1: the front matter is not YAML"),
        ("title: " + "x" * 400 + "\n", "longer than 300 characters"),
    ],
    ids=["aliases", "impossible-date", "not-yaml", "too-long"],
)
def test_front_matter_that_cannot_be_a_source_is_refused(
    base: Path, front: str, message: str
) -> None:
    _article(base, "n.md", f"---\n{front}---\nShenzhen had 1,200 firms.\n")
    result = runner.invoke(app, ["extract", "texts/n.md", "--source", "n"])
    assert result.exit_code == 2
    assert message in result.output


def test_a_publication_year_before_1000_is_refused(base: Path) -> None:
    _article(base, "ly.md", "R\n\nShenzhen had 1,200 firms last year.\n")
    result = runner.invoke(
        app, ["extract", "texts/ly.md", "--source", "ly", "--published", "0001-06-01"]
    )
    assert result.exit_code == 2
    assert "before the year 1000" in result.output


def test_a_source_named_like_the_sources_file_shares_it(base: Path) -> None:
    _article(base, "r.md", "R\n\nBao'an led with 1,260 firms, ahead of Nanshan with 1,087.\n")
    _invoke(base, "extract", "texts/r.md", "--source", "sources", "--published", "2023-04-13")
    text = (base / "claims" / "sources.yaml").read_text()
    assert "  - id: sources\n" in text
    assert "claims:\n" in text
    assert set(_checks_clean(base)) == {"FC111"}


def test_two_extracts_at_once_both_land(base: Path) -> None:
    for name in ("01-bse-fifty-index.md", "02-shandong-manufacturing-base.md"):
        shutil.copy(ROOT / "tests" / "corpora" / "extract" / name, base / "texts" / name)
    command = [sys.executable, "-m", "factcheck", "extract"]
    running = [
        subprocess.Popen([*command, "texts/01-bse-fifty-index.md", "--source", "s-a"]),
        subprocess.Popen([*command, "texts/02-shandong-manufacturing-base.md", "--source", "s-b"]),
    ]
    assert [p.wait(timeout=120) for p in running] == [0, 0]
    sources = (base / "claims" / "sources.yaml").read_text()
    assert "id: s-a" in sources
    assert "id: s-b" in sources
    _checks_clean(base)


def test_figures_beside_invisible_characters_are_not_proposed(base: Path) -> None:
    hidden = "Shenzhen had 1,\u200b200 firms. Longhua had \u200f767\u200f firms."
    _article(base, "z.md", f"R\n\n{hidden} Futian had 345 firms.\n")
    _invoke(base, "extract", "texts/z.md", "--source", "z", "--published", "2024-01-01")
    values = [r["value"] for r in map(json.loads, _invoke(
        base, "claims", "--proposed", "-f", "jsonl").splitlines())]  # fmt: skip
    assert values == ["345"]
    _checks_clean(base)


def test_a_file_of_comments_keeps_them(base: Path) -> None:
    (base / "claims" / "c.yaml").write_text("# only a comment\n# second\n")
    _article(base, "c.md", "R\n\nShenzhen had 1,200 firms in 2022.\n")
    _invoke(base, "extract", "texts/c.md", "--source", "c", "--published", "2023-01-01")
    assert (base / "claims" / "c.yaml").read_text().startswith("# only a comment\n# second\n")


def test_listing_says_when_records_could_not_be_read(base: Path) -> None:
    (base / "claims" / "odd.yaml").write_text(
        "claims:\n  - id: p-val\n    status: proposed\n    source: nowhere\n    quote: q 5\n"
        "    value: '5'\n  - id: p-bad\n    status: proposed\n    quote: q\n"
    )
    result = runner.invoke(app, ["claims", "--proposed"])
    assert result.exit_code == 1
    assert "some records are not listed" in result.output
    explained = runner.invoke(app, ["explain", "p-bad"])
    assert explained.exit_code == 2
    assert "'p-bad' is not a valid record" in explained.output


def test_explain_writes_control_characters_out(base: Path) -> None:
    _article(base, "e.md", "R\n\nShenzhen \x1b[31mRED\x1b[0m had 5 firms in 2022.\n")
    _invoke(base, "extract", "texts/e.md", "--source", "e", "--published", "2023-01-01")
    shown = _invoke(base, "explain", "e-5")
    assert "\x1b" not in shown
    assert "\\x1b[31mRED" in shown


@pytest.mark.parametrize(
    ("pyproject", "message"),
    [
        ('[project\nname = = "x"\n', "not TOML"),
        ('[tool]\nfactcheck.claims = "c"\n', "already has a [tool.factcheck] table"),
        ('[tool."factcheck"]\nclaims = "c"\n', "already has a [tool.factcheck] table"),
    ],
)
def test_init_leaves_a_pyproject_it_cannot_extend_as_it_was(
    tmp_path: Path, pyproject: str, message: str
) -> None:
    (tmp_path / "pyproject.toml").write_text(pyproject)
    result = runner.invoke(app, ["init", str(tmp_path)])
    assert result.exit_code == 2
    assert message in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pyproject.toml"]
    assert (tmp_path / "pyproject.toml").read_text() == pyproject


def test_init_writes_nothing_when_a_path_is_in_the_way(tmp_path: Path) -> None:
    (tmp_path / "schemas").write_text("notes\n")
    result = runner.invoke(app, ["init", str(tmp_path)])
    assert result.exit_code == 2
    assert "schemas already exists" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["schemas"]
