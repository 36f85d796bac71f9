"""Quantities in text, the first step of finding figures (``factcheck.figures``): a
number in digits or words with its currency, scale word and unit or measure, as written
("5 billion yuan", "$684.4 million", "3.5m", "64GB", "one-eighth", "1.2万"), and dates.
Numbers that are no figures (names, ids, times: ``factcheck.measure_words``) are left
out. Hedges, directions and ranges are the second step's.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from fractions import Fraction
from itertools import accumulate

from factcheck.figure_model import Amount, Figure
from factcheck.measure_words import (
    COUNTED_AFTER,
    GLUED_SCALES,
    MEASURES,
    NOT_FIGURES,
    SCALE_VALUES,
    SPACED_SCALES,
    ZH_UNITS,
    is_metres,
)
from factcheck.numwords import (
    CARDINALS,
    DENOMINATORS,
    ORDINALS,
    SCALES,
    chinese_number,
    fraction_in_words,
    words_to_number,
)
from factcheck.periods import PROSE_DATE, period_of_match
from factcheck.regex_trie import trie_pattern, word_starts
from factcheck.units import CURRENCIES, Unit

__all__ = ["CJK", "FRACTION_TOLERANCE", "MAX_DIGITS", "UNIT_WORD_STARTS", "folded", "quantities"]


def folded(written: str) -> str:
    """A word as the grammar's tables spell it. The grammar matches case-insensitively,
    which in Unicode also lets "ſ" stand for "s" and "İ" for "i": what NFKC does not
    bring back to a table's spelling is looked up and not found, never a crash."""
    return unicodedata.normalize("NFKC", written).lower()


_DIGITS = r"(?:(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|(?<![^\s(])\.\d+)"
_CARD = trie_pattern(CARDINALS)
_SCALE_WORDS = trie_pattern(SCALES)
_WORDS = (  # "thirteen thousand", "twenty-five", "a hundred and five"
    rf"(?:{_CARD}|an?(?=[\s-]+(?:{_SCALE_WORDS})))"
    rf"(?:[\s-]+(?:and[\s-]+)?(?:{_CARD}|{_SCALE_WORDS}))*"
)
_DENOMS = trie_pattern(DENOMINATORS)
_PLURAL_DENOMS = trie_pattern(d for d in DENOMINATORS if d.endswith("s"))
# "one-eighth" and "two thirds" are fractions; "a third" only when a fraction *of*
# something follows, since "a third party" and "one fifth batch" are ordinals.
_FRACTION = (
    r"(?<!first\s)(?<!second\s)(?<!the\s)half(?=\s+(?:of|the|its|their|all)\b)|(?<=\bby\s)half\b"
    r"|half(?=\s+an?\s+(?:hour|day|week|month|year|century|decade|point)\b)"
    rf"|(?<=\bby\s)(?:{_CARD}|an?)\s+(?:{_DENOMS})\b"  # "grew by a fifth"
    rf"|(?:{_CARD}|an?)-(?:{_DENOMS})"
    rf"|(?:{_CARD})\s+(?:{_PLURAL_DENOMS})"
    rf"|(?:{_CARD}|an?)\s+(?:{_DENOMS})"
    r"(?=\s+(?:of|fewer|more|less|lower|higher|smaller|larger|bigger|full|empty|to)\b|\s*[.,;:)]|\s*$)"
)
#: How far from its value a fraction in words reaches, as a share of it: "one-fifth" is
#: 18 to 22 percent, "a third" 30 to 36.7 percent (docs/semantics.md).
FRACTION_TOLERANCE = Fraction(1, 10)
_MULTIPLE_WORDS = {"twice": 2, "thrice": 3, "double": 2, "doubled": 2, "doubling": 2,
                   "twofold": 2, "triple": 3, "tripled": 3, "tripling": 3, "threefold": 3,
                   "quadruple": 4, "quadrupled": 4, "quadrupling": 4, "fourfold": 4}  # fmt: skip
_MULTIPLE = trie_pattern(_MULTIPLE_WORDS) + rf"|(?:{_CARD})-?fold"
#: The words a number in words can start with (a quick test before reading one).
_FIRST_WORDS = trie_pattern([*CARDINALS, *_MULTIPLE_WORDS, "half"]) + r"|an?[\s-]"

