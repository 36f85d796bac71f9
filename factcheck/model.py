"""The typed records of a fact base: sources, entities, metrics and claims.

Each is a frozen pydantic model that forbids unknown fields, so a typo in a claims
file is a finding rather than a silently ignored key. The file format is documented
for people in docs/claims-format.md.
"""

from __future__ import annotations

import re
from enum import StrEnum
from fractions import Fraction
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    WithJsonSchema,
    model_validator,
)

from factcheck.periods import Period, parse_period
from factcheck.units import Measure, Unit

__all__ = [
    "ID",
    "Claim",
    "Constraint",
    "Entity",
    "EntityKind",
    "Metric",
    "Modality",
    "ProposedClaim",
    "ProposedConstraint",
    "Published",
    "Source",
    "Unknown",
]

#: What an id is: lower-case letters and digits joined by "-", "_" or "." (the loader,
#: extract's ``--source``, and the editors' routes and hovers all read ids by it).
ID = re.compile(r"[a-z0-9]+(?:[-_.][a-z0-9]+)*")
Id = Annotated[
    str,
    Field(
        pattern=f"^{ID.pattern}$",
        description="lower-case letters, digits and - _ . (kebab-case recommended)",
    ),
]
Text = Annotated[str, Field(min_length=1)]


def _period(value: Any) -> Period:
    if isinstance(value, Period):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)  # as_of: 2022
    return parse_period(value)


#: A severity a claim or constraint may give its violations (``findings.Severity``).
SeverityName = Literal["error", "warning", "info"]

PeriodField = Annotated[
    Period,
    BeforeValidator(_period),
    PlainSerializer(str, return_type=str),
    WithJsonSchema({"type": ["string", "integer"], "examples": ["2022-09", "2019/2022"]}),
]


def _written_value(value: Any) -> Any:
    if isinstance(value, bool):
        return value  # let the str check reject it
    if isinstance(value, int):
        return str(value)  # value: 590
    if isinstance(value, float):
        raise ValueError(
            'write a decimal value as text so its precision is kept: value: "9.5 percent"'
        )
    return value


def _qualifier(value: Any) -> str | int:
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise ValueError("a qualifier's value is text or a whole number")
    return value


#: A precision as written: a decimal with an optional exponent, or a fraction.
_PRECISION = re.compile(
    r"\s*(?P<sign>[-+]?)(?:(?P<decimal>[0-9]+(?:\.[0-9]*)?|\.[0-9]+)"
    r"(?:[eE](?P<exponent>[-+]?[0-9]+))?|(?P<numerator>[0-9]+)\s*/\s*(?P<denominator>[0-9]+))\s*"
)
#: Digits a precision may be written with, and the powers of ten it lies between: a
#: rounding unit is a number like the figures it rounds (figures and expression numbers
#: have at most 30 digits), and Python would spend hours building 10^999999999.
MAX_PRECISION_DIGITS = 30
PRECISION_RANGE = 30
_LARGEST = Fraction(10**PRECISION_RANGE)
_SMALLEST = 1 / _LARGEST
_NOT_A_NUMBER = "precision is a positive number such as 100 or 0.5"
_OUT_OF_RANGE = (
    f"precision must lie between 1e-{PRECISION_RANGE} and 1e+{PRECISION_RANGE} "
    "(the unit a figure is rounded to, such as 100 or 0.5)"
)


def _positive_fraction(value: Any) -> Fraction:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ValueError(_NOT_A_NUMBER)
    # An int is never str()'d: a 5,000-digit !!int would not convert.
    number = Fraction(value) if isinstance(value, int) else _written_precision(str(value))
    if number <= 0:
        raise ValueError("precision must be greater than zero")
    if not _SMALLEST <= number <= _LARGEST:
        raise ValueError(_OUT_OF_RANGE)
    return number


def _written_precision(text: str) -> Fraction:
    """A precision written as text (or a YAML float), its size bounded before any
    arithmetic: at most ``MAX_PRECISION_DIGITS`` digits, and an exponent small enough
    that they could still lie within the range."""
    m = _PRECISION.fullmatch(text)
    if m is None:
        raise ValueError(_NOT_A_NUMBER)
    digits = m["decimal"] or m["numerator"] + m["denominator"]
    if sum(c.isdigit() for c in digits) > MAX_PRECISION_DIGITS:
        raise ValueError(f"precision is written with more than {MAX_PRECISION_DIGITS} digits")
    if m["decimal"] is None:
        if int(m["denominator"]) == 0:
            raise ValueError(_NOT_A_NUMBER)
        number = Fraction(int(m["numerator"]), int(m["denominator"]))
    else:
        number = Fraction(m["decimal"])
    if m["sign"] == "-" or not number:
        return -number
    if (exponent := m["exponent"]) is not None:
        # A non-zero mantissa of at most 30 digits lies in [10^-30, 10^30): past an
        # exponent of ±60 the value is out of range whatever the digits.
        if len(exponent.lstrip("+-0")) > 2 or abs(int(exponent)) > 2 * PRECISION_RANGE:
            raise ValueError(_OUT_OF_RANGE)
        number *= Fraction(10) ** int(exponent)
    return number


