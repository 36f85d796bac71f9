"""The rule registry: every finding factcheck can report has a rule here.

A rule is a class with a stable code (``FC105``), a slug (``quote-not-found``), a
default severity and a docstring that is its user documentation: a summary line,
then ``Why:``, ``Example:`` and ``Fix:`` sections. The same text feeds
``docs/rules.md``, SARIF's ``tool.driver.rules`` and ``factcheck explain``.
``@register`` checks all of that when the module is imported, so a rule cannot ship
without its documentation or reuse a code.

Code ranges: FC0xx input that cannot be read as a fact base (YAML, schema);
FC1xx integrity of the fact base (references, ids, values, quotes).
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, ClassVar, TypeVar

from factcheck.findings import (
    Finding,
    Location,
    Related,
    Severity,
    visible_excerpt,
    visible_text,
)

if TYPE_CHECKING:
    from factcheck.factbase import FactBase

__all__ = ["RULES", "Rule", "register"]

_CODE = re.compile(r"FC\d{3}")
_SLUG = re.compile(r"[a-z]+(?:-[a-z]+)*")
_SECTIONS = ("Why:", "Example:", "Fix:")

RULES: dict[str, type[Rule]] = {}

R = TypeVar("R", bound="type[Rule]")


class Rule:
    """Base of all rules. Subclasses set the class variables and write a docstring."""

    code: ClassVar[str]
    slug: ClassVar[str]
    severity: ClassVar[Severity]

    @classmethod
    def summary(cls) -> str:
        return cls.doc().splitlines()[0]

    @classmethod
    def doc(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or "")

    @classmethod
    def finding(
        cls,
        message: str,
        location: Location,
        *,
        claims: tuple[str, ...] = (),
        related: tuple[Related, ...] = (),
        severity: Severity | None = None,
        acknowledged: str | None = None,
        excerpt: str | None = None,
        excerpt_column: int = 1,
        constraint: str | None = None,
    ) -> Finding:
        # What a claim or a draft says reaches every format through here: its characters
        # that would reorder the line they are shown on are made visible (FC110).
        return Finding(
            code=cls.code,
            slug=cls.slug,
            severity=severity or cls.severity,
            message=visible_text(message),
            location=location,
            related=related,
            claims=claims,
            acknowledged=None if acknowledged is None else visible_text(acknowledged),
            excerpt=None if excerpt is None else visible_excerpt(excerpt),
            excerpt_column=excerpt_column,
            constraint=constraint,
        )

    @classmethod
    def check(cls, factbase: FactBase) -> Iterator[Finding]:
        """Findings of this rule over a loaded fact base. Rules raised while loading
        (FC0xx) find nothing here."""
        return iter(())


def register(rule: R) -> R:
    """Class decorator: add ``rule`` to ``RULES`` after checking it is complete."""
    name = rule.__name__
    if not _CODE.fullmatch(getattr(rule, "code", "")):
        raise TypeError(f"{name}: code must look like FC123")
    if not _SLUG.fullmatch(getattr(rule, "slug", "")):
        raise TypeError(f"{name}: slug must be lower-case words joined by hyphens")
    if not isinstance(getattr(rule, "severity", None), Severity):
        raise TypeError(f"{name}: severity must be a Severity")
    if rule.code in RULES:
        raise TypeError(f"{name}: code {rule.code} is already {RULES[rule.code].__name__}")
    if any(other.slug == rule.slug for other in RULES.values()):
        raise TypeError(f"{name}: slug {rule.slug} is already taken")
    doc = rule.doc()
    missing = [s for s in _SECTIONS if f"\n{s}" not in doc]
    if not doc or missing:
        raise TypeError(f"{name}: docstring needs a summary and {', '.join(missing)} sections")
    if doc.count("\n") < 1 or doc.splitlines()[1].strip():
        raise TypeError(f"{name}: the docstring's summary is one line, then a blank line")
    RULES[rule.code] = rule
    return rule