_UNIT_PATTERNS: tuple[tuple[Unit, str], ...] = (
    (
        Unit.PERCENT,
        r"\s*(?:%|percent\b|per\s*cent\b|pct\b|percentage\s+points?\b)|(?<=\d)pc\b|个百分点",
    ),
    *((c.unit, rf"\s*(?:{c.words})\b") for c in CURRENCIES),
    (Unit.CNY, r"元"),
    (Unit.TIMES, r"(?:\s*times\b|-?fold\b|(?<=\d)x\b|倍)"),
    (Unit.YEARS, r"(?:\s*|-)(?:years?|months?)\b"),
    (Unit.KM, r"\s*(?:km|kilomet(?:re|er)s?)\b(?!/h|\s+(?:per|an)\s+hour)|公里"),
)
_MEASURE_NAMES = tuple(MEASURES)
_UNIT_GROUPS = "|".join(f"(?P<u{i}>{p})" for i, (_, p) in enumerate(_UNIT_PATTERNS))
_MEASURE_GROUPS = "|".join(f"(?P<m{i}>{MEASURES[n]})" for i, n in enumerate(_MEASURE_NAMES))
#: What a unit or a measure after a number starts with (a quick test before trying them).
UNIT_WORD_STARTS = word_starts([*(p for _, p in _UNIT_PATTERNS), *MEASURES.values()], symbols="%°-")
_CURRENCY_PREFIX = {prefix: c.unit for c in CURRENCIES for prefix in c.prefixes}
#: Before a figure: symbols ("HK$", "€") touch it; codes are words ("RMB 5", "KSh 30")
#: or touch it in capitals ("USD1,700", "RM2.9"); a code of one letter ("R1.2 billion")
#: only before a decimal or a scale word, since "R21" and "N95" are names.
_SCALED = rf"\d[\d,]*(?:\.\d|\s*(?:{SPACED_SCALES})\b|(?:{GLUED_SCALES})\b)"
_CODES = [p for p in _CURRENCY_PREFIX if p.isalpha() and len(p) > 1]
#: Codes that are also English words ("a pen", "cad"): read only in capitals.
_WORD_CODES = frozenset({"pen", "ars", "huf", "aud", "cad"}) & frozenset(_CODES)
_PREFIXES = (
    trie_pattern(p for p in _CURRENCY_PREFIX if not p.isalpha())
    + rf"|(?:{trie_pattern(c for c in _CODES if c not in _WORD_CODES)})(?=\s)"
    + rf"|(?-i:{trie_pattern(c.upper() for c in _WORD_CODES)})(?=\s)"
    + rf"|(?-i:{trie_pattern([*(p.upper() for p in _CODES), *(p.title() for p in _CODES)])})(?=\d)"
    + rf"|(?-i:[{''.join(p.upper() for p in _CURRENCY_PREFIX if len(p) == 1)}])(?={_SCALED})"
)
_PREFIX_STARTS = trie_pattern({p[:2] for p in _CURRENCY_PREFIX})
_SYMBOLS = "".join(sorted({p[-1] for p in _CURRENCY_PREFIX if not p.isalpha()} - {"/"}))

#: Chinese characters, which touch figures without a space ("有1.2万家"): they do not
#: make a figure part of a word the way Latin letters do.
CJK = "\u3400-\u9fff"

