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
    """A share the draft states does not match the part and the whole it relates.

    "30 of the 727 firms, 4.1 percent"; "Of the 538, 90 ..., 13 percent of the total";
    "1,260 of them, about a third of the city's total"; "That is 7.1 percent of the
    list" after the sentence that gives both figures. Fraction words ("nearly a fifth",
    "one in four", "over half") are shares too. Read from the draft and judged by the
    engine, with every figure's rounding and hedge (docs/lint.md, "Relations").

    Why: the draft can be checked against itself, whatever the fact base holds.

    Example: "Thirty Ningbo companies are on the list of 727 little giants. That is 7.1
    percent of the list." (30 of 727 is 4.1 percent).

    Fix: recompute the share, or correct the part or the whole that is wrong.
    """

    code = "FC303"
    slug = "draft-share-mismatch"
    severity = Severity.ERROR


@register
class DraftConversionImplausible(Rule):
    """A conversion in the draft implies an implausible exchange rate.

    "3 million yuan, or about 47,300 US dollars", "44.64 billion yuan ($62.4
    billion)", "100 million yuan ... In euros, that is roughly 13 million": the two
    amounts divide to a rate, which must lie within 2 percent of the reference rate
    near the draft's date (``--date``, or ``date:`` in front matter), from the fact
    base's exchange-rate claims; with none within 31 days, within the range of those
    within a year either side (a coarser test). Two conversions of one amount must
    agree with each other. Without a date, or a rate for the currency, nothing is said.

    Why: a conversion at a stale rate, a slipped magnitude ("$62.4 billion" for
    "$6.24 billion"), or a figure changed on one side only.

    Example: "5 billion yuan ($784.4 million)" in a 2022 draft: 6.37 yuan per dollar,
    where the parity was about 7.2.

    Fix: recompute the converted figure at the rate of the day.
    """

    code = "FC304"
    slug = "draft-conversion-implausible"
    severity = Severity.ERROR


@register
class DraftChangeMismatch(Rule):
    """A change the draft states does not match the two values it relates.

    "X, up P percent from Y"; "rose from A to B, an increase of P percent"; "P percent
    more than the Y added in 2021"; "tripled from A to B"; "N times as many"; "more
    than doubling its count" of the sentence before.

    Why: growth figures are easy to compute wrongly, or from the wrong base.

    Example: "Exports reached 80 billion yuan, up 25 percent from 70 billion yuan"
    (14.3 percent).

    Fix: recompute the change, or correct either value.
    """

    code = "FC305"
    slug = "draft-change-mismatch"
    severity = Severity.ERROR


@register
class DraftSumMismatch(Rule):
    """A total in the draft does not equal the parts it adds up.

    "248, 1,744 and 2,930 firms, totaling 4,922"; "Together the three districts account
    for 3,114"; "That made 1,984 before the fourth batch"; "Fifteen of them ... and the
    other 20": the parts in the same unit must add up to the total (within their
    rounding).

    Why: a total that does not add up is visible to every reader who checks.

    Example: "three lists of 248, 1,744 and 2,930 firms, totaling 5,000".

    Fix: correct the total or the part that is wrong.
    """

    code = "FC306"
    slug = "draft-sum-mismatch"
    severity = Severity.ERROR


@register
class DraftDateMismatch(Rule):
    """Years, spans and ages in the draft do not add up.

    "set up in 2012, nine years ago" and "in the five years since 2019" against the
    draft's date; "by 2025, two years ahead of schedule" against the year it was
    reached; "then 43 in 1987 ... thirty-eight years later, he is 81".

    Why: spans of years are the arithmetic left unchanged when an article is updated.

    Example: "It was set up in the park in 2012, 11 years ago" in a 2021 draft.

    Fix: correct the span, the year or the age.
    """

    code = "FC307"
    slug = "draft-date-mismatch"
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


