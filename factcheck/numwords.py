"""Numbers written in words: "three", "thirteen thousand", "twenty-five", "one-eighth".

A small grammar of our own: the surveyed libraries either lack fractions and ordinals
or pull in large dependencies (see docs/architecture.md).
"""

from __future__ import annotations

from fractions import Fraction

__all__ = [
    "CARDINALS",
    "CHINESE_DIGITS",
    "DENOMINATORS",
    "ORDINALS",
    "SCALES",
    "chinese_number",
    "words_to_number",
]

CARDINALS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip

SCALES: dict[str, int] = {
    "dozen": 12,  # "a dozen", "two dozen" ("dozens of" is no number)
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
}

ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11,
    "twelfth": 12, "thirteenth": 13, "twentieth": 20, "hundredth": 100,
}  # fmt: skip

#: Denominators of fractions in words ("one-eighth", "two thirds", "a quarter").
DENOMINATORS: dict[str, int] = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4,
    "fourth": 4, "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6,
    "seventh": 7, "sevenths": 7, "eighth": 8, "eighths": 8, "ninth": 9, "ninths": 9,
    "tenth": 10, "tenths": 10, "twelfth": 12, "twelfths": 12,
    "hundredth": 100, "hundredths": 100,
}  # fmt: skip


def words_to_number(words: list[str]) -> int | None:
    """Value of a sequence of cardinal words, or None when it is not a well-formed
    number ("three thousand two hundred and five" → 3205; "five three" → None)."""
    total = 0  # completed groups of a thousand and above
    group = 0  # the group being built, below a thousand
    last: str | None = None  # the previous word's kind: unit, teen, tens, hundred, scale
    last_scale: int | None = None  # scales must fall: "three million two thousand"
    for word in words:
        if word == "and":
            if last not in {"hundred", "scale"}:
                return None
            last = "and"
        elif word in CARDINALS:
            value = CARDINALS[word]
            kind = "tens" if value >= 20 and value % 10 == 0 else "teen" if value >= 10 else "unit"
            if last in {"unit", "teen"} or (last == "tens" and kind != "unit"):
                return None
            group += value
            last = kind
        elif word == "hundred":
            if last not in {"unit", "teen", "tens"} or group >= 100:
                return None
            group *= 100
            last = "hundred"
        elif word in SCALES:
            scale = SCALES[word]
            if group == 0 or (last_scale is not None and scale >= last_scale):
                return None
            total += group * scale
            group, last, last_scale = 0, "scale", scale
        else:
            return None
    if last in {None, "and"}:
        return None
    return total + group


def fraction_in_words(numerator: str, denominator: str) -> Fraction | None:
    """'one', 'eighth' → 1/8; 'a', 'quarter' → 1/4; 'two', 'thirds' → 2/3."""
    num = 1 if numerator in {"a", "an"} else CARDINALS.get(numerator)
    den = DENOMINATORS.get(denominator)
    if num is None or den is None:
        return None
    plural = denominator.endswith("s")
    if (num == 1) == plural:  # "one thirds", "two third"
        return None
    return Fraction(num, den)


CHINESE_DIGITS = dict(zip("一二三四五六七八九", range(1, 10), strict=True)) | {"两": 2}


def chinese_number(text: str) -> int:
    """1 to 99 in Chinese numerals or digits: 三 3, 十二 12, 二十 20, 二十三 23."""
    if text.isdigit():
        return int(text)
    tens, _, ones = text.rpartition("十")
    if "十" not in text:
        return CHINESE_DIGITS[text]
    high = CHINESE_DIGITS.get(tens, 1)
    return high * 10 + (CHINESE_DIGITS[ones] if ones else 0)
