"""Cache entries are data: an entry that is not what the codec wrote (a pickle, a
jsonpickle-style object, a wrong shape, a torn write) is ignored and never run, and an
entry decodes to exactly what a fresh parse of its file gives. The store itself is
tests/test_cache.py."""

from __future__ import annotations

import ast
import json
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factcheck import cache as cache_module
from factcheck import cachecodec
from factcheck.api import load
from factcheck.cache import FileCache
from factcheck.config import Settings, discover_settings
from factcheck.factbase import Entry
from factcheck.findings import Location
from factcheck.loader import (
    CLAIM_SECTIONS,
    CONSTRAINT_SECTIONS,
    _Collected,
    _load_file,
    claim_files,
)
from factcheck.model import Claim

from .conftest import MISQUOTED, ROOT, WriteTree

pytestmark = pytest.mark.skipif(not cache_module._SUPPORTED, reason="no cache without O_NOFOLLOW")


# -- entries are data -------------------------------------------------------------------


def test_the_package_imports_no_deserialiser_that_runs_code() -> None:
    """pickle, marshal and shelve (and the libraries built on them) construct whatever
    the bytes name: none of them may be imported anywhere in factcheck."""
    banned = {"pickle", "_pickle", "cPickle", "marshal", "shelve", "dill", "cloudpickle"}
    banned |= {"jsonpickle", "joblib"}
    found = []
    for module in sorted((ROOT / "factcheck").rglob("*.py")):
        for node in ast.walk(ast.parse(module.read_text("utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                names = [node.value]  # importlib.import_module("pickle"), __import__
            else:
                continue
            found += [
                f"{module.relative_to(ROOT)}:{node.lineno}: {name}"
                for name in names
                if name.split(".")[0] in banned
            ]
    assert found == []


class _Planted:
    """Unpickling this creates the file it names: what an attacker's pickle would do."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[Callable[..., Any], tuple[Any, ...]]:
        return Path.touch, (self.marker,)


def _fill(folder: Path, cache: Path) -> tuple[Settings, list[Any], Path]:
    """Load the fact base once, filling ``cache``: the settings, what the load gave
    (the records and findings), and the claims file's entry."""
    settings = discover_settings(folder)
    store = FileCache(cache)
    factbase, findings = load(settings, store)
    assert store.misses == len(list(cache.iterdir())) > 0
    (entry,) = (p for p in cache.iterdir() if _holds(p, "bj-rank"))
    return settings, [factbase.claims, findings], entry


def _holds(entry: Path, text: str) -> bool:
    return text.encode() in entry.read_bytes()


def _split(entry: Path) -> tuple[bytes, Any]:
    """An entry's header (its key) and its JSON."""
    magic, key, data = entry.read_bytes().split(b"\n", 2)
    return magic + b"\n" + key + b"\n", json.loads(data)


def test_a_poisoned_pickle_is_never_run(
    write_tree: WriteTree, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A pickle that would create a file, planted under the entry's name and under the
    old (pickle) name, with the right key: ignored, nothing created, the file parsed."""
    folder = write_tree(MISQUOTED)
    cache = tmp_path.parent / f"{tmp_path.name}-cache"
    settings, cold, entry = _fill(folder, cache)
    header, _ = _split(entry)
    marker = tmp_path.parent / f"{tmp_path.name}-ran"
    poison = pickle.dumps(_Planted(marker))
    entry.write_bytes(header + poison)
    entry.with_suffix(".pickle").write_bytes(poison)
    store = FileCache(cache)
    warm = load(settings, store)
    assert not marker.exists()
    assert [warm[0].claims, warm[1]] == cold
    assert store.hits == 1  # the other file's entry is still good
    assert not entry.with_suffix(".pickle").exists()  # and the planted one is gone


def _set(path: tuple[Any, ...], value: Any) -> Callable[[Any], None]:
    def change(document: Any) -> None:
        target = document
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = value

    return change


def _finding_row(code: str, severity: str) -> list[Any]:
    return [code, severity, "m", [0, 1, 1, None, None], [], [], None, None, 1, None, None]


#: Entries of the right key whose JSON is not what the encoder writes. ("claims", 0) is
#: the first record: [data, location, fields, inline]; a location is [path, line,
#: column, end_line, end_column].
MALFORMED: dict[str, Callable[[Any], None]] = {
    "a-record-failing-validation": _set(("records", "claims", 0, 0, "value"), 5.5),
    "a-record-with-an-extra-field": _set(("records", "claims", 0, 0, "__class__"), "os.system"),
    "a-record-that-is-not-a-mapping": _set(("records", "claims", 0, 0), ["os", "system"]),
    "an-object-in-jsonpickle-style": _set(
        ("records", "claims", 0, 0), {"py/object": "os.system", "py/reduce": ["ls"]}
    ),
    "an-unknown-section": _set(("records", "__reduce__"), []),
    "a-section-of-the-other-kind": _set(("records", "constraints"), []),
    "a-line-0": _set(("records", "claims", 0, 1, 1), 0),
    "a-negative-path-number": _set(("records", "claims", 0, 1, 0), -1),
    "a-path-number-past-the-table": _set(("records", "claims", 0, 1, 0), 9),
    "a-line-that-is-true": _set(("records", "claims", 0, 1, 1), True),
    "a-line-that-is-text": _set(("records", "claims", 0, 1, 1), "1"),
    "a-column-that-is-a-float": _set(("records", "claims", 0, 1, 2), 1.0),
    "a-short-location": _set(("records", "claims", 0, 1), [0, 1, 1]),
    "an-end-without-its-column": _set(("records", "claims", 0, 1), [0, 2, 3, 2, None]),
    "an-end-column-without-its-line": _set(("records", "claims", 0, 1), [0, 2, 3, None, 4]),
    "a-field-location-that-is-text": _set(("records", "claims", 0, 2, "quote"), "0,4,12"),
    "fields-that-are-a-list": _set(("records", "claims", 0, 2), []),
    "a-record-missing-its-inline": _set(("records", "claims", 0), [{}, [0, 1, 1, None, None]]),
    "an-unknown-finding-code": _set(("findings",), [_finding_row("FC999", "error")]),
    "an-unknown-severity": _set(("findings",), [_finding_row("FC001", "fatal")]),
    "a-finding-too-short": _set(("findings",), [["FC001", "error"]]),
    "rejected-ids-that-are-numbers": _set(("rejected",), [1, 2]),
    "paths-that-are-not-text": _set(("paths",), [None]),
    "no-records": lambda document: document.pop("records"),
    "a-list-at-the-top": lambda document: document.clear(),
}


@pytest.mark.parametrize("change", MALFORMED.values(), ids=MALFORMED.keys())
def test_a_malformed_entry_of_the_right_key_is_ignored(
    write_tree: WriteTree, tmp_path: Path, change: Callable[[Any], None]
) -> None:
    folder = write_tree(MISQUOTED)
    cache = tmp_path.parent / f"{tmp_path.name}-cache"
    settings, cold, entry = _fill(folder, cache)
    header, document = _split(entry)
    change(document)
    entry.write_bytes(header + json.dumps(document if document else []).encode())
    store = FileCache(cache)
    warm = load(settings, store)
    assert [warm[0].claims, warm[1]] == cold
    assert (store.hits, store.misses) == (1, 1)


@pytest.mark.parametrize(
    "data",
    [
        b"[" * 100_000 + b"]" * 100_000,  # deeper than the JSON reader recurses
        b'{"rejected": [' + b"9" * 5_000 + b"]}",  # more digits than int() converts
        b"\xff\xfe not UTF-8",
        b'{"records": {}, "findings": [], "rejected": [], "paths": []',  # torn
    ],
    ids=["nested-too-deep", "a-huge-integer", "not-utf-8", "torn"],
)
def test_entries_json_cannot_read_are_ignored(
    write_tree: WriteTree, tmp_path: Path, data: bytes
) -> None:
    folder = write_tree(MISQUOTED)
    cache = tmp_path.parent / f"{tmp_path.name}-cache"
    settings, cold, entry = _fill(folder, cache)
    header, _ = _split(entry)
    entry.write_bytes(header + data)
    warm = load(settings, FileCache(cache))
    assert [warm[0].claims, warm[1]] == cold


# -- the codec gives back what a parse gives --------------------------------------------

_TEXT = st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=12)
_SCALAR = st.one_of(_TEXT, st.integers(), st.floats(), st.booleans(), st.none(), st.just("\ud800"))


@st.composite
def claims_files(draw: st.DrawFn) -> bytes:
    """A claims file of a few records, valid or not, with any scalar in any field."""
    records = []
    for n in range(draw(st.integers(0, 4))):
        record: dict[str, Any] = {
            "id": f"c{n}",
            "source": "s",
            "quote": draw(_TEXT),
            "subject": "x",
            "metric": "m",
            "value": draw(st.one_of(_TEXT, st.integers())),
            "as_of": draw(st.sampled_from(["2019", "2019-09", 2019, "2019/2022", "never"])),
        }
        for field in draw(st.lists(st.sampled_from(["precision", "notes", "unit", "scope"]))):
            record[field] = draw(_SCALAR)
        record["qualifiers"] = draw(st.dictionaries(_TEXT, _SCALAR, max_size=3))
        records.append(record)
    return json.dumps({"claims": records, "extra": draw(st.booleans())}).encode()


@given(raw=claims_files())
def test_an_entry_decodes_to_what_a_fresh_parse_gives(raw: bytes) -> None:
    """Every file's records, their locations and the findings met loading it come back
    from the cache equal (JSON is YAML, so each drawn file is a claims file)."""
    fresh = _Collected()
    data: dict[str, list[Any]] = {name: [] for name in CLAIM_SECTIONS}
    _load_file("claims/f.yaml", raw, fresh, CLAIM_SECTIONS, data)
    encoded = cachecodec.encode(
        "claims/f.yaml", fresh.entries, data, fresh.findings, fresh.rejected
    )
    assert encoded is not None
    decoded = cachecodec.decode(encoded, "claims/f.yaml", CLAIM_SECTIONS)
    assert decoded is not None
    assert {k: v for k, v in fresh.entries.items() if v} == decoded.entries
    assert fresh.findings == decoded.findings
    assert fresh.rejected == decoded.rejected


@pytest.mark.parametrize(
    "folder", [ROOT / "claims", ROOT / "constraints"], ids=["claims", "constraints"]
)
def test_the_bundled_fact_base_decodes_to_what_a_fresh_parse_gives(folder: Path) -> None:
    sections = CLAIM_SECTIONS if folder.name == "claims" else CONSTRAINT_SECTIONS
    for path in claim_files(folder):
        fresh = _Collected()
        data: dict[str, list[Any]] = {name: [] for name in sections}
        _load_file(path.name, path.read_bytes(), fresh, sections, data)
        encoded = cachecodec.encode(path.name, fresh.entries, data, fresh.findings, set())
        assert encoded is not None
        decoded = cachecodec.decode(encoded, path.name, sections)
        assert decoded is not None
        assert {k: v for k, v in fresh.entries.items() if v} == decoded.entries, path
        assert fresh.findings == decoded.findings


def test_what_json_cannot_hold_exactly_is_not_cached() -> None:
    """An integer of more digits than Python converts (4,300) cannot be written as JSON:
    such a file is parsed every time. (The loader refuses numbers that long anyway.)"""
    encoded = cachecodec.encode("f.yaml", {}, {}, [], [])
    assert encoded is not None
    assert cachecodec.decode(encoded, "f.yaml", CLAIM_SECTIONS) == ({}, [], set())
    entry = Entry(Claim.model_construct(), Location("f.yaml"), {})
    huge = {"qualifiers": {"n": 16**5_000}}
    assert cachecodec.encode("f.yaml", {"claims": [entry]}, {"claims": [huge]}, [], []) is None
