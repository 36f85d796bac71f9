"""Who a sentence of a draft names: the fact base's entities, places from the gazetteer
(``factcheck/data/places.yaml``) and other proper names, and what "the city" or "its"
refers back to.

A name the fact base does not know matters as much as one it knows: "Wuhan had 45
firms" is about Wuhan, and must never be held to a claim about somewhere else.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources

import yaml

from factcheck.factbase import FactBase
from factcheck.lint.words import Token, phrase, stem, stems
from factcheck.model import EntityKind

__all__ = ["Discourse", "Mention", "Names", "gazetteer"]


@dataclass(frozen=True, slots=True)
class Mention:
    """A name in a sentence: ``tokens[first:last]``."""

    first: int
    last: int
    name: str  # as written
    entity: str | None  # the fact base's entity; None for a name it does not know
    kind: EntityKind | None  # None: a proper name of unknown kind
    agent: bool = False  # who tells or does ("according to Xinhua"), not who is counted
    possessive: bool = False  # "Beijing's"
    reference: frozenset[EntityKind] | None = None  # "the city": what it may refer to
    weak: bool = False  # "national": the subject only where the sentence names none
    owner: bool = False  # "Beijing's" in "Beijing's loan project": not what is counted


@dataclass(frozen=True, slots=True)
class _Known:
    words: tuple[str, ...]
    name: str
    entity: str | None
    kind: EntityKind | None


_GAZETTEER_KINDS = {
    "provinces": EntityKind.PROVINCE,
    "cities": EntityKind.CITY,
    "districts": EntityKind.DISTRICT,
    "countries": EntityKind.COUNTRY,
}


@cache
def gazetteer() -> tuple[tuple[tuple[str, ...], EntityKind], ...]:
    """Every place of the bundled gazetteer: its names and kind (data, read safely)."""
    text = resources.files("factcheck").joinpath("data/places.yaml").read_text("utf-8")
    data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # data only
    places = []
    for section, kind in _GAZETTEER_KINDS.items():
        for entry in data.get(section) or ():
            names = (entry["name"], *entry.get("aliases", ()))
            places.append((tuple(names), EntityKind(entry.get("kind", kind))))
    return tuple(places)


_CITY_LIKE = frozenset({EntityKind.CITY, EntityKind.MUNICIPALITY})
_ZONE_LIKE = frozenset({EntityKind.DISTRICT, EntityKind.DEVELOPMENT_ZONE})
_PLACE = frozenset(
    {EntityKind.COUNTRY, EntityKind.PROVINCE, *_CITY_LIKE, *_ZONE_LIKE, EntityKind.COMPANY}
)
#: Words that refer back to something named before, and the kinds each may refer to.
REFERENCES: dict[tuple[str, ...], frozenset[EntityKind]] = {
    ("the", "city"): _CITY_LIKE,
    ("the", "municipality"): frozenset({EntityKind.MUNICIPALITY}),
    ("the", "province"): frozenset({EntityKind.PROVINCE, EntityKind.MUNICIPALITY}),
    ("the", "district"): _ZONE_LIKE,
    ("the", "zone"): _ZONE_LIKE,
    ("the", "area"): _ZONE_LIKE,
    ("the", "park"): _ZONE_LIKE,
    ("the", "country"): frozenset({EntityKind.COUNTRY}),
    ("the", "nation"): frozenset({EntityKind.COUNTRY}),
    ("the", "company"): frozenset({EntityKind.COMPANY}),
    ("the", "firm"): frozenset({EntityKind.COMPANY}),
    ("it",): _PLACE,
    ("its",): _PLACE,
}
#: Words that speak of the country without naming it ("the national list"): the subject
#: of a figure only where its sentence names no one else.
WEAK_REFERENCES: dict[tuple[str, ...], frozenset[EntityKind]] = {
    ("national",): frozenset({EntityKind.COUNTRY}),
    ("state", "level"): frozenset({EntityKind.COUNTRY}),
}
_Reference = tuple[tuple[str, ...], frozenset[EntityKind], bool]  # words, kinds, weak


def _by_first_word() -> dict[str, list[_Reference]]:
    found: dict[str, list[_Reference]] = {}
    for table, weak in ((REFERENCES, False), (WEAK_REFERENCES, True)):
        for words, kinds in table.items():
            found.setdefault(words[0], []).append((words, kinds, weak))
    return found


_REFERENCES_BY_FIRST = _by_first_word()

#: Capitalised words that name nobody: title words, months, the programme's own words.
NOT_NAMES = frozenset((
    "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december", "monday", "tuesday", "wednesday",
    "thursday", "friday", "saturday", "sunday", "chinese", "national", "provincial",
    "municipal", "little", "giant", "giants", "specialized", "specialised",
    "sophisticated", "novel", "unique", "innovative", "sme", "smes", "new", "no", "mr",
    "ms", "mrs", "dr", "prof", "premier", "president", "minister", "vice", "director",
    "chairman", "general", "secretary", "ceo", "chief", "deputy", "ltd", "co", "inc",
    "corp", "group", "technology", "technologies", "the", "a", "an", "in", "on", "at",
    "by", "for", "of", "from", "to", "and", "or", "with", "as", "since", "after",
    "before", "between", "during", "among", "about", "over", "under", "more", "less",
    "nearly", "some", "this", "that", "these", "those", "it", "its", "their", "there",
    "here", "what", "when", "where", "why", "how", "according", "meanwhile", "however",
    "also", "still", "now", "today", "overall", "together", "currently", "so", "yet",
    "such", "we", "our", "he", "she", "they", "only", "each", "every", "all", "both",
    "half", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
    "ninth", "tenth", "last", "next", "total", "while", "but", "if", "though",
    "although", "manufacturing", "single", "champion", "champions", "enterprise",
    "enterprises", "firm", "firms", "company", "companies", "list", "lists", "batch",
    "batches", "level", "state", "council", "ministry", "rmb", "cny", "usd", "yuan",
    "gdp", "ipo", "ipos", "ai", "ev", "evs", "ict",
))  # fmt: skip
#: Words after a place that make the two a body of its own: "the Beijing bourse".
BODIES = frozenset((
    "bourse", "exchange", "stock", "university", "bank", "court", "port", "airport",
    "association", "federation", "institute", "academy", "hospital", "team", "customs",
))  # fmt: skip
#: Words after a name that make it the teller, not the subject: "Xinhua reported".
TELLING = frozenset((
    "said", "says", "say", "reported", "reports", "report", "told", "noted", "notes",
    "stated", "states", "disclosed", "revealed",
))  # fmt: skip
#: Verbs before "by" that make the name after it the one who acts ("named by MIIT").
_ACTED_BY = frozenset((
    "named", "issued", "released", "published", "approved", "recognised", "recognized",
    "certified", "selected", "announced", "compiled", "awarded", "granted", "rated",
    "chosen", "listed",
))  # fmt: skip


class Names:
    """The names a fact base knows, the gazetteer's places, and how to find both."""

    def __init__(self, factbase: FactBase) -> None:
        known: dict[tuple[str, ...], _Known] = {}
        by_name: dict[str, str] = {}
        for eid, entry in factbase.entities.items():
            entity = entry.record
            for written in (entity.name, *entity.aliases):
                words = stems(written)
                if words and phrase(written) not in REFERENCES:
                    known.setdefault(words, _Known(words, entity.name, eid, entity.kind))
                    by_name[written.casefold()] = eid
        # "the city" as an alias: what it means when the draft has named no city.
        self.fallbacks: dict[tuple[str, ...], str] = {}
        for eid, entry in factbase.entities.items():
            for written in entry.record.aliases:
                if (words := phrase(written)) in REFERENCES:
                    self.fallbacks.setdefault(words, eid)
        for names, kind in gazetteer():
            # A place the fact base knows by one of its names is that entity by all.
            place = next((by_name[n.casefold()] for n in names if n.casefold() in by_name), None)
            record = factbase.entities[place].record if place is not None else None
            shown = record.name if record is not None else names[0]
            for written in names:
                words = stems(written)
                if words and words not in known:
                    known[words] = _Known(words, shown, place, record.kind if record else kind)
        self._by_first: dict[str, list[_Known]] = {}
        for item in sorted(known.values(), key=lambda k: -len(k.words)):
            self._by_first.setdefault(item.words[0], []).append(item)
        self.kinds = {eid: e.record.kind for eid, e in factbase.entities.items()}
        self.display = {eid: e.record.name for eid, e in factbase.entities.items()}

    def find(self, tokens: list[Token]) -> list[Mention]:
        """The names in ``tokens``, left to right, none overlapping; longest first."""
        found: list[Mention] = []
        title_case = _title_case(tokens)
        i = 0
        while i < len(tokens):
            mention = self._known_at(tokens, i) or _reference_at(tokens, i)
            if mention is None and not title_case:
                mention = _proper_name_at(tokens, i)
            if mention is None:
                i += 1
                continue
            found.append(_with_role(mention, tokens))
            i = mention.last
        # "Beijing's loan project": Beijing owns the name after it, and is not counted.
        starts = {n.first for n in found if not n.weak}
        return [
            replace(m, owner=True) if m.possessive and m.last + 1 in starts else m for m in found
        ]

    def _known_at(self, tokens: list[Token], i: int) -> Mention | None:
        for item in self._by_first.get(stem(tokens[i].word), ()):
            n = len(item.words)
            if tuple(stem(t.word) for t in tokens[i : i + n]) == item.words:
                after = tokens[i + n] if i + n < len(tokens) else None
                if (
                    after is not None
                    and item.kind in _PLACE
                    and _joined(after.gap)
                    and (after.word in BODIES or _name_word(after))
                ):
                    # "the Beijing bourse", "Beijing Municipal Bureau of …": a body of
                    # its own, not the place
                    body = _proper_name_at(tokens, i + n, first=False)
                    last = body.last if body is not None else i + n + 1
                    name = " ".join(t.word for t in tokens[i:last])
                    return Mention(i, last, name, None, EntityKind.INSTITUTION)
                agent = item.kind is EntityKind.INSTITUTION
                return Mention(i, i + n, item.name, item.entity, item.kind, agent=agent)
        return None


