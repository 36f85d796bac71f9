"""What a statement that cannot hold is reported as: the rule, the message and where."""

from __future__ import annotations

from dataclasses import dataclass

from factcheck.rules.registry import Rule

__all__ = ["Problem"]


@dataclass(frozen=True, slots=True)
class Problem:
    """What to report: the rule, the message, and the passage offsets it is at."""

    rule: type[Rule]
    message: str
    start: int
    end: int
    related: tuple[tuple[int, int], ...] = ()  # passage spans of the other figures
