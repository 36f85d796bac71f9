"""What a figure's sentence must say of a claim's qualifiers for the figure to be held
to it: "healthcare", "medical devices", and which of a numbered series ("the fifth
batch", "the fifth national list", "batch 5", or "the list published in 2020")."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from factcheck.lint.attachment import Attachment
from factcheck.lint.words import phrase, stem
from factcheck.numwords import CARDINALS, ORDINALS

if TYPE_CHECKING:
    from factcheck.lint.signatures import Signature

__all__ = ["ORDINAL_WORDS", "numbered", "qualifiers_agree", "ways"]

CARDINAL_WORDS = frozenset(CARDINALS)


def ways(key: str, value: str | int) -> tuple[tuple[str, ...], ...]:
    """How a qualifier other than a number may be written: "medical-devices" as
    "medical devices"."""
    if isinstance(value, int):
        return ()
    return (tuple(stem(w) for w in phrase(str(value).replace("-", " "))),)


ORDINAL_WORDS = {w: v for w, v in ORDINALS.items() if isinstance(v, int)}
NUMBERED_GAP = 3  # words between "fifth" and what it numbers: "the fifth national list"


def numbered(
    words: tuple[str, ...] | list[str],
    nouns: frozenset[str],
    keys: frozenset[str],
    alone: frozenset[int] = frozenset(),
) -> set[int]:
    """The numbers of the numbered things ``words`` name: "the fifth national list",
    "the 5th batch" (each of ``nouns``, stemmed), "batch 5" (each of ``keys``, with a
    number that stands ``alone``: not "the batch (1,744 firms)"); not "the first three
    batches", which names three."""
    found: set[int] = set()
    for i, word in enumerate(words):
        number = ORDINAL_WORDS.get(word)
        if number is None and word[:-2].isdigit() and word[-2:] in {"st", "nd", "rd", "th"}:
            number = int(word[:-2])
        if number is not None:
            for later in words[i + 1 : i + 2 + NUMBERED_GAP]:
                if later.isdigit() or later in ORDINAL_WORDS or later in CARDINAL_WORDS:
                    break
                if later in nouns:
                    found.add(number)
                    break
        elif word in keys and i + 1 in alone and words[i + 1].isdigit():
            found.add(int(words[i + 1]))
    return found


def _written_in(words: Iterable[str], way: tuple[str, ...]) -> bool:
    seq = list(words)
    n = len(way)
    return any(tuple(seq[i : i + n]) == way for i in range(len(seq) - n + 1))


def qualifiers_agree(
    signature: Signature,
    attachment: Attachment,
    candidates: list[Signature],
    numbers: set[int],
    nouns: frozenset[str],
) -> str:
    """ "" when the figure's qualifiers are the claim's: each of the claim's is written
    in the figure's clause or one before it (a number as "the fifth batch", or a list, or
    whatever the metric's terms call it), and no other claim's is written beside the
    figure ("Beijing's 500 healthcare firms" are not all of Beijing's)."""
    scope = attachment.scope
    near = [stem(w) for w in attachment.near]
    named_numbers = numbers
    for key, value, ways in signature.qualifiers:
        if ways and not any(_written_in(scope, way) for way in ways):
            return f"claim {signature.claim!r} is about one {key}; the sentence does not say which"
        if (
            not ways
            and int(value) not in named_numbers
            and not (
                not named_numbers
                and _identified_by_time(signature, key, attachment, candidates, nouns)
            )
        ):
            return f"claim {signature.claim!r} is about {key} {value}; the sentence does not say so"
    if (named_numbers or attachment.numbered or _one_numbered(attachment, nouns)) and not any(
        not ways for _, _, ways in signature.qualifiers
    ):
        return f"it is about one numbered list or event; claim {signature.claim!r} is not"
    own = {key for key, _, _ in signature.qualifiers}
    for other in candidates:
        if other.metric != signature.metric:
            continue
        for key, _, ways in other.qualifiers:
            if key not in own and ways and any(_written_in(near, way) for way in ways):
                return f"it is about one {key}; claim {signature.claim!r} is not"
    return ""


def _identified_by_time(
    signature: Signature, key: str, attachment: Attachment, candidates: list[Signature],
    nouns: frozenset[str],
) -> bool:  # fmt: skip
    """ "The list published in 2020": one numbered thing (a singular noun, no number)
    whose time the sentence states, and only one claim of its kind has that time."""
    when = attachment.when
    if when is None or when.from_draft or not _one_numbered(attachment, nouns):
        return False
    same = [
        c for c in candidates
        if c.metric == signature.metric and any(k == key for k, _, w in c.qualifiers if not w)
        and c.as_of.overlaps(when.period)
    ]  # fmt: skip
    return same == [signature]


def _one_numbered(attachment: Attachment, nouns: frozenset[str]) -> bool:
    """Whether the figure's clause names one numbered thing, without its number: "the
    list", "the batch" (not "the lists")."""
    own = attachment.written[attachment.clause_start :]
    return any(w in nouns and stem(w) == w for w in own)
