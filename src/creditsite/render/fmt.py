"""Numbers and dates as each language writes them, via Babel.

Vietnamese: 100.000.000 đồng, 6,6%/năm, 30/10/2024. English: 100,000,000 VND,
6.6% a year, 30 October 2024.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from babel.dates import format_date
from babel.numbers import format_decimal

LOCALE = {"vi": "vi_VN", "en": "en_GB"}
CURRENCY = {"vi": "đồng", "en": "VND"}


def number(value: float, lang: str) -> str:
    return format_decimal(value, locale=LOCALE[lang], decimal_quantization=False)


def money(value: int, lang: str) -> str:
    return f"{number(value, lang)} {CURRENCY[lang]}"


def language_tag(lang: str) -> str:
    """The locale as browsers name it (Intl.NumberFormat): vi-VN, en-GB."""
    return LOCALE[lang].replace("_", "-")


def percent(value: float, lang: str) -> str:
    return f"{number(value, lang)}%"


def exact_percent(value: Fraction, lang: str, places: int = 3) -> str:
    """An exact rate in percent, rounded half up to `places` decimals: 6,6% / 0,55% / 0,688%."""
    exact = Decimal(value.numerator) / Decimal(value.denominator)  # 28 digits: a tie at `places` is exact
    rounded = exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return format_decimal(rounded, format="#,##0." + "#" * places, locale=LOCALE[lang]) + "%"


def date(value: dt.date, lang: str) -> str:
    return format_date(value, "dd/MM/yyyy" if lang == "vi" else "d MMMM y", locale=LOCALE[lang])


def day_month(month: int, day: int, lang: str) -> str:
    when = dt.date(2024, month, day)  # a leap year, so 29/2 is valid
    return format_date(when, "d/M" if lang == "vi" else "d MMMM", locale=LOCALE[lang])


def decimal(value: float, lang: str, places: int = 2) -> str:
    """A measured number rounded to `places` decimals: 16,85 / 16.85."""
    return format_decimal(round(value, places), format="#,##0." + "#" * places, locale=LOCALE[lang])


def million(value: float, lang: str) -> str:
    """An amount in millions of đồng, as reports write it: 60.000 (triệu đồng)."""
    return decimal(value, lang, 3)
