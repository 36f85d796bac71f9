"""Every rule factcheck can report, by code. Importing this package registers them."""

from __future__ import annotations

from factcheck.rules import constraints, input, integrity  # noqa: F401  (registers the rules)
from factcheck.rules.registry import RULES, Rule, register

__all__ = ["RULES", "Rule", "register"]
