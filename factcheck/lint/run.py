"""``factcheck lint``: drafts → figures → claims → findings, as one ``Report``."""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from factcheck.display import show_interval
from factcheck.engine.conversions import RateBook
from factcheck.factbase import FactBase
from factcheck.figures import Figure, scan
from factcheck.findings import Finding, Related
from factcheck.lint.attachment import Attachment, attach
from factcheck.lint.drafts import Draft
from factcheck.lint.expected import Match
from factcheck.lint.matching import ClaimIndex, SentenceWords
from factcheck.lint.mentions import Discourse
from factcheck.lint.statements import read_statements
from factcheck.lint.statements.passage import Passage
from factcheck.lint.statements.problems import Problem
from factcheck.rules.integrity import BidiControl, bidi_spans, describe_bidi
from factcheck.rules.lint import (
    DateContradictsClaim,
    FigureContradictsClaim,
    InvalidSuppression,
    UncheckedFigure,
    UnusedSuppression,
)
from factcheck.units import Unit

__all__ = ["LintOptions", "LintStats", "lint_drafts"]

_RANKED = re.compile(
    r"\b(?:ranked|ranks|placed|came|stood)\s+[a-z]+(?:th|st|nd|rd)\b"
    r"|\bthe\s+[a-z]+(?:th|st|nd|rd)\s+(?:national\s+)?(?:batch|list)\b"
)


@dataclass(frozen=True)
class LintOptions:
    strict: bool = False  # list unchecked figures (FC308)
    date: date | None = None  # the drafts' date, for conversions and schedules


@dataclass
class LintStats:
    drafts: int = 0
    figures: int = 0
    checked: int = 0

    @property
    def unchecked(self) -> int:
        return self.figures - self.checked


@dataclass
class _Linter:
    factbase: FactBase
    index: ClaimIndex
    options: LintOptions
    stats: LintStats = field(default_factory=LintStats)

    def draft(self, draft: Draft) -> list[Finding]:
        when = self.options.date or (date.fromisoformat(draft.date) if draft.date else None)
        found: list[tuple[int, Finding]] = []  # with the offset each is at, for suppressions
        names = self.index.names
        discourse = Discourse(names)
        paragraph: list[tuple[int, int, Sequence[Figure]]] = []
        for number, sentence in enumerate(draft.sentences):
            text = draft.prose[sentence.start : sentence.end]
            scanned = tuple(scan(text))
            figures = tuple(f for f in scanned if f.compared)
            words = SentenceWords(text, figures, draft.preceding(sentence))
            attached = attach(text, figures, names, discourse, when)
            for figure, attachment in zip(figures, attached, strict=True):
                self.stats.figures += 1
                for finding in self._figure(draft, sentence.start, words, figure, attachment):
                    found.append((sentence.start + figure.start, finding))
            paragraph.append((sentence.start, sentence.end, scanned))
            following = draft.sentences[number + 1] if number + 1 < len(draft.sentences) else None
            if following is None or following.paragraph != sentence.paragraph:
                found.extend(self._relations(draft, paragraph, when))
                paragraph = []
        found.extend(_bidi(draft))
        return _suppress(draft, found)

    def _relations(
        self, draft: Draft, sentences: list[tuple[int, int, Sequence[Figure]]], when: date | None
    ) -> Iterator[tuple[int, Finding]]:
        """What the paragraph of ``sentences`` states between its own figures, judged by
        the engine (``factcheck.lint.statements``)."""
        start, end = sentences[0][0], sentences[-1][1]
        if sum(len(figures) for _, _, figures in sentences) < 2 and not _RANKED.search(
            draft.prose, start, end
        ):
            return  # nothing to relate: one figure at most, no rank or numbered list in words
        passage = Passage.of(
            draft.prose[start:end], start,
            [(s - start, e - start, figures) for s, e, figures in sentences],
            self.index.widths, when=when, rates=self.rate_book, series=self.series,
        )  # fmt: skip
        statements = read_statements(passage)
        if not statements:
            return
        # The engine (and networkx under it) is loaded only for a draft that states a
        # relation: most short drafts do not, and start-up is most of their time.
        from factcheck.lint.statements.judging import judge_statements  # noqa: PLC0415

        where = draft.location(start, start)
        for problem in judge_statements(passage, statements, where):
            yield start + problem.start, self._problem(draft, start, problem)

    @staticmethod
    def _problem(draft: Draft, offset: int, problem: Problem) -> Finding:
        at, end = offset + problem.start, offset + problem.end
        excerpt, column = draft.excerpt(at, end)
        related = tuple(
            Related(draft.location(offset + s, offset + e), "a figure of the relation")
            for s, e in problem.related
        )
        return problem.rule.finding(
            problem.message, draft.location(at, end), related=related, excerpt=excerpt,
            excerpt_column=column,
        )  # fmt: skip

    def _figure(
        self,
        draft: Draft,
        offset: int,
        sentence: SentenceWords,
        figure: Figure,
        attachment: Attachment,
    ) -> list[Finding]:
        outcome = self.index.match(figure, sentence, attachment)
        matches = outcome.matches
        text = sentence.text
        at, end = offset + figure.start, offset + figure.end
        written = " ".join(text[figure.start : figure.end].split())
        excerpt, column = draft.excerpt(at, end)
        if not matches:
            if self.options.strict:
                return [
                    UncheckedFigure.finding(
                        f"{written!r} was not checked: {outcome.reason}",
                        draft.location(at, end), excerpt=excerpt, excerpt_column=column,
                    )
                ]  # fmt: skip
            return []
        self.stats.checked += 1
        if any(m.fits for m in matches):
            return []
        match = matches[0]
        rule = DateContradictsClaim if match.kind == "time" else FigureContradictsClaim
        return [
            rule.finding(
                self._message(written, match), draft.location(at, end),
                claims=tuple(m.claim for m in matches), excerpt=excerpt,
                excerpt_column=column,
            )
        ]  # fmt: skip

    def _message(self, written: str, match: Match) -> str:
        claim = self.factbase.claims[match.claim].record
        source = self.factbase.sources.get(claim.source)
        where = (
            f"{source.record.title} ({source.record.published.when})" if source else claim.source
        )
        quote = " ".join(claim.quote.split())
        if match.kind == "time":
            said = f"holds for {claim.as_of}"
        else:
            said = f"says {claim.value}"
            shown = show_interval(match.expected.interval, match.expected.unit)
            if shown.replace(",", "") != claim.value.replace(",", ""):
                said += f" ({shown})"
        return (
            f"{written!r} does not fit claim {match.claim!r}, which {said}: “{quote}” — "
            f"{where}; {match.why}"
        )

    @cached_property
    def series(self) -> dict[int, tuple[str, Figure]]:
        """The fact base's numbered series of counts (``batch: 5``), one claim a number:
        what "the fifth batch" in a draft's relation stands for."""
        found: dict[int, list[tuple[str, Figure]]] = {}
        for cid, reading in self.factbase.readings.items():
            record = self.factbase.claims[cid].record
            numbers = [v for v in record.qualifiers.values() if isinstance(v, int)]
            if len(numbers) == 1 and reading.unit is Unit.COUNT and not reading.figure.is_range:
                found.setdefault(numbers[0], []).append((cid, reading.figure))
        # "The fifth batch" is the whole list: the largest count of its number (a
        # province's part of it is another claim of the same number).
        return {n: max(claims, key=lambda c: c[1].low.value) for n, claims in found.items()}

    @cached_property
    def rate_book(self) -> RateBook:
        """The fact base's reference exchange rates, for the conversions drafts state."""
        readings = self.factbase.readings
        return RateBook.of(
            (
                (self.factbase.claims[cid].record.as_of, reading.unit, reading.interval)
                for cid, reading in readings.items()
            ),
            self.factbase.settings.rate_tolerance,
        )


