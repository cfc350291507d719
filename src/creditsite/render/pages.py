"""Generate the Markdown pages that come from data.

`generate(data, today)` returns plain `Page` objects: a docs-relative path and
its Markdown. Nothing here knows about MkDocs; `staging` writes them to disk.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from creditsite import LANGUAGES
from creditsite.load import photos
from creditsite.model.base import LocalText
from creditsite.model.plan import Task
from creditsite.model.programs import Program
from creditsite.model.site import SiteData
from creditsite.model.stories import STORIES_DIR
from creditsite.render import fmt, fund_charts
from creditsite.render.context import FactText, ProgramText, page_context, program_text
from creditsite.render.dashboard import dashboard_context
from creditsite.render.data import cms
from creditsite.render.jinja import environment
from creditsite.render.markdown import escape, front_matter, rel_link
from creditsite.render.placeholders import fill
from creditsite.render.strings import t, with_prefix
from creditsite.routes import (
    FAQ,
    FINDER,
    FUND,
    FUND_CSV,
    FUND_LEAFLET,
    GLOSSARY,
    HOW_TO,
    HOW_TO_LEAFLET,
    LOANS,
    PLAN,
    PROGRESS,
    STORIES,
    TARGETS,
    UNITS,
    file_href,
    finder_page,
    fund_year_page,
    leaflet_page,
    leaflet_pdf,
    localized,
    program_page,
    story_list,
    unit_page,
)
from creditsite.views.stories import Facet, facets


@dataclass(frozen=True)
class Page:
    """A generated page: its path under the docs root (with the language
    suffix, e.g. `ke-hoach/index.en.md`) and its Markdown text."""

    path: str
    markdown: str


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

        text = (
            environment("markdown")
            .get_template(template)
            .render(
                lang=lang,
                data=data,
                t=lambda key, **kw: t(key, lang, **literal(kw)),
                tx=lambda value: value.get(lang) if value is not None else "",
                filled=filled,
                link=lambda target: rel_link(src, target),
                unit_page=unit_page,
                program_page=program_page,
                leaflet_page=leaflet_page,
                pdf_href=lambda leaflet_id: file_href(src, lang, leaflet_pdf(leaflet_id, lang)),
                HOW_TO_LEAFLET=HOW_TO_LEAFLET,
                FUND_LEAFLET=FUND_LEAFLET,
                finder_page=lambda node: finder_page(node, data.finder.start),
                text_of=self.text_of,
                calculator_attrs=calculator_attrs,
                unique_sources=lambda sources: list({(s.title, s.url): s for s in sources}.values()),
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
                ledger=data.ledger,
                calendar_entry=lambda cid: next(d for d in data.targets.calendar if d.id == cid),
                receipt_category=lambda cid: next(
                    c.name.get(lang) for c in data.fund.receipt_categories if c.id == cid
                ),
                spending_category=lambda cid: next(
                    c.name.get(lang) for c in data.fund.spending_categories if c.id == cid
                ),
                village_name=lambda vid: next(v.name for v in data.commune.villages if v.id == vid),
                fund_year_page=fund_year_page,
                story_list=story_list,
                stories_for=lambda pid: [s for s in data.stories if pid in s.meta.programs],
                photo_size=lambda name: photos.size(
                    photos.publishable((data.root / STORIES_DIR / name).read_bytes(), Path(name).suffix)
                ),
                PLAN=PLAN,
                HOW_TO=HOW_TO,
                FINDER=FINDER,
                FAQ=FAQ,
                GLOSSARY=GLOSSARY,
                TARGETS=TARGETS,
                FUND=FUND,
                FUND_CSV=FUND_CSV,
                STORIES=STORIES,
                **context,
            )
        )
        return Page(localized(src, lang), text)

    def text_of(self, program: Program) -> ProgramText:
        return program_text(program, self.data, self.lang)


def literal(values: dict[str, Any]) -> dict[str, Any]:
    """Data put into an interface text stays literal Markdown, like `| md`."""
    return {key: escape(value) if isinstance(value, str) else value for key, value in values.items()}


def calculator_attrs(ft: FactText) -> str:
    """The browser calculator's words and starting values, as data attributes:
    calculator.js keeps no copy of either."""
    calc, rate = ft.view.calculator, ft.view.rate_pct
    assert rate is not None, "the calculator is only shown for a known rate"
    attrs = {
        "data-rate": Decimal(rate.numerator) / rate.denominator,  # exact: 33/5 → 6.6
        "data-amount": calc.amount_vnd,
        "data-max": calc.max_amount_vnd or "",
        "data-term": calc.term_months,
        "data-max-term": calc.max_term_months or "",
        "data-locale": fmt.language_tag(ft.lang),
        "data-currency": fmt.CURRENCY[ft.lang],
        "data-labels": json.dumps(with_prefix("calc_", ft.lang), ensure_ascii=False),
    }
    return "".join(f' {k}="{html.escape(str(v))}"' for k, v in attrs.items())


def generate(data: SiteData, today: dt.date) -> list[Page]:
    """Every page that comes from data, in both languages."""
    by_unit = tasks_by_unit(data)
    pages: list[Page] = []
    for lang in LANGUAGES:
        plan = Renderer(data, lang, "plan_data/plan.yml")
        pages.append(plan.render("plan.md.j2", PLAN))
        pages.append(plan.render("units.md.j2", UNITS, by_unit=by_unit))
        pages.append(
            Renderer(data, lang, "plan_data/targets.yml").render(
                "targets.md.j2", TARGETS, today=today, ics_link=file_href(TARGETS, lang, "lich.ics")
            )
        )
        pages.append(
            Renderer(data, lang, "plan_data/progress/").render(
                "progress.md.j2", PROGRESS, **dashboard_context(data, lang)
            )
        )
        for unit in data.units.units:
            pages.append(plan.render("unit.md.j2", unit_page(unit.id), unit=unit, mine=by_unit[unit.id]))
        pages += loan_pages(data, lang)
        pages += fund_pages(data, lang, today)
        pages += story_pages(data, lang)
    pages.append(Page(FUND_CSV, ledger_csv(data)))
    pages.append(Page("admin/index.html", cms.admin_page()))
    pages.append(Page("admin/config.yml", yaml.safe_dump(cms.config(data), allow_unicode=True, sort_keys=False)))
    return pages


def fund_pages(data: SiteData, lang: str, today: dt.date) -> list[Page]:
    r = Renderer(data, lang, "plan_data/fund.yml")
    categories, category_rows = fund_charts.spending_by_category(data, lang)
    pages = [
        r.render(
            "fund.md.j2",
            FUND,
            today=today,
            chart_years=fund_charts.by_year(data, lang),
            chart_categories=categories,
            category_rows=category_rows,
        )
    ]
    for year in data.ledger:
        pages.append(
            Renderer(data, lang, f"plan_data/fund/{year.year}.yml").render(
                "fund_year.md.j2", fund_year_page(year.year), y=year
            )
        )
    return pages


def ledger_csv(data: SiteData) -> str:
    """The whole ledger as CSV, with a byte-order mark so spreadsheet
    programs open the Vietnamese text correctly."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["year", "kind", "date", "text_vi", "text_en", "category", "amount_vnd", "reference", "sample"])
    for y in data.ledger:
        for kind, entries in (("thu", y.receipts), ("chi", y.spending)):
            for e in sorted(entries, key=lambda e: e.date):
                row = [
                    y.year,
                    kind,
                    e.date.isoformat(),
                    e.text.vi,
                    e.text.en or "",
                    e.category,
                    e.amount_vnd,
                    e.reference,
                ]
                writer.writerow([inert(cell) for cell in row] + [y.sample])
    return out.getvalue()


