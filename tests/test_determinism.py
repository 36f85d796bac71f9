"""Determinism: the same input gives the same answer, whatever order it is written in
and whatever process computes it.

1. The order of the relations: tests/test_engine_order.py.
2. The order of the files and of the records in them does not change the report.
3. Reports are byte-identical across processes with different hash seeds, with and
   without the parse cache.
"""

from __future__ import annotations

import dataclasses
import difflib
import json
import os
import re
import subprocess
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.api import check
from factcheck.cli.common import ReportFormat
from factcheck.config import Settings, discover_settings
from factcheck.loader import YAML_SUFFIXES
from factcheck.report import Report
from factcheck.yamlsource import load_yaml_text

from .conftest import ROOT, SHARED, WriteTree
from .test_engine_order import _WITH_CONSTRAINTS, _findings

# -- 2. the order of files and records -------------------------------------------------


def _yaml_files(folder: Path) -> list[Path]:
    files = sorted(p for p in folder.rglob("*") if p.suffix in YAML_SUFFIXES)
    assert all(p.parent == folder for p in files), "the copy below flattens no folders"
    return files


def _permuted_copy(data: st.DataObject, destination: Path) -> None:
    """Copy the bundled claims and constraints files into ``destination``, renamed so
    that they sort in a drawn order, with the records of every section permuted.

    Files are read with factcheck's own YAML reader (timestamps such as 2023-09-21 stay
    strings, as factcheck sees them) and written with ``yaml.safe_dump``, which quotes
    any string that would otherwise read as a date, a number or a boolean; reading the
    copy back must give exactly the permuted data, so every quote and value is kept."""
    for folder in ("claims", "constraints"):
        (destination / folder).mkdir()
        files = data.draw(st.permutations(_yaml_files(ROOT / folder)), label=folder)
        for rank, source in enumerate(files):
            document, problems = load_yaml_text(source.name, source.read_bytes())
            assert document is not None
            assert not problems
            content = document.data
            for section, records in content.items():
                if isinstance(records, list):
                    label = f"{folder}/{source.name}: {section}"
                    content[section] = data.draw(st.permutations(records), label=label)
            text = yaml.safe_dump(
                content, default_flow_style=False, allow_unicode=True, sort_keys=False
            )
            again, problems = load_yaml_text(source.name, text.encode("utf-8"))
            assert again is not None
            assert not problems
            assert again.data == content
            (destination / folder / f"{rank:02d}-{source.name}").write_text(text, "utf-8")


#: A file, with its line and column if given, inside a message: locations differ.
_PLACE = re.compile(r"[^\s'\"(),]*\.ya?ml(?::\d+){0,2}")


def _placeless(text: str) -> str:
    return _PLACE.sub("<file>", text)


def _comparable(report: Report) -> dict[str, Any]:
    """Everything in the report but where things are written."""
    findings = Counter(
        (
            f.code,
            f.slug,
            f.severity,
            _placeless(f.message),
            f.claims,
            f.constraint,
            f.acknowledged,
            tuple(sorted(_placeless(r.message) for r in f.related)),
        )
        for f in report.findings
    )
    counts = dict(report.counts)
    checked = Counter((c.kind, c.id, c.verdict) for c in report.checked)
    return {"findings": findings, "counts": counts, "checked": checked, "failed": report.failed}


@pytest.fixture(scope="module")
def bundled() -> tuple[Settings, dict[str, Any]]:
    """The bundled fact base's settings and its report, checked once."""
    if not (SHARED / "seeds").is_dir():
        pytest.skip(f"the bundled fact base's source texts are not at {SHARED / 'seeds'}")
    base = discover_settings(ROOT)
    return base, _comparable(check(base))


