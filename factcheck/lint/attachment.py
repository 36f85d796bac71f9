"""What a figure in a draft speaks of, read from its own clause: its subject, the words
that may name its metric (and the phrase it counts), its modality and its time.

A sentence is cut into clauses at semicolons, colons, dashes, brackets, and at a comma
before a word that starts a new clause ("…, ahead of Beijing with 1,250") or before a
figure. A figure's subject is the nearest name in its clause ("Xiamen's 144", "Shanghai
with 1,032"), else the last one named earlier in the sentence; "the city" is the last
city named in the draft. Its time is the nearest year or date in its clause, else one
earlier in the sentence, else the draft's date (which stands for its year), else unknown.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from factcheck.figures import Figure, Hedge
from factcheck.lint.mentions import TELLING, Discourse, Mention, Named, Names
from factcheck.lint.words import GENERIC, STOPWORDS, Token, stem, tokenize
from factcheck.periods import Period, from_day_number
from factcheck.units import Unit

__all__ = ["Attachment", "Subject", "When", "attach", "is_year", "period_of"]

#: Words that start a new clause after a comma: the figure after them has its own subject.
CLAUSE_STARTERS = frozenset((
    "while", "whereas", "but", "and", "compared", "ahead", "followed", "up", "down",
    "against", "versus", "vs", "behind", "second", "trailing", "with", "where", "after",
    "before", "than", "or", "making", "bringing", "accounting", "topped", "led",
))  # fmt: skip
_HARD_BREAKS = set(";:()[]—–")
_QUOTES = set('"“”')
#: Words that say a figure is a goal or a projection, not a report.
FUTURE = frozenset((
    "goal", "goals", "aim", "aims", "aimed", "aiming", "target", "targets", "targeted",
    "targeting", "plan", "plans", "planned", "planning", "expect", "expects",
    "expected", "expecting", "will", "seek", "seeks", "strive", "strives", "projected",
    "projection", "projections", "forecast", "forecasts", "envisage", "envisages",
    "intend", "intends", "intended", "hopes", "hope", "ambition",
))  # fmt: skip
#: Words that end the phrase a figure counts ("590 firms in Beijing": "firms").
_COUNTED_ENDS = frozenset((
    "of", "in", "on", "at", "to", "for", "by", "from", "with", "as", "is", "was",
    "were", "are", "be", "been", "being", "have", "has", "had", "will", "would", "that",
    "which", "who", "whom", "than", "since", "across", "among", "under", "including",
    "while", "whereas", "but", "per", "each", "a", "an", "the", "this", "these",
    "those", "its", "their", "it", "they", "there", "now", "so", "last", "year",
    "years", "nationwide", "respectively", "onto", "into", "via", "through", "within",
    "during", "like", "such", "also", "already", "alone", "together", "altogether",
    "made", "make", "makes", "got", "get", "gets", "won", "win", "wins", "came", "come",
    "comes", "join", "joins", "took", "take", "takes", "account", "accounts", "rank",
    "ranks", "hold", "holds", "held", "stood", "stand", "stands", "reach", "reaches",
    "grew", "grow", "grows", "rose", "rise", "rises", "fell", "fall", "falls", "saw",
    "see", "sees", "remain", "remains", "became", "become", "becomes", "include",
    "includes", "went", "go", "goes", "gain", "gains", "hit", "top", "tops", "lead",
    "leads", "led", "employ", "employs", "produce", "produces", "operate", "operates",
    "do", "does", "did", "can", "could", "may", "might", "must", "should", "shall",
    "set", "sets", "put", "puts", "brought", "bring", "brings", "added", "add", "adds",
))  # fmt: skip
#: Words ending in "-ed" that describe what is counted rather than say what it did.
_DESCRIBING_ED = frozenset((
    "specialized", "specialised", "sized", "listed", "certified", "recognised",
    "recognized", "qualified", "so-called", "registered", "advanced", "red",
))  # fmt: skip
_PARTITIVE_BEFORE = (("including",), ("of", "which"), ("among", "them"), ("among", "these"),
                     ("among", "which"), ("of", "whom"))  # fmt: skip
_DIFFERENCE = {("more",), ("fewer",), ("less",), ("higher",), ("lower",)}
_PARTITIVE_AFTER = (("of", "them"), ("of", "these"), ("of", "those"), ("of", "which"),
                    ("of", "whom"))  # fmt: skip
_COPULAS = frozenset({"are", "were", "is", "was"})
_SERIES_ORDINALS = frozenset((
    "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
    "eleventh", "twelfth",
))  # fmt: skip
#: Words before "target" or "goal" that make the figure a report of it met.
_COMPLETED = frozenset((
    "surpassed", "surpassing", "beat", "beating", "beaten", "met", "meeting", "exceeded",
    "exceeding", "reached", "reaching", "achieved", "achieving", "hit", "topped", "above",
    "beyond", "past",
))  # fmt: skip
MAX_COUNTED = 6
SHORT = 3  # words of its own (not names, not the figure, not stopwords) a short clause has
FUTURE_REACH = 12  # words before a figure where "aims" or "target" make it a goal
NEAR = 6  # words on each side of a figure that its qualifiers are looked for in


def is_year(figure: Figure) -> bool:
    """A calendar year, or a range of them ("2019-2022"): a bare number of four digits."""
    return figure.unit is None and all(
        a.step == 0 and a.value.denominator == 1 and 1900 <= a.value <= 2100
        for a in (figure.low, figure.high)
    )


@dataclass(frozen=True, slots=True)
class Subject:
    entity: str | None  # None: a name the fact base does not know
    name: str
    how: str  # "named at the figure", …


@dataclass(frozen=True, slots=True)
class When:
    period: Period
    how: str  # "“2022” in its clause", "the draft's date"
    from_draft: bool


@dataclass(frozen=True)
class Attachment:
    subject: Subject | None
    named: Subject | None  # the subject as the sentence names it, not as "national" implies
    scope: tuple[str, ...]  # stemmed words of the clause and those before it in the sentence
    counted: tuple[int, int]  # the phrase the figure counts: scope[counted[0]:counted[1]]
    near: tuple[str, ...]  # words of its clause within ``NEAR`` of it
    future: bool  # a goal or a projection
    when: When | None
    partitive: bool  # "including 68", "500 of them": a part of a group named before
    difference: bool  # "210 more than in the fourth": a change, not a count
    times: frozenset[Period]  # every year and date the sentence states
    numbered: bool  # "the fourth group": one of a numbered series, whatever it is called
    clause_start: int  # where in ``scope`` the figure's own clause starts
    counted_words: tuple[str, ...]  # the counted phrase but names ("3,671 Guangdong firms")
    written: tuple[str, ...]  # ``scope`` as written (lowered), plurals and all
    names_own: bool  # its own clause names someone ("Shenzhen has 1,333")
    short: bool  # its own clause has few words of its own ("ahead of Beijing with 1,210")
    alone: frozenset[int]  # numbers that stand alone ("batch 5", not "(1,744")


@dataclass(frozen=True)
class _Sentence:
    text: str
    tokens: list[Token]
    clause: list[int]  # the clause of each token
    mentions: list[Mention]
    resolved: list[Named | None]
    topic: Named | None  # the last name the draft gave before this sentence
    figures: Sequence[Figure]

    @cached_property
    def words(self) -> list[str]:
        return [t.word for t in self.tokens]

    @cached_property
    def stems(self) -> tuple[str, ...]:
        return tuple(stem(w) for w in self.words)

    @cached_property
    def _starts(self) -> list[int]:
        return [t.start for t in self.tokens]

    @cached_property
    def bounds(self) -> dict[int, tuple[int, int]]:
        """Each clause's first token and the token after its last."""
        bounds: dict[int, tuple[int, int]] = {}
        for i, c in enumerate(self.clause):
            bounds[c] = (bounds.get(c, (i, i))[0], i + 1)
        return bounds

    def span(self, figure: Figure) -> tuple[int, int]:
        """The tokens a figure covers: ``tokens[first:last]``."""
        return bisect_left(self._starts, figure.start), bisect_left(self._starts, figure.end)

    @cached_property
    def times(self) -> list[tuple[int, int, Figure]]:
        """The years and dates of the sentence, by the tokens they cover, but those that
        start a count ("since 2018")."""
        return [
            (*self.span(f), f) for f in self.figures
            if (is_year(f) or f.unit is Unit.DATE) and f.hedge is not Hedge.AT_LEAST
        ]  # fmt: skip

    def short(self, start: int, end: int, first: int, last: int) -> bool:
        """Whether the clause ``tokens[start:end]`` has at most ``SHORT`` words of its own
        besides the figure ``tokens[first:last]``: names and stopwords do not count."""
        own = self._own_words.get((start, end))
        if own is None:
            own = self._own_words[(start, end)] = [
                i for i in range(start, end)
                if i not in self.named_at and self.words[i] not in STOPWORDS
            ]  # fmt: skip
        return sum(1 for i in own if not first <= i < last) <= SHORT

    @cached_property
    def _own_words(self) -> dict[tuple[int, int], list[int]]:
        return {}

    @cached_property
    def alone(self) -> frozenset[int]:
        """Tokens that are whole numbers on their own: "batch 5", not "batch (1,744"."""
        tokens = self.tokens
        return frozenset(
            i for i, t in enumerate(tokens)
            if t.word.isdigit() and t.gap.isspace()
            and not (i + 1 < len(tokens) and tokens[i + 1].gap in {",", "."})
        )  # fmt: skip

    def numbered_before(self, end: int) -> bool:
        """Whether ``tokens[:end]`` hold an ordinal before a noun ("the fourth group of
        …", "the 5th round"); not "first" or "second", which rank as often as they
        number ("ranking first", "the second largest")."""
        words = self.words
        for i in range(min(end, len(words))):
            if words[i] in _SERIES_ORDINALS or (words[i][:-2].isdigit() and words[i][-2:] == "th"):
                after = words[i + 1 : min(end, i + 4)]
                if any(w not in STOPWORDS and not w[0].isdigit() for w in after):
                    return True
        return False

    @cached_property
    def periods(self) -> frozenset[Period]:
        """The times the sentence states as its own: not "since 2019", not "by 2025"."""
        return frozenset(period_of(f) for _, _, f in self.times if f.hedge is None)

    @cached_property
    def counts(self) -> list[int]:
        """Where each figure that is not a year or a date starts, by token."""
        return [self.span(f)[0] for f in self.figures if not (is_year(f) or f.unit is Unit.DATE)]

    @cached_property
    def named_at(self) -> frozenset[int]:
        """The tokens that are part of a name."""
        return frozenset(i for m in self.mentions if not m.weak for i in range(m.first, m.last))


