"""Dimensions of quantities, for checking that a constraint adds like with like.

Every unit maps to a dimension (a product of base dimensions with integer exponents)
and a scale to the engine's base value: a percent is the dimensionless ratio 1/100,
so ``500 / 5261 == 9.5 percent`` compares like with like. Calendar years and durations
share the dimension ``year`` (2025 − 2023 is 2 years); days since 1970 are ``day``.
A bare number in an expression has no fixed dimension: it takes the dimension of
what it is added to or compared with, and is dimensionless in a product.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from factcheck.units import CURRENCIES, Unit

__all__ = ["ANY", "DIMENSIONLESS", "Dimension", "dimension_of", "scale_of"]


@dataclass(frozen=True, slots=True)
class Dimension:
    """A product of base dimensions: ``(("CNY", 1), ("USD", -1))`` is yuan per dollar.
    ``free`` marks a bare number, which fits any dimension in a sum or comparison."""

    exponents: tuple[tuple[str, int], ...] = ()
    free: bool = False

    @staticmethod
    def of(**exponents: int) -> Dimension:
        return Dimension(tuple(sorted((k, v) for k, v in exponents.items() if v)))

    def __mul__(self, other: Dimension) -> Dimension:
        merged = dict(self.exponents)
        for base, power in other.exponents:
            merged[base] = merged.get(base, 0) + power
        return Dimension(tuple(sorted((k, v) for k, v in merged.items() if v)))

    def inverse(self) -> Dimension:
        return Dimension(tuple((k, -v) for k, v in self.exponents))

    def __str__(self) -> str:
        if self.free:
            return "a number"
        if not self.exponents:
            return "a ratio"
        up = [k if v == 1 else f"{k}^{v}" for k, v in self.exponents if v > 0]
        down = [k if v == -1 else f"{k}^{-v}" for k, v in self.exponents if v < 0]
        text = "·".join(up) or "1"
        return f"{text}/{'·'.join(down)}" if down else text


DIMENSIONLESS = Dimension()
ANY = Dimension(free=True)

_DIMENSIONS: dict[Unit, Dimension] = {
    Unit.COUNT: Dimension.of(count=1),
    Unit.PERCENT: DIMENSIONLESS,
    Unit.RATIO: DIMENSIONLESS,
    Unit.TIMES: DIMENSIONLESS,
    Unit.YEAR: Dimension.of(year=1),
    Unit.YEARS: Dimension.of(year=1),
    Unit.DATE: Dimension.of(day=1),
    Unit.KM: Dimension.of(km=1),
    Unit.RANK: Dimension.of(rank=1),
}
for _currency in CURRENCIES:
    _DIMENSIONS[_currency.unit] = Dimension.of(**{_currency.unit.value: 1})
    if _currency.per_usd is not None:
        _DIMENSIONS[_currency.per_usd] = Dimension.of(**{_currency.unit.value: 1, "USD": -1})
_SCALES: dict[Unit, Fraction] = {Unit.PERCENT: Fraction(1, 100)}


def dimension_of(unit: Unit) -> Dimension:
    return _DIMENSIONS[unit]


def scale_of(unit: Unit) -> Fraction:
    """Multiply a value in ``unit`` by this to get the engine's base value."""
    return _SCALES.get(unit, Fraction(1))
