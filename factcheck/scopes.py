"""What a rank is among. A claim's ``scope`` names a kind of entity (``city``,
``province``, ``district``), optionally within one entity of the registry
(``city in zhejiang``: the cities of Zhejiang). A province-level city (Beijing) is both
a city and a province."""

from __future__ import annotations

import re
from dataclasses import dataclass

from factcheck.model import EntityKind

__all__ = ["SCOPE_KINDS", "Scope", "parse_scope"]

#: A scope names the kinds of its members; a province-level city is both.
SCOPE_KINDS: dict[str, frozenset[str]] = {
    "city": frozenset({EntityKind.CITY, EntityKind.MUNICIPALITY}),
    "province": frozenset({EntityKind.PROVINCE, EntityKind.MUNICIPALITY}),
    **{
        kind.value: frozenset({kind.value})
        for kind in EntityKind
        if kind.value not in {"city", "province"}
    },
}

_SCOPE = re.compile(r"(?P<kind>[a-z][a-z-]*?)(?:\s+in\s+(?P<within>\S+))?")


@dataclass(frozen=True, slots=True)
class Scope:
    kinds: frozenset[str]
    within: str | None = None  # an entity id: members are below it


def parse_scope(text: str) -> Scope:
    """Read a scope; ``ValueError`` says what is wrong and what is accepted."""
    m = _SCOPE.fullmatch(" ".join(text.split()))
    if m is None or m["kind"] not in SCOPE_KINDS:
        kinds = ", ".join(SCOPE_KINDS)
        raise ValueError(
            f"scope {text!r} is not a kind of entity ({kinds}), optionally 'in' an entity "
            "('city in zhejiang')"
        )
    return Scope(SCOPE_KINDS[m["kind"]], m["within"])
