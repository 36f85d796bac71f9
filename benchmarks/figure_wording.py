"""How a synthetic fact base writes its figures: exactly, or hedged and rounded as
news text does ("about 1,200", "more than 300", "nearly 2,000", "9.5 percent")."""

from __future__ import annotations

import math
import random
from fractions import Fraction


def digits(n: int) -> str:
    return f"{n:,}"


def _step(n: int) -> int:
    """The rounding unit of two significant figures."""
    return 10 ** max(0, len(str(n)) - 2)


def about(n: int) -> str:
    """'about N', N rounded to two significant figures: within 5 % of n."""
    step = _step(n)
    return f"about {digits((n + step // 2) // step * step)}"


def more_than(n: int) -> str:
    step = _step(n)
    shown = n // step * step
    if shown >= n:
        shown -= step
    return f"more than {digits(shown)}"


def nearly(n: int) -> str:
    step = _step(n)
    shown = -(-n // step) * step
    if shown <= n:
        shown += step
    return f"nearly {digits(shown)}"


def percent(part: int | Fraction, whole: int | Fraction) -> str:
    """part / whole in percent, rounded half up to one decimal."""
    tenths = math.floor(Fraction(part) * 1000 / Fraction(whole) + Fraction(1, 2))
    return f"{tenths // 10}.{tenths % 10} percent"


def hedged(n: int, rng: random.Random) -> str:
    style = rng.random()
    if style < 0.55:
        return digits(n)
    if style < 0.75:
        return about(n)
    if style < 0.9:
        return more_than(n)
    return nearly(n)
