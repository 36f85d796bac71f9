"""A deterministic generator of synthetic fact bases, for scale benchmarks (issue 6).

The base is shaped like the bundled one, only larger: one country, provinces, cities
inside provinces and development zones inside cities; counts of firms over five years,
written exactly or hedged and rounded ("about 1,200", "more than 300", "nearly 2,000",
"9.5 percent", "5.23 billion yuan ($736.6 million)"); and every kind of relation the
engine has:

- ratios: ``high-tech / firms == high-tech share`` (FC201), per city and year;
- sums over batches: ``listed in year Y == sum(batches up to Y)`` (FC201);
- a chain through derived unknowns: each province's batch is a share of an unknown
  national batch, which equals a reference figure, and the national batches add up to
  an unknown total that equals another reference figure (FC201, FC208);
- built-in rules: cumulative series (FC204, from ``cumulative: true``), part <= whole
  (FC203, from the entity hierarchy and ``additive: true``), claims that must agree
  (FC202, a hedged second report of a figure), shares of the parent entity (FC207, from
  ``share_of``), yuan/dollar conversions against reference parities (FC206), and the
  province with the most firms of each year "ranking first" among provinces (FC205, from
  ``ranks: firms``).

Apart from the planted conflicts the base is consistent: ``factcheck check`` run in the
output folder reports no errors. Each planted conflict is one claim changed so that one
relation fails; ``Planted`` names that claim, the relation and the codes of the error
findings that may report it (a written constraint fails as FC201, or as a derived
conflict, FC208, where two planted conflicts meet at one unknown: then the engine judges
the unknown's other relations untestable, FC209, and names a minimal set instead).

The claims are split over files of about 1,000 claims each (file-level caching can be
measured on them). Source texts are absent, so quotes are not verified; FC106 is ignored
in the generated ``.factcheck.toml``.

The world (years, provinces, cities, zones, metrics, the registry) is in
``synthetic_world.py``; how figures are worded, in ``figure_wording.py``.

    python benchmarks/synthetic.py OUTDIR --claims 10000 --conflicts 5 [--seed 0]
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
from dataclasses import asdict, dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from figure_wording import about, digits, hedged, percent
from synthetic_world import (
    CLAIMS_PER_FILE,
    FX_DATES,
    PER_CITY,
    YEARS,
    ZONES_PER_CITY,
    City,
    Province,
    registry,
    sizes,
    world,
)

# Conflict kinds, planted in turn: (kind, code expected).
KINDS = (
    ("ratio", "FC201"),
    ("batch-sum", "FC201"),
    ("cumulative", "FC204"),
    ("part-whole", "FC203"),
    ("chain", "FC201"),
    ("conversion", "FC206"),
    ("disagree", "FC202"),
    ("share", "FC207"),
    ("rank", "FC205"),
)


@dataclass(frozen=True)
class Conflict:
    """One planted conflict: ``claim`` was changed so that ``relation`` fails."""

    kind: str
    code: str  # the code expected
    claim: str
    relation: str
    constraint: str | None = None
    #: every code of an error finding that may report it (FC201 or FC208 for constraints)
    codes: tuple[str, ...] = ()


@dataclass
class Planted:
    folder: str
    claims: int
    constraints: int
    files: int
    seed: int
    conflicts: list[Conflict] = field(default_factory=list)

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=2)

    def missed(self, findings: list[dict[str, Any]]) -> list[Conflict]:
        """The planted conflicts no error finding reports (``findings`` as in
        ``factcheck check --format json``)."""
        errors = [f for f in findings if f["severity"] == "error"]
        return [
            conflict
            for conflict in self.conflicts
            if not any(
                f["code"] in conflict.codes
                and conflict.claim in f["claims"]
                and (conflict.constraint is None or conflict.constraint in f["message"])
                for f in errors
            )
        ]


# -- writing it down --------------------------------------------------------------------


class _Base:
    """Claims, constraints and unknowns as they are generated, grouped by file."""

    def __init__(self) -> None:
        self.claims: dict[int, list[dict[str, Any]]] = {}
        self.constraints: dict[int, list[dict[str, Any]]] = {}
        self.unknowns: dict[int, list[dict[str, Any]]] = {}
        self.index: dict[str, dict[str, Any]] = {}
        self.fx_rates: list[str] = []  # yuan per dollar at each of FX_DATES

    def claim(  # noqa: PLR0917
        self, file: int, cid: str, subject: str, metric: str, value: str, as_of: object,
        quote: str, source: str, **extra: Any,
    ) -> None:  # fmt: skip
        record = {
            "id": cid,
            "source": source,
            "quote": quote.format(value=value),
            "subject": subject,
            "metric": metric,
            "value": value,
            "as_of": str(as_of),
            **extra,
        }
        self.claims.setdefault(file, []).append(record)
        self.index[cid] = record

    def constraint(self, file: int, cid: str, description: str, expr: str) -> None:
        record = {"id": cid, "description": description, "expr": expr}
        self.constraints.setdefault(file, []).append(record)

    def unknown(self, file: int, uid: str, description: str) -> None:
        record = {"id": uid, "description": description, "measures": "count"}
        self.unknowns.setdefault(file, []).append(record)

    def set_value(self, cid: str, value: str) -> None:
        record = self.index[cid]
        old = record["value"]
        record["value"] = value
        record["quote"] = record["quote"].replace(old, value)


def _city_claims(base: _Base, city: City, province: Province, rng: random.Random) -> None:
    f, src = city.file, f"src-{city.file:03d}"
    for zid, zname in city.zones:
        for i, year in enumerate(YEARS):
            base.claim(
                f, f"{zid}-firms-{year}", zid, "firms", hedged(city.zone_firms[zid][i], rng),
                year, f"{zname} Development Zone was home to {{value}} firms in {year}", src,
            )  # fmt: skip
    for i, year in enumerate(YEARS):
        cid = city.id
        base.claim(
            f, f"{cid}-firms-{year}", cid, "firms", digits(city.firms[i]), year,
            f"{city.name} had {{value}} registered industrial firms at the end of {year}", src,
        )  # fmt: skip
        base.claim(
            f, f"{cid}-high-tech-{year}", cid, "high-tech-firms", digits(city.high_tech[i]),
            year, f"of which {{value}} were certified high-tech firms in {year}", src,
        )  # fmt: skip
        base.claim(
            f, f"{cid}-high-tech-share-{year}", cid, "high-tech-share",
            percent(city.high_tech[i], city.firms[i]), year,
            f"high-tech firms made up {{value}} of the city's firms in {year}", src,
        )  # fmt: skip
        base.constraint(
            f, f"{cid}-high-tech-ratio-{year}",
            f"{city.name}'s high-tech firms over its firms in {year} is the stated share",
            f"{cid}-high-tech-{year} / {cid}-firms-{year} == {cid}-high-tech-share-{year}",
        )  # fmt: skip
        base.claim(
            f, f"{cid}-batch-{year}", cid, "listed-batch", digits(city.batches[i]), year,
            f"{{value}} firms from {city.name} were named in the {year} list", src,
        )  # fmt: skip
        base.claim(
            f, f"{cid}-listed-{year}", cid, "listed-firms", digits(sum(city.batches[: i + 1])),
            year, f"{city.name} had {{value}} listed firms in total by {year}", src,
        )  # fmt: skip
        batches = ", ".join(f"{cid}-batch-{y}" for y in YEARS[: i + 1])
        base.constraint(
            f, f"{cid}-listed-sum-{year}",
            f"{city.name}'s listed firms in {year} are the sum of its yearly lists",
            f"{cid}-listed-{year} == sum({batches})",
        )  # fmt: skip
    # A second, rounder report of the last year's figure, from another article.
    base.claim(
        f, f"{city.id}-firms-{YEARS[-1]}-press", city.id, "firms", about(city.firms[-1]),
        YEARS[-1], "the city is now home to {value} industrial firms", f"src-{f:03d}-press",
    )  # fmt: skip
    base.claim(
        f, f"{city.id}-province-share-{YEARS[-1]}", city.id, "firms-province-share",
        percent(city.firms[-1], province.firms[-1]), YEARS[-1],
        f"{city.name} holds {{value}} of {province.name}'s industrial firms", src,
    )  # fmt: skip
    # A conversion: "5.23 billion yuan ($736.6 million)" at the parity of publication.
    shown = city.investment_millions
    if shown < 1000:  # under a billion: "420 million yuan"
        yuan_text, yuan_value = f"{shown} million yuan", Fraction(shown) * 10**6
    else:  # "5.23 billion yuan"
        billions = Fraction(round(Fraction(shown, 10))) / 100
        yuan_text, yuan_value = f"{float(billions):.2f} billion yuan", billions * 10**9
    rate = Fraction(base.fx_rates[f % len(FX_DATES)]).limit_denominator(10**4)
    dollars = yuan_value / rate / 10**6
    dollar_text = f"${float(dollars):,.1f} million"
    quote = f"investment of {yuan_text} ({dollar_text}) in its parks in {city.invest_year}"
    for cid, text in ((f"{city.id}-investment-cny", yuan_text),
                      (f"{city.id}-investment-usd", dollar_text)):  # fmt: skip
        base.claim(f, cid, city.id, "investment", text, city.invest_year, quote, src)


def _province_claims(
    base: _Base, province: Province, file: int, national: list[int], rng: random.Random
) -> None:
    src, pid = f"src-{file:03d}", province.id
    for i, year in enumerate(YEARS):
        base.claim(
            file, f"{pid}-firms-{year}", pid, "firms", hedged(province.firms[i], rng), year,
            f"{province.name} Province counted {{value}} industrial firms in {year}", src,
        )  # fmt: skip
        base.claim(
            file, f"{pid}-batch-{year}", pid, "listed-batch", digits(province.batches[i]),
            year, f"{{value}} firms of {province.name} made the national list of {year}", src,
        )  # fmt: skip
        base.claim(
            file, f"{pid}-batch-share-{year}", pid, "batch-share-of-national",
            percent(province.batches[i], national[i]), year,
            f"{{value}} of the national list of {year}", src,
        )  # fmt: skip
        base.constraint(
            file, f"{pid}-batch-of-national-{year}",
            f"{province.name}'s firms are the stated share of the national list of {year}",
            f"{pid}-batch-{year} == cn-batch-{year} * {pid}-batch-share-{year}",
        )  # fmt: skip


def _rank_claim(base: _Base, province: Province, year: int, file: int) -> str:
    cid = f"{province.id}-firms-rank-{year}"
    base.claim(
        file, cid, province.id, "firms-rank", "ranking first", year,
        f"{province.name} Province had the most industrial firms in {year}, {{value}}",
        f"src-{file:03d}", scope="province",
    )  # fmt: skip
    return cid


def _change(kind: str, base: _Base, city: City, province: Province, i: int) -> tuple[str, str]:
    """Change one claim so that one relation of ``kind`` fails: (claim, relation)."""
    year, cid = YEARS[i], city.id
    if kind == "ratio":
        claim, relation = f"{cid}-high-tech-share-{year}", f"{cid}-high-tech-ratio-{year}"
        share = Fraction(city.high_tech[i], city.firms[i])
        base.set_value(claim, percent(share + Fraction(3, 20), 1))
    elif kind == "batch-sum":
        claim, relation = f"{cid}-batch-{year}", f"{cid}-listed-sum-{year}"
        base.set_value(claim, digits(city.batches[i] * 2 + 7))
    elif kind == "cumulative":
        claim, relation = f"{cid}-listed-{year}", f"{cid}-listed-{YEARS[i - 1]}"
        base.set_value(claim, digits(sum(city.batches[:i]) // 2))
    elif kind == "part-whole":
        zid = city.zones[0][0]
        claim, relation = f"{zid}-firms-{year}", f"{cid}-firms-{year}"
        base.set_value(claim, digits(city.firms[i] * 2 + 13))
    elif kind == "chain":
        pid = province.id
        claim, relation = f"{pid}-batch-share-{year}", f"{pid}-batch-of-national-{year}"
        old = Fraction(base.index[claim]["value"].split()[0])
        new = old * 2 + 1 if old < 45 else old / 2
        base.set_value(claim, f"{float(new):.1f} percent")
    elif kind == "conversion":
        claim, relation = f"{cid}-investment-usd", f"{cid}-investment-cny"
        amount = Fraction(base.index[claim]["value"].split()[0][1:].replace(",", ""))
        base.set_value(claim, f"${float(amount * Fraction(13, 10)):,.1f} million")
    elif kind == "rank":  # a second province "ranking first", well behind the first
        claim, relation = (
            f"{province.id}-firms-{year}",
            _rank_claim(base, province, year, province.cities[0].file),
        )
        base.set_value(claim, digits(province.firms[i]))  # unhedged: bounded above
    elif kind == "disagree":
        claim, relation = f"{cid}-firms-{YEARS[-1]}-press", f"{cid}-firms-{YEARS[-1]}"
        base.set_value(claim, about(city.firms[-1] * 2))
    else:  # share of the parent, built in
        claim, relation = f"{cid}-province-share-{YEARS[-1]}", f"{cid}-firms-{YEARS[-1]}"
        share = Fraction(city.firms[-1], province.firms[-1])
        base.set_value(claim, percent(share + (Fraction(1, 5) if share < 0.5 else -share / 2), 1))
    return claim, relation


def _plant(
    base: _Base, provinces: list[Province], conflicts: int, rng: random.Random
) -> list[Conflict]:
    cities = [c for p in provinces for c in p.cities]
    by_id = {p.id: p for p in provinces}
    if conflicts > len(cities):
        raise ValueError(f"{conflicts} conflicts need at least as many cities ({len(cities)})")
    chosen = sorted(rng.sample(range(len(cities)), conflicts))
    chain_provinces: set[str] = set()
    planted = []
    for n, index in enumerate(chosen):
        city = cities[index]
        kind, code = KINDS[n % len(KINDS)]
        i = rng.randrange(1, len(YEARS))
        if kind == "chain" and city.province in chain_provinces:
            kind, code = "ratio", "FC201"  # one chain conflict per province
        province = by_id[city.province]
        if kind == "chain":
            chain_provinces.add(province.id)
        if kind == "rank":  # the province with the fewest firms, if well behind the first
            province = min(provinces, key=lambda p: p.firms[i])
            top = max(provinces, key=lambda p: p.firms[i])
            taken = f"{province.id}-firms-rank-{YEARS[i]}" in base.index
            if taken or province is top or province.firms[i] * 5 > top.firms[i] * 4:
                kind, code, province = "ratio", "FC201", by_id[city.province]
        claim, relation = _change(kind, base, city, province, i)
        written = code == "FC201"  # a written constraint: may show as a derived conflict
        codes = (code, "FC208") if written else (code,)
        planted.append(Conflict(kind, code, claim, relation, relation if written else None, codes))
    return planted


def _dump(data: dict[str, Any]) -> str:
    header = "# Generated by benchmarks/synthetic.py: a synthetic fact base.\n"
    return header + yaml.dump(
        data, Dumper=Dumper, sort_keys=False, allow_unicode=True, width=10_000
    )


Dumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def generate(folder: Path, claims: int, conflicts: int, seed: int = 0) -> Planted:
    """Write a synthetic fact base of ``claims`` claims into ``folder`` (replacing its
    ``claims/`` and ``constraints/``), with ``conflicts`` planted conflicts."""
    rng = random.Random(seed)
    n_provinces, n_cities, padding = sizes(claims)
    provinces = world(rng, n_provinces, n_cities)
    cities_per_file = max(1, CLAIMS_PER_FILE // PER_CITY)
    cities = [c for p in provinces for c in p.cities]
    for n, city in enumerate(cities):
        city.file = n // cities_per_file
    n_files = cities[-1].file + 1

    base = _Base()
    base.fx_rates = [f"{rng.uniform(6.9, 7.3):.4f}" for _ in FX_DATES]
    national = [sum(p.batches[i] for p in provinces) + rng.randint(0, 500) for i in range(5)]
    for province in provinces:
        for city in province.cities:
            _city_claims(base, city, province, rng)
        _province_claims(base, province, province.cities[0].file, national, rng)
    if len(provinces) > 1:
        for i, year in enumerate(YEARS):  # the province with the most firms ranks first
            top = max(provinces, key=lambda p: p.firms[i])
            _rank_claim(base, top, year, top.cities[0].file)
    for i, year in enumerate(YEARS):
        base.claim(
            n_files, f"cn-firms-{year}", "cn", "firms",
            about(sum(p.firms[i] for p in provinces) + rng.randint(1000, 50_000)), year,
            f"the country had {{value}} industrial firms in {year}", "ref-national",
        )  # fmt: skip
        base.claim(
            n_files, f"ref-cn-batch-{year}", "cn", "listed-batch", digits(national[i]), year,
            f"{year},{{value}}", "ref-national",
        )  # fmt: skip
        base.unknown(n_files, f"cn-batch-{year}", f"The size of the national list of {year}.")
        base.constraint(
            n_files, f"cn-batch-published-{year}", f"the national list of {year} as published",
            f"cn-batch-{year} == ref-cn-batch-{year}",
        )  # fmt: skip
    base.claim(
        n_files, "ref-cn-listed", "cn", "listed-firms", digits(sum(national)), YEARS[-1],
        "total,{value}", "ref-national",
    )  # fmt: skip
    base.unknown(n_files, "cn-listed-total", "Firms in all national lists together.")
    batches = ", ".join(f"cn-batch-{y}" for y in YEARS)
    base.constraint(
        n_files, "cn-lists-add-up", "the national lists add up to the derived total",
        f"cn-listed-total == sum({batches})",
    )  # fmt: skip
    base.constraint(
        n_files, "cn-listed-published", "the derived total is the published total",
        "cn-listed-total == ref-cn-listed",
    )  # fmt: skip
    for date, rate in zip(FX_DATES, base.fx_rates, strict=True):
        base.claim(
            n_files, f"ref-cny-usd-{date}", "cn", "cny-per-usd", rate, date,
            f"{date},{{value}}", "ref-fx",
        )  # fmt: skip
    for n in range(padding):
        city = cities[n % len(cities)]
        zid, zname = city.zones[n // len(cities) % ZONES_PER_CITY]
        count = rng.randint(3, 4000)
        # one claim per zone and month: claims of one time would have to agree (FC202)
        k = n // (len(cities) * ZONES_PER_CITY)
        slot = f"{YEARS[k % len(YEARS)]}-{k // len(YEARS) + 1:02d}"
        base.claim(
            city.file, f"{zid}-patents-{n}", zid, "patents", hedged(count, rng),
            slot, f"firms in {zname} were granted {{value}} patents",
            f"src-{city.file:03d}",
        )  # fmt: skip
    planted = _plant(base, provinces, conflicts, rng)

    files = _write(folder, base, provinces, n_files)
    return Planted(
        folder=str(folder),
        claims=sum(len(c) for c in base.claims.values()),
        constraints=sum(len(c) for c in base.constraints.values()),
        files=files,
        seed=seed,
        conflicts=planted,
    )


def _write(folder: Path, base: _Base, provinces: list[Province], n_files: int) -> int:
    """Write the base into ``folder``; return the number of YAML files."""
    for sub in ("claims", "constraints"):
        shutil.rmtree(folder / sub, ignore_errors=True)
        (folder / sub).mkdir(parents=True)
    (folder / ".factcheck.toml").write_text(
        'claims = "claims"\nconstraints = "constraints"\nsources = "texts"\nignore = ["FC106"]\n'
    )
    (folder / "claims" / "registry.yaml").write_text(_dump(registry(provinces, n_files)))
    files = 1
    for f in sorted(base.claims):
        name = "national" if f == n_files else f"part-{f:04d}"
        (folder / "claims" / f"{name}.yaml").write_text(_dump({"claims": base.claims[f]}))
        files += 1
    for f in sorted(set(base.constraints) | set(base.unknowns)):
        name = "national" if f == n_files else f"part-{f:04d}"
        data: dict[str, Any] = {}
        if f in base.unknowns:
            data["unknowns"] = base.unknowns[f]
        data["constraints"] = base.constraints.get(f, [])
        (folder / "constraints" / f"{name}.yaml").write_text(_dump(data))
        files += 1
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--claims", type=int, default=10_000)
    parser.add_argument("--conflicts", type=int, default=0)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    try:
        planted = generate(args.outdir, args.claims, args.conflicts, args.seed)
    except ValueError as error:
        print(error, file=sys.stderr)
        return 2
    print(planted.to_json())
    return 0


if __name__ == "__main__":
    sys.exit(main())
