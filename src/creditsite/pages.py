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
from .load import SiteData
from .markdown import escape, front_matter, rel_link
from .model.plan import Task
from .strings import t

PLAN = "ke-hoach/index.md"
UNITS = "ke-hoach/don-vi/index.md"
TARGETS = "ke-hoach/muc-tieu.md"


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


def render(template: str, src: str, lang: str, data: SiteData, **context: Any) -> Page:
    """Render one template for one language. Links are relative to `src`."""

    def link(target: str) -> str:
        return rel_link(src, target)

    def txt(value: Any) -> str:
        return value.get(lang) if value is not None else ""

    text = _env().get_template(template).render(
        lang=lang,
        data=data,
        t=lambda key, **kw: t(key, lang, **kw),
        tx=txt,
        link=link,
        unit_page=unit_page,
        fmt_date=lambda d: fmt.date(d, lang),
        fmt_pct=lambda v: fmt.percent(v, lang),
        fmt_day=lambda d: fmt.day_month(d.month, d.day, lang),
        front_matter=front_matter,
        units=data.units.by_id(),
        PLAN=PLAN,
        **context,
    )
    return Page(localized(src, lang), text)


def generate(data: SiteData, today: dt.date) -> list[Page]:
    """Every page that comes from data, in both languages."""
    by_unit = tasks_by_unit(data)
    pages: list[Page] = []
    for lang in LANGUAGES:
        pages.append(render("plan.md.j2", PLAN, lang, data))
        pages.append(render("units.md.j2", UNITS, lang, data, by_unit=by_unit))
        pages.append(render("targets.md.j2", TARGETS, lang, data, today=today))
        for unit in data.units.units:
            pages.append(render("unit.md.j2", unit_page(unit.id), lang, data, unit=unit, mine=by_unit[unit.id]))
    return pages


def tasks_by_unit(data: SiteData) -> dict[str, dict[str, list[Task]]]:
    """For each unit, the tasks it leads and the tasks it supports."""
    out: dict[str, dict[str, list[Task]]] = {u.id: {"lead": [], "support": []} for u in data.units.units}
    for task in data.plan.tasks():
        for role in ("lead", "support"):
            for unit_id in getattr(task.assigned, role):
                out[unit_id][role].append(task)
    return out
