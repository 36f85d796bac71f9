"""FC2xx: the constraint engine — relations between claims, and the files that state them."""

from __future__ import annotations

from factcheck.findings import Severity
from factcheck.rules.registry import Rule, register


@register
class ConstraintViolated(Rule):
    """A constraint does not hold for any values the claims allow.

    The message gives both sides as intervals and the gap between them, and for each
    claim the nearest value that would make the constraint hold.

    Why: this is the inconsistency factcheck exists to find: "500 of 5,261 is 9.5
    percent" fails if either figure is mistyped.

    Example: ``bj-healthcare / bj-provincial-total == bj-healthcare-share`` with the
    share written "19.5 percent".

    Fix: correct the claim that is wrong. If the sources themselves disagree, keep the
    claims as written and set ``acknowledged`` on the constraint, with the reason.
    """

    code = "FC201"
    slug = "constraint-violated"
    severity = Severity.ERROR


@register
class ClaimsDisagree(Rule):
    """Two claims of the same quantity state values that cannot both be true.

    The same quantity: the same subject, metric, qualifiers, unit, modality and time.

    Why: a fact base with two different values for one quantity answers every
    question about it twice.

    Example: "1500" in the headline and "1,600" in the body, both Guangdong's national
    little giants as of 2023-09-19.

    Fix: correct one of the claims, or, if they really are about different things,
    make that difference explicit (``qualifiers``, ``as_of``, ``modality``).
    """

    code = "FC202"
    slug = "claims-disagree"
    severity = Severity.ERROR


@register
class PartExceedsWhole(Rule):
    """A part is larger than its whole.

    For an additive metric, a claim about a part — a child entity (E-Town inside
    Beijing), more qualifiers (healthcare firms among all firms), or a ``part_of``
    metric (little giants among specialised SMEs) — cannot exceed the claim about the
    whole at an overlapping time.

    Why: the commonest arithmetic slip in reporting: a subgroup larger than its group.

    Example: 600 healthcare firms among Beijing's 500 provincial little giants.

    Fix: correct the part or the whole, or the entity hierarchy if the part is not
    really inside the whole.
    """

    code = "FC203"
    slug = "part-exceeds-whole"
    severity = Severity.ERROR


@register
class CumulativeDecrease(Rule):
    """A cumulative metric falls over time.

    Why: a running total, such as the number of lists published, cannot go down;
    a fall means one of the figures is wrong or is not the same quantity.

    Example: "three lists" in 2021 and "two lists" in 2023.

    Fix: correct the figure, or use a metric that can fall (a current count rather
    than a sum of published lists).
    """

    code = "FC204"
    slug = "cumulative-decrease"
    severity = Severity.ERROR


@register
class RankContradicted(Rule):
    """A rank ("ranking first", "the most among") disagrees with its scope's values.

    The rank is compared with the values the fact base has for the other members of
    its scope at an overlapping time, in the same qualifiers. A k-th place ("No. 2",
    "fourth place", "全国第三") cannot have k other members above it.

    Only members of the same scope are compared: a city's rank among cities says
    nothing about provinces; ``scope: city in zhejiang`` compares Zhejiang's cities.

    Why: "ranking first" is a claim about every other member; the fact base may know
    one that is larger.

    Example: Beijing "ranking first" among cities with 590, and another city with
    700 at the same time.

    Fix: correct the rank or the values, or the scope of the rank.
    """

    code = "FC205"
    slug = "rank-contradicted"
    severity = Severity.ERROR


@register
class ImplausibleConversion(Rule):
    """A currency conversion implies an exchange rate far from the reference rate.

    Two figures of the same quantity in two currencies imply a rate (yuan and dollars,
    or shillings and yuan through the dollar); it must lie
    within 2 percent of the People's Bank of China central parity (the spot rate's
    band) at the source's publication, from the reference rates in the fact base:
    those within 31 days of it, or else the nearest on either side within 92 days.

    Why: a conversion at a wrong rate, or a figure changed on one side only, is a
    typical editing error.

    Example: "5 billion yuan ($784.4 million)" in 2022, which implies 6.4 yuan per dollar
    where the parity was 7.2.

    Fix: recompute the dollar figure at the rate of the day.
    """

    code = "FC206"
    slug = "implausible-conversion"
    severity = Severity.ERROR


