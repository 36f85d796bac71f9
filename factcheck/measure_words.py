"""The words around a number that say what it measures, or that it is no figure at all.

- Scale words and their abbreviations: "thousand", "3.5m", "$2bn", "180k", "Rs 1,240
  crore", "5万".
- Measures factcheck reads but does not reason about: "64GB", "1,200MW", "12 kg",
  "45C", "25 basis points". A figure in one of them is listed (``factcheck figures``)
  with the measure's name, and lint leaves it alone: a count claim of 64 is not "64GB".
- Whether "3m" is metres or millions, and the measures written after a number in
  Chinese numerals (三年, 两倍, 三个月).
- Numbers that are not figures: ids, times of day, dates without a year, addresses,
  phone numbers, and numbers that are part of a name ("S&P 500", "Group of Seven",
  "10-year Treasury").

``factcheck.quantities`` builds its grammar from these tables.
"""

from __future__ import annotations

import re

from factcheck.periods import MONTH_NAMES
from factcheck.regex_trie import trie_pattern
from factcheck.units import Unit

__all__ = [
    "COUNTED_AFTER",
    "GLUED_SCALES",
    "MEASURES",
    "NOT_FIGURES",
    "SCALE_VALUES",
    "SPACED_SCALES",
    "ZH_UNITS",
    "is_metres",
]

#: Scale words written after a space (or touching the number): "5 billion", "2.5 lakh".
SPACED_SCALES = (
    r"lakh\s+crores?|hundred|thousand|million|billion|trillion|mln|bln|bn|mn|tn|crores?|lakhs?"
)
#: Abbreviations written touching the number only: "$2bn", "3.5m", "180k", "₹50cr".
GLUED_SCALES = r"bn|mn|tn|m|k|cr"

SCALE_VALUES: dict[str, int] = {
    "hundred": 10**2, "thousand": 10**3, "k": 10**3,
    "million": 10**6, "m": 10**6, "mn": 10**6, "mln": 10**6,
    "billion": 10**9, "bn": 10**9, "bln": 10**9, "trillion": 10**12, "tn": 10**12,
    "lakh": 10**5, "lakhs": 10**5, "crore": 10**7, "crores": 10**7, "cr": 10**7,
    "lakh crore": 10**12, "lakh crores": 10**12,
    "万": 10**4, "百万": 10**6, "亿": 10**8, "万亿": 10**12,
}  # fmt: skip

