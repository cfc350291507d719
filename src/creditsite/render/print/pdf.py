"""Leaflet PDFs with WeasyPrint: one A5 file per leaflet and language, and
an A4 booklet of every loan leaflet per language.

- The font is the vendored Noto Sans (render/fonts), embedded; no system
  font is looked up. A character it lacks stops the build, naming the
  leaflet, instead of printing a box.
- PDFs are tagged PDF/UA-1 (title, language, structure, alt text).
- Reproducible: dates come from the data (as-of), nothing from the clock.
- Rendered once per build, and again only when a leaflet's HTML or the font
  changes: finished PDFs are kept in `.build/cache/pdf/leaflets/` by content
  hash (pdfcache.py, the scheme the report shares).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from creditsite import LANGUAGES
from creditsite.model.base import LocalText
from creditsite.model.site import SiteData
from creditsite.render.fonts import SANS
from creditsite.render.jinja import environment
from creditsite.render.print.leaflets import (
    BOOKLET_ID,
    Leaflet,
    Spec,
    booklet_pdf,
    leaflets,
    render,
    stylesheet,
)
from creditsite.render.print.pdfcache import Job, Renderer, render_all
from creditsite.render.strings import t
from creditsite.routes import LOANS, leaflet_pdf

LEAFLETS = Renderer("leaflets", SANS, (("pdf_variant", "pdf/ua-1"),))


def document(
    parts: list[Leaflet],
    lang: str,
    title: str,
    size: str,
    as_of: dt.date,
    site_name: str,
    description: str,
    cover: str = "",
) -> str:
    return (
        environment("html")
        .get_template("leaflet_document.html.j2")
        .render(
            parts=parts,
            lang=lang,
            title=title,
            size=size,
            as_of=as_of.isoformat(),
            site_name=site_name,
            description=description,
            cover=cover,
            css=stylesheet(),
            font=SANS.css_name,
            t=lambda key, **kw: t(key, lang, **kw),
        )
    )


def write_pdfs(data: SiteData, site_dir: Path, cache_root: Path, prune: bool = True) -> list[Path]:
    """Every leaflet in every language, and the A4 booklet per language.
    Returns the cache entries used (in `cache_root`/leaflets)."""
    return render_all(pdf_jobs(data, site_dir), LEAFLETS, cache_root, prune)


def pdf_jobs(data: SiteData, site_dir: Path) -> list[Job]:
    """What write_pdfs renders: each leaflet, then the language's booklet, per language."""
    site = data.commune.site
    jobs = []
    for lang in LANGUAGES:
        made = leaflets(data, lang)
        for leaflet in made:
            html = document(
                [leaflet],
                lang,
                leaflet.title,
                "A5",
                leaflet.spec.as_of,
                site.name.get(lang),
                site.description.get(lang),
            )
            jobs.append(
                Job(
                    html,
                    site_dir / leaflet_pdf(leaflet.spec.id, lang),
                    f"{leaflet.spec.source} → {leaflet_pdf(leaflet.spec.id, lang)}",
                )
            )
        parts = [leaflet for leaflet in made if leaflet.spec.in_booklet]
        as_of = max(part.spec.as_of for part in parts)
        title = LocalText(vi=t("booklet", "vi"), en=t("booklet", "en"))
        cover = render(
            Spec(BOOKLET_ID, "leaflet_cover.html.j2", LOANS, "plan_data/programs/", title, as_of), data, lang
        )
        html = document(
            parts, lang, cover.title, "A4", as_of, site.name.get(lang), t("loans_intro", lang), cover=cover.html
        )
        jobs.append(Job(html, site_dir / booklet_pdf(lang), booklet_pdf(lang)))
    return jobs