@register
class ShareMismatch(Rule):
    """A share does not match its part and whole.

    For a share metric with ``share_of``, a claimed share is checked against the
    claims of its part (same subject and qualifiers) and its whole (fewer qualifiers,
    or the parent entity) at the same time.

    Why: "500 … or 9.5 percent of the total 5,261" can be checked by division.

    Example: 500 of 5,261 stated as "10.5 percent".

    Fix: correct the share, the part or the whole.
    """

    code = "FC207"
    slug = "share-mismatch"
    severity = Severity.ERROR


@register
class DerivedConflict(Rule):
    """Several claims cannot all be true together, though each relation holds alone.

    The message names the smallest set of claims whose stated values are
    inconsistent with the constraints, and for each the nearest value that would
    restore consistency.

    Why: inconsistencies that only show through a chain (a total implies a batch size
    that contradicts a share) are the ones a reader cannot see.

    Example: a national total, a provincial count and its share that pairwise fit,
    but imply a batch size no claim allows.

    Fix: correct one of the named claims, usually the one whose nearest consistent
    value is closest to what it states.
    """

    code = "FC208"
    slug = "derived-conflict"
    severity = Severity.ERROR


@register
class UntestableConstraint(Rule):
    """A constraint or a built-in relation cannot be tested with what the fact base states.

    A constraint defines an unknown that nothing else bounds, involves a claim whose
    value could not be read, or has sides bounded on one side only; a rank has no
    other member of its scope to compare with; a conversion has no reference rate near
    its date; or relations could not be decided together, because propagation stopped
    at its work bound while still narrowing (as round a cycle of unknowns). Untestable
    is never reported as consistent.

    Why: a constraint that can never fail checks nothing; saying so keeps the
    report honest about its coverage.

    Example: ``gd-fifth-batch == cn-fifth-batch * gd-fifth-batch-share`` alone: it
    derives the fifth batch's size but nothing confirms or refutes it.

    Fix: add the claim or constraint that bounds the unknown (a reference figure), or
    accept the derivation as information.
    """

    code = "FC209"
    slug = "untestable-constraint"
    severity = Severity.INFO


@register
class ExpressionSyntax(Rule):
    """A constraint's expression cannot be parsed.

    Why: a constraint that does not parse checks nothing; the finding points at the
    character where parsing stopped.

    Example: ``expr: bj-healthcare / == bj-healthcare-share``

    Fix: follow the grammar in docs/constraints.md. Remember that ``a-b`` is one name
    and ``a - b`` a subtraction.
    """

    code = "FC210"
    slug = "expression-syntax"
    severity = Severity.ERROR


@register
class UnknownName(Rule):
    """A constraint names something that is neither a claim nor an unknown.

    Why: a misspelt id would make the constraint check nothing.

    Example: ``bj-healthcare / bj-provincial-totl == bj-healthcare-share``

    Fix: correct the id (the message suggests the closest), or declare an unknown.
    """

    code = "FC211"
    slug = "unknown-name"
    severity = Severity.ERROR


@register
class DimensionMismatch(Rule):
    """A constraint adds or compares quantities of different dimensions.

    Yuan and dollars, counts and years, cannot be added or compared; a share
    (percent) and a ratio of counts can.

    Why: a constraint that compares a count with money is a mistake in the
    constraint, not in the claims.

    Example: ``bj-loan-amount == bj-loan-count`` (yuan against loans).

    Fix: correct the expression; convert with a rate claim or an unknown rate.
    """

    code = "FC212"
    slug = "dimension-mismatch"
    severity = Severity.ERROR


@register
class SumMismatch(Rule):
    """A whole is not the sum of the parts its metric declares.

    A metric with ``sums: {qualifier: batch, values: [1, 2, 3, 4, 5]}`` says that its
    claims with each batch add up to its claim without one: the firms listed so far are
    the firms of the lists published by then. The whole is at least the sum of the
    parts certainly in it; when every value has a claim, at most the sum of those that
    may be, and exactly their sum when none is in doubt.

    Why: a running total and the batches it adds up are often reported apart, and one
    of them misprinted.

    Example: "12,950 firms in five lists" where the lists are 248, 1,744, 2,930, 4,357
    and 3,671 (12,950): a total of 12,590 is a sum mismatch.

    Fix: correct the total or the part; if the whole is not the sum (firms removed after
    review), use another metric for it, or give the claim ``severity: warning``.
    """

    code = "FC213"
    slug = "sum-mismatch"
    severity = Severity.ERROR
