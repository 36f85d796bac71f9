"""The words that widen or bound a figure ("more than", "nearly", "超过", "or more"), and
the hedge each stands for. ``factcheck.figures`` finds them around figures;
``factcheck.hedges`` turns a hedged figure into an interval (docs/semantics.md)."""

from __future__ import annotations

from enum import StrEnum

__all__ = ["CJK_HEDGES_AFTER", "CJK_HEDGES_BEFORE", "HEDGES_AFTER", "HEDGE_WORDS", "Hedge"]


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
    "最多": Hedge.AT_MOST, "至多": Hedge.AT_MOST,
}  # fmt: skip
#: After a figure: "300多" and "300余" are more than 300; "以上" (above) is at least,
#: "以下" (below) at most, after a measure word ("300家以上").
CJK_HEDGES_AFTER: dict[str, Hedge] = {
    "多": Hedge.MORE_THAN, "余": Hedge.MORE_THAN, "以上": Hedge.AT_LEAST,
    "以下": Hedge.AT_MOST,
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
    "just under": Hedge.NEARLY, "just shy of": Hedge.NEARLY,
    "more than": Hedge.MORE_THAN, "over": Hedge.MORE_THAN, "above": Hedge.MORE_THAN,
    "exceeding": Hedge.MORE_THAN, "in excess of": Hedge.MORE_THAN,
    "upwards of": Hedge.MORE_THAN, "surpassed": Hedge.MORE_THAN,
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
