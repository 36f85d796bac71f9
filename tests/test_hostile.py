"""Hostile and broken input, end to end: tests/cases/hostile/*.yaml.

Each case writes files into a fresh folder, runs the real command line there in a child
process (``python -m factcheck ...``, as CI and editors do) with a time and a memory
limit, and states what the person running it gets: the exit code, the findings (code
and place), or the usage error on stderr. No case may print a traceback, and nothing a
case's input names may be executed (``absent``). docs/reliability.md lists every case
and what it returns; a test keeps that table in step with these files.

A case is a mapping:

``name``, ``about``
    Unique in its file; ``about`` says in a line what is hostile about it, for the docs.
``files``
    Files to write, by path relative to the case's folder (``claims/x.yaml``,
    ``draft.md``); contents as in the loader cases (tests/test_loader_cases.py, "File
    contents": a string, or ``{text, encoding, newline}`` with ``{repeat, times}``
    parts). ``dirs`` and ``fifos`` make folders and named pipes; ``symlinks`` maps a
    link's path to what it points at, as ``ln -s`` writes it (a loop, or nothing there,
    allowed).
``base``
    ``false`` leaves out the small valid fact base of tests/cases/loader/_base.yaml
    (``claims/base.yaml``, ``texts/``), written first by default, with a
    ``.factcheck.toml`` that points at ``claims``, ``texts`` and, when the case writes
    any, ``constraints``.
``run``
    The arguments after ``factcheck``; ``--format json`` is added when ``findings``
    are expected, unless it is ``--format`` already. Default ``[check]``.
``exit``
    The exit code: 0 passed, 1 findings fail the run, 2 usage or input error.
``findings``
    Every finding of the JSON report as ``{code, file, line, column}``, in any order,
    and no other (``message_contains`` optional). Omitted for a usage error.
``error``
    A substring of stderr, for a usage error (exit 2): it names the file, line and
    column.
``stdout_contains``
    Instead of ``findings``, for a command whose output is not a report (``explain``,
    ``claims``, ``graph``): a substring of its output.
``max_seconds``, ``max_memory_mb``
    Limits for the child: it is killed after ``max_seconds`` (default 60) and cannot
    map more than ``max_memory_mb`` (default 2048) of memory. These are bounds that say
    "no hang, no exhaustion", far above the measured cost (docs/reliability.md), not
    performance targets.
``absent``
    Paths that must not exist afterwards: what an executed tag would have created.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

if sys.platform != "win32":
    import resource

from .casefiles import file_bytes
from .conftest import ROOT

CASES = Path(__file__).parent / "cases" / "hostile"
BASE = Path(__file__).parent / "cases" / "loader" / "_base.yaml"
_CASE_KEYS = {
    "name", "about", "files", "dirs", "fifos", "base", "run", "exit", "findings", "error",
    "max_seconds", "max_memory_mb", "absent", "stdout_contains", "symlinks",
}  # fmt: skip
_FINDING_KEYS = {"code", "file", "line", "column", "message_contains"}
_DEFAULT_SECONDS = 60
_DEFAULT_MEMORY_MB = 2048


def load_cases() -> Iterator[tuple[str, dict[str, Any]]]:
    """Every case as (test id, case): ``<file stem>-<name>``."""
    for path in sorted(CASES.glob("*.yaml")):
        names: set[str] = set()
        for case in yaml.safe_load(path.read_text("utf-8")):
            where = f"{path.name}: {case.get('name')!r}"
            if unknown := set(case) - _CASE_KEYS:
                raise ValueError(f"{where}: unknown keys {sorted(unknown)}")
            if missing := {"name", "about", "exit"} - set(case):
                raise ValueError(f"{where}: missing keys {sorted(missing)}")
            if sum(key in case for key in ("error", "findings", "stdout_contains")) != 1:
                raise ValueError(
                    f"{where}: give `findings`, `stdout_contains` or, for a usage error, `error`"
                )
            for finding in case.get("findings", []):
                if set(finding) - _FINDING_KEYS or {"code", "line", "column"} - set(finding):
                    raise ValueError(f"{where}: a finding is {{code, file, line, column}}")
            if case["name"] in names:
                raise ValueError(f"{where}: the name is used twice")
            names.add(case["name"])
            yield f"{path.stem}-{case['name']}", case


def _write(case: dict[str, Any], root: Path) -> None:
    files: dict[str, Any] = {}
    if case.get("base", True):
        base = yaml.safe_load(BASE.read_text("utf-8"))
        files |= {f"claims/{p}": c for p, c in base["files"].items()}
        files |= {f"texts/{p}": c for p, c in base["texts"].items()}
    files |= case.get("files") or {}
    for relative, content in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(file_bytes(content))
    for relative in case.get("dirs", []):
        (root / relative).mkdir(parents=True)
    for relative in case.get("fifos", []):
        os.mkfifo(root / relative)
    for relative, pointee in (case.get("symlinks") or {}).items():
        os.symlink(pointee, root / relative)
    if case.get("base", True):
        constraints = 'constraints = "constraints"\n' if (root / "constraints").is_dir() else ""
        (root / ".factcheck.toml").write_text(
            f'claims = "claims"\nsources = "texts"\n{constraints}', "utf-8"
        )


def _limits(memory_mb: int) -> None:  # pragma: no cover  (runs in the child)
    size = memory_mb * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (size, size))


def run_case(case: dict[str, Any], root: Path) -> subprocess.CompletedProcess[str] | None:
    """The child's result, or None if it was killed at ``max_seconds``."""
    args = list(case.get("run", ["check"]))
    if "findings" in case and "--format" not in args:
        args += ["--format", "json"]
    memory = case.get("max_memory_mb", _DEFAULT_MEMORY_MB)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1", "COLUMNS": "200"}
    try:
        return subprocess.run(
            [sys.executable, "-m", "factcheck", *args],
            cwd=root,
            env=env,
            capture_output=True,
            text=True,
            timeout=case.get("max_seconds", _DEFAULT_SECONDS),
            preexec_fn=lambda: _limits(memory),
            check=False,
        )
    except subprocess.TimeoutExpired:
        return None