def attach(
    text: str,
    figures: Sequence[Figure],
    names: Names,
    discourse: Discourse,
    drafted: date | None,
) -> list[Attachment]:
    """One attachment for each of ``figures`` (the figures of ``text``, in order); adds
    the sentence's names to ``discourse``."""
    tokens = tokenize(text)
    mentions = names.find(tokens)
    resolved: list[Named | None] = []
    for m in mentions:
        earlier = [r for r in resolved if r is not None]
        resolved.append(discourse.resolve(m, earlier))
    attachments: list[Attachment] = []
    if figures:  # a sentence without figures only names, for "the city" later
        topic = next((n for n in reversed(discourse.named) if n.explicit), None)
        clause = _clauses(tokens, figures)
        sentence = _Sentence(text, tokens, clause, mentions, resolved, topic, figures)
        attachments = [_attach(sentence, figure, drafted) for figure in figures]
    discourse.extend(
        r for m, r in zip(mentions, resolved, strict=True) if r and not m.agent and not m.weak
    )
    return attachments


def _clauses(tokens: list[Token], figures: Sequence[Figure]) -> list[int]:
    starts = {f.start for f in figures}
    clause, number = [], 0
    for i, token in enumerate(tokens):
        if i and (
            _HARD_BREAKS & set(token.gap) or " - " in token.gap
            or (_QUOTES & set(token.gap) and token.word in TELLING)  # '…15 years," said'
            or ("," in token.gap and (token.word in CLAUSE_STARTERS or token.start in starts))
        ):  # fmt: skip
            number += 1
        clause.append(number)
    return clause