FractionField = Annotated[
    Fraction,
    BeforeValidator(_positive_fraction),
    PlainSerializer(lambda f: str(f) if f.denominator != 1 else f.numerator),
    WithJsonSchema({"type": ["number", "string"], "exclusiveMinimum": 0}),
]


Acknowledged = Annotated[
    str | None,
    Field(
        default=None,
        min_length=1,
        description=(
            "an inconsistency that is genuinely in the sources, with the reason: "
            "findings on it are shown as acknowledged and do not fail the run"
        ),
    ),
]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)


class Published(_Record):
    """When a source was published, and whether the text says so."""

    when: PeriodField
    basis: Literal["stated", "inferred"]
    reason: str | None = None

    @model_validator(mode="after")
    def _inferred_needs_reason(self) -> Published:
        if self.basis == "inferred" and not self.reason:
            raise ValueError("an inferred publication date needs a 'reason'")
        return self


class Source(_Record):
    """An article, or a reference table, that claims quote."""

    id: Id
    title: Text
    publisher: str | None = None
    published: Published
    text: str | None = Field(
        default=None,
        description="path of the source's text, relative to the configured source root",
    )
    url: str | None = None
    reference: bool = Field(
        default=False, description="reference data (not an article): batch sizes, rates"
    )
    notes: str | None = None


class EntityKind(StrEnum):
    COUNTRY = "country"
    PROVINCE = "province"
    MUNICIPALITY = "municipality"  # a province-level city: Beijing, Shanghai
    CITY = "city"
    DISTRICT = "district"
    DEVELOPMENT_ZONE = "development-zone"
    COMPANY = "company"
    INSTITUTION = "institution"
    MARKET = "market"
    PROGRAMME = "programme"
    REGION = "region"  # spans entities of other branches: the Yangtze River Delta


class Entity(_Record):
    """Who or what a claim is about. ``parent`` places it in a hierarchy."""

    id: Id
    name: Text
    aliases: tuple[str, ...] = ()
    kind: EntityKind
    parent: Id | None = None
    members: tuple[Id, ...] = Field(
        default=(),
        description=(
            "for a region that spans entities of other branches (the Yangtze River Delta: "
            "shanghai, jiangsu, zhejiang, anhui): every member, each of which may be in "
            "several regions"
        ),
    )
    notes: str | None = None


class Sums(_Record):
    """How a metric's claims add up: the claims with each value of ``qualifier`` are
    parts of the claim without it (docs/claims-format.md)."""

    qualifier: Id = Field(description="the qualifier whose values split the whole: 'batch'")
    values: tuple[Annotated[str | int, BeforeValidator(_qualifier)], ...] | None = Field(
        default=None,
        description=(
            "every value the qualifier takes ([1, 2, 3, 4, 5]); with it, a whole is the sum "
            "of its parts, without it at least their sum"
        ),
    )


class Metric(_Record):
    """What a claim measures, and the properties the engine relies on."""

    id: Id
    description: Text
    measures: Measure
    unit: Unit | None = Field(default=None, description="overrides the measure's default unit")
    additive: bool = Field(
        default=False, description="a part (child entity, sub-metric) cannot exceed its whole"
    )
    cumulative: bool = Field(default=False, description="cannot fall over time")
    part_of: Id | None = Field(
        default=None, description="a metric that counts a superset of what this one counts"
    )
    terms: tuple[str, ...] = Field(
        default=(),
        description="phrases that name the metric in prose, for linting drafts",
    )
    ranks: Id | None = Field(
        default=None, description="for a rank metric: the metric whose values are ranked"
    )
    share_of: Id | None = Field(
        default=None, description="for a share metric: the count metric it is a share of"
    )
    granularity: Literal["month", "quarter", "year"] | None = Field(
        default=None,
        description=(
            "the finest time at which the metric's values differ: with 'month', claims "
            "dated 2024-12 and 2024-12-31 state the same quantity (FC202)"
        ),
    )
    sums: Sums | None = Field(
        default=None,
        description=(
            "the qualifier that splits the metric's whole into parts (batches, regions): "
            "the whole is their sum, at its time; for a cumulative metric, of the parts "
            "dated by then"
        ),
    )
    share_within: Literal["subject", "parent"] = Field(
        default="subject",
        description=(
            "what a share is of: the subject's own total (fewer qualifiers: healthcare "
            "firms among all of Beijing's), or the parent entity's with the same qualifiers "
            "(Guangdong's firms among a national list's)"
        ),
    )
    notes: str | None = None


