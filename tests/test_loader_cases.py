"""Rule cases as data: tests/cases/loader/FCxxx.yaml, one file per rule.

Each file is a YAML list of cases; ``pytest_generate_tests`` makes one test per case,
with the id ``<file stem>-<name>`` (``FC005-unknown-field``). A test writes the case's
files into ``tmp_path`` (the case's folder), runs ``factcheck.api.check`` over them and
compares the findings with ``expect``. A case is a mapping with these keys:

``name``
    Unique in its file; the second half of the test id.
``files``
    Claims files to write under ``claims/``, by path (``sub/x.yaml`` makes the folder).
``texts``
    Source texts to write under ``texts/``, the sources root (``Source.text`` is
    relative to it).
``constraints``
    Constraints files (``unknowns`` and ``constraints`` sections) to write under
    ``constraints/``, by path; ``Settings.constraints`` then points there. Without
    this key the case has no constraints folder (``Settings.constraints`` is None).
``dirs``
    Folders to create under ``claims/``, a folder named ``x.yaml`` say.
``base``
    ``false`` leaves out the shared fact base; by default the ``files`` and ``texts``
    of ``_base.yaml`` (a small valid fact base, described there) are written first,
    and a case's file with the same path replaces the base's.
``expect``
    Every finding the check must report, in any order, and no other: ``[]`` for a
    passing case. Each is ``{code, line, column}`` with, optionally, ``file``,
    ``severity``, ``message_contains`` (a substring of the message),
    ``acknowledged`` (a substring of the finding's acknowledged reason, or ``false``
    for a finding that must not be acknowledged) and ``related`` (the complete list
    of the finding's related locations, each ``{file, line, column}``). A ``file`` is
    the path relative to ``claims/`` for a claims file (``a.yaml``), and relative to
    the case's folder for any other file: a constraints file is
    ``constraints/x.yaml``. Findings' paths are relative to the working directory, so
    only these parts are compared.
``counts``
    Optional: some of the report's counts (``{claims: 2}``), to show that a file that
    yields no findings was loaded rather than skipped.
``failed``
    Optional: the report's ``failed`` value (an unacknowledged error was found);
    ``false`` with an acknowledged finding in ``expect`` shows that it does not fail
    the run.
``absent``
    Optional: paths relative to the case's folder that must not exist after the check
    (what a YAML tag would have created, had it run).
``isolate``
    ``true`` runs the check in a child process, so that a crash fails only this case.
``max_seconds``
    Optional: the check must finish within this time; an isolated child is killed then.
``xfail``
    A reason: the case shows a known bug; it is marked ``xfail(strict=True)``, so it
    fails loudly once the bug is fixed (then remove the mark).

File contents (in ``files``, ``texts`` and ``constraints``) are strings written as UTF-8.
For bytes that are not plain UTF-8 text, give a mapping ``{text, encoding, newline}``
instead:

``encoding``
    A Python codec, by default ``utf-8``. ``utf-8-sig`` writes a byte-order mark,
    ``gb18030`` a legacy encoding. ``latin-1`` maps each character U+0000-U+00FF to
    the one byte of that value, so a double-quoted ``"\\xef\\xbb\\xbf"`` spells raw
    bytes.
``newline``
    What each ``\\n`` of ``text`` becomes, ``"\\r\\n"`` for a Windows file.

``text`` may also be a list of parts, joined: strings, and ``{repeat, times}`` for
``repeat`` written ``times`` times (50,000 nested brackets, say). With ``numbered:
true``, ``{n}`` in ``repeat`` is replaced by the repetition's number from 0 and
``{n+1}`` by the next (a chain of 1,000 constraints ``u{n+1} == u{n} + 1``).

A YAML-readable mapping was chosen over base64 or hex so that a reviewer can read what
each byte-level case holds.

Meta-tests keep the cases whole: every rule in ``RULES`` has a case file named after its
code holding at least one case (not a known bug) that expects it, and every case file is
named after a rule.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from factcheck.api import check
from factcheck.config import Settings
from factcheck.formatters.json import finding_record
from factcheck.rules import RULES

from .casefiles import file_bytes

CASES = Path(__file__).parent / "cases" / "loader"
BASE = CASES / "_base.yaml"

_CASE_KEYS = {
    "name", "files", "texts", "constraints", "dirs", "base", "expect", "counts", "failed",
    "absent", "isolate", "max_seconds", "xfail",
}  # fmt: skip
_EXPECT_KEYS = {
    "code", "line", "column", "file", "severity", "message_contains", "acknowledged", "related",
}  # fmt: skip
_RELATED_KEYS = {"file", "line", "column"}
_FILE_KEYS = {"text", "encoding", "newline"}
_PART_KEYS = {"repeat", "times"}
#: Where each section of a case is written, under the case's folder.
_FOLDERS = {"files": "claims", "texts": "texts", "constraints": "constraints"}
#: An isolated case without ``max_seconds`` is still stopped, rather than hang the run.
_CHILD_TIMEOUT = 120


# -- reading the case files ----------------------------------------------------------


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader that refuses a key written twice: a case must not lose half its data."""