#: Measures by the name ``factcheck figures`` gives them, each with the words news
#: writes after the number, spaced or touching it. Percent, currencies, years, km and
#: multipliers are factcheck's own units (``factcheck.units``), not measures.
MEASURES: dict[str, str] = {
    "basis-points": r"\s*basis\s+points?|\s*bps\b(?!\s*(?:of|per))",
    "points": r"\s+points?",
    "days": r"(?:\s+|-)days?|天",
    "weeks": r"(?:\s+|-)weeks?",
    "hours": r"(?:\s+|-)hours?|\s*(?-i:hrs?)\b|小时",
    "minutes": r"(?:\s+|-)minutes?|\s*mins|分钟",
    "seconds": r"(?:\s+|-)seconds?|\s*secs",
    "degrees-C": r"\s*(?:°\s*C|degrees?\s+(?:Celsius|centigrade))|(?<=\d)C|摄氏度",
    "degrees-F": r"\s*(?:°\s*F|degrees?\s+Fahrenheit)|(?<=\d)F",
    "degrees": r"\s*(?:°|degrees?)",
    "GB": r"\s*(?:GB|gigabytes?)",
    "TB": r"\s*(?:TB|terabytes?)",
    "MB": r"\s*(?:MB|megabytes?)",
    "Mbps": r"\s*Mbps",
    "Gbps": r"\s*Gbps",
    "Tbps": r"\s*Tbps",
    "kW": r"\s*(?:kW|kilowatts?)|千瓦",
    "MW": r"\s*(?:MW|megawatts?)",
    "GW": r"\s*(?:GW|gigawatts?)",
    "kWh": r"\s*(?:kWh|kilowatt[-\s]hours?)",
    "MWh": r"\s*MWh",
    "GWh": r"\s*GWh",
    "TWh": r"\s*TWh",
    "mAh": r"\s*mAh",
    "Hz": r"\s*(?:Hz|hertz)",
    "kHz": r"\s*kHz",
    "MHz": r"\s*MHz",
    "GHz": r"\s*GHz",
    "kg": r"\s*(?:kg|kilo(?:gram)?s?)",
    "mg": r"\s*(?:mg|milligrams?)",
    "g": r"\s+(?:g|grams?)",
    "lb": r"\s*(?:lbs?|pounds?(?=\s+of\b))",
    "tonnes": r"\s*(?:tonnes|tons?|metric\s+tons)|吨",
    "Mt": r"\s*(?-i:Mt)",
    "cm": r"\s*(?:cm|centimet(?:re|er)s?)",
    "mm": r"\s*(?:mm|millimet(?:re|er)s?)",
    "m": r"\s*(?:metres|meters|metre|meter)|米",
    "miles": r"\s*miles?",
    "km/h": r"\s*(?:km/h|kph|kilomet(?:re|er)s?\s+(?:per|an)\s+hour)",
    "mph": r"\s*mph",
    "inches": r"(?:\s*|-)(?:inch(?:es)?)",
    "feet": r"(?:\s*|-)(?:feet|foot|ft)",
    "sq-ft": r"\s*(?:sq\.?\s*ft|square\s+f(?:ee|oo)t)",
    "square-metres": r"\s*(?:sq\.?\s*m|square\s+met(?:re|er)s?|m2|平方米)",
    "square-km": r"\s*(?:sq\.?\s*km|square\s+kilomet(?:re|er)s?|km2)",
    "hectares": r"\s*(?:hectares?|ha)",
    "acres": r"\s*acres?",
    "mu": r"亩",
    "litres": r"\s*(?:litres?|liters?)|(?<=\d)L|升(?![至到为级])",
    "ml": r"\s*(?:ml|millilit(?:re|er)s?)",
    "cubic-metres": r"\s*(?:cubic\s+met(?:re|er)s?|m3|立方米)",
    "barrels": r"\s*barrels?(?!\s+(?:per|a)\s+day)",
    "bpd": r"\s*(?:bpd|barrels?\s+(?:per|a)\s+day)",
    "TEU": r"\s*TEUs?",
    "calories": r"\s*(?:k?cal|calories)",
}

#: Numbers that are not figures: phone numbers (0086-27-87592219), times of day (07:30,
#: 7 a.m.), days of a month without a year ("March 29", "Sept. 9-11"), house and item
#: numbers (No. 18), screen sizes (1024*768), numbers with a leading zero (0086), split
#: years ("2022/23"), forms ("10-K"), and numbers that are part of a name: an index
#: (S&P 500, Nifty 50), a model (Boeing 737, iPhone 15, PlayStation 5), a rule or a place
#: in a text (Section 427, Resolution 2728), a group (G20, Group of Seven, COP28), a
#: network (5G), a plan (Five-Year Plan), a bond's term (10-year Treasury), "one-off".
#: Measures written after a number in Chinese numerals: 三年, 两倍, 五天, 三个月.
ZH_UNITS: dict[str, tuple[Unit | None, str | None]] = {
    "年": (Unit.YEARS, None), "倍": (Unit.TIMES, None), "天": (None, "days"),
    "周": (None, "weeks"), "个月": (Unit.YEARS, "months"),
}  # fmt: skip