#: Lines of a draft whose bidirectional controls get a finding each (FC110); one more
#: finding says that more lines hold them, so that a hostile draft of a million such
#: lines costs no more than one of a hundred.
MAX_BIDI_LINES = 100


def _bidi(draft: Draft) -> list[tuple[int, Finding]]:
    """FC110 for each line of ``draft`` that holds bidirectional controls, at the first
    of them, anywhere in the file (prose, code, comments): what a reader is shown is
    reordered wherever they stand. No excerpt: a terminal would reorder it too."""
    lines: list[tuple[int, int]] = []  # (first offset, controls) of each line, in order
    last = 0
    for start, end in bidi_spans(draft.text):
        line = draft.position(start)[0]
        if line == last:
            lines[-1] = (lines[-1][0], lines[-1][1] + end - start)
        elif len(lines) > MAX_BIDI_LINES:
            break
        else:
            lines.append((start, end - start))
            last = line
    found: list[tuple[int, Finding]] = []
    for number, (first, count) in enumerate(lines[: MAX_BIDI_LINES + 1]):
        message = describe_bidi(draft.text, first, count)
        if number == MAX_BIDI_LINES:
            message += (
                f"; this finding stands for every line from here on (only the first "
                f"{MAX_BIDI_LINES} are reported one by one)"
            )
        found.append((first, BidiControl.finding(message, draft.location(first, first + 1))))
    return found


def _suppress(draft: Draft, found: list[tuple[int, Finding]]) -> list[Finding]:
    """Drop what a draft's suppressions silence; report the ones that silence nothing."""
    kept: list[Finding] = []
    used: set[int] = set()
    # The suppressions by the paragraph they cover (paragraphs do not overlap), so that
    # a finding looks only at its own: a draft of many suppressions stays linear.
    covering: dict[tuple[int, int], list[int]] = {}
    for i, suppression in enumerate(draft.suppressions):
        if suppression.applies[0] < suppression.applies[1]:  # else none follows it
            covering.setdefault(suppression.applies, []).append(i)
    spans = sorted(covering)
    for offset, finding in found:
        at = bisect_right(spans, (offset, math.inf)) - 1
        span = spans[at] if at >= 0 else (0, 0)
        hit = next(
            (
                i for i in covering.get(span, ()) if offset < span[1]
                and any(finding.code.startswith(c) for c in draft.suppressions[i].codes)
            ),
            None,
        )  # fmt: skip
        if hit is None:
            kept.append(finding)
        else:
            used.add(hit)
    for i, suppression in enumerate(draft.suppressions):
        if i not in used:
            codes = ", ".join(suppression.codes)
            kept.append(
                UnusedSuppression.finding(
                    f"the suppression of {codes} silenced nothing in the paragraph after it",
                    suppression.location,
                )
            )
    for problem, where in draft.problems:
        kept.append(InvalidSuppression.finding(f"this suppression {problem}", where))
    return kept


def lint_drafts(
    factbase: FactBase,
    drafts: Sequence[Draft],
    options: LintOptions,
    progress: Callable[[str], None] | None = None,
) -> tuple[list[Finding], LintStats]:
    linter = _Linter(factbase, ClaimIndex(factbase, factbase.settings.hedges), options)
    findings: list[Finding] = []
    for number, draft in enumerate(drafts, 1):
        if progress is not None:
            progress(f"linting {number}/{len(drafts)}: {draft.path}")
        linter.stats.drafts += 1
        findings.extend(linter.draft(draft))
    return findings, linter.stats
