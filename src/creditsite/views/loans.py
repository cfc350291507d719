"""Loan arithmetic and resolved programme facts.

Interest is charged every month on the outstanding balance. All arithmetic is
in whole đồng with integers (rates in hundredths of a percent), rounding half
up, so that the browser calculator (assets/javascripts/calculator.js) gives
exactly the same numbers: tests/test_calculator.py runs both.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from fractions import Fraction

from creditsite.model.base import LocalText
from creditsite.model.programs import FACTS, Fact, Program, Terms


def rate_hundredths(rate_pct_per_year: float) -> int:
    """6.6 → 660. Rates have at most two decimals (the schema refuses more)."""
    return round(rate_pct_per_year * 100)


def half_up(value: Fraction) -> int:
    """The nearest whole number, halves rounded up (positive values only)."""
    return math.floor(value + Fraction(1, 2))


def interest_on(balance_vnd: int, hundredths: int) -> int:
    """One month's interest on a balance at a yearly rate in hundredths of a percent."""
    return (balance_vnd * hundredths + 60_000) // 120_000  # ÷ (100 × 100 × 12), rounded half up


def monthly_interest(balance_vnd: int, rate_pct_per_year: float) -> int:
    """One month's interest on a balance: balance × rate ÷ 12, in whole đồng."""
    return interest_on(balance_vnd, rate_hundredths(rate_pct_per_year))


@dataclass(frozen=True)
class Row:
    month: int
    interest: int
    principal: int
    balance: int  # after this month's repayment


def schedule(amount_vnd: int, rate_pct_per_year: float, term_months: int, every_months: int) -> list[Row]:
    """Monthly interest, with the principal repaid in equal parts every
    `every_months` months; the last part takes what is left."""
    parts = math.ceil(term_months / every_months)
    part = amount_vnd // parts
    rows, balance = [], amount_vnd
    for month in range(1, term_months + 1):
        interest = monthly_interest(balance, rate_pct_per_year)
        due = month % every_months == 0 or month == term_months
        principal = (balance if month == term_months else min(part, balance)) if due else 0
        balance -= principal
        rows.append(Row(month, interest, principal, balance))
    return rows


@dataclass(frozen=True)
class Facts:
    """A programme's (or component's) key facts, with relative values
    worked out. `None` means: ask at the transaction point, for `reasons[fact]`."""

    max_amount_vnd: int | None
    interest_rate_pct_per_year: float | None
    max_term_months: int | None
    collateral: bool | None
    reasons: dict[Fact, LocalText] = field(default_factory=dict)
    based_on: dict[Fact, tuple[str, float]] = field(default_factory=dict)  # fact → (programme id, %)


def _share(value: float, pct: float) -> Fraction:
    """`pct`% of `value`, exactly: the numbers as typed in YAML, not their binary floats."""
    return Fraction(str(value)) * Fraction(str(pct)) / 100


def resolve(terms: Terms, programs: dict[str, Program]) -> Facts:
    """Facts of `terms`, following `*_relative` links to other programmes
    (load.py has already refused links to unknown programmes and cycles)."""
    values = {fact: getattr(terms, fact) for fact in FACTS}
    reasons: dict[Fact, LocalText] = dict(terms.unknown)
    based_on: dict[Fact, tuple[str, float]] = {}
    for fact, rel in terms.relative().items():
        if rel is None:
            continue
        based_on[fact] = (rel.program, rel.pct)
        base = resolve(programs[rel.program], programs)
        base_value = getattr(base, fact)
        if base_value is None:
            reasons[fact] = base.reasons[fact]
        elif fact == "max_amount_vnd":
            values[fact] = half_up(_share(base_value, rel.pct))  # whole đồng
        else:
            values[fact] = half_up(_share(base_value, rel.pct) * 100) / 100  # two decimals, like a typed rate
    return Facts(**values, reasons=reasons, based_on=based_on)
