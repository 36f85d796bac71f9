"""The shape of a synthetic fact base (benchmarks/synthetic.py): the years, the
provinces with their cities and development zones, the firms they count and list, and
the metrics the claims are about."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from typing import Any

YEARS = (2019, 2020, 2021, 2022, 2023)
ZONES_PER_CITY = 2
CITIES_PER_PROVINCE = 8
CLAIMS_PER_FILE = 1_000
# Claims each city brings: zone firms (zones x years), city firms (years) and a hedged
# second report, high-tech firms and their share (years each), listed firms and batches
# (years each), a share of the province, and a yuan figure with its dollar conversion.
PER_CITY = ZONES_PER_CITY * len(YEARS) + len(YEARS) + 1 + 4 * len(YEARS) + 1 + 2
# Claims each province brings: firms, batch and share of the national batch, per year.
PER_PROVINCE = 3 * len(YEARS)
FX_DATES = tuple(f"2024-{month:02d}-15" for month in range(1, 13))

METRICS: list[dict[str, Any]] = [
    {
        "id": "firms",
        "description": "Registered industrial firms in the subject.",
        "measures": "count",
        "additive": True,
    },
    {
        "id": "high-tech-firms",
        "description": "Certified high-tech firms in the subject.",
        "measures": "count",
        "additive": True,
        "part_of": "firms",
    },
    {
        "id": "high-tech-share",
        "description": "Share of the subject's firms that are certified high-tech firms.",
        "measures": "share",
    },
    {
        "id": "firms-province-share",
        "description": "Share of the province's firms that are in the subject.",
        "measures": "share",
        "share_of": "firms",
        "share_within": "parent",
    },
    {
        "id": "listed-firms",
        "description": "Firms named in the subject's published lists up to a time.",
        "measures": "count",
        "additive": True,
        "cumulative": True,
    },
    {
        "id": "listed-batch",
        "description": "Firms named in the subject's list of one year.",
        "measures": "count",
        "additive": True,
    },
    {
        "id": "batch-share-of-national",
        "description": "Share of the national list of a year that is in the subject.",
        "measures": "share",
    },
    {
        "id": "firms-rank",
        "description": "The subject's rank by registered industrial firms among the members "
        "of the claim's scope (1 is the most).",
        "measures": "rank",
        "ranks": "firms",
    },
    {
        "id": "investment",
        "description": "Fixed-asset investment in the subject's industrial parks.",
        "measures": "money",
    },
    {
        "id": "patents",
        "description": "Invention patents granted to firms in the subject.",
        "measures": "count",
    },
    {
        "id": "cny-per-usd",
        "description": "Central parity of the yuan, yuan per US dollar.",
        "measures": "exchange-rate",
    },
]

SYLLABLES = (
    "an", "bai", "chang", "dong", "feng", "gu", "he", "jin", "kang", "lin", "ming", "nan",
    "ping", "qing", "rui", "shan", "tai", "wu", "xi", "yang", "zhou", "hua", "long", "yun",
)  # fmt: skip


@dataclass
class City:
    id: str
    name: str
    province: str
    zones: list[tuple[str, str]]  # (id, name)
    zone_firms: dict[str, list[int]]
    firms: list[int]
    high_tech: list[int]
    batches: list[int]
    investment_millions: int  # yuan, in millions, three significant figures when shown
    invest_year: int
    file: int = 0


@dataclass
class Province:
    id: str
    name: str
    cities: list[City]
    firms: list[int]
    batches: list[int]


def _name(rng: random.Random, used: set[str]) -> str:
    tries = 0
    while True:  # two syllables while they last, then longer names
        name = "".join(rng.choice(SYLLABLES) for _ in range(2 + tries // 8)).capitalize()
        tries += 1
        if name not in used:
            used.add(name)
            return name


def sizes(claims: int) -> tuple[int, int, int]:
    """Provinces, cities and padding claims for a target number of claims."""

    def total(cities: int) -> int:
        provinces = max(1, math.ceil(cities / CITIES_PER_PROVINCE))
        national = 2 * len(YEARS) + 1 + len(FX_DATES) + (len(YEARS) if provinces > 1 else 0)
        return cities * PER_CITY + provinces * PER_PROVINCE + national

    cities = 1
    if total(cities) > claims:
        raise ValueError(f"at least {total(1)} claims are needed")
    while total(cities + 1) <= claims:
        cities += 1
    return max(1, math.ceil(cities / CITIES_PER_PROVINCE)), cities, claims - total(cities)


def world(rng: random.Random, n_provinces: int, n_cities: int) -> list[Province]:
    used: set[str] = set()
    provinces = []
    for p in range(n_provinces):
        pid = f"p{p + 1:03d}"
        cities = []
        for c in range(p * CITIES_PER_PROVINCE, min(n_cities, (p + 1) * CITIES_PER_PROVINCE)):
            cid = f"{pid}-c{c - p * CITIES_PER_PROVINCE + 1:02d}"
            growth = [1 + rng.uniform(0.0, 0.12) for _ in YEARS]
            zones = [(f"{cid}-z{z + 1}", _name(rng, used)) for z in range(ZONES_PER_CITY)]
            zone_firms = {}
            for zid, _ in zones:
                base, series = rng.randint(60, 900), []
                for g in growth:
                    base = int(base * g)
                    series.append(base)
                zone_firms[zid] = series
            other = rng.randint(300, 6000)
            firms = []
            for i, g in enumerate(growth):
                other = int(other * g)
                firms.append(other + sum(s[i] for s in zone_firms.values()))
            high_tech = [int(f * rng.uniform(0.04, 0.35)) for f in firms]
            batches = [rng.randint(5, 120) for _ in YEARS]
            cities.append(
                City(
                    cid, _name(rng, used), pid, zones, zone_firms, firms, high_tech, batches,
                    rng.randint(100, 99_900), rng.choice(YEARS),
                ),
            )  # fmt: skip
        firms = [sum(c.firms[i] for c in cities) + rng.randint(500, 20_000) for i in range(5)]
        batches = [sum(c.batches[i] for c in cities) + rng.randint(0, 200) for i in range(5)]
        provinces.append(Province(pid, _name(rng, used), cities, firms, batches))
    return provinces


def registry(provinces: list[Province], n_files: int) -> dict[str, Any]:
    """The registry file: a source per claims file (and its press version), the
    reference sources, every entity with its parent, and the metrics."""
    sources: list[dict[str, Any]] = []
    for f in range(n_files):
        when = FX_DATES[f % len(FX_DATES)]
        for suffix, publisher in (("", "Provincial Daily"), ("-press", "City Evening News")):
            sources.append(
                {
                    "id": f"src-{f:03d}{suffix}",
                    "title": f"Industrial firms in {YEARS[0]}-{YEARS[-1]}, report {f + 1}",
                    "publisher": publisher,
                    "published": {"when": when, "basis": "stated"},
                }
            )
    for sid, title in (("ref-national", "National statistics"), ("ref-fx", "PBoC parity")):
        sources.append(
            {
                "id": sid,
                "title": title,
                "publisher": "factcheck reference data (synthetic)",
                "published": {"when": "2024-12-31", "basis": "stated"},
                "reference": True,
            }
        )
    entities: list[dict[str, Any]] = [{"id": "cn", "name": "China", "kind": "country"}]
    for p in provinces:
        entities.append({"id": p.id, "name": p.name, "kind": "province", "parent": "cn"})
        for c in p.cities:
            entities.append({"id": c.id, "name": c.name, "kind": "city", "parent": p.id})
            for zid, zname in c.zones:
                zone = {"id": zid, "name": f"{zname} Development Zone"}
                entities.append({**zone, "kind": "development-zone", "parent": c.id})
    return {"sources": sources, "entities": entities, "metrics": METRICS}
