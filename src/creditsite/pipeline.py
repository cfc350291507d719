"""The steps of a build that do not depend on the site engine.

    data = load_site_data(root)           # plan_data/ → validated objects
    pages = generate(data, today)         # objects → Markdown pages
    stage(docs, staged, pages, context)   # docs/ + pages → one docs tree
    write_open_data(data, site_dir)       # objects → site/data/*.json

An engine adapter (hooks/site.py for MkDocs) calls `prepare` before the build
and `finish` after it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import clock, fmt
from .export import write_open_data
from .load import SiteData, load_site_data
from .pages import generate
from .staging import StageResult, stage
from .strings import t

STAGING_DIR = Path(".build/docs")


@dataclass(frozen=True)
class Prepared:
    data: SiteData
    staged_dir: Path
    result: StageResult


def page_context(data: SiteData, lang: str) -> dict[str, object]:
    """What hand-written pages can use, e.g. `{{ commune.name }}`.
    Texts arrive already in the page's language."""
    c = data.commune
    point = c.transaction_point
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
    }


def prepare(root: Path, staged_dir: Path | None = None, docs_dir: Path | None = None) -> Prepared:
    """Validate the data and stage the full docs tree. Raises DataError."""
    data = load_site_data(root)
    staged = staged_dir or root / STAGING_DIR
    pages = generate(data, clock.today())
    result = stage(docs_dir or root / "docs", staged, pages, lambda lang: page_context(data, lang))
    return Prepared(data, staged, result)


def finish(data: SiteData, site_dir: Path) -> None:
    """Write what is published besides the pages."""
    write_open_data(data, site_dir)
