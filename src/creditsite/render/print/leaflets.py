"""Printable leaflets, built from the same data as the pages.

A leaflet is one A5 sheet, two sides at most, that a savings-group leader
reads aloud or that hangs at the commune transaction point. Each is an HTML
fragment rendered from a Jinja template (`templates/leaflet_*.html.j2`, with
the shared parts in `_leaflet.html.j2`). The same fragment becomes:

- a site page, `/to-roi/<id>/` (and `/en/to-roi/<id>/`), that an officer
  prints from the browser on A5 paper;
- a PDF, `site/to-roi/<id>.<lang>.pdf` (see `pdf.py`).

To add a leaflet, write its template and add one `Spec` in `specs()`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import segno
from markupsafe import Markup, escape

from creditsite import LANGUAGES
from creditsite.errors import DataError, Problem
from creditsite.model.base import LocalText
from creditsite.model.site import SiteData
from creditsite.render import fmt
from creditsite.render.context import page_context, program_text
from creditsite.render.jinja import asset, environment
from creditsite.render.pages import Page, Renderer
from creditsite.render.placeholders import fill
from creditsite.render.strings import t
from creditsite.routes import (
    FUND,
    FUND_LEAFLET,
    HOW_TO,
    HOW_TO_LEAFLET,
    LEAFLETS,
    file_href,
    leaflet_page,
    leaflet_pdf,
    page_url,
    program_page,
)

INDEX = f"{LEAFLETS}/index.md"
STYLESHEET = "assets/stylesheets/leaflet.css"  # staged into the docs tree for the leaflet pages
BOOKLET_ID = "so-tay-vay-von"  # the A4 booklet of all loan leaflets: to-roi/so-tay-vay-von.<lang>.pdf


@dataclass(frozen=True)
class Spec:
    """What one leaflet is made of, in both languages."""

    id: str  # its URL: /to-roi/<id>/
    template: str  # templates/leaflet_<kind>.html.j2
    page: str  # the docs page it summarises; the QR code points there
    source: str  # the data file, named in error messages
    title: LocalText
    as_of: dt.date  # printed as "Cập nhật ngày …"
    context: dict[str, Any] = field(default_factory=dict)
    in_booklet: bool = True  # part of the A4 loans booklet


@dataclass(frozen=True)
class Leaflet:
    """One leaflet in one language."""

    spec: Spec
    lang: str
    title: str
    url: str  # canonical URL of the page it summarises
    html: str  # <div class="cs-leaflet">…</div>, only tags the pages' HTML allow-list keeps


def specs(data: SiteData) -> list[Spec]:
    """Every leaflet: how to borrow, one per loan programme, then the fund.
    A new leaflet is one more entry here and one template."""
    guide = data.loan_guide
    title = LocalText(vi=t("how_to_borrow", "vi"), en=t("how_to_borrow", "en"))
    out = [Spec(HOW_TO_LEAFLET, "leaflet_how_to.html.j2", HOW_TO, "plan_data/loan_guide.yml", title, guide.as_of)]
    for p in data.programs.values():
        source = f"plan_data/programs/{p.id}.yml"
        out.append(Spec(p.id, "leaflet_program.html.j2", program_page(p.id), source, p.name, p.as_of, {"program": p}))
    fund = data.fund
    out.append(
        Spec(FUND_LEAFLET, "leaflet_fund.html.j2", FUND, "plan_data/fund.yml", fund.name, fund.as_of, {"fund": fund},
             in_booklet=False)
    )
    check_ids(out)
    return out


def check_ids(all_specs: list[Spec]) -> None:
    seen: set[str] = {"index", BOOKLET_ID}
    problems = []
    for spec in all_specs:
        if spec.id in seen:
            message = f"tờ rơi '{spec.id}' trùng tên với một tờ rơi khác; hãy đổi id (leaflet id already used)"
            problems.append(Problem(spec.source, message, field="id"))
        seen.add(spec.id)
    if problems:
        raise DataError(problems)


def stylesheet() -> str:
    """The leaflet's own CSS, shared by the PDFs and the /to-roi/ pages."""
    return asset("leaflet.css")


def qr_svg(url: str, label: str) -> Markup:
    """A QR code for `url` as inline SVG: error correction M, a 4-module quiet
    zone, drawn as one path in absolute coordinates (the pages' HTML allow-list
    keeps no `transform` on paths). Printed at 25 mm, a module is over 0.5 mm."""
    code = segno.make(url, error="m", micro=False, boost_error=False)
    size = code.symbol_size(border=4)[0]
    runs = []
    for y, row in enumerate(code.matrix_iter(border=4)):
        x, cells = 0, list(row)
        while x < size:
            start = x
            while x < size and cells[x]:
                x += 1
            if x > start:
                runs.append(f"M{start} {y}h{x - start}v1h-{x - start}z")
            x += 1 if x == start else 0
    return Markup(
        f'<svg class="cs-l-qr" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" role="img" '
        f'aria-label="{escape(label)}"><title>{escape(label)}</title>'
        f'<rect width="{size}" height="{size}" fill="#fff"/><path fill="#000" d="{"".join(runs)}"/></svg>'
    )


def render(spec: Spec, data: SiteData, lang: str) -> Leaflet:
    url = page_url(data.commune.site.url, spec.page, lang)
    content = page_context(data, lang)
    c = data.commune

    html = environment("html").get_template(spec.template).render(
        lang=lang,
        data=data,
        title=spec.title.get(lang),
        url=url,
        as_of=fmt.date(spec.as_of, lang),
        t=lambda key, **kw: t(key, lang, **kw),
        tx=lambda value: value.get(lang) if value is not None else "",
        filled=lambda text: fill(text.get(lang), content, spec.source),
        text_of=lambda program: program_text(program, data, lang),
        qr=qr_svg,
        fmt_money=lambda v: fmt.money(v, lang),
        fmt_day=lambda d: fmt.day_month(d.month, d.day, lang),
        calendar=data.targets.calendar,
        ledger=data.ledger,
        site_name=c.site.name.get(lang),
        bank_office=c.bank_office,
        contacts=c.contacts,
        point=content["transaction_point"],
        point_data=c.transaction_point,
        programs=list(data.programs.values()),
        **spec.context,
    )
    return Leaflet(spec, lang, spec.title.get(lang), url, html.strip() + "\n")


def leaflets(data: SiteData, lang: str) -> list[Leaflet]:
    return [render(spec, data, lang) for spec in specs(data)]


def pages(data: SiteData) -> list[Page]:
    """The leaflet pages, their index, in both languages, and the leaflet CSS."""
    out = [Page(STYLESHEET, stylesheet())]
    for lang in LANGUAGES:
        renderer = Renderer(data, lang, "plan_data/")
        made = leaflets(data, lang)
        out.append(renderer.render(
            "leaflets_index.md.j2", INDEX, leaflets=made, booklet_pdf=booklet_pdf, leaflet_pdf=leaflet_pdf,
            href=lambda target, _l=lang: file_href(INDEX, _l, target),
        ))
        for leaflet in made:
            src = leaflet_page(leaflet.spec.id)
            body = "\n".join(line for line in leaflet.html.splitlines() if line.strip())  # one raw HTML block
            pdf = file_href(src, lang, leaflet_pdf(leaflet.spec.id, lang))
            out.append(renderer.render("leaflet_page.md.j2", src, leaflet=leaflet, body=body, pdf=pdf))
    return out


def booklet_pdf(lang: str) -> str:
    return f"{LEAFLETS}/{BOOKLET_ID}.{lang}.pdf"

