"""Every rule factcheck can report, by code. Importing this package registers them."""

from __future__ import annotations

from factcheck.rules import constraints, input, integrity, lint  # noqa: F401  (registers them)
from factcheck.rules.registry import RULES, Rule, register

__all__ = ["RULES", "Rule", "register"]