#: After "3m": what makes it metres, and what makes it millions ("3m users").
METRES_AFTER_WORDS = re.compile(
    r"\s+(?:tall|high|deep|long|wide|freestyle|backstroke|breaststroke|butterfly|medley"
    r"|sprint|hurdles|relay|race|dash|above|below|under|across|final|heats?|semi-?finals?"
    r"|title|record|champion\w*|gold|silver|bronze|of\s+(?:rain|snow|water))\b",
    re.IGNORECASE,
)
METRES_BEFORE_WORDS = re.compile(
    r"\b(?:surges?|waves?|depth|height|heights|deep|tall|high|long|wide|level|levels|snow"
    r"|rain|drifts?|altitude|elevation|distance|throw|jump|span|diameter|length|width)"
    r"(?:\s+of)?(?:\s+(?:up\s+to|about|around|nearly|over|more\s+than))?\s+$",
    re.IGNORECASE,
)
COUNTED_AFTER = re.compile(
    r"\s+(?:[a-z]+s|people|children|men|women|staff|cattle|sheep|livestock)\b", re.IGNORECASE
)


def is_metres(text: str, span: tuple[int, int]) -> bool:
    """Whether the "m" touching the number at ``span`` (no currency before it) is metres,
    not millions: before "tall", "freestyle" and the like, or after "surges of", "a depth
    of" and the like when no counted noun follows ("3m users" is millions)."""
    start, end = span
    after = text[end : end + 40]
    if METRES_AFTER_WORDS.match(after):
        return True
    before = text[max(0, start - 24) : start]
    return METRES_BEFORE_WORDS.search(before) is not None and COUNTED_AFTER.match(after) is None


