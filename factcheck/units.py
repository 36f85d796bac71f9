"""The units a claim's value can carry, and the kinds of quantity a metric measures.

Units are kinds in code: a small closed set that the engine knows how to compare.
A metric's kind picks its default unit and its natural domain (a count is never
negative, a share lies between 0 and 100 percent).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction

from factcheck.intervals import Interval

__all__ = [
    "CURRENCIES",
    "Currency",
    "Measure",
    "Unit",
    "convert",
    "currency_of",
    "default_unit",
    "domain_of",
    "rate_currency",
]


class Unit(StrEnum):
    COUNT = "count"
    PERCENT = "percent"
    # Currencies (ISO 4217 codes), each with its rate per US dollar; ``CURRENCIES`` says
    # how news writes them.
    CNY = "CNY"
    USD = "USD"
    HKD = "HKD"
    EUR = "EUR"
    GBP = "GBP"
    JPY = "JPY"
    KES = "KES"
    INR = "INR"
    KRW = "KRW"
    SGD = "SGD"
    TWD = "TWD"
    AUD = "AUD"
    CAD = "CAD"
    CHF = "CHF"
    MYR = "MYR"
    NGN = "NGN"
    ZAR = "ZAR"
    PHP = "PHP"
    IDR = "IDR"
    BRL = "BRL"
    MXN = "MXN"
    DKK = "DKK"
    NOK = "NOK"
    SEK = "SEK"
    PLN = "PLN"
    THB = "THB"
    RUB = "RUB"
    TRY = "TRY"
    ZMW = "ZMW"
    UGX = "UGX"
    TZS = "TZS"
    ETB = "ETB"
    VND = "VND"
    XOF = "XOF"
    NZD = "NZD"
    PEN = "PEN"
    COP = "COP"
    CLP = "CLP"
    ARS = "ARS"
    KWD = "KWD"
    SAR = "SAR"
    AED = "AED"
    EGP = "EGP"
    PKR = "PKR"
    ILS = "ILS"
    CZK = "CZK"
    HUF = "HUF"
    YEAR = "year"  # a calendar year, 2018
    DATE = "date"  # a calendar day, as days since 1970-01-01
    YEARS = "years"  # a duration
    TIMES = "times"  # a multiplier
    KM = "km"
    RANK = "rank"
    RATIO = "ratio"  # a pure number: "one-eighth" is 1/8, or 12.5 percent
    CNY_PER_USD = "CNY/USD"  # an exchange rate: yuan per US dollar
    HKD_PER_USD = "HKD/USD"
    EUR_PER_USD = "EUR/USD"
    GBP_PER_USD = "GBP/USD"
    JPY_PER_USD = "JPY/USD"
    KES_PER_USD = "KES/USD"
    INR_PER_USD = "INR/USD"
    KRW_PER_USD = "KRW/USD"
    SGD_PER_USD = "SGD/USD"
    TWD_PER_USD = "TWD/USD"
    AUD_PER_USD = "AUD/USD"
    CAD_PER_USD = "CAD/USD"
    CHF_PER_USD = "CHF/USD"
    MYR_PER_USD = "MYR/USD"
    NGN_PER_USD = "NGN/USD"
    ZAR_PER_USD = "ZAR/USD"
    PHP_PER_USD = "PHP/USD"
    IDR_PER_USD = "IDR/USD"
    BRL_PER_USD = "BRL/USD"
    MXN_PER_USD = "MXN/USD"
    DKK_PER_USD = "DKK/USD"
    NOK_PER_USD = "NOK/USD"
    SEK_PER_USD = "SEK/USD"
    PLN_PER_USD = "PLN/USD"
    THB_PER_USD = "THB/USD"
    RUB_PER_USD = "RUB/USD"
    TRY_PER_USD = "TRY/USD"
    ZMW_PER_USD = "ZMW/USD"
    UGX_PER_USD = "UGX/USD"
    TZS_PER_USD = "TZS/USD"
    ETB_PER_USD = "ETB/USD"
    VND_PER_USD = "VND/USD"
    XOF_PER_USD = "XOF/USD"
    NZD_PER_USD = "NZD/USD"
    PEN_PER_USD = "PEN/USD"
    COP_PER_USD = "COP/USD"
    CLP_PER_USD = "CLP/USD"
    ARS_PER_USD = "ARS/USD"
    KWD_PER_USD = "KWD/USD"
    SAR_PER_USD = "SAR/USD"
    AED_PER_USD = "AED/USD"
    EGP_PER_USD = "EGP/USD"
    PKR_PER_USD = "PKR/USD"
    ILS_PER_USD = "ILS/USD"
    CZK_PER_USD = "CZK/USD"
    HUF_PER_USD = "HUF/USD"


@dataclass(frozen=True, slots=True)
class Currency:
    """A currency as news writes it: after a figure (``words``, a regular expression)
    or before it (``prefixes``: "HK$", "€"), and the unit of its rate per US dollar
    (a reference claim of an ``exchange-rate`` metric in that unit)."""

    unit: Unit
    name: str  # for messages: "yuan", "euro"
    words: str
    prefixes: tuple[str, ...] = ()

    @property
    def per_usd(self) -> Unit | None:
        """The unit of its rate per US dollar ("KES/USD"); None for the dollar itself."""
        return None if self.unit is Unit.USD else Unit(f"{self.unit.value}/USD")


#: The currencies factcheck reads, by ISO 4217 code. Adding one is a ``Unit`` member for
#: it and its rate, and a line here. Longer names come first where one holds another
#: ("Hong Kong dollars" before "dollars"). Codes that are also words of their own
#: ("CAD" software, "AUD", "EUR", "INR") are read only before a figure ("CAD 40"), and
#: "euro" not before "zone", "area" or a tournament.
CURRENCIES: tuple[Currency, ...] = (
    Currency(Unit.CNY, "yuan", r"yuan|rmb|cny|renminbi", ("¥", "rmb", "cny")),
    Currency(Unit.HKD, "Hong Kong dollar", r"hong\s+kong\s+dollars?|hk\s+dollars?|hkd",
             ("hk$", "hkd")),
    Currency(Unit.SGD, "Singapore dollar", r"singapore\s+dollars?|sgd", ("s$", "sgd")),
    Currency(Unit.TWD, "New Taiwan dollar", r"(?:new\s+)?taiwan\s+dollars?|twd",
             ("nt$", "twd")),
    Currency(Unit.AUD, "Australian dollar", r"australian\s+dollars?", ("a$", "aud")),
    Currency(Unit.CAD, "Canadian dollar", r"canadian\s+dollars?", ("c$", "cad")),
    Currency(Unit.USD, "dollar", r"u\.?s\.?\s+dollars|dollars|usd", ("us$", "$", "usd")),
    Currency(Unit.EUR, "euro", r"euros|euro(?![-\s]*(?:zone|area|final|cup|championships?)\b)",
             ("€", "eur")),
    Currency(Unit.GBP, "pound", r"pounds\s+sterling|sterling|gbp", ("£", "gbp")),
    Currency(Unit.JPY, "yen", r"yen|jpy", ("jp¥", "jpy")),
    Currency(Unit.KES, "Kenyan shilling", r"kenyan?\s+shillings?|kes", ("ksh.", "ksh", "kes")),
    Currency(Unit.INR, "rupee", r"(?:indian\s+)?rupees", ("₹", "rs.", "rs", "inr")),
    Currency(Unit.KRW, "won", r"(?:south\s+)?korean\s+won|krw", ("₩", "krw")),
    Currency(Unit.CHF, "Swiss franc", r"swiss\s+francs?|chf", ("chf",)),
    Currency(Unit.MYR, "ringgit", r"(?:malaysian\s+)?ringgit|myr", ("rm", "myr")),
    Currency(Unit.NGN, "naira", r"naira|ngn", ("₦", "ngn", "n")),
    Currency(Unit.ZAR, "rand", r"(?:south\s+african\s+)?rand|zar", ("zar", "r")),
    Currency(Unit.PHP, "Philippine peso", r"philippine\s+pesos?|php", ("₱",)),
    Currency(Unit.IDR, "rupiah", r"(?:indonesian\s+)?rupiah|idr", ("rp", "idr")),
    Currency(Unit.BRL, "real", r"(?:brazilian\s+)?reais|brl", ("r$", "brl")),
    Currency(Unit.MXN, "Mexican peso", r"(?:mexican\s+)?pesos|mxn", ("mx$", "mxn")),
    Currency(Unit.DKK, "Danish krone", r"danish\s+(?:crowns|kroner)|dkk", ("dkk",)),
    Currency(Unit.NOK, "Norwegian krone", r"norwegian\s+(?:crowns|kroner)|nok", ("nok",)),
    Currency(Unit.SEK, "Swedish krona", r"swedish\s+(?:crowns|kronor)|sek", ("sek",)),
    Currency(Unit.PLN, "zloty", r"zlotys?|zł|pln", ("pln",)),
    Currency(Unit.THB, "baht", r"baht|thb", ("฿", "thb")),
    Currency(Unit.RUB, "rouble", r"roubles|rubles", ("₽", "rub")),
    Currency(Unit.TRY, "Turkish lira", r"(?:turkish\s+)?liras?", ("₺",)),
    Currency(Unit.ZMW, "kwacha", r"(?:zambian\s+)?kwacha|zmw", ("zmw", "k")),
    Currency(Unit.UGX, "Ugandan shilling", r"ugandan\s+shillings?|ugx", ("ush", "ugx")),
    Currency(Unit.TZS, "Tanzanian shilling", r"tanzanian\s+shillings?|tzs", ("tsh", "tzs")),
    Currency(Unit.ETB, "birr", r"(?:ethiopian\s+)?birr|etb", ("etb",)),
    Currency(Unit.VND, "dong", r"(?:vietnamese\s+)?dong|vnd", ("₫", "vnd")),
    Currency(Unit.XOF, "CFA franc", r"cfa\s+francs?|xof", ("xof",)),
    Currency(Unit.NZD, "New Zealand dollar", r"new\s+zealand\s+dollars?|nzd", ("nz$", "nzd")),
    Currency(Unit.PEN, "sol", r"(?:peruvian\s+)?soles", ("s/", "pen")),
    Currency(Unit.COP, "Colombian peso", r"colombian\s+pesos?", ()),
    Currency(Unit.CLP, "Chilean peso", r"chilean\s+pesos?|clp", ("clp",)),
    Currency(Unit.ARS, "Argentine peso", r"argentine\s+pesos?|ars", ("ars",)),
    Currency(Unit.KWD, "Kuwaiti dinar", r"kuwaiti\s+dinars?|kwd", ("kwd",)),
    Currency(Unit.SAR, "riyal", r"(?:saudi\s+)?riyals?", ()),
    Currency(Unit.AED, "dirham", r"(?:uae\s+|emirati\s+)?dirhams?|aed", ("aed",)),
    Currency(Unit.EGP, "Egyptian pound", r"egyptian\s+pounds?|egp", ("egp",)),
    Currency(Unit.PKR, "Pakistani rupee", r"pakistani\s+rupees?|pkr", ("pkr",)),
    Currency(Unit.ILS, "shekel", r"(?:new\s+)?shekels?", ("₪",)),
    Currency(Unit.CZK, "koruna", r"czech\s+crowns?|koruna|czk", ("czk",)),
    Currency(Unit.HUF, "forint", r"forints?|huf", ("huf",)),
)  # fmt: skip
_BY_RATE = {c.per_usd: c for c in CURRENCIES if c.per_usd is not None}
_BY_UNIT = {c.unit: c for c in CURRENCIES}


def currency_of(unit: Unit) -> Currency | None:
    """The currency ``unit`` is, or None."""
    return _BY_UNIT.get(unit)


def rate_currency(unit: Unit) -> Currency | None:
    """The currency whose rate per US dollar ``unit`` is ("KES/USD": the shilling)."""
    return _BY_RATE.get(unit)


class Measure(StrEnum):
    """What a metric measures; decides its default unit and its domain."""

    COUNT = "count"
    SHARE = "share"
    MONEY = "money"
    RATE = "rate"
    YEAR = "year"
    DATE = "date"
    DURATION = "duration"
    MULTIPLIER = "multiplier"
    LENGTH = "length"
    RANK = "rank"
    EXCHANGE_RATE = "exchange-rate"


_DEFAULT_UNIT: dict[Measure, Unit | None] = {
    Measure.COUNT: Unit.COUNT,
    Measure.SHARE: Unit.PERCENT,
    Measure.MONEY: None,  # the currency comes from the value or the claim
    Measure.RATE: Unit.PERCENT,
    Measure.YEAR: Unit.YEAR,
    Measure.DATE: Unit.DATE,
    Measure.DURATION: Unit.YEARS,
    Measure.MULTIPLIER: Unit.TIMES,
    Measure.LENGTH: Unit.KM,
    Measure.RANK: Unit.RANK,
    Measure.EXCHANGE_RATE: Unit.CNY_PER_USD,
}

_ZERO = Fraction(0)
_NON_NEGATIVE = Interval(_ZERO, None, True, False)
_DOMAIN: dict[Measure, Interval] = {
    Measure.COUNT: _NON_NEGATIVE,
    Measure.SHARE: Interval.closed(0, 100),
    Measure.MONEY: _NON_NEGATIVE,
    Measure.DURATION: _NON_NEGATIVE,
    Measure.MULTIPLIER: _NON_NEGATIVE,
    Measure.LENGTH: _NON_NEGATIVE,
    Measure.RANK: Interval(Fraction(1), None, True, False),
    Measure.EXCHANGE_RATE: Interval(_ZERO, None, False, False),
}


def convert(value: Fraction, written: Unit, wanted: Unit) -> Fraction | None:
    """``value`` in ``written`` units expressed in ``wanted`` units, or None when the two
    are not the same kind of quantity."""
    if written is wanted:
        return value
    if (written, wanted) == (Unit.RATIO, Unit.PERCENT):
        return value * 100
    return None


def default_unit(measure: Measure) -> Unit | None:
    return _DEFAULT_UNIT[measure]


def domain_of(measure: Measure) -> Interval:
    """Values a metric of this kind can take at all (a count is never negative)."""
    return _DOMAIN.get(measure, Interval.everything())