def _no_duplicates(loader: _StrictLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    keys = [loader.construct_object(k) for k, _ in node.value]
    repeated = {k for k in keys if keys.count(k) > 1}
    if repeated:
        raise yaml.constructor.ConstructorError(
            None, None, f"key {sorted(map(str, repeated))[0]!r} appears twice", node.start_mark
        )
    return loader.construct_mapping(node)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _no_duplicates)


def _read_yaml(path: Path) -> Any:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_StrictLoader)


def _check_keys(where: str, mapping: Any, allowed: set[str], required: set[str]) -> None:
    if not isinstance(mapping, dict):
        raise TypeError(f"{where}: expected a mapping, got {mapping!r}")
    if unknown := set(mapping) - allowed:
        raise ValueError(f"{where}: unknown keys {sorted(unknown)}")
    if missing := required - set(mapping):
        raise ValueError(f"{where}: missing keys {sorted(missing)}")


def _validate(where: str, case: dict[str, Any]) -> None:
    _check_keys(where, case, _CASE_KEYS, {"name", "expect"})
    for section in _FOLDERS:
        for path, content in (case.get(section) or {}).items():
            if not isinstance(content, str):
                _check_keys(f"{where}: {section}: {path}", content, _FILE_KEYS, {"text"})
                for part in content["text"] if isinstance(content["text"], list) else []:
                    if not isinstance(part, str):
                        _check_keys(f"{where}: {section}: {path}", part, _PART_KEYS, _PART_KEYS)
    if not isinstance(case.get("failed", False), bool):
        raise TypeError(f"{where}: failed: expected true or false")
    for i, expected in enumerate(case["expect"]):
        _check_keys(f"{where}: expect[{i}]", expected, _EXPECT_KEYS, {"code", "line", "column"})
        if expected.get("acknowledged", False) is True:
            raise ValueError(f"{where}: expect[{i}]: acknowledged: a reason's text, or false")
        for j, related in enumerate(expected.get("related", [])):
            _check_keys(
                f"{where}: expect[{i}].related[{j}]", related, _RELATED_KEYS, {"line", "column"}
            )


def case_files() -> list[Path]:
    return sorted(p for p in CASES.glob("*.yaml") if not p.name.startswith("_"))


def load_cases() -> Iterator[tuple[str, dict[str, Any]]]:
    """Every case as (test id, case), in file order."""
    for path in case_files():
        names: set[str] = set()
        for case in _read_yaml(path) or []:
            where = f"{path.name}: case {case.get('name')!r}"
            _validate(where, case)
            if case["name"] in names:
                raise ValueError(f"{where}: the name is used twice")
            names.add(case["name"])
            yield f"{path.stem}-{case['name']}", case


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "case" not in metafunc.fixturenames:
        return
    params = [
        pytest.param(
            case,
            id=case_id,
            marks=[pytest.mark.xfail(reason=case["xfail"], strict=True)] if "xfail" in case else [],
        )
        for case_id, case in load_cases()
    ]
    metafunc.parametrize("case", params)


