"""The words that widen or bound a figure ("more than", "nearly", "超过", "or more"), and
the hedge each stands for; and the words that make a figure a change, up or down ("rose",
"a drop of", "增长"). ``factcheck.figures`` finds them around figures;
``factcheck.hedges`` turns a hedged figure into an interval (docs/semantics.md)."""

from __future__ import annotations

from enum import StrEnum

__all__ = [
    "BY_VERBS",
    "CJK_DIRECTIONS",
    "CJK_HEDGES_AFTER",
    "CJK_HEDGES_BEFORE",
    "CUTS",
    "DIRECTIONS_AFTER",
    "DIRECTION_NOUNS",
    "DIRECTION_VERBS",
    "HEDGES_AFTER",
    "HEDGE_WORDS",
    "Hedge",
    "direction_after",
    "direction_before",
    "direction_by",
    "direction_of_rate",
]


class Hedge(StrEnum):
    ABOUT = "about"
    NEARLY = "nearly"
    MORE_THAN = "more-than"
    AT_LEAST = "at-least"
    LESS_THAN = "less-than"
    AT_MOST = "at-most"


#: Chinese words written right before a figure ("超过1500家"), and right after it
#: ("300多家", "300家以上"), that widen or bound it.
CJK_HEDGES_BEFORE: dict[str, Hedge] = {
    "超过": Hedge.MORE_THAN, "超出": Hedge.MORE_THAN, "超": Hedge.MORE_THAN,
    "逾": Hedge.MORE_THAN, "多于": Hedge.MORE_THAN, "大于": Hedge.MORE_THAN,
    "约": Hedge.ABOUT, "大约": Hedge.ABOUT, "近": Hedge.NEARLY, "接近": Hedge.NEARLY,
    "将近": Hedge.NEARLY, "不到": Hedge.LESS_THAN, "不足": Hedge.LESS_THAN,
    "少于": Hedge.LESS_THAN, "小于": Hedge.LESS_THAN, "至少": Hedge.AT_LEAST,
    "最多": Hedge.AT_MOST, "至多": Hedge.AT_MOST, "不超过": Hedge.AT_MOST,
    "最高": Hedge.AT_MOST, "高达": Hedge.AT_MOST, "突破": Hedge.MORE_THAN,
    "不得超过": Hedge.AT_MOST, "不高于": Hedge.AT_MOST, "不多于": Hedge.AT_MOST,
    "不低于": Hedge.AT_LEAST, "不少于": Hedge.AT_LEAST,
}  # fmt: skip
#: After a figure: "300多" and "300余" are more than 300; "以上" (above) is at least,
#: "以下" (below) at most, after a measure word ("300家以上").
CJK_HEDGES_AFTER: dict[str, Hedge] = {
    "多": Hedge.MORE_THAN, "余": Hedge.MORE_THAN, "以上": Hedge.AT_LEAST,
    "以下": Hedge.AT_MOST, "以内": Hedge.AT_MOST, "左右": Hedge.ABOUT,
}  # fmt: skip
#: After a figure in English: "3 years or more", "50 or fewer".
HEDGES_AFTER: dict[str, Hedge] = {
    "or more": Hedge.AT_LEAST, "or above": Hedge.AT_LEAST, "or over": Hedge.AT_LEAST,
    "and above": Hedge.AT_LEAST, "or higher": Hedge.AT_LEAST, "or less": Hedge.AT_MOST,
    "or fewer": Hedge.AT_MOST, "or below": Hedge.AT_MOST, "and below": Hedge.AT_MOST,
    "or lower": Hedge.AT_MOST,
}  # fmt: skip

