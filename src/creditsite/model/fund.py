"""The "Vì người nghèo" fund: what it is, how to give, and its public ledger.

The ledger is one file per year in plan_data/fund/. Amounts are whole đồng.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import Field

from creditsite.model.base import (
    LocalText,
    Money,
    NonEmpty,
    Slug,
    Source,
    Strict,
    Unique,
    Year,
)

Amount = Annotated[Money, Field(gt=0, le=100_000_000_000)]


class Category(Strict):
    id: Slug
    name: LocalText


class BankAccount(Strict):
    """The fund's public account. Its number is public by design, so the
    personal-data guard does not flag it."""

    bank: LocalText | None = None
    account_name: NonEmpty | None = None
    account_number: NonEmpty | None = Field(default=None, json_schema_extra={"public": True})
    note: LocalText | None = None


class Fund(Strict):
    name: LocalText
    what: LocalText
    managed_by: Slug  # a unit id
    board: LocalText
    legal_basis: list[Source] = Field(min_length=1)
    donate_in_person: LocalText
    bank_account: BankAccount
    month_for_the_poor: Slug  # a calendar id in targets.yml
    uses: list[LocalText] = Field(min_length=1)
    openness: LocalText
    receipt_categories: Annotated[list[Category], Unique] = Field(min_length=1)
    spending_categories: Annotated[list[Category], Unique] = Field(min_length=1)
    sources: list[Source] = Field(min_length=1)
    as_of: dt.date


class Entry(Strict):
    """What every line of the ledger has, money in or out."""

    date: dt.date
    amount_vnd: Amount
    category: Slug
    reference: NonEmpty

    @property
    def text(self) -> LocalText:
        raise NotImplementedError


class Receipt(Entry):
    donor: LocalText

    @property
    def text(self) -> LocalText:
        return self.donor


class Spending(Entry):
    purpose: LocalText

    @property
    def text(self) -> LocalText:
        return self.purpose


class LedgerYear(Strict):
    year: Year
    sample: bool = False
    opening_balance_vnd: Annotated[Money, Field(ge=0)]
    receipts: list[Receipt] = []
    spending: list[Spending] = []

    @property
    def total_receipts(self) -> int:
        return sum(r.amount_vnd for r in self.receipts)

    @property
    def total_spending(self) -> int:
        return sum(s.amount_vnd for s in self.spending)

    @property
    def closing_balance(self) -> int:
        return self.opening_balance_vnd + self.total_receipts - self.total_spending