_QUANTITY = re.compile(
    rf"""
    (?:
        (?=[-−+])(?<![^\s(\[{CJK}])(?:              # a sign, after a space, bracket or 增长
            (?P<sign>[-−+])(?=[\d.,]+\s*(?:%|percent\b|per\s+cent\b|°|degrees?\b|C\b))
          | (?<![\d,.%]\s)(?P<minus>[-−])(?=\d))          # -41.2%, -30C; "rose to -18.4"
      | (?<![.{_SYMBOLS}-])(?<![^\W{CJK}])(?<![A-Za-z]-)   # not inside a word, number or name
        (?!(?<=\d,)\d{{3}}(?!\d))                           # nor the tail of "USD1,700"
      | (?<=\bsub-)                                         # "sub-7": less than 7
      | (?<=%[-–])                                          # the end of "3%-5%"
    )
    (?:(?={_PREFIX_STARTS})(?P<cur>{_PREFIXES})\s*)?
    (?:
        (?P<in_digits>[1-9]\d?\s+in\s+(?:[2-9]\d{{0,2}}|1\d{{1,2}})\b)   # "1 in 8"
      | (?P<slash>[1-9]/(?:2|3|4|5|8|10))(?![\d/])
      | (?P<clock>\d:\d{{2}}:\d{{2}}(?:\.\d+)?|\d{{1,2}}:\d{{2}}\.\d+)(?![\d:])  # 2:03:17, 1:42.56
      | (?P<vulgar>\d{{0,3}}[½¼¾⅓⅔⅛])                                  # "1½ hours"
      | (?P<num>(?>{_DIGITS}))(?:\s*[-–]\s*(?P<num_to>(?>{_DIGITS}))(?![\w-]))?
        (?:\s*(?P<scale>{SPACED_SCALES})\b|(?P<glued>{GLUED_SCALES})(?![^\W{CJK}])
           |(?P<wan>万亿|百万|亿|万))?
      | (?=[a-z])(?={_FIRST_WORDS})(?:                # a number word must start here
        (?P<fscale>\b(?:half|an?\s+(?:quarter|third)|(?:{_CARD})[\s-](?:quarters|thirds))
          (?:\s+of)?\s+an?\s+(?P<fs>thousand|million|billion|trillion)\b)
      | (?P<frac>\b(?:{_FRACTION})\b)
      | (?P<mult>\b(?:{_MULTIPLE})\b)
      | (?P<in_words>(?:{_CARD})\s+in\s+(?:{_CARD})\b)  # "one in five"
      | (?P<words>\b{_WORDS}\b))
      | (?<!第)(?P<zh>[一二两三四五六七八九]?十[一二三四五六七八九]?|[二两三四五六七八九])
        (?P<zh_unit>年|倍|天|周|个月|(?=[家名人]))
    )
    (?P<and_half>[\s-]+and[\s-]+a[\s-]+half\b)?
    (?:(?={UNIT_WORD_STARTS})(?:(?P<unit>{_UNIT_GROUPS})|(?P<measure>{_MEASURE_GROUPS})))?
    (?![^\W{CJK}])                                # a Chinese character may follow: 万家
    """,
    re.IGNORECASE | re.VERBOSE,
)


#: Digits a written number may have. More is not a figure but a pasted string of digits:
#: it is skipped, and Python never converts thousands of digits to a number.
MAX_DIGITS = 30


def _too_long(number: str | None) -> bool:
    if number is None or len(number) <= MAX_DIGITS:  # a quick no: digits are fewer still
        return False
    return sum(map(str.isdigit, number)) > MAX_DIGITS


def _digits(text: str, scale: int, rounded: bool) -> Amount:
    whole, _, fraction = text.replace(",", "").partition(".")
    decimals = len(fraction)
    places = 10**decimals  # integers, not Fraction("3.5"), which parses with a regex
    value = Fraction((int(whole or "0") * places + int(fraction or "0")) * scale, places)
    if rounded or decimals or scale > 1:
        return Amount(value, Fraction(scale, places))
    return Amount(value)


#: "one of the top cities", "one of them": a pronoun, not a count.
_PRONOUN_ONE = re.compile(r"one\s+of\b", re.IGNORECASE)
#: "which one", "no one", "the sixth one": "one" after a determiner is a pronoun.
_DETERMINER_BEFORE = re.compile(
    r"\b(?:which|no|the|this|that|each|every|any|another|last|" + "|".join(ORDINALS) + r")\s+$",
    re.IGNORECASE,
)


def _is_pronoun_one(m: re.Match[str]) -> bool:
    if not m["words"] or m["unit"] or m["words"].lower() != "one":
        return False  # (a number in digits is no pronoun: "One of the 500 firms" has 500)
    before = m.string[max(0, m.start() - 20) : m.start()]
    return _DETERMINER_BEFORE.search(before) is not None or (
        _PRONOUN_ONE.match(m.string, m.start("words")) is not None
    )


def _unit(m: re.Match[str]) -> Unit | None:
    return _UNIT_PATTERNS[_which(m, "u", len(_UNIT_PATTERNS))][0] if m["unit"] else None


def _which(m: re.Match[str], prefix: str, count: int) -> int:
    """Which of the groups ``prefix``0 … ``prefix``(count - 1) matched."""
    return next(i for i in range(count) if m[f"{prefix}{i}"] is not None)