def _attach(s: _Sentence, figure: Figure, drafted: date | None) -> Attachment:
    tokens = s.tokens
    first, last = s.span(figure)
    if first < len(tokens):
        clause_start, clause_end = s.bounds[s.clause[first]]
    else:  # a figure no word of which is a token ("５９１" in full-width digits)
        clause_start = clause_end = len(tokens)
    words = s.words
    scope = s.stems[:clause_end]
    counted_start = last
    if tuple(words[last : last + 2]) in _PARTITIVE_AFTER:  # "15,000 of them were specialized SMEs"
        counted_start = last + 2 + (last + 2 < len(words) and words[last + 2] in _COPULAS)
    elif figure.unit is None and words[last : last + 1] == ["of"]:
        counted_start = _of_whole(s, last, clause_end)  # "21 of China's 297 cities had …"
    counted_start = min(counted_start, clause_end)  # "2022; of them": the clause ended
    counted_end = counted_start
    while counted_end < min(clause_end, counted_start + MAX_COUNTED):
        token = tokens[counted_end]
        if _ends_counted(token):
            break
        counted_end += 1
    if counted_end > counted_start and words[counted_end - 1] in {"and", "or"}:
        counted_end -= 1
    near = tuple(words[max(clause_start, first - NEAR) : min(clause_end, last + NEAR)])
    own = _subject(s, first, last, clause_start, clause_end, own_clause=True)
    named = own or _subject(s, first, last, 0, clause_start, own_clause=False)
    before = tuple(words[max(clause_start, first - 2) : first])
    after = tuple(words[last : last + 2])
    partitive = (
        any(before[-len(p):] == p for p in _PARTITIVE_BEFORE) or after in _PARTITIVE_AFTER
        or "among" in words[max(clause_start, first - 3) : first]  # "Among the 500, 68 were"
    )  # fmt: skip
    difference = tuple(words[last : last + 1]) in _DIFFERENCE or (
        tuple(words[max(0, first - 2) : first]) in {("up", "by"), ("down", "by")}
    )
    subject = named or _national(s)
    if subject is None and after in _PARTITIVE_AFTER and s.topic is not None:
        # "Fewer than 15,000 of them were …": them, the last one named
        topic = s.topic
        subject = Subject(topic.entity, topic.name, f"“of them”: {topic.name}, named before")
    reach = range(max(clause_start, first - FUTURE_REACH), min(clause_end, last + 4))
    future = any(
        words[i] in FUTURE and not _COMPLETED & set(words[max(clause_start, i - 3) : i])
        for i in reach
    )  # "surpassed its target with 14,600": a report of a goal met, not a goal
    return Attachment(
        subject, named, scope, (counted_start, counted_end), near, future,
        _when(s, figure, (first, last), clause_start, drafted), partitive, difference,
        s.periods, s.numbered_before(clause_end),
        clause_start,
        tuple(scope[i] for i in range(counted_start, counted_end) if i not in s.named_at),
        tuple(words[:clause_end]), own is not None,
        s.short(clause_start, clause_end, first, last), s.alone,
    )  # fmt: skip


