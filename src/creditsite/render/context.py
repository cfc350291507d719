"""Facts as readers see them, in one language, for templates and for the
`{{ … }}` placeholders in hand-written pages and content files."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from babel.numbers import format_decimal

from creditsite import clock
from creditsite.model.base import LocalText
from creditsite.model.programs import Program, Terms
from creditsite.model.site import SiteData
from creditsite.render import fmt
from creditsite.render.strings import t
from creditsite.routes import program_page
from creditsite.views.loans import Facts, monthly_interest, resolve


@dataclass(frozen=True)
class FactText:
    """One programme's facts as text in one language. A `None` fact reads as
    "ask at the transaction point"; `reason(fact)` says why."""

    facts: Facts
    lang: str
    amount_unit: LocalText | None
    amount_monthly: bool

    def _ask(self, fact: str) -> str | None:
        return None if getattr(self.facts, fact) is not None else t("ask_at_point", self.lang)

    def reason(self, fact: str) -> str:
        reason = self.facts.reasons.get(fact)
        return reason.get(self.lang) if reason else ""

    @property
    def amount(self) -> str:
        value = self.facts.max_amount_vnd
        if value is None:
            return t("ask_at_point", self.lang)
        unit = f" {self.amount_unit.get(self.lang)}" if self.amount_unit else ""
        return fmt.money(value, self.lang) + unit

    @property
    def amount_short(self) -> str:
        """The amount alone, for tables: "4.000.000 đồng/tháng"."""
        value = self.facts.max_amount_vnd
        if value is None:
            return t("ask_at_point", self.lang)
        money = fmt.money(value, self.lang)
        return t("per_month", self.lang, rate=money) if self.amount_monthly else money

    @property
    def rate(self) -> str:
        value = self.facts.interest_rate_pct_per_year
        return t("ask_at_point", self.lang) if value is None else t("per_year", self.lang, rate=fmt.percent(value, self.lang))

    @property
    def monthly_rate(self) -> str:
        value = self.facts.interest_rate_pct_per_year
        if value is None:
            return t("ask_at_point", self.lang)
        monthly = format_decimal(value / 12, format="#,##0.###", locale=fmt.LOCALE[self.lang])
        return t("per_month", self.lang, rate=f"{monthly}%")

    @property
    def term(self) -> str:
        months = self.facts.max_term_months
        if months is None:
            return t("ask_at_point", self.lang)
        text = t("months", self.lang, n=months)
        return text + (f" ({t('years', self.lang, n=months // 12)})" if months % 12 == 0 else "")

    @property
    def collateral(self) -> str:
        value = self.facts.collateral
        if value is None:
            return t("ask_at_point", self.lang)
        return t("collateral_needed" if value else "collateral_none", self.lang)

    def monthly_interest(self, balance_vnd: int) -> str:
        rate = self.facts.interest_rate_pct_per_year
        return t("ask_at_point", self.lang) if rate is None else fmt.money(monthly_interest(balance_vnd, rate), self.lang)


@dataclass(frozen=True)
class ProgramText(FactText):
    name: str = ""
    url: str = ""


def fact_text(terms: Terms, data: SiteData, lang: str) -> FactText:
    facts = resolve(terms, data.programs)
    return FactText(facts, lang, terms.amount_unit, terms.amount_period == "month")


def program_text(program: Program, data: SiteData, lang: str) -> ProgramText:
    facts = resolve(program, data.programs)
    return ProgramText(facts, lang, program.amount_unit, program.amount_period == "month", program.name.get(lang), program_page(program.id))


def print_labels(lang: str) -> dict[str, str]:
    """Words for the footer of printed pages; the print date is filled in
    by the browser (print.js), the build date stands in without JavaScript."""
    return {
        "print_see": t("print_see", lang),
        "printed_on": t("printed_on", lang),
        "built": f"{t('page_updated', lang)} {fmt.date(clock.today(), lang)}",
    }


@lru_cache(maxsize=8)  # every page of a build shares it; a few builds' worth for `mkdocs serve`
def page_context(data: SiteData, lang: str) -> dict[str, object]:
    """What content may use, e.g. `{{ commune.name }}` or
    `{{ program('ho-ngheo').rate }}`. Texts come in the page's language."""
    c = data.commune
    point = c.transaction_point
    known = {pid: program_text(p, data, lang) for pid, p in data.programs.items()}

    def program(program_id: str) -> ProgramText:
        if program_id not in known:
            raise ValueError(f"không có chương trình '{program_id}' (unknown programme)")
        return known[program_id]

    return {
        "lang": lang,
        "commune": {"name": c.name.get(lang), "province": c.province.get(lang)},
        "site": {"name": c.site.name.get(lang), "description": c.site.description.get(lang), "url": c.site.url},
        "bank_office": {"name": c.bank_office.name.get(lang), "short": c.bank_office.short.get(lang)},
        "transaction_point": {
            "name": point.name.get(lang),
            "place": point.place.get(lang) if point.place else t("to_be_confirmed", lang),
            "day": fmt.number(point.day_of_month, lang) if point.day_of_month else t("to_be_confirmed", lang),
        },
        "ask": t("ask_at_point", lang),
        "program": program,
    }
