"""Fuzz tests: what reads untrusted input never raises, and locates what it reports.

Three entry points read text a user hands factcheck, and each promises to turn bad input
into findings (or, for expressions, into its own ``ExpressionError``), never into a
traceback:

1. the YAML loader and the loading of claims and constraints files, up to a full check
   and its report in every format (here);
2. the constraint expression parser, and the engine evaluating what it parses
   (tests/test_fuzz_expressions.py);
3. the figure scanner and the draft linter (tests/test_fuzz_prose.py).

Each is fed arbitrary bytes or text and, to reach past the first syntax error, text
built from the tokens of its own grammar. Files nested tens of thousands deep are read
in a child process, where a crash of the C parser fails one test, not the whole run.
The default run tries 100 examples of each;
``HYPOTHESIS_PROFILE=fuzz pytest tests/test_fuzz*.py`` tries
10,000 (tests/conftest.py).
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from factcheck import api
from factcheck.config import Settings
from factcheck.findings import Finding
from factcheck.formatters import FORMATTERS, OutputOptions, render
from factcheck.loader import CLAIM_SECTIONS, CONSTRAINT_SECTIONS, _Collected, _load_file
from factcheck.yamlsource import load_yaml_text

from .conftest import ROOT
from .fuzzing import (
    BASE_IDS,
    FIGURES,
    UNUSUAL,
    assert_inside,
    assert_located,
    expressions,
    joined,
    long_digits,
    well_formed,
)

# A failing example of thousands of characters is still worth seeing whole.
pytestmark = pytest.mark.filterwarnings(
    "ignore:Generating overly large repr:hypothesis.errors.HypothesisWarning"
)

#: A small valid fact base (tests/cases/loader/_base.yaml) for fuzzed files to sit beside.
BASE_CASE = ROOT / "tests" / "cases" / "loader" / "_base.yaml"


def _decoded(raw: bytes) -> str:
    """A file's text as an editor shows it, near enough to bound a finding's place."""
    return raw.removeprefix(b"\xef\xbb\xbf").decode("utf-8", "replace")


# == 1. YAML: the loader, the schema, the whole check =================================

SECTIONS = ("sources", "entities", "metrics", "claims", "unknowns", "constraints")
FIELDS = (
    # claims (docs/claims-format.md)
    "id", "source", "quote", "subject", "metric", "value", "as_of", "reading", "precision",
    "unit", "qualifiers", "scope", "modality", "acknowledged", "notes",
    # sources, entities, metrics
    "title", "publisher", "published", "when", "basis", "reason", "text", "url",
    "reference", "name", "kind", "parent", "aliases", "description", "measures", "additive",
    "cumulative", "part_of", "terms", "ranks", "share_of", "share_within",
    # constraints (docs/constraints.md), and near misses
    "expr", "expression", "metirc", "batch", "sector",
)  # fmt: skip
#: Claim values as written (docs/claims-format.md).
WRITTEN = (
    "590", "9.5 percent", "nearly 13,000", "$684.4 million", "5 billion yuan", "one-eighth",
    "ranking first", "500,68", "more than 18,000", "about 10,000", "2018-20", "17.9 percent",
    "1,336", "3.6 percent", "6.855",
)  # fmt: skip
PLAUSIBLE = (
    *BASE_IDS, *WRITTEN, *(f'"{value}"' for value in WRITTEN), "2022", "2022-09",
    "2023-07-14", "2019/2022", "2022-09/2022-12", "count", "share", "money", "rate",
    "year", "date", "duration", "multiplier", "length", "rank", "exchange-rate", "percent",
    "CNY", "USD", "CNY/USD", "stated", "inferred", "reported", "projected", "goal",
    "subject", "parent", "city", "municipality", "country", "province", "true", "false",
    "null", "~", "100", "0.5", "eworks-2022.txt", "{batch: 5}", "{sector: healthcare}",
    "[the capital, E-Town]", "{when: 2022-10-01, basis: stated}",
    "bj-national-little-giants == 590", "bj-national-little-giants <= sum(1, 2) * 10%",
    "lo(bj-national-little-giants) > 0",
)  # fmt: skip
IMPLAUSIBLE = (
    "", "''", '""', "-1", "0", "-0", "1e309", ".nan", ".inf", "-.inf", "0x1F", "0o17", "1_000",
    "+.5", "2022-13-45", "0000-00-00", "9999-12-31", "2022/2019", "2022-09/", "/", "1.2万",
    "3亿元", "１２３", "İ", "ǅ", "😀", "\u202e", '"\\u2264"', '"\\x00"', "'it''s'", "a: b",
    "- x", "[", "]", "{", "}", "{a: {b: {c: d}}}", "[[[]]]", "[1, [2, {3: 4}]]", "!!int abc",
    "!!bool maybe", "!!float x", "!!binary aGk=", "!!timestamp 2022-02-30", "!!set {a}",
    "!!omap [a: 1]", "!!python/object/apply:os.system ['true']", "!!python/name:os.system",
    "!foo bar", "!<tag:yaml.org,2002:str> x", "*a", "&a x", "=", "<<", "?", "|", ">-",
    "2001-12-14t21:59:43.10-05:00", "1:20", "Yes", "NO", "on", "Off",
)  # fmt: skip
SCALARS = st.one_of(
    st.sampled_from(PLAUSIBLE),
    st.sampled_from(IMPLAUSIBLE),
    long_digits(),
    long_digits().map(lambda digits: f'"{digits}.5 percent"'),
    st.text(max_size=12),
)
KEYS = st.one_of(st.sampled_from(FIELDS + SECTIONS), st.text(max_size=6))
TAGS = (
    "!!python/object/apply:os.system ", "!!str ", "!foo ", "!!int ", "!!float ", "!!bool ",
    "!!null ", "!!map ", "!!seq ", "!!binary ", "!!timestamp ", "!<!bar> ", "!!merge ",
)  # fmt: skip
PUNCTUATION = (
    "- ", ": ", ":", "[", "]", "{", "}", ", ", "&a ", "*a", "&b ", "*b", "? ", "<<: *a",
    "---", "...", "'", '"', "#", "# comment", "|", "|-", ">", ">-", " ", "  ", "\t", "\n",
    "\r\n", "\r", "\n  ", "\n    ", "\n- ", "\n  - ", "\ufeff", "\x00", "\x85", "\u2028",
    "%YAML 1.1\n", "%TAG ! tag:example.com,2000:\n", "\\", "@", "`", "\x1b", "\ud7ff",
)  # fmt: skip

yaml_soup = joined(
    st.one_of(
        st.sampled_from(PUNCTUATION),
        st.sampled_from(TAGS),
        KEYS.map(lambda key: f"{key}: "),
        SCALARS,
        st.integers(0, 12).map(lambda n: "\n" + " " * n),
    )
)


@st.composite
def yaml_files(draw: st.DrawFn) -> str:
    """A claims or constraints file shaped like the real ones: sections of records in
    block or flow style, values plausible or not, with grammar tokens spliced in."""
    lines: list[str] = []
    for section in draw(st.lists(st.sampled_from(SECTIONS) | KEYS, max_size=3)):
        lines.append(f"{section}:")
        for _ in range(draw(st.integers(0, 3))):
            fields = draw(st.lists(st.tuples(KEYS, SCALARS), max_size=8))
            if draw(st.booleans()):  # block style
                block = [f"{key}: {value}" for key, value in fields] or ["{}"]
                lines.append(f"  - {block[0]}")
                lines.extend(f"    {line}" for line in block[1:])
            else:
                lines.append("  - {" + ", ".join(f"{k}: {v}" for k, v in fields) + "}")
    for _ in range(draw(st.integers(0, 3))):  # splice tokens into some line
        token = draw(st.sampled_from(PUNCTUATION + TAGS) | SCALARS)
        at = draw(st.integers(0, len(lines)))
        lines.insert(at, token + (lines.pop(at) if at < len(lines) else ""))
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    start = draw(st.sampled_from(["", "\ufeff", "---\n", "%YAML 1.1\n---\n", "&a "]))
    return start + newline.join(lines)


#: One valid record of each section, which ``records`` changes a few fields of.
TEMPLATES: dict[str, dict[str, Any]] = {
    "sources": {
        "id": "fuzz-source", "title": "A fuzzed article",
        "published": {"when": "2022-10", "basis": "stated"}, "text": "eworks-2022.txt",
    },
    "entities": {"id": "fuzz-entity", "name": "Fuzz City", "kind": "city", "parent": "beijing"},
    "metrics": {
        "id": "fuzz-metric", "description": "A fuzzed metric", "measures": "count",
        "additive": True,
    },
    "claims": {
        "id": "fuzz-claim", "source": "eworks-2022", "quote": "the capital had 590 firms",
        "subject": "beijing", "metric": "national-little-giants", "value": "590",
        "as_of": "2022-09",
    },
    "unknowns": {"id": "fuzz-unknown", "description": "A fuzzed unknown", "measures": "count"},
    "constraints": {
        "id": "fuzz-constraint", "description": "A fuzzed constraint",
        "expr": "bj-national-little-giants == fuzz-claim",
    },
}  # fmt: skip
#: The fields of each section's records (factcheck/model.py).
SECTION_FIELDS = {
    "sources": ("id", "title", "publisher", "published", "text", "url", "reference", "notes"),
    "entities": ("id", "name", "aliases", "kind", "parent", "notes"),
    "metrics": (
        "id", "description", "measures", "unit", "additive", "cumulative", "part_of", "terms",
        "ranks", "share_of", "share_within", "notes",
    ),
    "claims": (
        "id", "source", "quote", "subject", "metric", "value", "as_of", "reading", "precision",
        "unit", "qualifiers", "scope", "modality", "acknowledged", "notes",
    ),
    "unknowns": ("id", "description", "measures", "unit", "notes"),
    "constraints": ("id", "description", "expr", "acknowledged", "notes"),
}  # fmt: skip
MEASURES = (
    "count", "share", "money", "rate", "year", "date", "duration", "multiplier", "length",
    "rank", "exchange-rate",
)  # fmt: skip
UNITS = (
    "count", "percent", "CNY", "USD", "year", "date", "years", "times", "km", "rank", "ratio",
    "CNY/USD",
)  # fmt: skip
plain_values = st.one_of(
    st.sampled_from(PLAUSIBLE + IMPLAUSIBLE),
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=12),
    st.lists(st.integers() | st.text(max_size=5), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers() | st.text(max_size=5), max_size=3),
)
figures_as_written = st.one_of(
    st.sampled_from(WRITTEN),
    st.deferred(lambda: st.sampled_from(FIGURES + UNUSUAL)),
    st.integers().map(str),
    st.decimals(allow_nan=False, allow_infinity=False).map(str),
    long_digits(),
)
periods = st.one_of(
    st.sampled_from(["2022", "2022-09", "2023-07-14", "2019/2022", "2022-09/2022-12"]),
    st.sampled_from(["2022-13", "2022-02-30", "0000", "0001-01-01", "9999-12-31", "2022/2019"]),
    st.from_regex(r"\A\d{1,5}(-\d{1,2}(-\d{1,2})?)?(/\d{4}(-\d{2}){0,2})?\Z"),
    st.integers(),
)
words = st.text(max_size=30) | plain_values
FIELD_VALUES: dict[str, st.SearchStrategy[Any]] = {
    "id": st.sampled_from([*BASE_IDS, "fuzz-claim", "fuzz-metric", "Fuzz X"]) | plain_values,
    **dict.fromkeys(
        ("title", "name", "description", "notes", "url", "text", "publisher", "acknowledged"),
        words,
    ),
    "aliases": st.lists(st.text(max_size=10), max_size=3) | plain_values,
    "terms": st.lists(st.text(max_size=10), max_size=3) | plain_values,
    "share_within": st.sampled_from(["subject", "parent", "sibling"]),
    "value": figures_as_written,
    "reading": figures_as_written,
    "quote": figures_as_written.map(lambda figure: f"the capital had {figure} firms"),
    "as_of": periods,
    "published": st.fixed_dictionaries(
        {"when": periods, "basis": st.sampled_from(["stated", "inferred", "guessed"])}
    ),
    "precision": st.one_of(figures_as_written, st.integers(), st.fractions().map(str)),
    "qualifiers": st.dictionaries(
        st.sampled_from(["batch", "sector", "level"]), st.integers() | st.text(max_size=5)
    ),
    "measures": st.sampled_from(MEASURES) | st.text(max_size=5),
    "unit": st.sampled_from(UNITS) | st.text(max_size=5),
    "metric": st.sampled_from([*BASE_IDS, "fuzz-metric"]),
    "subject": st.sampled_from([*BASE_IDS, "fuzz-entity"]),
    "source": st.sampled_from([*BASE_IDS, "fuzz-source"]),
    "parent": st.sampled_from([*BASE_IDS, "fuzz-entity"]),
    "part_of": st.sampled_from([*BASE_IDS, "fuzz-metric"]),
    "ranks": st.sampled_from([*BASE_IDS, "fuzz-metric"]),
    "share_of": st.sampled_from([*BASE_IDS, "fuzz-metric"]),
    "scope": st.sampled_from(["city", "province", "country", "national-economic-development-zone"]),
    "modality": st.sampled_from(["reported", "projected", "goal", "rumoured"]),
    "kind": st.sampled_from(["country", "province", "municipality", "city", "company", "x"]),
    "reference": st.booleans(),
    "cumulative": st.booleans(),
    "additive": st.booleans(),
    "expr": st.deferred(lambda: well_formed | expressions),
}


@st.composite
def records(draw: st.DrawFn, section: str) -> dict[str, Any]:
    """A record of ``section`` that is valid but for a few fields changed, dropped or
    added, so that loading gets past the schema to readings, rules and the engine."""
    record = dict(TEMPLATES[section])
    if draw(st.integers(0, 5)) == 0:
        del record[draw(st.sampled_from(sorted(record)))]
    changed = draw(st.lists(st.sampled_from(SECTION_FIELDS[section]), max_size=3))
    if draw(st.integers(0, 4)) == 0:
        changed.append(draw(KEYS))  # a field the section does not have
    for name in changed:
        record[name] = draw(FIELD_VALUES.get(name, plain_values))
    record["id"] = draw(st.sampled_from([record.get("id", "x"), f"{record.get('id')}-2"]))
    return record


@st.composite
def fact_base_files(draw: st.DrawFn, sections: tuple[str, ...]) -> str:
    """A claims or constraints file of nearly valid records, written by PyYAML (so the
    YAML is valid; the other strategies break the YAML itself)."""
    chosen = draw(st.lists(st.sampled_from(sections), min_size=1, max_size=len(sections)))
    data = {section: draw(st.lists(records(section), max_size=3)) for section in chosen}
    flow = draw(st.sampled_from([False, True, None]))
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=flow)


yaml_text = st.one_of(
    st.text(),
    yaml_soup,
    yaml_files(),
    fact_base_files(("sources", "entities", "metrics", "claims")),
    fact_base_files(("unknowns", "constraints")),
)
yaml_bytes = st.one_of(
    st.binary(),
    yaml_text.map(str.encode),
    st.tuples(yaml_text, st.sampled_from(["utf-8-sig", "utf-16", "gb18030"])).map(
        lambda pair: pair[0].encode(pair[1])
    ),
)


@given(raw=yaml_bytes)
def test_yaml_loader_never_raises(raw: bytes) -> None:
    """Any bytes at all give a document or findings, never an exception; each finding
    is in the file, at a line and column that exist in it."""
    document, findings = load_yaml_text("fuzz.yaml", raw)
    assert document is not None or findings
    assert all(f.location.path == "fuzz.yaml" for f in findings)
    assert_located(findings, _decoded(raw))


#: Block collections nested on one line: the depth check before parsing counts brackets
#: and indentation, not these.
DEEP = ("- ", "? ", "- ? ", "!!seq - ", "&a - ", "- [", "- {a: ", "- a: ")
deep_yaml = st.lists(
    st.tuples(st.sampled_from(DEEP), st.integers(1, 60_000)), min_size=1, max_size=2
).map(lambda runs: "".join(token * times for token, times in runs).encode() + b"x")


def _yaml_findings(raw: bytes) -> list[Finding]:
    return load_yaml_text("deep.yaml", raw)[1]


@settings(deadline=None)
@given(raw=deep_yaml)
def test_yaml_loader_survives_deep_nesting(raw: bytes) -> None:
    """A file nested tens of thousands of levels deep is read or refused with a finding:
    it neither raises nor crashes the process. (Each example runs in a child process,
    so that a crash fails the example instead of killing the test run.)"""
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork")) as child:
        findings = child.submit(_yaml_findings, raw).result()
    assert_located(findings, raw.decode())


@given(raw=yaml_bytes, constraints=st.booleans())
@example(raw=b"&a !!int abc", constraints=False)  # a tag its text does not fit (CI found it)
def test_claims_and_constraints_files_load_without_raising(raw: bytes, constraints: bool) -> None:
    """Loading one claims (or constraints) file, validating every record against the
    schema, turns whatever is wrong into located findings."""
    collected = _Collected()
    _load_file("fuzz.yaml", raw, collected, CONSTRAINT_SECTIONS if constraints else CLAIM_SECTIONS)
    assert_located(collected.findings, _decoded(raw))


@pytest.fixture(scope="module")
def fact_base_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A valid fact base (claims/, texts/, constraints/) for fuzzed files to join."""
    root = tmp_path_factory.mktemp("fuzz-factbase")
    base = yaml.safe_load(BASE_CASE.read_text("utf-8"))
    for section, folder in (("files", "claims"), ("texts", "texts")):
        for name, content in base[section].items():
            (root / folder).mkdir(exist_ok=True)
            (root / folder / name).write_text(content, encoding="utf-8")
    (root / "constraints").mkdir()
    return root


@settings(deadline=None)
@given(claims=yaml_bytes, constraints=yaml_bytes)
def test_check_never_raises(fact_base_folder: Path, claims: bytes, constraints: bytes) -> None:
    """`factcheck check` over a fact base with any claims file and any constraints file
    added reports findings, every one located, in every output format, and never
    raises."""
    (fact_base_folder / "claims" / "fuzz.yaml").write_bytes(claims)
    (fact_base_folder / "constraints" / "fuzz.yaml").write_bytes(constraints)
    settings = Settings(
        root=fact_base_folder,
        claims=fact_base_folder / "claims",
        sources=fact_base_folder / "texts",
        constraints=fact_base_folder / "constraints",
    )
    report = api.check(settings)
    assert_located(report.findings)
    for finding in report.findings:
        for path, raw in (("claims/fuzz.yaml", claims), ("constraints/fuzz.yaml", constraints)):
            if finding.location.path.endswith(path):
                assert_inside(finding, _decoded(raw))
    for name in FORMATTERS:
        render(name, report, OutputOptions())
