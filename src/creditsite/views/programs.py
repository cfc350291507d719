"""One view per loan programme (and per component): every fact derived from
the programme files and the loan guide, computed once, as numbers.

Pages, leaflets, the calculator's data attributes and `data/programs.json`
all read these; `render` only turns them into text.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from typing import Literal

from creditsite.model.base import LocalText
from creditsite.model.guide import LoanGuide
from creditsite.model.programs import Program, Terms
from creditsite.model.site import SiteData
from creditsite.views.loans import Facts, interest_on, rate_hundredths, resolve


@dataclass(frozen=True)
class Calculator:
    """Where the browser calculator starts, and its limits (`None`: no limit)."""

    amount_vnd: int
    term_months: int
    max_amount_vnd: int | None
    max_term_months: int | None


@dataclass(frozen=True)
class LoanView:
    """A programme's or a component's facts and what follows from them."""

    id: str
    facts: Facts
    amount_unit: LocalText | None  # e.g. "mỗi hộ"
    amount_period: Literal["loan", "month"]  # "month": paid out month by month (students), the maximum is per month
    rate_hundredths: int | None  # yearly rate in hundredths of a percent: 6.6% → 660
    example_amount_vnd: int  # the guide's example balance, capped at the maximum balance
    example_amounts_vnd: tuple[int, ...]  # the balances of the page's interest table
    calculator: Calculator

    @property
    def amount_monthly(self) -> bool:
        return self.amount_period == "month"

    @property
    def rate_pct(self) -> Fraction | None:
        """The yearly rate in percent, exactly: 660 → 33/5 (6.6)."""
        return None if self.rate_hundredths is None else Fraction(self.rate_hundredths, 100)

    @property
    def monthly_rate_pct(self) -> Fraction | None:
        """The yearly rate ÷ 12, exactly: 660 → 11/20 (0.55)."""
        return None if self.rate_hundredths is None else Fraction(self.rate_hundredths, 1200)

    def monthly_interest(self, balance_vnd: int) -> int | None:
        return None if self.rate_hundredths is None else interest_on(balance_vnd, self.rate_hundredths)

    @property
    def example_interest_vnd(self) -> int | None:
        """A month's interest on the example balance."""
        return self.monthly_interest(self.example_amount_vnd)


@dataclass(frozen=True)
class ProgramView:
    program: Program
    loan: LoanView  # the programme's own facts
    components: tuple[LoanView, ...]  # in the file's order

    def component(self, component_id: str) -> LoanView:
        return next(view for view in self.components if view.id == component_id)


def top_balance(facts: Facts, amount_monthly: bool) -> int | None:
    """The largest balance one can owe, if the maximum is one (a monthly payout is not)."""
    return None if amount_monthly else facts.max_amount_vnd


def example_amounts(guide: LoanGuide, top: int | None) -> tuple[int, ...]:
    """The guide's example balances below the maximum, then the maximum itself."""
    amounts = guide.example_amounts_vnd
    if top is None:
        return tuple(amounts)
    return tuple(sorted({a for a in amounts if a < top} | {top}))


def calculator(guide: LoanGuide, facts: Facts, top: int | None, example: int) -> Calculator:
    longest = facts.max_term_months
    term = guide.calculator_term_months if longest is None else min(longest, guide.calculator_term_months)
    return Calculator(example, term, top, longest)


def loan_view(view_id: str, terms: Terms, data: SiteData) -> LoanView:
    facts = resolve(terms, data.programs)
    top = top_balance(facts, terms.amount_period == "month")
    guide = data.loan_guide
    example = guide.interest_example_amount_vnd if top is None else min(top, guide.interest_example_amount_vnd)
    rate = facts.interest_rate_pct_per_year
    return LoanView(
        view_id,
        facts,
        terms.amount_unit,
        terms.amount_period,
        None if rate is None else rate_hundredths(rate),
        example,
        example_amounts(guide, top),
        calculator(guide, facts, top, example),
    )


@lru_cache(maxsize=8)  # SiteData is hashed by identity: one load, one set of views
def program_views(data: SiteData) -> dict[str, ProgramView]:
    """Every programme's view, by id, in display order."""
    return {
        pid: ProgramView(p, loan_view(pid, p, data), tuple(loan_view(c.id, c, data) for c in p.components))
        for pid, p in data.programs.items()
    }