# -- running a case ------------------------------------------------------------------


def _write_case(case: dict[str, Any], root: Path) -> None:
    base = _read_yaml(BASE) if case.get("base", True) else {}
    for section, folder in _FOLDERS.items():
        contents = {**(base.get(section) or {}), **(case.get(section) or {})}
        for relative, content in contents.items():
            path = root / folder / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(file_bytes(content))
    (root / "claims").mkdir(exist_ok=True)
    (root / "texts").mkdir(exist_ok=True)
    for relative in case.get("dirs", []):
        (root / "claims" / relative).mkdir(parents=True)


def run_check(root: Path) -> dict[str, Any]:
    """Check the fact base under ``root``: the findings as JSON records, the counts and
    whether the run failed. ``root / "constraints"`` is used only if the case wrote it."""
    constraints = root / "constraints"
    settings = Settings(
        root=root,
        claims=root / "claims",
        sources=root / "texts",
        constraints=constraints if constraints.is_dir() else None,
    )
    report = check(settings)
    return {
        "findings": [finding_record(f) for f in report.findings],
        "counts": dict(report.counts),
        "failed": report.failed,
    }


def _run_isolated(root: Path, max_seconds: float | None) -> dict[str, Any]:
    """``run_check`` in a child process (this module run with ``-m``), in ``root``."""
    timeout = max_seconds or _CHILD_TIMEOUT
    try:
        child = subprocess.run(
            [sys.executable, "-m", "tests.test_loader_cases"],
            cwd=root,
            env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)},
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        child = None  # fail outside the handler: the timeout's traceback says nothing more
    if child is None:
        pytest.fail(f"the check did not finish within {timeout} s (the child was killed)")
    if child.returncode != 0:
        pytest.fail(
            f"the check's process ended with exit code {child.returncode}"
            f"{' (killed by a signal)' if child.returncode < 0 else ''}:\n{child.stderr[-2000:]}"
        )
    result: dict[str, Any] = json.loads(child.stdout)
    return result


# -- comparing findings --------------------------------------------------------------


def _relative(path: str, root: Path) -> str:
    """A finding's path relative to ``claims/`` if it is in there, else relative to the
    case's folder, ``constraints/x.yaml`` (it is given relative to the cwd)."""
    absolute = (root / path).resolve()
    for folder in (root / "claims", root):
        try:
            return absolute.relative_to(folder.resolve()).as_posix()
        except ValueError:
            pass
    return path


def _matches(expected: dict[str, Any], found: dict[str, Any], root: Path) -> bool:
    if (found["code"], found["line"], found["column"]) != (
        expected["code"],
        expected["line"],
        expected["column"],
    ):
        return False
    if "file" in expected and _relative(found["path"], root) != expected["file"]:
        return False
    if "severity" in expected and found["severity"] != expected["severity"]:
        return False
    if "message_contains" in expected and expected["message_contains"] not in found["message"]:
        return False
    if "acknowledged" in expected and not _acknowledged_match(
        expected["acknowledged"], found["acknowledged"]
    ):
        return False
    if "related" in expected:
        return _related_match(expected["related"], found["related"], root)
    return True


def _acknowledged_match(expected: str | bool, found: str | None) -> bool:
    """``false``: not acknowledged; a string: acknowledged, with it in the reason."""
    if expected is False:
        return found is None
    return found is not None and str(expected) in found


def _related_match(expected: list[dict[str, Any]], found: list[dict[str, Any]], root: Path) -> bool:
    """The found related locations are exactly the expected ones, in any order."""
    left = list(found)
    for want in expected:
        match = next(
            (
                r
                for r in left
                if (r["line"], r["column"]) == (want["line"], want["column"])
                and ("file" not in want or _relative(r["path"], root) == want["file"])
            ),
            None,
        )
        if match is None:
            return False
        left.remove(match)
    return not left


