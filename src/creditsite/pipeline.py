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

from . import LANGUAGES, clock
from .context import page_context
from .export import write_open_data
from .load import SiteData, load_site_data
from .pages import generate
from .preview import write_robots
from .staging import StageResult, stage

STAGING_DIR = Path(".build/docs")


@dataclass(frozen=True)
class Prepared:
    data: SiteData
    staged_dir: Path
    result: StageResult


def prepare(root: Path, staged_dir: Path | None = None, docs_dir: Path | None = None) -> Prepared:
    """Validate the data and stage the full docs tree. Raises DataError."""
    data = load_site_data(root)
    staged = staged_dir or root / STAGING_DIR
    pages = generate(data, clock.today())
    contexts = {lang: page_context(data, lang) for lang in LANGUAGES}
    result = stage(docs_dir or root / "docs", staged, pages, contexts.__getitem__, lambda lang: abbreviations(data, lang))
    return Prepared(data, staged, result)


def abbreviations(data: SiteData, lang: str) -> str:
    """Glossary terms as Markdown abbreviations: each use of a term on a page
    shows its definition as a tooltip."""
    lines = [f"*[{term.term.get(lang)}]: {term.definition.get(lang)}" for term in data.glossary.terms if term.term.translated(lang)]
    return "\n\n" + "\n".join(lines) + "\n" if lines else ""


def finish(data: SiteData, site_dir: Path) -> None:
    """Write what is published besides the pages."""
    write_open_data(data, site_dir)
    write_robots(data.commune.site.url, site_dir)
