"""FC1xx: integrity of the fact base — ids, references, values, quotes."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from factcheck.findings import Finding, Related, Severity
from factcheck.model import Modality
from factcheck.quoting import as_written, normalise_space, where_it_differs, written_in
from factcheck.rules.registry import Rule, register
from factcheck.scopes import parse_scope

if TYPE_CHECKING:
    from factcheck.factbase import Entry, FactBase
    from factcheck.model import Claim


@register
class DuplicateId(Rule):
    """Two records of the same kind share an id.

    Ids are how constraints, reports and ``factcheck explain`` name a claim, so each
    must name one record. The second use is reported, pointing at the first.

    Why: with two claims called ``bj-healthcare``, a constraint over it would check
    one and silently ignore the other.

    Example: two claims files each define ``id: gd-fifth-batch``.

    Fix: rename one of them; ids are kebab-case and say what the claim is about.
    """

    code = "FC101"
    slug = "duplicate-id"
    severity = Severity.ERROR


@register
class UnknownReference(Rule):
    """A record names a source, entity or metric that the fact base does not define.

    Checked: a claim's ``source``, ``subject`` and ``metric``; an entity's ``parent``
    and a region's ``members``; a metric's ``part_of``; a rank's ``scope``, a kind of
    entity (``city``) optionally within a defined entity (``city in zhejiang``). The
    message suggests the closest defined ids.

    Why: a claim about an undefined subject cannot take part in any check.

    Example: ``subject: bejing`` where the entity is ``beijing``.

    Fix: correct the id, or define the missing record.
    """

    code = "FC102"
    slug = "unknown-reference"
    severity = Severity.ERROR

    @classmethod
    def check(cls, factbase: FactBase) -> Iterator[Finding]:
        kinds: dict[str, Mapping[str, object]] = {
            "source": factbase.sources,
            "entity": factbase.entities,
            "metric": factbase.metrics,
        }
        references: list[tuple[Entry[Any], str, str | None, str, tuple[str, ...]]] = []
        for cid, claim in factbase.quoted().items():
            for field, kind in (("source", "source"), ("subject", "entity"), ("metric", "metric")):
                references.append((claim, field, getattr(claim.record, field), kind, (cid,)))
        for entity in factbase.entities.values():
            references.append((entity, "parent", entity.record.parent, "entity", ()))
            for member in entity.record.members:  # a region's
                references.append((entity, "members", member, "entity", ()))
        for metric in factbase.metrics.values():
            references.append((metric, "part_of", metric.record.part_of, "metric", ()))
        for entry, field, target, kind, claim_ids in references:
            if target is None or target in kinds[kind] or target in factbase.rejected:
                continue
            own = entry.record.id if kind != "source" else None
            candidates = [k for k in kinds[kind] if k != own]
            close = difflib.get_close_matches(target, candidates, n=3)
            hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
            yield cls.finding(
                f"{field.removesuffix('s')} {target!r} is not a defined {kind}{hint}",
                entry.where(field),
                claims=claim_ids,
            )
        for cid, claim in factbase.claims.items():
            if claim.record.scope is not None:
                yield from cls._scope(factbase, cid, claim)

    @classmethod
    def _scope(cls, factbase: FactBase, cid: str, claim: Entry[Claim]) -> Iterator[Finding]:
        """A rank's scope names a kind of entity, and the entity it is within if any."""
        scope = claim.record.scope
        assert scope is not None
        try:
            within = parse_scope(scope).within
        except ValueError as error:
            yield cls.finding(f"claim {cid!r}: {error}", claim.where("scope"), claims=(cid,))
            return
        if within is not None and within not in factbase.entities:
            close = difflib.get_close_matches(within, list(factbase.entities), n=3)
            hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
            yield cls.finding(
                f"claim {cid!r}: scope {scope!r} is within {within!r}, which is not a "
                f"defined entity{hint}",
                claim.where("scope"),
                claims=(cid,),
            )


@register
class UnreadableValue(Rule):
    """A claim's value is not one figure factcheck can read.

    A value is the figure as written in the source — "nearly 13,000", "9.5 percent",
    "5 billion yuan", "one-eighth", "ranking first", "July 14, 2023" — with at most
    the words it counts ("three lists"). docs/semantics.md lists what is understood.

    Why: a value that cannot be read has no interval and cannot be checked.

    Example: ``value: "500 and 68"`` (two figures in one claim).

    Fix: split the statement into one claim per figure, or, where the text itself is
    unclear, keep the value as written and add a ``reading`` with ``notes``.
    """

    code = "FC103"
    slug = "unreadable-value"
    severity = Severity.ERROR


