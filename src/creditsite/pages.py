"""Generate the Markdown pages that come from data.

`generate(data, today)` returns plain `Page` objects: a docs-relative path and
its Markdown. Nothing here knows about MkDocs; `staging` writes them to disk.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from typing import Any

import jinja2

from . import LANGUAGES, fmt
from .dashboard import PROGRESS, dashboard_context, site_link
from .context import FactText, fact_text, page_context, program_page, program_text
from .load import SiteData
from .loans import monthly_interest
from .markdown import escape, front_matter, rel_link
from .model.base import LocalText
from .model.plan import Task
from .model.programs import Program
from .placeholders import fill
from .strings import t

PLAN = "ke-hoach/index.md"
UNITS = "ke-hoach/don-vi/index.md"
TARGETS = "ke-hoach/muc-tieu.md"
LOANS = "vay-von/index.md"
HOW_TO = "vay-von/cach-vay.md"
FINDER = "vay-von/tim-chuong-trinh/index.md"
FAQ = "vay-von/hoi-dap.md"
GLOSSARY = "vay-von/thuat-ngu.md"


def unit_page(unit_id: str) -> str:
    return f"ke-hoach/don-vi/{unit_id}.md"


@dataclass(frozen=True)
class Page:
    """A generated page: its path under the docs root (with the language
    suffix, e.g. `ke-hoach/index.en.md`) and its Markdown text."""

    path: str
    markdown: str


def localized(path: str, lang: str) -> str:
    """`a/b.md` for Vietnamese, `a/b.en.md` for English (static-i18n suffixes)."""
    return path if lang == "vi" else f"{path[:-3]}.{lang}.md"


@cache
def _env() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader(__package__, "templates"),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,  # we write Markdown; the `md` filter escapes data
    )
    env.filters["md"] = escape
    return env


class Renderer:
    """Renders templates for one language, with the helpers they share."""

    def __init__(self, data: SiteData, lang: str, source: str):
        self.data, self.lang, self.source = data, lang, source  # source: the data file, for error messages
        self.content = page_context(data, lang)

    def render(self, template: str, src: str, **context: Any) -> Page:
        lang, data = self.lang, self.data

        def filled(text: LocalText) -> str:
            """A content text with its `{{ … }}` placeholders filled, as literal Markdown."""
            return escape(fill(text.get(lang), self.content, self.source))

        text = _env().get_template(template).render(
            lang=lang,
            data=data,
            t=lambda key, **kw: t(key, lang, **kw),
            tx=lambda value: value.get(lang) if value is not None else "",
            filled=filled,
            link=lambda target: rel_link(src, target),
            unit_page=unit_page,
            program_page=program_page,
            finder_page=lambda node: finder_page(node, data.finder.start),
            text_of=self.text_of,
            example_amounts=self.example_amounts,
            calculator_attrs=calculator_attrs,
            unique_sources=lambda sources: list({(s.title, s.url): s for s in sources}.values()),
            monthly_interest=monthly_interest,
            fmt_date=lambda d: fmt.date(d, lang),
            fmt_pct=lambda v: fmt.percent(v, lang),
            fmt_money=lambda v: fmt.money(v, lang),
            fmt_day=lambda d: fmt.day_month(d.month, d.day, lang),
            front_matter=front_matter,
            units=data.units.by_id(),
            programs=list(data.programs.values()),
            programs_by_id=data.programs,
            guide=data.loan_guide,
            finder=data.finder,
            faq=data.faq,
            glossary=data.glossary,
            point=self.content["transaction_point"],
            PLAN=PLAN, HOW_TO=HOW_TO, FINDER=FINDER, FAQ=FAQ, GLOSSARY=GLOSSARY,
            **context,
        )
        return Page(localized(src, lang), text)

    def text_of(self, terms: Any) -> FactText:
        if isinstance(terms, Program):
            return program_text(terms, self.data, self.lang)
        return fact_text(terms, self.data, self.lang)

    def example_amounts(self, ft: FactText) -> list[int]:
        """The guide's example balances, up to the programme's maximum, plus
        the maximum itself (not for loans paid out by the month)."""
        top = ft.facts.max_amount_vnd
        amounts = list(self.data.loan_guide.example_amounts_vnd)
        if top is None or ft.amount_monthly:
            return amounts
        return sorted({a for a in amounts if a < top} | {top})


def finder_page(node_id: str, start: str) -> str:
    """The finder's first question is its index page; every other node has its own page."""
    return FINDER if node_id == start else f"vay-von/tim-chuong-trinh/{node_id}.md"


def calculator_attrs(program: Program, ft: FactText) -> str:
    """Defaults for the browser calculator, read from the programme's data."""
    top = None if ft.amount_monthly else ft.facts.max_amount_vnd
    term = ft.facts.max_term_months
    attrs = {
        "data-rate": ft.facts.interest_rate_pct_per_year,
        "data-amount": min(top, 20_000_000) if top else 20_000_000,
        "data-max": top or "",
        "data-term": min(term, 36) if term else 36,
        "data-max-term": term or "",
        "data-lang": ft.lang,
    }
    return "".join(f' {k}="{v}"' for k, v in attrs.items())


def generate(data: SiteData, today: dt.date) -> list[Page]:
    """Every page that comes from data, in both languages."""
    by_unit = tasks_by_unit(data)
    pages: list[Page] = []
    for lang in LANGUAGES:
        plan = Renderer(data, lang, "plan_data/plan.yml")
        pages.append(plan.render("plan.md.j2", PLAN))
        pages.append(plan.render("units.md.j2", UNITS, by_unit=by_unit))
        pages.append(Renderer(data, lang, "plan_data/targets.yml").render("targets.md.j2", TARGETS, today=today, ics_link=site_link(TARGETS, lang, "lich.ics")))
        pages.append(Renderer(data, lang, "plan_data/progress/").render("progress.md.j2", PROGRESS, **dashboard_context(data, lang)))
        for unit in data.units.units:
            pages.append(plan.render("unit.md.j2", unit_page(unit.id), unit=unit, mine=by_unit[unit.id]))
        pages += loan_pages(data, lang)
    return pages


def loan_pages(data: SiteData, lang: str) -> list[Page]:
    start = data.finder.start
    pages = [
        Renderer(data, lang, "plan_data/programs/").render("programs_index.md.j2", LOANS),
        Renderer(data, lang, "plan_data/loan_guide.yml").render("how_to_borrow.md.j2", HOW_TO),
        Renderer(data, lang, "plan_data/faq.yml").render("faq.md.j2", FAQ),
        Renderer(data, lang, "plan_data/glossary.yml").render("glossary.md.j2", GLOSSARY),
    ]
    for program in data.programs.values():
        pages.append(Renderer(data, lang, f"plan_data/programs/{program.id}.yml").render("program.md.j2", program_page(program.id), program=program))
    finder = Renderer(data, lang, "plan_data/finder.yml")
    for question in data.finder.questions:
        pages.append(finder.render("finder_question.md.j2", finder_page(question.id, start), node=question))
    for result in data.finder.results:
        pages.append(finder.render("finder_result.md.j2", finder_page(result.id, start), node=result))
    return pages


def tasks_by_unit(data: SiteData) -> dict[str, dict[str, list[Task]]]:
    """For each unit, the tasks it leads and the tasks it supports."""
    out: dict[str, dict[str, list[Task]]] = {u.id: {"lead": [], "support": []} for u in data.units.units}
    for task in data.plan.tasks():
        for role in ("lead", "support"):
            for unit_id in getattr(task.assigned, role):
                out[unit_id][role].append(task)
    return out