#: Words that name what the number after them belongs to: "S&P 500", "Line 14".
_NAMES = (
    "S&P", "FTSE", "Nikkei", "DAX", "CAC", "Stoxx", "STOXX", "Nifty", "Sensex", "Fortune",
    "Russell", "Boeing", "Airbus A", "iPhone", "Windows", "PlayStation", "Xbox", "Pixel",
    "Mate", "Galaxy S", "MAX", "Route", "Formula", "Apollo", "Ariane", "Soyuz", "Falcon",
    "Shenzhou", "Chang'e", "Long March", "Gemini", "Section", "Row", "Article", "Chapter",
    "Clause", "Resolution", "Proposition", "Prop.", "Phase", "Group of", "Line", "Highway",
    "Interstate", "Flight", "Gate", "Terminal", "Platform", "Channel", "Room", "Level",
    "Category", "Model", "Version", "Season", "Episode", "Volume", "Vol.", "Part", "KOSPI",
    "KOSDAQ", "Ligue", "Serie", "Bundesliga", "Voyager", "Pioneer", "Artemis", "Cessna",
    "NHS", "School", "Public School", "Primary School", "District", "Ward", "Precinct",
    "Court", "Building", "Block", "Project", "Zone", "Sector", "Area", "Studio", "Stage",
    "Fahrenheit", "HR", "H.R.", "iOS", "Android", "macOS", "Pier", "Hall", "Camp", "Bay",
)  # fmt: skip
#: "the first seven months": a period of the year, not seven of anything.
_FIRST_PERIODS = ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                  "eleven", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11")  # fmt: skip
#: Month names capitalised, as a day without a year is written ("March 29", "Sept. 9"):
#: in full, and short, which stands for any word it begins ("Sept.", "March").
_MONTHS = trie_pattern(name.title() for name in MONTH_NAMES)
_MONTH_STARTS = trie_pattern(name.title() for name in MONTH_NAMES if len(name) <= 4)
# Grouped by what their first character is, each group behind a lookahead on it: at a
# position where no group can start, the expression fails after a few tests, not after
# trying each of its twenty forms (scanning is dominated by positions that start nothing).
NOT_FIGURES = re.compile(
    r"""(?=[+\d])(?<!\d)(?:                     # where a number starts, not inside one
        (?<![\d+])\+?\d{2,}(?:-\d{2,}){2,}
      | (?<![:\d])\d{1,2}:\d{2}(?![.:]\d)\b | (?<![:\d])\d{2}:\d{2}:\d{2}\b  # not "in 2:03:17"
      | \b\d{1,2}(?::\d{2})?\s*[ap]\.?m\.(?!\w)
      | \b\d{4}\s*(?:GMT|UTC|BST|CET|EST|EDT|IST|HKT|JST|local\s+time)\b
      | \d{1,2}月(?:\d{1,2}日)? | \d{1,2}[-至]\d{1,2}月 | (?<=前)\d{1,2}个?月 | (?<=第)\d+
      | \b\d{1,2}-(?:year|month)(?=\s+(?:U\.S\.\s+|[A-Z][a-z]+\s+)?(?:Treasury|Treasuries|bonds?
           |notes?|yields?|Bunds?|gilts?|JGBs?|fixed|mortgages?|government|paper|swaps?|debt
           |sukuks?|loan\s+prime))
      | \b\d{4}/\d{2}\b | \b\d{1,2}-[A-Z]\b | \b[2-6]G\b | \b\d+-Eleven\b | \b24[-/]7\b
      | \b9-(?:to-)?5\b
      | \b\d+\s*[*×]\s*\d+\b
      | (?<![\d.,:])0\d+(?:\s\d{3,4}){0,3}                      # 0086, 0800 555 111
      | \b\d{1,4}[a-z]?\s+(?:[A-Z][a-z]+\s+){1,3}(?:Street|St|Road|Rd|Avenue|Ave|Lane|Boulevard
           |Drive|Place|Square|Terrace|Crescent|Gardens|Parade)\b(?!\s+[a-z]+s\b)  # "5 Wall
                                                          # Street banks" is a count
      | \b\d{1,4}\s+(?:Rue|Via|Calle|Avenida|Avenue|Boulevard|Place|Piazza|Plaza|Strasse|Straße)\b
      | \b\d{1,2}(?:st|nd|rd|th)?\s+(?:"""
    + _MONTHS
    + r""")\b(?![,.]?\s*\d{4})
    )
  | (?=[A-Za-z])\b(?:
        (?:"""
    + _MONTH_STARTS
    + r""")(?:\.|[a-z]{0,6}\b)
        \s*\d{1,2}(?:st|nd|rd|th)?(?:\s*(?:-|–|to|and)\s*\d{1,2}(?:st|nd|rd|th)?)?\b(?!,?\s*\d{4}\b)
      | (?:No|no|Nr|nr)\.\s*\d+
      | (?:"""
    + trie_pattern(_NAMES).replace("\\ ", "\\s+")
    + r""")\s*\d+(?![\d.,]*\s*(?:%|percent|per\s+cent))
      | Group\s+of\s+(?:Seven|Eight|Twenty|Two|Three)\b
      | Formula\s+(?:One|Two|Three|E)\b
      | (?:call|calling|dial|dialling|dialing)\s+\d{3,}(?:\s\d{3,4}){0,3}\b(?!\s+[a-z]+s\b)
      | [A-Z][a-z]+-Year\s+Plan\b
      | (?:one|two|three|four)-(?:off|wheelers?|time|way|stop|sided)\b
      | (?:single|double|triple)-digits?\b
      | (?:two|three|five|seven|ten|twenty|thirty)-(?:year|month)(?=\s+(?:[A-Z][a-z]+\s+)?
           (?:Treasury|Treasuries|bonds?|notes?|yields?|gilts?|sukuks?|debt|paper|mortgages?))
      | first\s+(?:"""
    + trie_pattern(_FIRST_PERIODS)
    + r""")\s+(?:months|quarters|weeks)\b
      | Year\s+\d{1,2}\b(?!\s*(?:%|percent))
      | Flight\s+[A-Z]{2}\s*\d+
      | (?:G|F)\d{1,2}\b | (?i:COP)\s*\d{1,2}\b
    )""",
    re.VERBOSE,
)
