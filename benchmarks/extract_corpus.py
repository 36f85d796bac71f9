"""Precision and recall of `factcheck extract` on articles it was not built from.

tests/corpora/extract holds ten articles written in our own words from real ones
(figures as printed) and ``expected.yaml``, a hand annotation of every number in them:
whether it is a claim, and if so its subject, what it counts, its time and modality.
Each article is extracted into a new base (``init --places``, the starter metrics); a
proposal is matched, in order, to the first unmatched annotation whose value is the
same text or contains it ("more than 17,600" and "17,600").

- precision: proposals that are claims / proposals;
- recall: claims proposed / claims;
- of the claims proposed: subject right (the annotated place's id), as_of right (the
  periods overlap), modality right, and complete (subject, metric and as_of filled).

    python benchmarks/extract_corpus.py [--details]
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

from factcheck.api import load
from factcheck.authoring.articles import extract
from factcheck.authoring.scaffold import init, slug
from factcheck.config import load_settings
from factcheck.periods import parse_period

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "corpora" / "extract"


def _norm(text: str) -> str:
    return " ".join(str(text).split()).casefold()


def _matches(proposed: str, expected: str) -> bool:
    p, e = _norm(proposed), _norm(expected)
    return p == e or p in e or e in p


def measure(details: bool) -> Counter[str]:
    expected: dict[str, list[dict[str, Any]]] = yaml.safe_load(
        (CORPUS / "expected.yaml").read_text(encoding="utf-8")
    )
    counts: Counter[str] = Counter()
    for name, marked in expected.items():
        with tempfile.TemporaryDirectory() as folder:
            base = Path(folder) / "base"
            init(base, places=True)
            shutil.copy(CORPUS / name, base / "texts" / name)
            settings = load_settings(base / ".factcheck.toml")
            extract(settings, base / "texts" / name, "article")
            factbase, _ = load(settings)
            proposals = sorted(
                factbase.proposed_claims.values(),
                key=lambda e: (e.location.line, e.location.column),
            )
        taken: set[int] = set()
        counts["claims"] += sum(1 for a in marked if a.get("claim"))
        for entry in proposals:
            claim = entry.record
            counts["proposed"] += 1
            index = next(
                (i for i, a in enumerate(marked)
                 if i not in taken and _matches(claim.value, a["value"])),
                None,
            )  # fmt: skip
            if index is None or not marked[index].get("claim"):
                counts["false"] += 1
                if details:
                    why = "unmatched" if index is None else marked[index].get("why")
                    print(f"  {name}: proposed {claim.value!r}, not a claim ({why})")
                if index is not None:
                    taken.add(index)
                continue
            taken.add(index)
            wanted = marked[index]
            counts["true"] += 1
            counts["complete"] += not claim.missing
            if wanted.get("subject"):
                counts["with subject"] += 1
                if claim.subject is None:
                    counts["subject missing"] += 1
                elif claim.subject == slug(wanted["subject"]):
                    counts["subject right"] += 1
                elif details:
                    shown = f"{claim.value!r} subject {claim.subject}"
                    print(f"  {name}: {shown}, not {wanted['subject']}")
            if claim.as_of is not None and parse_period(str(wanted["as_of"])).overlaps(claim.as_of):
                counts["as_of right"] += 1
            elif details:
                print(f"  {name}: {claim.value!r} as_of {claim.as_of}, not {wanted['as_of']}")
            counts["modality right"] += str(claim.modality) == wanted.get("modality", "reported")
        if details:
            for i, a in enumerate(marked):
                if a.get("claim") and i not in taken:
                    print(f"  {name}: missed {a['value']!r} ({a.get('counts')})")
    return counts


def main() -> None:
    c = measure("--details" in sys.argv)
    print(
        f"precision {c['true']}/{c['proposed']} ({c['true'] / c['proposed']:.0%}); "
        f"recall {c['true']}/{c['claims']} ({c['true'] / c['claims']:.0%}); of the claims "
        f"proposed: subject right {c['subject right']}/{c['with subject']} "
        f"({c['subject missing']} left for a person), as_of right "
        f"{c['as_of right']}/{c['true']}, modality right {c['modality right']}/{c['true']}, "
        f"complete {c['complete']}/{c['true']}"
    )


if __name__ == "__main__":
    main()