#: Words before a figure that widen or bound it. Longest phrases are tried first.
HEDGE_WORDS: dict[str, Hedge] = {
    "about": Hedge.ABOUT, "around": Hedge.ABOUT, "approximately": Hedge.ABOUT,
    "roughly": Hedge.ABOUT, "some": Hedge.ABOUT, "circa": Hedge.ABOUT,
    "an estimated": Hedge.ABOUT, "estimated": Hedge.ABOUT,
    "nearly": Hedge.NEARLY, "almost": Hedge.NEARLY, "close to": Hedge.NEARLY,
    "just under": Hedge.NEARLY, "just shy of": Hedge.NEARLY, "just short of": Hedge.NEARLY,
    "just below": Hedge.NEARLY,
    "more than": Hedge.MORE_THAN, "over": Hedge.MORE_THAN, "above": Hedge.MORE_THAN,
    "exceeding": Hedge.MORE_THAN, "in excess of": Hedge.MORE_THAN,
    "upwards of": Hedge.MORE_THAN, "surpassed": Hedge.MORE_THAN, "passing": Hedge.MORE_THAN,
    "passed": Hedge.MORE_THAN, "longer than": Hedge.MORE_THAN, "greater than": Hedge.MORE_THAN,
    "higher than": Hedge.MORE_THAN, "shorter than": Hedge.LESS_THAN,
    "lower than": Hedge.LESS_THAN, "smaller than": Hedge.LESS_THAN,
    "surpassing": Hedge.MORE_THAN, "surpasses": Hedge.MORE_THAN, "exceeded": Hedge.MORE_THAN,
    "exceeds": Hedge.MORE_THAN, "topped": Hedge.MORE_THAN, "tops": Hedge.MORE_THAN,
    "at least": Hedge.AT_LEAST, "no less than": Hedge.AT_LEAST,
    "no fewer than": Hedge.AT_LEAST, "since": Hedge.AT_LEAST,
    "less than": Hedge.LESS_THAN, "fewer than": Hedge.LESS_THAN,
    "under": Hedge.LESS_THAN, "below": Hedge.LESS_THAN,
    "up to": Hedge.AT_MOST, "as high as": Hedge.AT_MOST, "as many as": Hedge.AT_MOST,
    "as much as": Hedge.AT_MOST, "at most": Hedge.AT_MOST, "no more than": Hedge.AT_MOST,
    "a maximum of": Hedge.AT_MOST, "top": Hedge.AT_MOST, "a minimum of": Hedge.AT_LEAST,
    "by": Hedge.AT_MOST,
}  # fmt: skip