@register
class UnitMismatch(Rule):
    """A claim's value is written in a unit its metric does not use.

    Why: comparing yuan with dollars, or a share with a count, gives nonsense
    verdicts; conversions are separate claims related by a constraint.

    Example: ``value: "$684.4 million"`` for a metric whose unit is CNY.

    Fix: use the metric that matches the unit (a dollar metric for the dollar figure),
    or correct the claim's ``unit``.
    """

    code = "FC104"
    slug = "unit-mismatch"
    severity = Severity.ERROR


@register
class QuoteNotFound(Rule):
    """A claim's quote does not appear verbatim in its source's text.

    Whitespace is normalised (line breaks and runs of spaces count as one space);
    nothing else is, so curly quotes and typos in the source must be kept as they are.
    The message says how much of the quote does match, and where it stops matching.

    Why: a fact base is only as good as its provenance; a paraphrase is not a quote.

    Example: quoting "590 national level little giants" where the article says
    "590 national-level little giants".

    Fix: copy the sentence again from the source text.
    """

    code = "FC105"
    slug = "quote-not-found"
    severity = Severity.ERROR

    @classmethod
    def check(cls, factbase: FactBase) -> Iterator[Finding]:
        normalised = {sid: normalise_space(text) for sid, text in factbase.texts.items()}
        composed: dict[str, str] = {}  # NFC of a source's text, made when a quote fails
        for cid, entry in factbase.quoted().items():
            claim = entry.record
            text = normalised.get(claim.source)
            if text is None:
                continue
            quote = normalise_space(claim.quote)
            if quote in text:
                continue
            if claim.source not in composed:
                composed[claim.source] = unicodedata.normalize("NFC", text)
            detail = where_it_differs(quote, text, composed[claim.source])
            yield cls.finding(
                f"claim {cid!r}: quote not found in the text of source {claim.source!r}{detail}",
                entry.where("quote"),
                claims=(cid,),
            )


@register
class SourceTextMissing(Rule):
    """A source has no text where its ``text`` field says, or no ``text``: quotes unverified.

    A source without ``text`` (no copy of the article is kept) is reported too, unless it
    is ``reference: true``: its claims' quotes are taken on trust.

    A text is read only from inside the configured ``sources`` folder: a ``text`` that
    is an absolute path, climbs out with ``..`` or leads out through a symbolic link is
    reported here and not read.

    Why: quotes are verified only against a text that is there; this says which
    sources were skipped rather than passing them silently. A fact base comes from many
    hands, and must not turn quote verification into a way of reading, or probing, any
    file of the person who checks it (``text: /etc/passwd``).

    Example: running ``factcheck check`` where ``../shared/seeds`` is not present; or
    ``text: ../../.ssh/id_rsa``.

    Fix: set ``sources`` in ``[tool.factcheck]`` to the folder holding the texts, or
    correct the source's ``text`` path (relative to that folder, and inside it).
    """

    code = "FC106"
    slug = "source-text-missing"
    severity = Severity.WARNING


@register
class ValueNotInQuote(Rule):
    """A claim's value, as written, does not appear in its quote.

    The value is the figure exactly as the source writes it (case and whitespace
    aside); how factcheck reads an unclear figure goes in ``reading``.

    Why: a value that is not in the quote was retyped or computed, and may not be
    what the source says.

    Example: ``value: "9.5%"`` with the quote "... or 9.5 percent of the total".

    Fix: copy the figure from the quote, hedge and unit words included.
    """

    code = "FC107"
    slug = "value-not-in-quote"
    severity = Severity.ERROR

    @classmethod
    def check(cls, factbase: FactBase) -> Iterator[Finding]:
        for cid, entry in factbase.quoted().items():
            claim = entry.record
            value = normalise_space(claim.value).casefold()
            quote = normalise_space(claim.quote).casefold()
            if not written_in(value, quote):
                yield cls.finding(
                    f"claim {cid!r}: value {claim.value!r} is not written in its quote"
                    + as_written(value, quote),
                    entry.where("value"),
                    claims=(cid,),
                )


