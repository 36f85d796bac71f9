"""FC3xx: drafts linted against the fact base and against their own arithmetic."""

from __future__ import annotations

from factcheck.findings import Severity
from factcheck.rules.registry import Rule, register


@register
class FigureContradictsClaim(Rule):
    """A figure in the draft cannot be the value of the claim it speaks about.

    A figure is held to a claim only when the draft says it is about the same thing: it
    reuses the claim's source sentence around the figure, or the figure's own clause
    names the claim's subject, a term of its metric, its qualifiers, its modality (a
    report, a goal) and a time the claim holds for (docs/lint.md, "How a figure is
    matched"). The message names the claim, its value, its quote and its source, and
    ends with why the figure was held to it.

    Why: a mistyped, rescaled or outdated figure is the error editors most need caught.

    Example: "Beijing had cultivated 509 national-level little giants" where the fact
    base says 590 ("By September, the country's capital had cultivated 590 …").

    Fix: correct the figure, or, if the draft means a different quantity, say which
    (another year, another group) so that it no longer reads as the claim's.
    """

    code = "FC301"
    slug = "figure-contradicts-claim"
    severity = Severity.ERROR


@register
class DateContradictsClaim(Rule):
    """A year or date in the draft is not the time the claim it speaks about holds for.

    Why: a figure moved to the wrong year ("In 2016, the value … reached 163 billion
    yuan") is wrong even when the number is right.

    Example: "In 2016, the value of the city's healthcare industry reached 163 billion
    yuan", where the source says 2017; "the fifth batch, announced in 2022", where it was
    announced in 2023.

    Fix: correct the year, or the figure that belongs to it.
    """

    code = "FC302"
    slug = "date-contradicts-claim"
    severity = Severity.ERROR


@register
class DraftShareMismatch(Rule):
    """A share stated beside its parts does not match them.

    In one sentence, a percentage "of" a total beside two counts: one count over the
    other must round to the share.

    Why: the draft can be checked against itself, whatever the fact base holds.

    Example: "500 of them, or 19.5 percent of the total 5,261, work in healthcare".

    Fix: recompute the share, or correct the count that is wrong.
    """

    code = "FC303"
    slug = "draft-share-mismatch"
    severity = Severity.ERROR


@register
class DraftConversionImplausible(Rule):
    """A "N yuan ($M)" conversion in the draft implies an implausible exchange rate.

    The rate must lie within 2 percent of the reference parity for the draft's date
    (``--date``, or ``date:`` in front matter); without a date, anywhere in the
    reference table's range.

    Why: a conversion at a stale rate, or a figure changed on one side only.

    Example: "5 billion yuan ($784.4 million)" in a 2022 draft: 6.37 yuan per dollar,
    where the parity was about 7.2.

    Fix: recompute the dollar figure at the rate of the day.
    """

    code = "FC304"
    slug = "draft-conversion-implausible"
    severity = Severity.ERROR


@register
class DraftGrowthMismatch(Rule):
    """A growth rate in the draft does not match the two values it relates.

    "X, up P percent from Y": X over Y, less one, must round to P.

    Why: growth figures are easy to compute wrongly, or from the wrong base.

    Example: "163 billion yuan, up 13 percent from 154 billion".

    Fix: recompute the growth, or correct either value.
    """

    code = "FC305"
    slug = "draft-growth-mismatch"
    severity = Severity.ERROR


@register
class DraftSumMismatch(Rule):
    """A total in the draft does not equal the parts listed before it.

    "248, 1,744 and 2,930 firms, totaling 4,922": the parts in the same unit must add
    up to the total (within their rounding).

    Why: a total that does not add up is visible to every reader who checks.

    Example: "three lists of 248, 1,744 and 2,930 firms, totaling 4,900".

    Fix: correct the total or the part that is wrong.
    """

    code = "FC306"
    slug = "draft-sum-mismatch"
    severity = Severity.ERROR


@register
class DraftScheduleMismatch(Rule):
    """ "N years ahead of schedule" does not match the deadline and the draft's date.

    "by 2025, two years ahead of schedule" in a 2023 draft: 2025 less 2 must be the
    year the draft speaks of (its date, or a year in the same sentence).

    Why: schedule arithmetic is a common slip when an article is updated.

    Example: "achieving the goal of 10,000 firms by 2025, three years ahead of
    schedule" in a 2023 draft.

    Fix: correct the lead time or the deadline.
    """

    code = "FC307"
    slug = "draft-schedule-mismatch"
    severity = Severity.ERROR


@register
class UncheckedFigure(Rule):
    """A figure in the draft was held to no claim, so nothing checked it (``--strict``).

    The message says why: its subject is not in the fact base ("Wuhan"), the sentence
    names no subject or no date, the fact base's claims are of another time, another
    metric or another modality, and so on (docs/lint.md, "Why a figure is left
    unchecked").

    Why: the summary counts unchecked figures; ``--strict`` lists them so an editor
    can see what the fact base does not cover, and what the draft would need to say
    for a figure to be checked.

    Example: "The park opened in 1992" when no claim is about the park's opening.

    Fix: nothing, or add the claim to the fact base, or say in the sentence what the
    figure is about (its subject, what it counts, when).
    """

    code = "FC308"
    slug = "unchecked-figure"
    severity = Severity.INFO


@register
class UnusedSuppression(Rule):
    """A ``<!-- factcheck: ignore … -->`` comment silenced nothing.

    Why: a stale suppression hides the next real problem in its paragraph.

    Example: ``<!-- factcheck: ignore FC301 quoted as the source wrote it -->`` above a
    paragraph whose figures all check out.

    Fix: remove the comment.
    """

    code = "FC309"
    slug = "unused-suppression"
    severity = Severity.WARNING


@register
class InvalidSuppression(Rule):
    """A ``<!-- factcheck: ignore … -->`` comment names no code, or gives no reason.

    Why: every suppression says what it silences and why, for the next editor.

    Example: ``<!-- factcheck: ignore -->``

    Fix: write ``<!-- factcheck: ignore FC301 the source rounds this figure -->``.
    """

    code = "FC310"
    slug = "invalid-suppression"
    severity = Severity.WARNING