#: Verbs right before a figure (or before "by" and it) that make it a change: "rose 6.5%",
#: "fell by 2 points". Not before "to": "rose to 4.5%" is a level.
DIRECTION_VERBS: dict[str, str] = {
    **dict.fromkeys(
        ["rose", "rises", "risen", "rising", "climbed", "climbs", "jumped", "jumps",
         "surged", "surges", "soared", "soars", "gained", "gains", "grew", "grows",
         "increased", "increases", "advanced", "advances", "added", "adds", "rebounded",
         "expanded", "expands", "rise", "climb", "jump", "surge", "soar", "gain", "grow",
         "increase", "advance", "expand", "rallied", "rally", "spiked", "leapt", "leaped",
         "strengthened", "rocketed", "skyrocketed", "doubled", "tripled"],
        "up",
    ),
    **dict.fromkeys(
        ["fell", "falls", "fallen", "falling", "dropped", "drops", "slipped", "slips",
         "declined", "declines", "decreased", "decreases", "plunged", "plunges", "tumbled",
         "slumped", "sank", "shed", "sheds", "lost", "loses", "eased", "eases",
         "contracted", "shrank", "slid", "slides", "retreated", "fall", "drop", "slip",
         "decline", "decrease", "plunge", "tumble", "slump", "sink", "lose", "ease",
         "contract", "shrink", "slide", "dip", "dipped", "dips", "sagged", "tumbles",
         "plummeted", "plummets", "sunk", "skidded", "weakened", "crashed", "collapsed",
         "tanked", "halved", "losing"],
        "down",
    ),
}  # fmt: skip
#: Nouns of change before "of" and the figure: "a drop of 3 percent", "a loss of 3 million".
DIRECTION_NOUNS: dict[str, str] = {
    **dict.fromkeys(["rise", "increase", "gain", "jump", "surge", "growth", "climb"], "up"),
    **dict.fromkeys(
        ["drop", "decline", "fall", "decrease", "loss", "slump", "contraction", "cut", "dip",
         "reduction"],
        "down",
    ),
}  # fmt: skip
#: Chinese, right before the figure: "增长12.5%", "下降3%".
CJK_DIRECTIONS: dict[str, str] = {
    **dict.fromkeys(["增长", "上涨", "上升", "增加", "提高", "增幅", "新增", "加快", "增产", "扩大",
                     "提升", "上调"], "up"),
    **dict.fromkeys(["下降", "下跌", "减少", "降低", "下滑", "降幅", "亏损", "减产", "缩小", "放缓",
                     "回落", "下调"], "down"),
}  # fmt: skip
#: Verbs before "by" and the figure, a few words back: "cut its policy rate by 25 basis
#: points", "devalued the birr by 30%". They give the figure a direction only.
BY_VERBS: dict[str, str] = {
    **DIRECTION_VERBS,
    **dict.fromkeys(
        ["raised", "raise", "raises", "raising", "lifted", "lift", "hiked", "hike", "boosted",
         "boost", "widened", "extended", "increasing", "lifts", "lifting", "boosts",
         "hikes", "hiking"],
        "up",
    ),
    **dict.fromkeys(
        ["cut", "cuts", "cutting", "lowered", "lower", "lowering", "lowers", "reduced",
         "reduce", "reduces", "reducing", "devalued", "devalue", "trimmed", "trim", "slashed",
         "slash", "narrowed", "decreasing", "weakened"],
        "down",
    ),
}  # fmt: skip
#: Words right after a figure that make it a difference or a change: "0.8% higher",
#: "6% below the average", "11% more than a year earlier", "a 3% drop".
DIRECTIONS_AFTER: dict[str, str] = {
    **dict.fromkeys(["higher", "above", "more than", "further than", "farther than"], "up"),
    **dict.fromkeys(["lower", "below", "less than", "fewer than", "short"], "down"),
    **DIRECTION_NOUNS,
}


_ARTICLES = frozenset({"a", "an", "the"})
#: Nouns of change that need no article ("forecast growth of 1.1%"); "fall of 2020" does.
_MEASURED_CHANGES = frozenset({"growth", "increase", "decline", "decrease", "reduction"})


_LEADS = frozenset({*DIRECTION_VERBS, "by", "of"})  # what a figure's change is led by


def direction_before(before: str) -> str | None:
    """The direction a verb or noun of change right before a figure gives it: "rose",
    "fell by", "a (sharp) drop of", 增长. Looked up word by word (a regular expression
    over the whole vocabulary cost 9 µs a figure)."""
    stripped = before.rstrip()
    if stripped[-1:] in _CJK_COPULAS and stripped[-3:-1] in CJK_DIRECTIONS:
        return CJK_DIRECTIONS[stripped[-3:-1]]
    if (zh := stripped[-2:]) in CJK_DIRECTIONS:
        return CJK_DIRECTIONS[zh]
    if not before[-1:].isspace() or not stripped:
        return None
    if stripped.rsplit(None, 1)[-1].lower().lstrip("([\"'“‘") not in _LEADS:
        return None  # most figures: a quick no
    words = stripped.rsplit(None, 5)[::-1]  # the last words, nearest first
    words = [w.lower().lstrip("([\"'“‘") for w in words]
    first = words[1] if words[0] == "by" and len(words) > 1 else words[0]
    if words[:2] in (["of", "average"], ["of", "total"]) and len(words) > 3:
        first = words[3]  # "lost an average of 20.9%"
    if first in DIRECTION_VERBS:
        return DIRECTION_VERBS[first]
    if (
        first == "of"
        and len(words) > 2
        and words[1] in DIRECTION_NOUNS
        and (_ARTICLES.intersection(words[2:5]) or words[1] in _MEASURED_CHANGES)
        and words[2] != "storm"  # "a storm surge of 2.4m" is a height
    ):
        return DIRECTION_NOUNS[words[1]]
    return None