# A spreadsheet runs a cell starting with these as a formula (OWASP, "CSV Injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def inert(cell: object) -> object:
    """A text cell a spreadsheet would run as a formula, prefixed with a single
    quote so that it shows as text (OWASP's advice); numbers stay numbers.
    Full-width signs (＝, ＋) and invisible or blank characters before a sign
    count too: spreadsheets may fold the one and skip the other."""
    if not isinstance(cell, str):
        return cell
    folded = unicodedata.normalize("NFKC", cell)
    blank = "".join(ch for ch in folded if ch.isspace() or unicodedata.category(ch) in ("Cf", "Zs"))
    visible = folded.lstrip(blank)
    return "'" + cell if cell.startswith(_FORMULA_START) or visible.startswith(_FORMULA_START) else cell


def story_facets(data: SiteData, lang: str) -> dict[str, list[tuple[object, str, int]]]:
    """For each way of browsing, the keys that have stories: (key, name, count)."""
    villages = {v.id: v.name for v in data.commune.villages}

    def name(facet: Facet) -> str:
        if facet.kind == "thon":
            return villages[str(facet.key)]
        return data.programs[str(facet.key)].name.get(lang) if facet.kind == "chuong-trinh" else str(facet.key)

    return {kind: [(f.key, name(f), len(f.stories)) for f in found] for kind, found in facets(data).items()}


def story_pages(data: SiteData, lang: str) -> list[Page]:
    shown = story_facets(data, lang)
    r = Renderer(data, lang, STORIES_DIR)
    pages = [
        r.render(
            "stories_list.md.j2",
            STORIES,
            stories=data.stories,
            heading=t("stories_title", lang),
            facets=shown,
            filtered=False,
        )
    ]
    for story in data.stories:
        pages.append(
            Renderer(data, lang, story.source).render("story.md.j2", f"guong-dien-hinh/{story.slug}.md", story=story)
        )
    names = {(kind, key): name for kind, entries in shown.items() for key, name, _ in entries}
    for kind, found in facets(data).items():
        for facet in found:
            heading = f"{t('stories_title', lang)}: {names[kind, facet.key]}"
            pages.append(
                r.render(
                    "stories_list.md.j2",
                    story_list(kind, facet.key),
                    stories=facet.stories,
                    heading=heading,
                    facets=shown,
                    filtered=True,
                )
            )
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
        renderer = Renderer(data, lang, f"plan_data/programs/{program.id}.yml")
        pages.append(renderer.render("program.md.j2", program_page(program.id), program=program))
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