def _found(stdout: str) -> list[dict[str, Any]]:
    return [
        {"code": f["code"], "file": f["path"], "line": f["line"], "column": f["column"],
         "message": f["message"]}
        for f in json.loads(stdout)["findings"]
    ]  # fmt: skip


def _matches(expected: dict[str, Any], found: dict[str, Any]) -> bool:
    if any(found[k] != expected[k] for k in ("code", "line", "column")):
        return False
    if "file" in expected and Path(found["file"]).as_posix() != expected["file"]:
        return False
    return expected.get("message_contains", "") in found["message"]


def compare(expected: list[dict[str, Any]], found: list[dict[str, Any]]) -> None:
    left = list(found)
    missing = []
    for want in expected:
        match = next((f for f in left if _matches(want, f)), None)
        if match is None:
            missing.append(want)
        else:
            left.remove(match)
    assert not missing, f"expected, not reported: {missing}\nall reported: {found}"
    assert not left, f"reported, not expected: {left}"


CASE_PARAMS = [pytest.param(case, id=case_id) for case_id, case in load_cases()]


@pytest.mark.skipif(sys.platform == "win32", reason="the cases use fork limits and named pipes")
@pytest.mark.parametrize("case", CASE_PARAMS)
def test_hostile(case: dict[str, Any], tmp_path: Path) -> None:
    _write(case, tmp_path)
    result = run_case(case, tmp_path)
    if result is None:
        pytest.fail(f"no answer within {case.get('max_seconds', _DEFAULT_SECONDS)} s")
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    assert result.returncode == case["exit"], (
        f"exit code {result.returncode}, expected {case['exit']}\n{result.stderr[-2000:]}"
    )
    if "error" in case:
        assert case["error"] in result.stderr, result.stderr[-2000:]
    elif "stdout_contains" in case:
        assert case["stdout_contains"] in result.stdout, result.stdout[-2000:]
    else:
        compare(case["findings"], _found(result.stdout))
    for relative in case.get("absent", []):
        assert not (tmp_path / relative).exists(), f"{relative} was created"


# -- the table in docs/reliability.md ------------------------------------------------------

DOCS = ROOT / "docs" / "reliability.md"
_START, _END = "<!-- corpus: generated by `python -m tests.test_hostile` -->", "<!-- /corpus -->"


def _outcome(case: dict[str, Any]) -> str:
    if "error" in case:
        return f"stderr: `{case['error']}`"
    if "stdout_contains" in case:
        return f"stdout: `{case['stdout_contains']}`"
    found = [
        f"{f['code']} at {f.get('file', '?')}:{f['line']}:{f['column']}" for f in case["findings"]
    ]
    return ", ".join(found) or "no findings"


def corpus_table() -> str:
    """Every case of the corpus: what is hostile about it, and what it gets."""
    rows = ["| case | input | command | exit | returns |", "| --- | --- | --- | --- | --- |"]
    for case_id, case in load_cases():
        command = " ".join(case.get("run", ["check"]))
        about = case["about"].replace("|", "\\|")
        rows.append(f"| `{case_id}` | {about} | `{command}` | {case['exit']} | {_outcome(case)} |")
    return "\n".join(rows)


def _spliced(page: str) -> str:
    head, _, rest = page.partition(_START)
    _, _, tail = rest.partition(_END)
    return f"{head}{_START}\n{corpus_table()}\n{_END}{tail}"


def test_the_docs_list_every_case() -> None:
    page = DOCS.read_text("utf-8")
    assert _START in page, f"{DOCS} has lost its corpus markers"
    assert _END in page, f"{DOCS} has lost its corpus markers"
    assert page == _spliced(page), (
        "docs/reliability.md is stale: run `python -m tests.test_hostile`"
    )


if __name__ == "__main__":  # regenerate the table in docs/reliability.md
    DOCS.write_text(_spliced(DOCS.read_text("utf-8")), "utf-8")
