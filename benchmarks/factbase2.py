"""How `factcheck check` agrees with a careful human on a second, independent fact base.

tests/fixtures/factbase2 holds claims from real little-giant articles that are not the
bundled base's sources, and ``expected.yaml`` a human's verdict (holds, violated,
untestable) on every constraint and every built-in relation factcheck should derive.
This prints, per entry, the human's verdict and factcheck's, and the agreement.

    python benchmarks/factbase2.py               # the summary and every disagreement
    python benchmarks/factbase2.py --all         # every entry
    python benchmarks/factbase2.py --json F      # every entry's verdict, to compare runs

Run it from another checkout (``--root``) to see the verdicts before a change.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Mapping
from pathlib import Path

import yaml

from factcheck import api
from factcheck.config import discover_settings

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "factbase2"


def expected_entries(fixture: Path = FIXTURE) -> list[dict[str, object]]:
    """The human's entries: ``key`` (a constraint id or a built-in relation's), ``verdict``."""
    data = yaml.safe_load((fixture / "expected.yaml").read_text(encoding="utf-8"))
    entries = [{"key": e["id"], **e} for e in data["constraints"]]
    entries += [{"key": e["relation"], **e} for e in data["builtin"]]
    return entries


def engine_verdicts(fixture: Path = FIXTURE) -> dict[str, str]:
    """factcheck's verdict on every relation of the fixture, by relation id; a rank or a
    conversion reported only as untestable (no relation made) under ``rank:<claim>`` or
    ``conversion:<yuan>/<dollars>``; a rank's relations also summed up under
    ``rank:<claim>`` (violated if any is, else holds)."""
    settings = discover_settings(fixture)
    factbase, _ = api.load(settings)
    result = api.run_engine(factbase)
    found = {rid: str(v.status) for rid, v in result.verdicts.items()}
    for rid, status in list(found.items()):
        if rid.startswith("rank:") and rid.count(":") >= 2:
            summary = "rank:" + rid.split(":")[1]
            if found.get(summary) != "violated":
                found[summary] = "violated" if status == "violated" else found.get(summary, status)
    for note in result.model.untestable:
        text = str(getattr(note, "message", ""))
        claims = tuple(getattr(note, "claims", ()))
        written = re.match(r"constraint '([^']+)'", text)
        if written:
            found.setdefault(written.group(1), "untestable")
        elif "rank" in text and len(claims) == 1:
            found.setdefault(f"rank:{claims[0]}", "untestable")
        elif "conversion" in text and len(claims) == 2:
            found.setdefault(f"conversion:{claims[0]}/{claims[1]}", "untestable")
    return found


def compare(
    entries: list[dict[str, object]], found: Mapping[str, str]
) -> list[tuple[str, str, str]]:
    """(key, expected, found) for every entry; found is ``missing`` when no relation."""
    keys = [str(e["key"]) for e in entries]
    return [
        (k, str(e["verdict"]), found.get(k, "missing")) for k, e in zip(keys, entries, strict=True)
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--all", action="store_true", help="print every entry")
    parser.add_argument("--json", type=Path, help="write every entry's verdicts here")
    parser.add_argument(
        "--fixture", type=Path, default=FIXTURE, help="the fact base with expected.yaml"
    )
    args = parser.parse_args(argv)
    rows = compare(expected_entries(args.fixture), engine_verdicts(args.fixture))
    agree = sum(expected == found for _, expected, found in rows)
    for key, expected, found in rows:
        if args.all or expected != found:
            mark = "  " if expected == found else "✗ "
            print(f"{mark}{key}: expected {expected}, factcheck {found}")
    print(f"agreement: {agree} of {len(rows)} ({100 * agree / len(rows):.1f}%)")
    if args.json:
        args.json.write_text(
            json.dumps({k: {"expected": e, "found": f} for k, e, f in rows}, indent=1) + "\n",
            encoding="utf-8",
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