#: Words between "of" and what a count is a part of: "21 of China's 297 cities".
_OF_DETERMINERS = frozenset(
    {"the", "its", "their", "his", "her", "our", "all", "these", "those", "s"}
)
_OF_REACH = 10  # words after "of" searched for the copula of "N of the M X were Y"


def _of_whole(s: _Sentence, of: int, end: int) -> int:
    """Where the phrase a count is part of starts, after its "of": past determiners,
    possessive names and numbers ("21 of China's 297 cities had …": at "cities").
    Not for "68 of the 500 firms were national little giants", where what the
    count is follows the copula, nor for "685 of the firms on it", where "firms"
    says nothing of its own: there, ``of`` (the phrase is read on as before)."""
    words = s.words
    i = of + 1
    while i < end and (words[i] in _OF_DETERMINERS or words[i].isdigit() or i in s.named_at):
        i += 1
    if i >= end or stem(words[i]) in GENERIC or _COPULAS.intersection(words[i : i + _OF_REACH]):
        return of
    return i


def _ends_counted(token: Token) -> bool:
    """Whether ``token`` ends the phrase a figure counts: a verb, a preposition, another
    figure, punctuation ("3,761 enterprises made the list": "enterprises")."""
    word = token.word
    return (
        word in _COUNTED_ENDS or word[0].isdigit() or not _within_phrase(token.gap)
        or (word.endswith("ed") and word not in _DESCRIBING_ED)
        or (word.endswith("ly") and len(word) > 4)
    )  # fmt: skip


def _within_phrase(gap: str) -> bool:
    return gap == "" or gap.isspace() or gap in {"-", "'", "’", " -"}