#: Words one number in words may take: "nine hundred and ninety-nine thousand nine
#: hundred and ninety-nine" is 14 tokens. Longer runs are several numbers, and trying
#: every length of a long run would be quadratic.
_MAX_NUMBER_WORDS = 16


def _word_pieces(m: re.Match[str]) -> list[Figure]:
    """The numbers in a run of number words that is not one number: "three and five
    years" is 3 and 5 years (then joined into a range), "one two three" is 1, 2, 3.
    Greedy: the longest run that is a number, then the rest."""
    tokens = [
        (t.group().lower(), t.start(), t.end()) for t in re.finditer(r"[A-Za-z]+", m["words"])
    ]
    base = m.start("words")
    pieces: list[Figure] = []
    i = 0
    while i < len(tokens):
        if tokens[i][0] in {"and", "a", "an"}:
            i += 1
            continue
        for j in range(min(len(tokens), i + _MAX_NUMBER_WORDS), i, -1):
            number = words_to_number([t for t, _, _ in tokens[i:j]])
            if number is not None:
                start, end = base + tokens[i][1], base + tokens[j - 1][2]
                unit = None
                if j == len(tokens) and m["unit"]:  # the unit follows the last piece
                    end, unit = m.end(), _unit(m)
                amount = Amount(Fraction(number))
                pieces.append(Figure(start, end, amount, amount, unit))
                i = j
                break
        else:
            i += 1
    return pieces


def _quantity(m: re.Match[str]) -> Figure | None:
    if _is_pronoun_one(m):
        return None
    unit = _unit(m)
    if m["cur"]:
        prefix_unit = _CURRENCY_PREFIX.get(folded(m["cur"].strip()))  # None for "İnr"
        if prefix_unit is not None and unit is not None and unit is not prefix_unit:
            return None  # "$5 percent": not a figure we can read
        unit = prefix_unit or unit
    rounded = unit is Unit.PERCENT  # a share is a rounded ratio, even when whole
    if _too_long(m["num"]) or _too_long(m["num_to"]):
        return None
    measure = _measure(m)
    if m["num"]:
        read = _in_digits(m, measure, rounded)
        if read is None:
            return None
        low, high, measure = read
    elif m["clock"]:
        low = high = _clock(m["clock"])
        measure = "seconds"
    elif m["vulgar"]:  # "1½": a whole number and a fraction, written exactly
        whole, part = m["vulgar"][:-1], _VULGAR[m["vulgar"][-1]]
        low = high = Amount(int(whole or "0") + part)
    elif m["zh"]:  # "三年", "两倍": small numbers in Chinese numerals before a measure
        unit, measure = ZH_UNITS.get(m["zh_unit"], (None, None))
        twelfths = 12 if measure == "months" else 1  # months are read as years
        low = high = Amount(Fraction(chinese_number(m["zh"]), twelfths))
    else:
        amount = (
            _ratio(m) if m["in_digits"] or m["in_words"]
            else _fraction(m) if m["fscale"] or m["frac"] or m["slash"]
            else _multiple(m) if m["mult"]
            else _in_words(m["words"])
        )  # fmt: skip
        if amount is None:
            return None
        low = high = amount
        if m["in_digits"] or m["in_words"] or m["frac"] or m["slash"]:
            unit = unit or Unit.RATIO
        elif m["mult"]:
            unit = unit or Unit.TIMES
    if m["and_half"]:  # "one and a half months"
        low, high = (Amount(a.value + Fraction(1, 2), a.step) for a in (low, high))
    if unit is Unit.YEARS and m["unit"] and "month" in m["unit"].lower():
        low, high = (Amount(a.value / 12, a.step / 12) for a in (low, high))
        measure = "months"
    negative = (
        m["sign"] in {"-", "−"} or m["minus"] is not None
    )  # "-41.2%": the amounts are magnitudes, as for "down"
    return Figure(m.start(), m.end(), low, high, unit, negative=negative, measure=measure)


def _ratio(m: re.Match[str]) -> Amount | None:
    """ "one in five adults", "3 in 10 homes": a share, approximate as fractions are."""
    some, _, every = (m["in_digits"] or m["in_words"]).lower().split(None, 2)
    if not (_small_number(some) and _small_number(every)):
        return None
    share = Fraction(_small_number(some), _small_number(every))
    return Amount(share, 2 * FRACTION_TOLERANCE * share)