@register
class DraftPointsMismatch(Rule):
    """A gap in percentage points does not match the two percentages it relates.

    "from 24.2 percent to 27.4 percent, a gain of 3.2 percentage points"; "grew 19.2
    percent, 5.9 points slower than the 25.1 percent rise"; "faster" or "slower" must
    have the sign the two rates give.

    Why: points and percent are easy to confuse, and "faster" for "slower" is a
    slip no spell checker sees.

    Example: "Profits grew 19.43 percent, 11.82 percentage points slower than revenue"
    after revenue "up 33.25 percent" (13.82 points).

    Fix: recompute the gap, or correct the rate that is wrong.
    """

    code = "FC311"
    slug = "draft-points-mismatch"
    severity = Severity.ERROR


@register
class DraftOrderMismatch(Rule):
    """An order the draft states does not match its figures.

    "led with 1,260, ahead of Nanshan with 1,087 and Longhua with 767"; "had the most,
    212, followed by Shandong with 200"; "more than any other province" beside the
    others' figures; "more than all the other cities combined" against the whole;
    "ranked seventh" when six are named as placed higher.

    Why: a ranking that its own figures contradict undoes the story's point.

    Example: "Bao'an led with 1,260, ahead of Nanshan with 1,087 and Longhua with
    1,367".

    Fix: correct the figure or the order.
    """

    code = "FC312"
    slug = "draft-order-mismatch"
    severity = Severity.ERROR


@register
class DraftRestatementMismatch(Rule):
    """A figure restated with a hedge does not fit the figure it restates.

    "6,460 patents ... That is more than 6,500 invention patents"; "274 listed
    companies ... those nearly 270 companies"; "1,512 firms, or more than 1,600".

    Why: a rounded restatement must still be true of the exact figure.

    Example: "China has cultivated 98,000 such SMEs. That puts the group at more than
    100,000 firms."

    Fix: choose the hedge that fits ("nearly 100,000"), or correct the figure.
    """

    code = "FC313"
    slug = "draft-restatement-mismatch"
    severity = Severity.ERROR


@register
class DraftRatioMismatch(Rule):
    """A multiple the draft states does not match the two figures it relates.

    "nearly three times their share of firms" after 25 and 13 percent; "roughly three
    times the 2.6 percent of larger firms"; "outnumber state-level ones by more than
    eight to one" after 538 and 70.

    Why: a ratio of ratios is the figure readers quote, and the easiest to get wrong.

    Example: "8.5 percent of revenue ... nearly four times the 3 percent minimum".

    Fix: recompute the multiple, or correct either figure.
    """

    code = "FC314"
    slug = "draft-ratio-mismatch"
    severity = Severity.ERROR


@register
class DraftRateMismatch(Rule):
    """A rate per unit the draft states does not match the total it divides by a count.

    "26.8 billion yuan ... an average of about 220 million yuan per company" after 123
    companies; "140 million yuan, about 5 million yuan per machine" after 28 machines;
    "1,000 crayfish a minute, the work of 50 peelers ... each peeler 20 a minute".

    Why: an average that its own total and count contradict.

    Example: "Chongqing's 118 little giants produced 15.3 billion yuan ... about 180
    million yuan per company".

    Fix: recompute the rate, or correct the total or the count.
    """

    code = "FC315"
    slug = "draft-rate-mismatch"
    severity = Severity.ERROR


@register
class DraftRelationsConflict(Rule):
    """Relations the draft states each hold alone but cannot all hold together.

    The engine's minimal conflicting set: for example a sum and a share over the same
    figures, each within its rounding, that no one set of values satisfies. The
    message lists the relations and the nearest consistent value of each figure.

    Why: errors that only show when two statements are read together.

    Example: "12 in chips, 9 in software and 4 in biotech, together 25" followed by
    "chips are 40 percent of the 30".

    Fix: correct the figure the nearest consistent values point to.
    """

    code = "FC316"
    slug = "draft-relations-conflict"
    severity = Severity.ERROR