def _show_expected(expected: dict[str, Any]) -> str:
    extra = {k: v for k, v in expected.items() if k not in {"code", "line", "column"}}
    return f"{expected['code']} {expected['line']}:{expected['column']} {extra or ''}".rstrip()


def _show_found(found: dict[str, Any]) -> str:
    related = "".join(
        f"\n      related {r['path']}:{r['line']}:{r['column']} {r['message']}"
        for r in found["related"]
    )
    acknowledged = f" [acknowledged: {found['acknowledged']}]" if found["acknowledged"] else ""
    return (
        f"{found['code']} {found['path']}:{found['line']}:{found['column']} "
        f"{found['severity']}: {found['message']}{acknowledged}{related}"
    )


def compare(expect: list[dict[str, Any]], findings: list[dict[str, Any]], root: Path) -> None:
    """Fail unless ``findings`` are exactly ``expect``, as a multiset.

    The most specific expectations are matched first, so that a loose one does not
    take the finding a precise one needs.
    """
    unmatched = list(findings)
    missing: list[dict[str, Any]] = []
    for expected in sorted(expect, key=len, reverse=True):
        match = next((f for f in unmatched if _matches(expected, f, root)), None)
        if match is None:
            missing.append(expected)
        else:
            unmatched.remove(match)
    if missing or unmatched:
        lines = ["the findings differ from the case's expect:"]
        lines += ["  expected, not reported:"] + [f"    {_show_expected(e)}" for e in missing]
        lines += ["  reported, not expected:"] + [f"    {_show_found(f)}" for f in unmatched]
        lines += ["  all findings:"] + [f"    {_show_found(f)}" for f in findings]
        pytest.fail("\n".join(lines), pytrace=False)


# -- the tests -----------------------------------------------------------------------


def test_case(case: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _write_case(case, tmp_path)
    monkeypatch.chdir(tmp_path)  # findings' paths are relative to the cwd: claims/x.yaml
    max_seconds = case.get("max_seconds")
    started = time.perf_counter()
    isolate = case.get("isolate", False)
    result = _run_isolated(tmp_path, max_seconds) if isolate else run_check(tmp_path)
    elapsed = time.perf_counter() - started
    compare(case["expect"], result["findings"], tmp_path)
    for key, value in (case.get("counts") or {}).items():
        assert result["counts"][key] == value, f"count of {key}"
    if "failed" in case:
        assert result["failed"] is case["failed"], "the report's failed value"
    for relative in case.get("absent", []):
        assert not (tmp_path / relative).exists(), f"{relative} was created"
    if max_seconds is not None:
        assert elapsed <= max_seconds, f"the check took {elapsed:.1f} s"


def _failing_codes() -> dict[str, set[str]]:
    """The codes each case file expects in cases that are not known bugs, by file stem."""
    codes: dict[str, set[str]] = {}
    for case_id, case in load_cases():
        stem = case_id.split("-", 1)[0]
        if "xfail" not in case:
            codes.setdefault(stem, set()).update(e["code"] for e in case["expect"])
    return codes


#: The rules of fact bases and constraints; the lint rules (FC3xx) have draft fixtures
#: with inline expectations instead (tests/test_lint_fixtures.py).
CHECK_RULES = sorted(code for code in RULES if code < "FC300")


@pytest.mark.parametrize("code", CHECK_RULES)
def test_every_rule_has_a_failing_case(code: str) -> None:
    """A rule cannot land without a case: FCxxx.yaml must hold a case (not a known bug)
    whose expected findings include FCxxx."""
    assert code in _failing_codes().get(code, set()), (
        f"{code} {RULES[code].slug}: no case in {CASES / f'{code}.yaml'} expects it"
    )


def test_every_case_file_is_a_rule() -> None:
    stray = [p.name for p in case_files() if p.stem not in RULES]
    assert not stray, f"case files not named after a rule code: {stray}"


if __name__ == "__main__":  # the child process of an isolated case
    json.dump(run_check(Path.cwd()), sys.stdout)
