"""A year's progress under the plan: `plan_data/progress/<year>.yml`.

For each task (by its plan anchor) and each unit responsible for it: a status,
a short result and the evidence. For the year as a whole: the figures the
plan sets targets for, and the "For the Poor" Fund's money.

Amounts are in millions of đồng (triệu đồng), as VBSP reports give them.
A figure that contradicts itself is refused here; checks that need other
files (tasks, units, the previous year) are in `creditsite.progress`.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Annotated, Literal

from pydantic import Field, field_validator, model_validator

from creditsite.model.base import (
    LocalText,
    MillionVnd,
    NonEmpty,
    Number,
    Slug,
    Strict,
    WholeNumber,
    Year,
)

Status = Literal["hoan-thanh", "dang-thuc-hien", "chua-bat-dau"]
STATUSES: tuple[Status, ...] = ("hoan-thanh", "dang-thuc-hien", "chua-bat-dau")  # display order

# Officers may type the words as they say them: "Hoàn thành" means hoan-thanh.
_SPOKEN = {"chưa bắt đầu": "chua-bat-dau", "đang thực hiện": "dang-thuc-hien", "hoàn thành": "hoan-thanh"}

# A stated share may differ this much (percentage points) from the share
# computed from its amounts: reports round to one decimal.
SHARE_TOLERANCE = 0.1
# The overdue ratio is small (often below 1%), so it is given to two decimals.
OVERDUE_TOLERANCE = 0.01
# Amounts are compared to the thousand đồng (0.001 million), the finest unit the files hold.
AMOUNT_TOLERANCE = 0.001

Percent = Annotated[Number, Field(ge=0, le=100)]
Million = Annotated[MillionVnd, Field(ge=0, le=100_000_000)]  # up to 100,000 billion đồng


def _thousands(value: float | None) -> float | None:
    """Millions with at most three decimals (a thousand đồng)."""
    if value is not None and abs(value * 1000 - round(value * 1000)) > 1e-6:
        raise ValueError(
            "số tiền tính bằng triệu đồng, tối đa 3 chữ số thập phân, ví dụ 1250.5 (millions of đồng, at most 3 "
            "decimals)"
        )
    return value


class Evidence(Strict):
    """Where to check a result: a document number, a link, or both."""

    document: NonEmpty | None = None
    url: Annotated[str, Field(pattern=r"^https?://\S+$")] | None = None

    @model_validator(mode="after")
    def _something(self) -> Evidence:
        if self.document is None and self.url is None:
            raise ValueError(
                "minh chứng cần số văn bản ('document') hoặc đường dẫn ('url') (evidence needs a document number or a "
                "link)"
            )
        return self


class Entry(Strict):
    """One unit's report on one task."""

    status: Status
    result: LocalText | None = None
    evidence: list[Evidence] = []

    @field_validator("status", mode="before")
    @classmethod
    def _spoken(cls, value: object) -> object:
        if isinstance(value, str):
            key = unicodedata.normalize("NFC", value).strip().lower()
            return _SPOKEN.get(key, key)
        return value


def share(part: float | None, whole: float | None) -> float | None:
    """`part` as a percentage of `whole`, or None when it cannot be computed."""
    if part is None or whole is None or whole <= 0:
        return None
    return part / whole * 100


