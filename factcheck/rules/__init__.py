"""Every rule factcheck can report, by code. Importing this package registers them."""

from __future__ import annotations

from factcheck.rules import input, integrity  # noqa: F401  (import registers the rules)
from factcheck.rules.registry import RULES, Rule, register

__all__ = ["RULES", "Rule", "register"]