def _subject(
    s: _Sentence, first: int, last: int, start: int, end: int, *, own_clause: bool
) -> Subject | None:
    best: tuple[float, Named, Mention] | None = None
    for mention, named in zip(s.mentions, s.resolved, strict=True):
        if named is None or mention.agent or mention.weak or mention.owner:
            continue
        if not (start <= mention.first and mention.last <= end):
            continue
        if first <= mention.first < last:
            continue  # inside the figure ("Top 100"): not what it counts
        if mention.last <= first:
            gap = first - mention.last - mention.possessive
            joined = s.tokens[mention.last].word == "with" if mention.last < first else False
            score: float = 0 if (mention.possessive and gap == 0) or (joined and gap == 1) else gap
        else:
            score = mention.first - last + 3  # a name after the figure: "590 in Beijing"
        if best is None or score < best[0] or (not own_clause and score == best[0]):
            best = (score, named, mention)
    if best is None:
        return None
    _, named, mention = best
    if mention.reference is not None:
        how = f"“{mention.name}” refers to {named.name}, named before"
    elif own_clause:
        how = f"named at the figure as “{mention.name}”"
    else:
        how = f"named earlier in the sentence as “{mention.name}”"
    return Subject(named.entity, named.name, how)


def _national(s: _Sentence) -> Subject | None:
    """Where a sentence names no one but tellers: the country its "national" or
    "state-level" speaks of ("the fifth national list")."""
    if any(not m.weak and not m.agent for m in s.mentions):
        return None
    for mention, named in zip(s.mentions, s.resolved, strict=True):
        if mention.weak and named is not None:
            return Subject(named.entity, named.name, f"“{mention.name}” speaks of {named.name}")
    return None


def _when(
    s: _Sentence, figure: Figure, span: tuple[int, int], clause_start: int, drafted: date | None
) -> When | None:
    """The nearest year or date in the figure's clause (ties: the one after it), else the
    last one earlier in the sentence, else "last year" or the draft's date."""
    tokens = s.tokens
    first, last = span
    own = s.clause[first] if first < len(tokens) else -1
    best: tuple[tuple[int, int, int], Figure] | None = None
    for at, end, other in s.times:
        if other is figure or at >= len(tokens) or (s.clause[at] != own and at > first):
            continue
        between = bisect_left(s.counts, last)
        if other.hedge and at > first and between < len(s.counts) and s.counts[between] < at:
            continue  # "13,000 … 10,000 firms by 2025": a deadline is the later figure's
        in_clause = s.clause[at] == own
        distance = first - end if end <= first else at - last
        rank = (0 if in_clause else 1, distance if in_clause else -at, 0 if at > first else 1)
        if best is None or rank < best[0]:
            best = (rank, other)
    following = bisect_left(s.counts, last)
    next_count = s.counts[following] if following < len(s.counts) else len(tokens)
    aside = next(  # "Beijing's 588 little giants (October 2022)": the figure's own time
        (f for at, _, f in s.times
         if last <= at <= min(last + MAX_COUNTED, next_count, len(tokens) - 1)
         and "(" in tokens[at].gap),
        None,
    )  # fmt: skip
    if aside is not None:  # "Beijing's 588 little giants (October 2022)"
        best = ((0, 0, 0), aside)
    if best is not None:
        other = best[1]
        written = " ".join(s.text[other.start : other.end].split())
        return When(period_of(other), f"“{written}” in the sentence", from_draft=False)
    if drafted is None:
        return None
    words = [t.word for t in tokens[clause_start : last + 4]]
    if _has(words, ("last", "year")) and drafted.year > 1:  # no year 0 before year 1
        before = drafted.year - 1
        last_year = Period(date(before, 1, 1), date(before, 12, 31))
        return When(last_year, "“last year” from the draft's date", from_draft=False)
    year = Period(date(drafted.year, 1, 1), date(drafted.year, 12, 31))
    return When(year, f"the draft's date ({drafted.isoformat()})", from_draft=True)


def _has(words: list[str], phrase: tuple[str, ...]) -> bool:
    n = len(phrase)
    return any(tuple(words[i : i + n]) == phrase for i in range(len(words) - n + 1))


def period_of(figure: Figure) -> Period:
    """The days a year, a span of years or a date stands for."""
    if figure.unit is Unit.DATE:
        return Period(
            from_day_number(int(figure.low.value)), from_day_number(int(figure.high.value))
        )
    return Period(date(int(figure.low.value), 1, 1), date(int(figure.high.value), 12, 31))