def _reference_at(tokens: list[Token], i: int) -> Mention | None:
    for words, kinds, weak in _REFERENCES_BY_FIRST.get(tokens[i].word, ()):
        n = len(words)
        if tuple(t.word for t in tokens[i : i + n]) == words:
            return Mention(i, i + n, " ".join(words), None, None, reference=kinds, weak=weak)
    return None


def _proper_name_at(tokens: list[Token], i: int, *, first: bool = True) -> Mention | None:
    """A run of capitalised words that are not title words ("Kofon Motor", "Ministry of
    Finance"); a sentence's first word only when it is possessive or one of several."""
    if not _name_word(tokens[i]):
        return None
    last = i + 1
    while last < len(tokens):
        token = tokens[last]
        if _name_word(token) and _joined(token.gap):
            last += 1
        elif (
            token.word in {"of", "and", "for"} and last + 1 < len(tokens)
            and _name_word(tokens[last + 1]) and _joined(token.gap)
        ):  # fmt: skip
            last += 2
        else:
            break
    possessive = last < len(tokens) and tokens[last].word == "s" and "'" in tokens[last].gap
    if last < len(tokens) and tokens[last].gap == "-" and tokens[last].word[0].isdigit():
        return None  # "Ceres-1", "Model-3": a product, not who is counted
    if first and i == 0 and last == i + 1 and not possessive:
        return None  # "Meanwhile", "Officials": a capital that only starts the sentence
    name = " ".join(t.word for t in tokens[i:last])
    return Mention(i, last, name, None, None)


