"""The fund's figures as pages show them. Yearly totals and balances are
properties of `model.fund.LedgerYear`; what spans years is worked out here."""

from __future__ import annotations

from creditsite.model.site import SiteData


def spending_by_category(data: SiteData) -> list[tuple[str, int]]:
    """(category id, total spent over every ledger year), largest first."""
    totals: dict[str, int] = {}
    for year in data.ledger:
        for entry in year.spending:
            totals[entry.category] = totals.get(entry.category, 0) + entry.amount_vnd
    return sorted(totals.items(), key=lambda item: -item[1])
