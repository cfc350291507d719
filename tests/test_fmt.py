"""Numbers and dates in each language's own format."""

import datetime as dt

from creditsite.render import fmt


def test_vietnamese_formats() -> None:
    assert fmt.money(100_000_000, "vi") == "100.000.000 đồng"
    assert fmt.percent(6.6, "vi") == "6,6%"
    assert fmt.percent(0.55, "vi") == "0,55%"
    assert fmt.date(dt.date(2025, 8, 7), "vi") == "07/08/2025"
    assert fmt.day_month(9, 30, "vi") == "30/9"


def test_english_formats() -> None:
    assert fmt.money(100_000_000, "en") == "100,000,000 VND"
    assert fmt.percent(6.6, "en") == "6.6%"
    assert fmt.date(dt.date(2025, 8, 7), "en") == "7 August 2025"
    assert fmt.day_month(9, 30, "en") == "30 September"