class Figures(Strict):
    """The year's credit figures, compiled by one unit (usually the bank office).

    `credit_growth` is the year's increase in outstanding loans;
    `entrusted_increase` the local-budget money newly entrusted that year.
    Their ratio is the plan's yearly 15–20% target. `entrusted_balance` over
    `total_capital` is the 15%-by-2030 target. A share left empty is
    computed from its amounts; a share given with its amounts must match them.
    """

    reported_by: Slug | None = None
    as_of: dt.date | None = None
    outstanding_loans_million_vnd: Million | None = None
    credit_growth_million_vnd: Annotated[MillionVnd, Field(ge=-100_000_000, le=100_000_000)] | None = None
    entrusted_increase_million_vnd: Million | None = None
    share_of_growth_pct: Percent | None = None
    entrusted_balance_million_vnd: Million | None = None
    total_capital_million_vnd: Million | None = None
    share_of_total_pct: Percent | None = None
    borrowers: Annotated[WholeNumber, Field(ge=0, le=10_000_000)] | None = None
    overdue_million_vnd: Million | None = None
    overdue_ratio_pct: Percent | None = None

    _check_thousands = field_validator(
        "outstanding_loans_million_vnd",
        "credit_growth_million_vnd",
        "entrusted_increase_million_vnd",
        "entrusted_balance_million_vnd",
        "total_capital_million_vnd",
        "overdue_million_vnd",
    )(_thousands)

    @model_validator(mode="after")
    def _consistent(self) -> Figures:
        growth = self.credit_growth_million_vnd
        if self.share_of_growth_pct is not None and growth is not None and growth <= 0:
            raise ValueError(
                "dư nợ không tăng trong năm thì không có tỷ lệ trên tăng trưởng; để trống 'share_of_growth_pct' (no "
                "growth, so no share of growth)"
            )
        pairs = (
            ("share_of_growth_pct", "entrusted_increase_million_vnd", "credit_growth_million_vnd", SHARE_TOLERANCE),
            ("share_of_total_pct", "entrusted_balance_million_vnd", "total_capital_million_vnd", SHARE_TOLERANCE),
            ("overdue_ratio_pct", "overdue_million_vnd", "outstanding_loans_million_vnd", OVERDUE_TOLERANCE),
        )
        for name, part, whole, tolerance in pairs:
            computed = share(getattr(self, part), getattr(self, whole))
            if computed is None:
                continue
            if computed > 100 + 1e-9:
                raise ValueError(
                    f"'{part}' lớn hơn '{whole}': tỷ lệ trên 100% (the part is larger than the whole: a share above "
                    "100%)"
                )
            stated = getattr(self, name)
            if stated is not None and abs(stated - computed) > tolerance + 1e-9:
                raise ValueError(
                    f"'{name}' = {stated} không khớp với {part} ÷ {whole} = {computed:.2f} "
                    f"(the stated share disagrees with its amounts; allowed difference {tolerance} point)"
                )
        return self

    def value(self, name: str) -> float | None:
        """A share as stated, or computed from its amounts."""
        stated = getattr(self, name)
        if stated is not None:
            return stated
        part, whole = {
            "share_of_growth_pct": ("entrusted_increase_million_vnd", "credit_growth_million_vnd"),
            "share_of_total_pct": ("entrusted_balance_million_vnd", "total_capital_million_vnd"),
            "overdue_ratio_pct": ("overdue_million_vnd", "outstanding_loans_million_vnd"),
        }[name]
        return share(getattr(self, part), getattr(self, whole))


class Fund(Strict):
    """The commune's "For the Poor" Fund over the year.

    Money spent cannot exceed the money the fund had: the opening balance
    plus the year's receipts (without an opening balance: the receipts).
    """

    reported_by: Slug | None = None
    opening_balance_million_vnd: Million | None = None
    receipts_million_vnd: Million | None = None
    spending_million_vnd: Million | None = None

    _check_thousands = field_validator("opening_balance_million_vnd", "receipts_million_vnd", "spending_million_vnd")(
        _thousands
    )

    @model_validator(mode="after")
    def _not_overspent(self) -> Fund:
        spent, received = self.spending_million_vnd, self.receipts_million_vnd
        if spent is not None and received is not None:
            available = received + (self.opening_balance_million_vnd or 0)
            if spent > available + AMOUNT_TOLERANCE:
                raise ValueError(
                    f"chi ({spent}) lớn hơn số dư đầu năm cộng số thu ({available}) "
                    "(spending exceeds the opening balance plus receipts)"
                )
        return self

    @property
    def closing_balance_million_vnd(self) -> float | None:
        if None in (self.opening_balance_million_vnd, self.receipts_million_vnd, self.spending_million_vnd):
            return None
        return round(self.opening_balance_million_vnd + self.receipts_million_vnd - self.spending_million_vnd, 3)  # type: ignore[operator]


class ReportInfo(Strict):
    """What this year's printed report needs besides the figures. Unknown
    number or date stay empty: the report then leaves dots to fill by hand."""

    number: Annotated[str, Field(pattern=r"^[0-9]{1,5}$")] | None = None
    date: dt.date | None = None
    signer_name: NonEmpty | None = None


class ProgressYear(Strict):
    year: Year
    sample: bool = False
    as_of: dt.date
    report: ReportInfo = ReportInfo()
    tasks: dict[Slug, dict[Slug, Entry]] = {}
    figures: Figures = Figures()
    fund: Fund = Fund()
    difficulties: list[LocalText] = []
    proposals: list[LocalText] = []

    def entry(self, task: str, unit: str) -> Entry | None:
        return self.tasks.get(task, {}).get(unit)


DIR = "plan_data/progress"


def rel_path(year: int) -> str:
    return f"{DIR}/{year}.yml"