@register
class HierarchyCycle(Rule):
    """Entities' ``parent`` links, or metrics' ``part_of`` links, go round in a circle.

    Why: "a part cannot exceed its whole" needs a hierarchy; a cycle makes every
    member a part of itself.

    Example: ``beijing`` with ``parent: beijing-etown`` and ``beijing-etown`` with
    ``parent: beijing``.

    Fix: point the link of the outermost member at its real parent, or remove it.
    """

    code = "FC108"
    slug = "hierarchy-cycle"
    severity = Severity.ERROR

    @classmethod
    def check(cls, factbase: FactBase) -> Iterator[Finding]:
        links: list[tuple[Mapping[str, Entry[Any]], str]] = [
            (factbase.entities, "parent"),
            (factbase.metrics, "part_of"),
        ]
        for records, field in links:
            reported: set[str] = set()
            for start in sorted(records):
                seen: list[str] = []
                current: str | None = start
                while current is not None and current in records and current not in seen:
                    seen.append(current)
                    current = getattr(records[current].record, field)
                if current is None or current not in seen:
                    continue
                cycle = seen[seen.index(current) :]
                if reported.intersection(cycle):
                    continue
                turn = cycle.index(min(cycle))  # start where the finding is located
                cycle = cycle[turn:] + cycle[:turn]
                reported.update(cycle)
                first = records[min(cycle)]
                yield cls.finding(
                    f"{field} links form a cycle: {' → '.join([*cycle, cycle[0]])}",
                    first.where(field),
                    related=tuple(
                        Related(records[c].where(field), f"{c} is part of the cycle")
                        for c in sorted(cycle)
                        if c != min(cycle)
                    ),
                )


@register
class ReportedAfterPublication(Rule):
    """A reported claim holds for a time that begins after its source was published.

    A source can report what happened up to its publication; a later period is a
    projection or a goal, and should say so with ``modality``.

    Why: a wrong ``as_of`` makes claims about different times look like the same
    statement, or the same statement look like two.

    Example: a 2018 article's "expected to reach 250 billion yuan by 2020" entered
    with ``as_of: 2020`` and no ``modality``.

    Fix: correct ``as_of``, or set ``modality: projected`` (or ``goal``).
    """

    code = "FC109"
    slug = "reported-after-publication"
    severity = Severity.WARNING

    @classmethod
    def check(cls, factbase: FactBase) -> Iterator[Finding]:
        for cid, entry in factbase.claims.items():
            claim = entry.record
            source = factbase.sources.get(claim.source)
            if source is None or claim.modality is not Modality.REPORTED:
                continue
            published = source.record.published.when
            if claim.as_of.start > published.end:
                yield cls.finding(
                    f"claim {cid!r} is reported as of {claim.as_of}, after its source "
                    f"was published ({published}); is it a projection or a goal?",
                    entry.where("as_of"),
                    claims=(cid,),
                )


@register
class BidiControl(Rule):
    """A bidirectional control character stands in a claim's value, quote or reading, or a draft.

    These invisible characters change the order in which the text around them is shown:
    after U+202E RIGHT-TO-LEFT OVERRIDE, "590" is displayed as "095" (the "Trojan Source"
    attack, CVE-2021-42574; PEP 672). The embeddings, overrides and isolates (U+202A to
    U+202E, U+2066 to U+2069) are reported wherever they stand, in a draft's prose,
    code, comments or front matter alike; the marks (U+200E, U+200F, U+061C), which
    right-to-left writing uses on purpose, only beside a digit, where they can move a
    figure's sign or range dash ("5-10" shown as "510-"). One finding a field of a claim,
    or a line of a draft (the first 100 lines, then one finding for the rest), at the
    first such character; the message shows each as ``<U+202E>``.

    Why: factcheck checks the characters, and people read what is displayed. A figure
    that is shown as another can make a wrong figure look right to every reviewer,
    while the check passes or fails on what they cannot see.

    Example: a draft line "the capital had cultivated 590 national-level little
    giants" written as "cultivated ", U+202E, "095 national-level little giants": it
    reads 590 on screen and 095 to factcheck, or the other way round.

    Fix: delete the character. Most editors show it only with their "show invisible
    characters" setting; ``grep -nP '[\\x{202A}-\\x{202E}\\x{2066}-\\x{2069}]'`` finds them.
    Right-to-left text that needs a mark beside a figure can keep it: suppress FC110
    with ``<!-- factcheck: ignore FC110 reason -->`` in a draft, or ``per-file-ignores``.
    """

    code = "FC110"
    slug = "bidi-control"
    severity = Severity.ERROR

    #: The text fields of a claim that hold a figure or the words around it.
    FIELDS = ("value", "quote", "reading")

    @classmethod
    def check(cls, factbase: FactBase) -> Iterator[Finding]:
        for cid, entry in factbase.quoted().items():
            for field in cls.FIELDS:
                text = getattr(entry.record, field)
                first, count = None, 0
                for start, end in bidi_spans(text) if isinstance(text, str) else ():
                    first = start if first is None else first
                    count += end - start
                if first is not None:
                    yield cls.finding(
                        f"claim {cid!r}, {field}: {describe_bidi(text, first, count)}",
                        entry.within(field, first, first + 1),
                        claims=(cid,),
                    )