def _multiple(m: re.Match[str]) -> Amount | None:
    """ "twice", "tripled", "sixfold"."""
    word = folded(m["mult"])
    times = _MULTIPLE_WORDS.get(word) or CARDINALS.get(word.removesuffix("fold").rstrip("-"))
    return None if times is None else Amount(Fraction(times))


def _in_words(written: str) -> Amount | None:
    """ "thirteen thousand", "a hundred and five": rounded at its scale word, if last."""
    words = [w for w in re.split(r"[\s-]+", written.lower()) if w]
    if words[0] in {"a", "an"}:
        words[0] = "one"
    number = words_to_number(words)
    if number is None:
        return None
    big = [SCALES[w] for w in words if w in SCALES and SCALES[w] >= 1000]
    step = Fraction(min(big)) if big and words[-1] in SCALES else Fraction(0)
    return Amount(Fraction(number), step)


_VULGAR = {"½": Fraction(1, 2), "¼": Fraction(1, 4), "¾": Fraction(3, 4), "⅓": Fraction(1, 3),
           "⅔": Fraction(2, 3), "⅛": Fraction(1, 8)}  # fmt: skip


def _in_digits(
    m: re.Match[str], measure: str | None, rounded: bool
) -> tuple[Amount, Amount, str | None] | None:
    """A number in digits with its scale ("3.5m", "1,240 crore", "2018-20"), the ends of a
    range, and its measure (which "3m" of metres and "180Mt" change)."""
    word = m["scale"] or m["glued"] or m["wan"]
    if word is not None and word.lower() == "m" and not m["cur"] and is_metres(m.string, m.span()):
        word, measure = None, "m"  # "a 400m race", "storm surges of 3m"
    scale = SCALE_VALUES.get(" ".join(folded(word).split())) if word else 1
    if scale is None:
        return None
    if measure == "Mt":  # million tonnes
        scale, measure = scale * 10**6, "tonnes"
    low = high = _digits(m["num"], scale, rounded)
    if m["num_to"]:
        high = _digits(_expand_abbreviated(m["num"], m["num_to"]), scale, rounded)
        if high.value < low.value:
            return None  # "10-5" is a score (read apart) or an id, not a range
    return low, high, measure


def _clock(written: str) -> Amount:
    """A time taken, in seconds: "won in 2:03:17" is 7397, "a record of 1:42.56" 102.56."""
    *larger, seconds = written.split(":")
    minutes = 0
    for part in larger:  # hours and minutes, or minutes
        minutes = minutes * 60 + int(part)
    amount = _digits(seconds, 1, False)
    return Amount(minutes * 60 + amount.value, amount.step)


#: Before or after "3-1": a score, two numbers, not a range from 3 to 1.
_SCORE_BEFORE = re.compile(
    r"\b(?:beat|beats|beating|won|wins?|winning|lost|lose|loses|losing|drew|draw|drawn|defeat\w*"
    r"|trail\w*|led|leads?|leading|ruled|votes?|voted|victory|edged|thrashed|routed|scored?"
    r"|score(?:line|d)?)\b[^.;:]{0,40}$",
    re.IGNORECASE,
)
_TALLIED = re.compile(r"\s+(?:votes|points|runs|goals|wickets)\b", re.IGNORECASE)
_SCORE_AFTER = re.compile(
    r"\s*(?:draw|win|victory|defeat|loss|lead|home\s+win|away\s+win|on\s+aggregate)\b", re.I
)


def _score(m: re.Match[str]) -> list[Figure] | None:
    """Both sides of a score or a tally, "3-1", "52-48", "a 2-2 draw", when nothing else
    makes the two numbers one quantity (a unit, a currency, a scale), and they run
    downwards or a word of winning, losing or voting is near."""
    if m["cur"] or m["unit"] or m["measure"] or m["scale"] or m["glued"] or m["wan"]:
        return None
    first, second = m["num"], m["num_to"]
    if not (first.isdigit() and second.isdigit() and len(first) <= 3 and len(second) <= 3):
        return None
    before = m.string[max(0, m.start() - 60) : m.start()]
    if COUNTED_AFTER.match(m.string, m.end()) and not _TALLIED.match(m.string, m.end()):
        return None  # "win 20-25 seats": a range of a count
    if int(second) >= int(first) and not (
        _SCORE_BEFORE.search(before) or _SCORE_AFTER.match(m.string, m.end())
    ):
        return None  # "20-25 firms": a range
    return [
        Figure(m.start(g), m.end(g), Amount(Fraction(int(m[g]))), Amount(Fraction(int(m[g]))))
        for g in ("num", "num_to")
    ]


