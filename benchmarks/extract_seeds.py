"""How much of the bundled fact base `factcheck extract` proposes from the five articles.

From an empty folder: ``factcheck init`` (with the gazetteer's places), the five seed
texts copied into it, ``factcheck extract`` on each with the bundled source's id and
date, then ``factcheck check``. For each claim of the bundled fact base that quotes an
article, a proposed claim *holds* its figure when it is of the same article, its
quote overlaps the bundled claim's quote, and its interval meets the bundled claim's.
A proposed claim is *complete* when subject, metric and as_of are all filled, and
*agrees* when they are the bundled claim's (as_of: the periods overlap).

Run twice: with init's starter metrics, and with the bundled fact base's own
registries (entities and metrics) copied in, as a newsroom with its own would.

    python benchmarks/extract_seeds.py [--details]
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path

from factcheck.api import check, load
from factcheck.authoring.articles import extract
from factcheck.authoring.scaffold import init
from factcheck.config import discover_settings, load_settings
from factcheck.factbase import FactBase
from factcheck.intervals import Interval

ROOT = Path(__file__).resolve().parent.parent


def _same_place(proposed: str, value: str, quote: str) -> bool:
    """Whether a proposed quote and a bundled one share a stretch of the article that
    holds the proposed figure."""
    a, b, v = (" ".join(t.split()).casefold() for t in (proposed, quote, value))
    match = SequenceMatcher(None, a, b, autojunk=False).find_longest_match()
    return v in a[match.a : match.a + match.size]


def _meet(a: Interval, b: Interval) -> bool:
    return not a.intersect(b).is_empty


@dataclass(frozen=True)
class Outcome:
    proposed: int
    complete: int
    held: int
    wanted: int
    agree: int
    errors: int


def run(bundled: FactBase, registries: bool, details: bool = False) -> Outcome:
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder) / "base"
        init(base, places=True)
        if registries:
            for name in ("entities.yaml", "metrics.yaml"):
                shutil.copy(ROOT / "claims" / name, base / "claims" / name)
        articles = {
            sid: e.record
            for sid, e in bundled.sources.items()
            if not e.record.reference and e.record.text
        }
        for sid, source in articles.items():
            assert source.text is not None
            target = base / "texts" / Path(source.text).name
            shutil.copy(bundled.settings.sources / source.text, target)
            extract(
                load_settings(base / ".factcheck.toml"), target, sid,
                title=source.title, published=str(source.published.when),
            )  # fmt: skip
        settings = load_settings(base / ".factcheck.toml")
        proposed, _ = load(settings)
        report = check(settings)
        errors = [f for f in report.findings if f.severity == "error"]
        held = agree = 0
        wanted = [e for e in bundled.claims.values() if e.record.source in articles]
        for entry in wanted:
            claim = entry.record
            reading = bundled.readings.get(claim.id)
            found = [
                (pid, p.record)
                for pid, p in proposed.proposed_claims.items()
                if p.record.source == claim.source
                and _same_place(p.record.quote, p.record.value, claim.quote)
                and pid in proposed.proposed_readings
                and reading is not None
                and not proposed.proposed_readings[pid]
                .interval.intersect(reading.interval)
                .is_empty
            ]
            held += bool(found)
            agreeing = [
                pid for pid, p in found
                if p.subject == claim.subject and p.metric == claim.metric
                and p.as_of is not None and p.as_of.overlaps(claim.as_of)
            ]  # fmt: skip
            agree += bool(agreeing)
            if details and not found:
                print(f"  missed {claim.id}: {claim.value!r}")
        claims = list(proposed.proposed_claims.values())
        complete = [e for e in claims if not e.record.missing]
        for f in errors if details else ():
            print("  ", f.code, f.message)
        return Outcome(len(claims), len(complete), held, len(wanted), agree, len(errors))


def main() -> None:
    details = "--details" in sys.argv
    bundled, _ = load(discover_settings(ROOT))
    for registries in (False, True):
        o = run(bundled, registries, details)
        label = "bundled registries" if registries else "starter metrics"
        print(
            f"{label}: {o.proposed} proposed, {o.complete} complete; hold {o.held}/{o.wanted} "
            f"({o.held / o.wanted:.0%}) of the bundled article claims' figures; {o.agree} held "
            f"by a complete proposal that agrees on subject, metric and time; check: "
            f"{o.errors} errors"
        )


if __name__ == "__main__":
    main()