@register
class ProposedRecord(Rule):
    """A claim or constraint is proposed (``status: proposed``) and awaits review.

    ``factcheck extract`` and ``factcheck import`` write what they read as proposed
    records. A proposed record has its quote and value verified like any claim, but
    takes no part in the engine or in ``lint`` until a person has checked it. A claim
    that still lacks its subject, metric or time (``as_of``) is a warning that names
    what is missing; a complete one, or a proposed constraint, is info.

    Why: a claim read by a program may have the wrong subject or metric; reviewing it
    is a person's job, and nothing proposed may pass silently as checked.

    Example: ``status: proposed`` on a claim with no ``subject`` (the article named no
    place at the figure).

    Fix: check the record against its quote, fill what is missing, and delete the
    ``status: proposed`` line; or delete the record. ``factcheck claims --proposed``
    lists what is waiting, and ``factcheck explain ID`` says what one needs.
    """

    code = "FC111"
    slug = "proposed-record"
    severity = Severity.WARNING

    @classmethod
    def check(cls, factbase: FactBase) -> Iterator[Finding]:
        for cid, entry in factbase.proposed_claims.items():
            missing = entry.record.missing
            if missing:
                message = (
                    f"claim {cid!r} is proposed and needs its {_and(missing)}: fill "
                    f"{'it' if len(missing) == 1 else 'them'} from the quote, then delete "
                    "`status: proposed`"
                )
            else:
                message = (
                    f"claim {cid!r} is proposed: check its subject, metric and as_of "
                    "against the quote, then delete `status: proposed`"
                )
            severity = Severity.WARNING if missing else Severity.INFO
            yield cls.finding(message, entry.where("status"), claims=(cid,), severity=severity)
        for kid, constraint in factbase.proposed_constraints.items():
            yield cls.finding(
                f"constraint {kid!r} is proposed: check that the text states "
                f"{constraint.record.expr!r}, then delete `status: proposed`",
                constraint.where("status"),
                severity=Severity.INFO,
                constraint=kid,
            )


def _and(words: tuple[str, ...]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


#: Embeddings, overrides and isolates: they reorder what follows them (PEP 672).
_BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
#: Marks: right-to-left text uses them on purpose; beside a digit they can move a sign.
_BIDI_MARKS = "\u200e\u200f\u061c"
_BIDI_RUN = re.compile(f"[{_BIDI_CONTROLS}{_BIDI_MARKS}]+")
_CONTROL_RUN = re.compile(f"[{_BIDI_CONTROLS}]+")
_CONTEXT = 24  # characters shown on each side of the first control


def bidi_spans(text: str) -> Iterator[tuple[int, int]]:
    """Spans of ``text`` (start, end) that hold only bidirectional controls FC110
    reports: every embedding, override and isolate, and the marks that stand beside a
    digit (through other controls). A span never holds a line break. Linear in
    ``text``, and a run of a million controls is one span."""
    for run in _BIDI_RUN.finditer(text):
        start, end = run.span()
        if (start > 0 and text[start - 1].isdecimal()) or (
            end < len(text) and text[end].isdecimal()
        ):
            yield start, end
        else:
            for part in _CONTROL_RUN.finditer(text, start, end):
                yield part.span()


def describe_bidi(text: str, first: int, count: int) -> str:
    """What FC110 says of ``count`` controls from ``first`` (an offset into ``text``): the
    first, named, and the text around it on its line, with every control shown as
    ``<U+202E>``."""
    char = text[first]
    more = f" (the first of {count:,} here)" if count > 1 else ""
    line_start = text.rfind("\n", 0, first) + 1
    line_end = text.find("\n", first)
    line_end = len(text) if line_end < 0 else line_end
    window = text[max(line_start, first - _CONTEXT) : min(line_end, first + _CONTEXT + 1)]
    shown = _BIDI_RUN.sub(lambda m: "".join(f"<U+{ord(c):04X}>" for c in m.group()), window)
    return (
        f"U+{ord(char):04X} {unicodedata.name(char)}{more} changes the order in which "
        f"the text around it is displayed: {' '.join(shown.split())!r}; delete it"
    )