def _measure(m: re.Match[str]) -> str | None:
    return _MEASURE_NAMES[_which(m, "m", len(_MEASURE_NAMES))] if m["measure"] else None


def _fraction(m: re.Match[str]) -> Amount | None:
    """A fraction: "1/2" exactly; "two-thirds", "half the", "a quarter of a million"
    as news writes them, approximations ("one-fifth" for 21.7 percent). Such a word
    stands for its value give or take FRACTION_TOLERANCE of it, read as a rounding so
    that hedges ("over one-fifth") apply as to any rounded figure."""
    if m["slash"]:
        numerator, denominator = m["slash"].split("/")
        return Amount(Fraction(int(numerator), int(denominator)))
    words, scale = m["frac"], 1
    if m["fscale"]:  # "half a million", "a quarter of a million"
        words = re.sub(rf"(?:\s+of)?\s+an?\s+{m['fs']}$", "", m["fscale"], flags=re.I)
        scale = SCALE_VALUES.get(folded(m["fs"]), 0)
    value = Fraction(1, 2) if words.lower() == "half" else _fraction_words(words)
    if value is None:
        return None
    return Amount(value * scale, 2 * FRACTION_TOLERANCE * value * scale)


def _small_number(written: str) -> int:
    return int(written) if written.isdigit() else CARDINALS.get(folded(written), 0)


def _fraction_words(words: str) -> Fraction | None:
    """ "two-thirds" 2/3, "a quarter" 1/4; None for what is no fraction."""
    *numer, denom = re.split(r"[\s-]+", words.lower())
    return fraction_in_words(numer[0], denom) if len(numer) == 1 else None


def _expand_abbreviated(first: str, second: str) -> str:
    """'2018', '20' → '2020' (a span of years written short)."""
    if len(first) == 4 and len(second) == 2 and first.isdigit() and second.isdigit():
        return first[:2] + second
    return second


def _dates(text: str) -> list[Figure]:
    dates = []
    for m in PROSE_DATE.finditer(text):
        try:
            period = period_of_match(m)
        except ValueError:  # "2018-20" is a span of years, not month 20
            continue
        if period is not None:
            first, last = period.days
            dates.append(
                Figure(
                    m.start(), m.end(), Amount(Fraction(first)), Amount(Fraction(last)), Unit.DATE
                )
            )
    return dates


#: A cheap first look: text with no digit and no number word holds no figure.
_MAYBE = re.compile(
    r"\d|[一二两三四五六七八九十½¼¾⅓⅔⅛]|\b(?:"
    + trie_pattern([*CARDINALS, *DENOMINATORS, *_MULTIPLE_WORDS, *SCALES])
    + r")",
    re.IGNORECASE,
)


class _Spans:
    """Spans of text, asked whether any overlaps a given one in O(log n)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        spans.sort()
        self.starts = [start for start, _ in spans]
        self.reach = list(accumulate((end for _, end in spans), max))  # furthest end so far

    def overlaps(self, start: int, end: int) -> bool:
        """Whether some span [s, e) has s < end and start < e."""
        before = bisect_left(self.starts, end) - 1  # the last span that starts before end
        return before >= 0 and self.reach[before] > start


def quantities(text: str) -> list[Figure]:
    """The quantities and dates of ``text``, in order, without hedges or ranges."""
    if _MAYBE.search(text) is None:
        return []
    dates = _dates(text)
    taken = _Spans(
        [(d.start, d.end) for d in dates] + [m.span() for m in NOT_FIGURES.finditer(text)]
    )
    found: list[Figure] = []
    for m in _QUANTITY.finditer(text):
        if taken.overlaps(m.start(), m.end()):
            continue
        if m["num_to"] and (score := _score(m)):
            found.extend(score)  # "beat Villa 3-1", "ruled 6-3"
        elif (quantity := _quantity(m)) is not None:
            found.append(quantity)
        elif m["words"] and not _is_pronoun_one(m):
            found.extend(_word_pieces(m))
    return sorted([*found, *dates], key=lambda f: f.start)
