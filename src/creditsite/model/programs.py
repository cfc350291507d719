"""A VBSP loan programme, as residents need it: who, how much, how long,
what it costs, what papers, and where every fact comes from.

A fact that is unknown or uncertain is null, and `unknown` says why in one
line. Pages then print "Hỏi tại Điểm giao dịch xã" and the reason, never a
guess. A rate or amount tied to another programme's (e.g. 125% of the
poor-household rate) is written as `*_relative` so it follows that programme.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal, get_args

from pydantic import Field, model_validator

from creditsite.model.base import (
    LocalText,
    Money,
    Number,
    Slug,
    Source,
    Strict,
    Unique,
    WholeNumber,
)

# The four key facts, in the order pages list them; every module takes the names from here.
Fact = Literal["max_amount_vnd", "interest_rate_pct_per_year", "max_term_months", "collateral"]
FACTS: tuple[Fact, ...] = get_args(Fact)
MAX_TERM_MONTHS = 600


class Relative(Strict):
    """A fact set as a share of another programme's fact (rate or amount)."""

    program: Slug
    pct: Annotated[Number, Field(gt=0, le=500)]


class Terms(Strict):
    """The key facts, shared by a programme and each of its components."""

    max_amount_vnd: Annotated[Money, Field(gt=0, le=10_000_000_000)] | None
    max_amount_relative: Relative | None = None
    amount_unit: LocalText | None = None  # e.g. "mỗi hộ", "mỗi tháng cho mỗi sinh viên"
    amount_period: Literal["loan", "month"] = "loan"  # student loans are paid out monthly
    interest_rate_pct_per_year: Annotated[Number, Field(gt=0, le=30)] | None
    interest_rate_relative: Relative | None = None
    max_term_months: Annotated[WholeNumber, Field(gt=0, le=MAX_TERM_MONTHS)] | None
    collateral: bool | None
    unknown: dict[Fact, LocalText] = {}

    def relative(self) -> dict[Fact, Relative | None]:
        """The facts that may follow another programme's, and their links."""
        return {"max_amount_vnd": self.max_amount_relative, "interest_rate_pct_per_year": self.interest_rate_relative}

    @model_validator(mode="after")
    def _explained(self) -> Terms:
        rate = self.interest_rate_pct_per_year
        if rate is not None and abs(rate * 100 - round(rate * 100)) > 1e-9:
            raise ValueError("lãi suất chỉ có tối đa 2 chữ số thập phân, ví dụ 6.6 hoặc 7.92 (at most two decimals)")
        relative = self.relative()
        for fact in FACTS:
            value, rel = getattr(self, fact), relative.get(fact)
            if rel is not None and value is not None:
                raise ValueError(
                    f"'{fact}': ghi số HOẶC theo chương trình khác, không cả hai "
                    "(give a value or a relative value, not both)"
                )
            known = value is not None or rel is not None
            if not known and fact not in self.unknown:
                raise ValueError(
                    f"'{fact}' để trống thì phải ghi lý do trong 'unknown.{fact}' (a null fact needs a reason)"
                )
            if known and fact in self.unknown:
                raise ValueError(
                    f"'{fact}' đã có giá trị nhưng vẫn ghi trong 'unknown' (a known fact cannot also be unknown)"
                )
        return self


class Component(Terms):
    """A part of a programme with its own terms (e.g. NĐ 28 housing loans)."""

    id: Slug
    name: LocalText
    borrowers: list[LocalText] = []


class Program(Terms):
    id: Slug
    name: LocalText
    summary: LocalText
    legal_basis: list[Source] = Field(min_length=1)
    borrowers: list[LocalText] = Field(min_length=1)
    conditions: list[LocalText] = []
    purposes: list[LocalText] = []
    documents: list[LocalText] = Field(min_length=1)
    notes: list[LocalText] = []
    components: Annotated[list[Component], Unique] = []
    sources: list[Source] = Field(min_length=1)
    as_of: dt.date
    order: WholeNumber = 100
