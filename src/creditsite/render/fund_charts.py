"""The fund's two charts, drawn at build time: receipts against spending by
year, and spending by category. Each has a text alternative, and the page
puts its data table beside it."""

from __future__ import annotations

from creditsite.model.site import SiteData
from creditsite.render import fmt
from creditsite.render.charts import Bar, Pair, hbar_chart, paired_bar_chart
from creditsite.render.strings import t
from creditsite.views import fund as views


def million(value: float, lang: str) -> str:
    return fmt.number(round(value / 1_000_000, 1), lang)


def by_year(data: SiteData, lang: str) -> str:
    pairs = [Pair(str(y.year), y.total_receipts, y.total_spending) for y in data.ledger]
    desc = "; ".join(
        t(
            "chart_year_item",
            lang,
            year=y.year,
            receipts=fmt.money(y.total_receipts, lang),
            spending=fmt.money(y.total_spending, lang),
        )
        for y in data.ledger
    )
    names = (t("receipts", lang), t("spending", lang))
    return paired_bar_chart(
        "chart-fund-years", t("chart_fund_years", lang), desc, pairs, names, lambda v: million(v, lang)
    )


def spending_by_category(data: SiteData, lang: str) -> tuple[str, list[tuple[str, int]]]:
    """The chart and its rows (category name, total spent), largest first."""
    names = {c.id: c.name.get(lang) for c in data.fund.spending_categories}
    rows = [(names[cid], amount) for cid, amount in views.spending_by_category(data)]
    bars = [Bar(name, amount, t("million_short", lang, n=million(amount, lang))) for name, amount in rows]
    desc = "; ".join(f"{name}: {fmt.money(amount, lang)}" for name, amount in rows)
    return hbar_chart("chart-fund-categories", t("chart_fund_categories", lang), desc, bars), rows