#: Chinese words of change may take a copula before the figure: "降幅为9.6%".
_CJK_COPULAS = "为达了至"


#: Verbs whose object is the amount taken away: "cut 400 jobs", "slashed 1,200 posts".
CUTS = frozenset({"cut", "cuts", "cutting", "slashed", "slash", "trimmed", "axed", "axe"})


def direction_by(before: str) -> str | None:
    """The direction of a figure after "by", from a verb up to seven words back ("cut
    its policy rate by", "cut the risk of heart attack by"), stopping at a number; or
    after a verb that cuts ("cut 400 jobs"). It does not make the figure negative."""
    words = before.rsplit(None, 8)[::-1]
    if not words or not before[-1:].isspace():
        return None
    if words[0].lower() in CUTS:  # "cut 400 jobs"
        return "down"
    if words[0].lower() != "by":
        return None
    return _verb_back(words[1:8], _BY_STOPS, in_clause=False)


def direction_of_rate(before: str) -> str | None:
    """The direction a verb gives a rate or a number of points with its object between
    them: "lowered borrowing costs 75 basis points", "lifted its key rate a further 25
    basis points", "lifted its dividend 8 pct"."""
    if not before[-1:].isspace():
        return None
    return _verb_back(before.rsplit(None, 6)[::-1][:6], _STOPS, in_clause=True)


def _verb_back(words: list[str], stops: frozenset[str], *, in_clause: bool) -> str | None:
    """The direction of the nearest verb of change among ``words`` (nearest first),
    looked for up to a number or a word of ``stops``; ``in_clause``, also up to the end
    of a clause (a comma), and past adjectives and nouns that are spelled as verbs
    ("a lower interest rate")."""
    for written in words:
        word = written.lower().strip("([\"'“‘" if in_clause else "([\"'“‘,")
        if word in BY_VERBS and not (in_clause and word in _BASE_FORMS):
            return BY_VERBS[word]
        if (
            word in stops
            or any(c.isdigit() for c in word)
            or (in_clause and word.endswith((",", ";", ":")))
        ):
            return None
    return None


#: Forms that are as often adjectives or nouns before a rate ("a lower interest rate of
#: 3.6 percent", "a pay rise of"), not the verb that changed it.
_BASE_FORMS = frozenset(
    {"lower", "raise", "lift", "boost", "trim", "slash", "hike", "reduce", "devalue", "rise",
     "fall", "drop", "gain", "increase", "decrease", "decline", "advanced", "expand"}
)  # fmt: skip
_BY_STOPS = frozenset({"to", "from", "and", "while"})
_STOPS = frozenset(
    {"to", "from", "and", "but", "while", "at", "with", "which", "that", "only", "than", "for",
     "in", "on"}
)  # fmt: skip


def direction_after(after: str, share: bool = False, named: bool = False) -> str | None:
    """The direction words right after a figure give it ("0.8% higher", "a 3% drop",
    "6% below the average", "a €2.1bn net loss", "two seconds off the record"); for a
    share (``share``), a comparative too ("31 percent less likely"), and, after an
    article (``named``), a noun of change one word on ("a 10% pay cut")."""
    words = after.split(None, 3)
    if not words or not after[:1].isspace():
        return None
    first = words[0].lower().strip(".,;:)")
    second = words[1].lower().strip(".,;:)") if len(words) > 1 else ""
    if first == "net":  # "a €2.1bn net loss"
        first = second
    elif first in _COMPARATIVES and second:
        if share and second != "than":
            return _COMPARATIVES[first]  # "31 percent less likely"
        first = f"{first} {second}"
    elif share and named and first not in DIRECTIONS_AFTER:
        return DIRECTION_NOUNS.get(second)  # "a 10% pay cut", "a 25 basis point rate rise"
    return DIRECTIONS_AFTER.get(first)


_COMPARATIVES = {"more": "up", "further": "up", "farther": "up", "less": "down", "fewer": "down"}