def _name_word(token: Token) -> bool:
    word = token.word
    return token.capital and word not in NOT_NAMES and not word.isdigit() and len(word) > 1


#: Verbs whose doer names or certifies what is counted, and is not where it is: "Beijing
#: has named 8,997 enterprises as little giants" (Beijing the government, not the city).
NAMING = frozenset((
    "named", "designated", "certified", "recognised", "recognized", "selected",
    "approved", "accredited", "identified",
))  # fmt: skip
_AUXILIARIES = frozenset((
    "has", "have", "had",
))  # fmt: skip


def _names_them(tokens: list[Token], after: int) -> bool:
    """Whether the words at ``after`` are "named" or "has named"."""
    words = [t.word for t in tokens[after : after + 2]]
    if words[:1] and words[0] in _AUXILIARIES:
        words = words[1:]
    return bool(words) and words[0] in NAMING


def _joined(gap: str) -> bool:
    return gap in {" ", "-", "'"} or gap.isspace()


def _title_case(tokens: list[Token]) -> bool:
    """A heading in title case ("Beijing Leads With 590 Little Giants"): its capitals say
    nothing of names."""
    long = [t for t in tokens if len(t.word) >= 4 and t.word.isalpha()]
    return len(long) >= 3 and sum(t.capital for t in long) >= 0.8 * len(long)


