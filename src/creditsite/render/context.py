"""Facts as readers see them, in one language, for templates and for the
`{{ … }}` placeholders in hand-written pages and content files."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from creditsite import clock
from creditsite.model.base import LocalText
from creditsite.model.programs import FACTS, Fact, Program
from creditsite.model.site import SiteData
from creditsite.render import fmt
from creditsite.render.strings import t
from creditsite.routes import program_page
from creditsite.views.loans import Facts
from creditsite.views.programs import LoanView, program_views


@dataclass(frozen=True)
class FactText:
    """One programme's (or component's) facts as text in one language, from
    its view. A `None` fact reads as "ask at the transaction point";
    `reason(fact)` says why."""

    view: LoanView
    lang: str

    @property
    def facts(self) -> Facts:
        return self.view.facts

    @property
    def amount_unit(self) -> LocalText | None:
        return self.view.amount_unit

    @property
    def amount_monthly(self) -> bool:
        return self.view.amount_monthly

    def reason(self, fact: Fact) -> str:
        if fact not in FACTS:  # a typo in a template must not print an empty reason
            raise KeyError(f"unknown fact {fact!r}; facts are {FACTS}")
        reason = self.facts.reasons.get(fact)
        return reason.get(self.lang) if reason else ""

    def _money(self, value: int | None) -> str:
        return t("ask_at_point", self.lang) if value is None else fmt.money(value, self.lang)

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
        value = self.view.rate_pct
        if value is None:
            return t("ask_at_point", self.lang)
        return t("per_year", self.lang, rate=fmt.exact_percent(value, self.lang))

    @property
    def monthly_rate(self) -> str:
        value = self.view.monthly_rate_pct
        if value is None:
            return t("ask_at_point", self.lang)
        return t("per_month", self.lang, rate=fmt.exact_percent(value, self.lang))

    @property
    def rate_and_monthly(self) -> str:
        """"6,6%/năm (0,55%/tháng)", for the facts boxes."""
        return self.rate if self.view.rate_pct is None else f"{self.rate} ({self.monthly_rate})"

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
        return self._money(self.view.monthly_interest(balance_vnd))

    @property
    def example_amount(self) -> str:
        """The guide's example balance, capped at this loan's maximum."""
        return fmt.money(self.view.example_amount_vnd, self.lang)

    @property
    def example_interest(self) -> str:
        return self._money(self.view.example_interest_vnd)

    @property
    def interest_rows(self) -> list[tuple[str, str]]:
        """The page's table: each example balance and a month's interest on it."""
        return [(fmt.money(a, self.lang), self.monthly_interest(a)) for a in self.view.example_amounts_vnd]


@dataclass(frozen=True)
class ProgramText(FactText):
    name: str
    url: str
    components: tuple[FactText, ...]

    def component(self, component_id: str) -> FactText:
        return next(part for part in self.components if part.view.id == component_id)


def program_text(program: Program, data: SiteData, lang: str) -> ProgramText:
    view = program_views(data)[program.id]
    parts = tuple(FactText(part, lang) for part in view.components)
    return ProgramText(view.loan, lang, program.name.get(lang), program_page(program.id), parts)


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