class Modality(StrEnum):
    """Whether a claim reports a fact, projects one, or states a goal."""

    REPORTED = "reported"
    PROJECTED = "projected"
    GOAL = "goal"


class Claim(_Record):
    """One checkable statement of one source."""

    id: Id
    source: Id
    quote: Text = Field(description="verbatim from the source; whitespace is normalised")
    subject: Id
    metric: Id
    value: Annotated[Text, BeforeValidator(_written_value)] = Field(
        description='the figure as written: "nearly 13,000", "9.5 percent", "one-eighth"'
    )
    reading: str | None = Field(
        default=None,
        description="the value as factcheck reads it, where the text alone is unclear",
    )
    unit: Unit | None = None
    precision: FractionField | None = Field(
        default=None,
        description="rounding unit of the figure where it differs from its digits",
    )
    as_of: PeriodField
    scope: str | None = Field(default=None, description="what a rank is among: 'city'")
    qualifiers: dict[str, Annotated[str | int, BeforeValidator(_qualifier)]] = Field(
        default_factory=dict, description="narrows the metric: {sector: healthcare}"
    )
    modality: Modality = Modality.REPORTED
    acknowledged: Acknowledged = None
    severity: SeverityName | None = Field(
        default=None,
        description=(
            "how serious a violation of a built-in relation this claim takes part in is "
            "(a gap the user can explain); the mildest of the claims' wins; error by default"
        ),
    )
    notes: str | None = None

    @model_validator(mode="after")
    def _reading_says_why(self) -> Claim:
        if self.reading is not None and not self.notes:
            raise ValueError("a claim with a 'reading' needs 'notes' saying why")
        return self


#: What marks a record that ``factcheck extract`` or ``import`` wrote and a person has
#: not reviewed yet: it is reported (FC111) and left out of the engine until the line
#: is removed.
Proposed = Annotated[
    Literal["proposed"],
    Field(description="written by extract or import, not reviewed: remove once checked"),
    # Pinned: pydantic writes a one-value Literal as "enum" up to 2.9, "const" after.
    WithJsonSchema(
        {
            "const": "proposed",
            "type": "string",
            "description": "written by extract or import, not reviewed: remove once checked",
        }
    ),
]
#: What a claim must say before it can be reviewed and accepted.
NEEDED = ("subject", "metric", "as_of")


class ProposedClaim(_Record):
    """A claim as ``extract`` or ``import`` proposes it: the quote and the value are
    there; subject, metric and time may still be missing. It takes no part in the
    engine until a person completes it and removes ``status``."""

    status: Proposed
    id: Id
    source: Id
    quote: Text
    value: Annotated[Text, BeforeValidator(_written_value)]
    subject: Id | None = None
    metric: Id | None = None
    as_of: PeriodField | None = None
    reading: str | None = None
    unit: Unit | None = None
    precision: FractionField | None = None
    scope: str | None = None
    qualifiers: dict[str, Annotated[str | int, BeforeValidator(_qualifier)]] = Field(
        default_factory=dict
    )
    modality: Modality = Modality.REPORTED
    notes: str | None = None

    @property
    def missing(self) -> tuple[str, ...]:
        """The fields a person must fill before the claim can be accepted."""
        return tuple(name for name in NEEDED if getattr(self, name) is None)


class Unknown(_Record):
    """A named quantity no source states, which constraints relate to claims."""

    id: Id
    description: Text
    measures: Measure
    unit: Unit | None = None
    notes: str | None = None


class Constraint(_Record):
    """A relation between claims and unknowns, as an expression (docs/constraints.md)."""

    id: Id
    description: Text
    expr: Text
    acknowledged: Acknowledged = None
    severity: SeverityName | None = Field(
        default=None,
        description=(
            "how serious a violation is, for a relation with an explainable gap (a running "
            "total below the sum of the lists, firms being removed): error by default"
        ),
    )
    tolerance: str | None = Field(
        default=None,
        description=(
            "how far apart the two sides may be and the constraint still hold: a share of "
            "the right side ('2 percent') or a number in the unit of its claims ('300')"
        ),
        examples=["2 percent", "300"],
    )
    notes: str | None = None


class ProposedConstraint(Constraint):
    """A relation ``extract`` or ``import`` read in an article's text, over the claims
    it proposed: left out of the engine until a person checks it and removes
    ``status``."""

    status: Proposed