def _with_role(mention: Mention, tokens: list[Token]) -> Mention:
    after = tokens[mention.last] if mention.last < len(tokens) else None
    possessive = after is not None and after.word == "s" and "'" in after.gap
    following = (
        tokens[mention.last + possessive] if mention.last + possessive < len(tokens) else None
    )
    before = [t.word for t in tokens[max(0, mention.first - 2) : mention.first]]
    agent = (
        mention.agent
        or (following is not None and following.word in TELLING)
        # "Beijing has named 8,997 …": the state, by its capital's name; not "the city"
        or (mention.reference is None and _names_them(tokens, mention.last + possessive))
        or (after is not None and after.word == "based" and after.gap == "-")  # "X-based"
        or before[-2:] == ["according", "to"]
        or (
            before[-1:] in (["said"], ["says"], ["told"])
            and (following is None or "," in following.gap)
        )
        or (len(before) == 2 and before[1] == "by" and before[0] in _ACTED_BY)
        or (before[-1:] == ["the"] and len(before) == 2 and before[0] == "by")
    )
    return Mention(
        mention.first, mention.last, mention.name, mention.entity, mention.kind,
        agent=agent, possessive=possessive, reference=mention.reference, weak=mention.weak,
    )  # fmt: skip


@dataclass(frozen=True, slots=True)
class Named:
    """What a mention stands for, once references are resolved."""

    entity: str | None
    name: str
    kind: EntityKind | None
    explicit: bool = True  # named, not referred to ("the country")


@dataclass
class Discourse:
    """The names a draft has used so far, in order, for "the city" and "its"."""

    names: Names
    named: list[Named] = field(default_factory=list)

    def resolve(self, mention: Mention, earlier: Iterable[Named] = ()) -> Named | None:
        """What ``mention`` stands for: itself, or for "the city" the last city named
        (in this sentence, ``earlier``, or before)."""
        if mention.reference is None:
            return Named(mention.entity, mention.name, mention.kind)
        if mention.name in {"it", "its"}:
            # The sentence's own subject if it has one ("E-Town, the capital's zone, says
            # it …"), else the last one named before.
            here = [n for n in earlier if n.explicit and n.kind in mention.reference]
            before = (n for n in _newest_first(self.named) if n.explicit)
            found = (
                here[0] if here else next((n for n in before if n.kind in mention.reference), None)
            )
            return None if found is None else replace(found, explicit=False)
        for named in _newest_first([*self.named, *earlier]):
            if named.kind in mention.reference:
                return Named(named.entity, named.name, named.kind, explicit=False)
        fallbacks = self.names.fallbacks
        entity = fallbacks.get(tuple(mention.name.split())) or next(
            (e for words, e in fallbacks.items() if REFERENCES.get(words) == mention.reference),
            None,
        )
        if entity is None:
            return None
        return Named(entity, self.names.display[entity], self.names.kinds[entity], explicit=False)

    def extend(self, names: Iterable[Named]) -> None:
        self.named.extend(names)
        del self.named[:-64]  # what "the city" refers to is never far back


def _newest_first(named: list[Named]) -> Iterator[Named]:
    return reversed(named)