# Each example copies and checks the whole bundled fact base (about 0.1-0.5 s), so a
# few examples; each draws a permutation of a dozen files and of every section in them.
@settings(max_examples=5, deadline=None)
@given(data=st.data())
def test_the_order_of_files_and_records_does_not_change_the_report(
    data: st.DataObject,
    bundled: tuple[Settings, dict[str, Any]],
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    base, expected = bundled
    copy = tmp_path_factory.mktemp("permuted")
    _permuted_copy(data, copy)
    settings_ = dataclasses.replace(
        base, root=copy, claims=copy / "claims", constraints=copy / "constraints"
    )
    assert _comparable(check(settings_)) == expected


_SHARES = """\
metrics:
  - {id: provincial, description: Provincial firms, measures: count, additive: true}
  - id: provincial-share
    description: A sector's share of the provincial firms
    measures: share
    share_of: provincial
claims:
  - {id: total, source: s, quote: the capital had 200 provincial firms,
     subject: beijing, metric: provincial, value: "200", as_of: 2022}
  - {id: share, source: s, quote: or 46 percent, subject: beijing,
     metric: provincial-share, qualifiers: {sector: health}, value: 46 percent, as_of: 2022}
"""
#: Two claims of the same part: they agree ("about 100" is 90 to 110).
_PARTS = {
    "exact": (
        "  - {id: exact, source: s, quote: 100 of them in health, subject: beijing,\n"
        '     metric: provincial, qualifiers: {sector: health}, value: "100", as_of: 2022}\n'
    ),
    "about": (
        "  - {id: about, source: s, quote: about 100 health firms, subject: beijing,\n"
        "     metric: provincial, qualifiers: {sector: health}, value: about 100, as_of: 2022}\n"
    ),
}
_SHARES_TEXT = (
    "By September, the capital had 590 firms, ranking first. By then the capital had 200 "
    "provincial firms, 100 of them in health, or 46 percent; about 100 health firms.\n"
)
#: The written share names "about", not "exact".
_SHARE_CONSTRAINT = """\
constraints:
  - {id: share-of-total, description: the share, expr: about / total == share}
"""


def test_the_order_of_two_agreeing_claims_does_not_change_the_report(
    write_tree: WriteTree,
) -> None:
    """Two claims state the same part, and a constraint states the share with one of
    them: which of the two is written first should not change the findings."""
    reports = []
    for order in (["about", "exact"], ["exact", "about"]):
        root = write_tree(
            {
                "pyproject.toml": _WITH_CONSTRAINTS,
                "texts/article.txt": _SHARES_TEXT,
                "claims/shares.yaml": _SHARES + "".join(_PARTS[p] for p in order),
                "constraints/c.yaml": _SHARE_CONSTRAINT,
            }
        )
        report = check(discover_settings(root))
        reports.append((_findings(report), dict(report.counts)["relations"]))
    assert reports[0] == reports[1]


# -- 3. across processes ---------------------------------------------------------------

FORMATS = [str(f) for f in ReportFormat if f is not ReportFormat.AUTO]

#: Runs `check` and `lint DRAFT...` in every format through the typer app in this one
#: process (standalone_mode=False returns the exit code instead of exiting), writing
#: each report to OUT/<command>.<format>; prints the exit codes as JSON.
_CHILD = """
import json, sys
from pathlib import Path
from factcheck.cli import app
out, formats, drafts = Path(sys.argv[1]), sys.argv[2].split(","), sys.argv[3:]
codes = {}
for fmt in formats:
    for command, args in (("check", []), ("lint", drafts)):
        name = f"{command}.{fmt}"
        argv = [command, "--format", fmt, "--output-file", str(out / name), *args]
        codes[name] = app(argv, standalone_mode=False, prog_name="factcheck")
print(json.dumps(codes, sort_keys=True))
"""


def _run_child(seed: int, cache: Path, out: Path, drafts: Sequence[str]) -> dict[str, int]:
    out.mkdir()
    env = {**os.environ, "PYTHONHASHSEED": str(seed), "FACTCHECK_CACHE_DIR": str(cache)}
    env.pop("GITHUB_ACTIONS", None)
    child = subprocess.run(
        [sys.executable, "-c", _CHILD, str(out), ",".join(FORMATS), *drafts],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert child.returncode == 0, child.stderr[-3000:]
    codes: dict[str, int] = json.loads(child.stdout)
    return codes


def _differences(first: Path, second: Path) -> list[str]:
    names = sorted({p.name for p in first.iterdir()} | {p.name for p in second.iterdir()})
    problems = []
    for name in names:
        a, b = first / name, second / name
        if not (a.is_file() and b.is_file()):
            problems.append(f"{name}: written by one run only")
        elif a.read_bytes() != b.read_bytes():
            diff = difflib.unified_diff(
                a.read_text("utf-8").splitlines(),
                b.read_text("utf-8").splitlines(),
                str(a),
                str(b),
                lineterm="",
            )
            problems.append("\n".join(list(diff)[:40]))
    return problems


def test_reports_are_byte_identical_across_processes_and_hash_seeds(tmp_path: Path) -> None:
    """`check` on the bundled fact base and `lint` on the bundled drafts, in every
    format, in three processes: hash seeds 1 and 2, each with an empty cache folder,
    and seed 3 with the cache the second run filled. Every report is the same bytes.
    (One process per run: the formats loop in-process, so this takes a few seconds.)"""
    if not (SHARED / "seeds").is_dir():
        pytest.skip(f"the bundled fact base's source texts are not at {SHARED / 'seeds'}")
    drafts = sorted(
        p.relative_to(ROOT).as_posix() for p in (ROOT / "tests/fixtures/drafts").glob("*.md")
    )
    assert drafts
    cold, warm = tmp_path / "cache-1", tmp_path / "cache-2"
    cold.mkdir()
    warm.mkdir()
    runs = [
        _run_child(1, cold, tmp_path / "seed-1", drafts),
        _run_child(2, warm, tmp_path / "seed-2", drafts),
    ]
    cached = sorted(p.name for p in warm.iterdir())
    assert cached, "the second run filled no cache: the third would test nothing"
    runs.append(_run_child(3, warm, tmp_path / "seed-3-warm-cache", drafts))
    assert sorted(p.name for p in warm.iterdir()) == cached, "the warm run missed the cache"
    expected = {f"{command}.{fmt}" for command in ("check", "lint") for fmt in FORMATS}
    assert {p.name for p in (tmp_path / "seed-1").iterdir()} == expected
    assert all(codes == runs[0] for codes in runs)
    assert all((tmp_path / "seed-1" / name).stat().st_size > 0 for name in expected)
    for other in ("seed-2", "seed-3-warm-cache"):
        assert _differences(tmp_path / "seed-1", tmp_path / other) == []


#: Writes `factcheck graph` in every format to OUT/graph.<format>, in the working folder.
_GRAPH_CHILD = """
import sys
from pathlib import Path
from factcheck.cli import app
out = Path(sys.argv[1])
for fmt in ("html", "dot", "graphml"):
    argv = ["graph", "--format", fmt, "--output-file", str(out / f"graph.{fmt}")]
    assert app(argv, standalone_mode=False, prog_name="factcheck") in (0, None)
"""


def _several_components(groups: int = 6) -> dict[str, str]:
    """A fact base of ``groups`` separate chains of unknowns, a few joined to the one
    claim, one of them violated: small components beside larger ones, as networkx
    iterates them through sets."""
    unknowns, constraints = [], []
    for group in range(groups):
        size = 2 + group
        for i in range(size):
            unknowns.append(f"  - {{id: g{group}-u{i}, description: u, measures: count}}")
        for i in range(size - 1):
            expr = f"g{group}-u{i + 1} >= g{group}-u{i} + {group}"
            constraints.append(f"  - {{id: g{group}-c{i}, description: c, expr: {expr}}}")
        if group % 2:
            expr = f"g{group}-u0 == bj-firms" if group != 3 else f"g{group}-u0 >= bj-firms + 1"
            constraints.append(f"  - {{id: g{group}-anchor, description: a, expr: {expr}}}")
    constraints.append("  - {id: too-few, description: at most 500, expr: bj-firms <= 500}")
    text = "\n".join(["unknowns:", *unknowns, "constraints:", *constraints]) + "\n"
    return {"constraints/c.yaml": text, "pyproject.toml": _WITH_CONSTRAINTS}


def _run_graph_child(seed: int, folder: Path, out: Path) -> None:
    out.mkdir()
    env = {**os.environ, "PYTHONHASHSEED": str(seed), "PYTHONPATH": str(ROOT)}
    child = subprocess.run(
        [sys.executable, "-c", _GRAPH_CHILD, str(out)],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert child.returncode == 0, child.stderr[-3000:]


@pytest.mark.parametrize("base", ["bundled", "generated"])
def test_graphs_are_byte_identical_across_hash_seeds(
    base: str, write_tree: WriteTree, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """`factcheck graph` in every format, in processes with hash seeds 1, 2 and 3: the
    same bytes. The HTML page's layout summed forces over a subgraph's edges in the
    order networkx iterates them, which for a small component follows the set that made
    it, and so the seed: coordinates moved by 0.1."""
    if base == "bundled":
        if not (SHARED / "seeds").is_dir():
            pytest.skip(f"the bundled fact base's source texts are not at {SHARED / 'seeds'}")
        folder = ROOT
    else:
        folder = write_tree(_several_components())
    runs = tmp_path_factory.mktemp("graphs")
    for seed in (1, 2, 3):
        _run_graph_child(seed, folder, runs / f"seed-{seed}")
    assert {p.name for p in (runs / "seed-1").iterdir()} == {
        "graph.html",
        "graph.dot",
        "graph.graphml",
    }
    for other in ("seed-2", "seed-3"):
        assert _differences(runs / "seed-1", runs / other) == []
