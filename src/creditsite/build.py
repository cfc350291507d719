"""The steps of a build that do not depend on the site engine.

    data = load_site_data(root)           # plan_data/ → validated objects
    pages = generate(data, today)         # objects → Markdown pages
    pages += leaflets.pages(data)         # objects → leaflet pages (/to-roi/)
    stage(docs, staged, pages, context)   # docs/ + pages → one docs tree
    write_open_data(data, site_dir)       # objects → site/data/*.json
    write_pdfs(data, site_dir, cache)     # objects → leaflet PDFs (site/to-roi/)

An engine adapter (hooks/site.py for MkDocs) calls `prepare` before the build
and `finish` after it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from creditsite import LANGUAGES, clock
from creditsite.engine.preview import write_robots
from creditsite.engine.staging import StageResult, stage
from creditsite.errors import DataError, Problem
from creditsite.load import privacy
from creditsite.load.site import load_site_data
from creditsite.model import Commune
from creditsite.model.fund import Fund
from creditsite.model.site import SiteData
from creditsite.model.stories import TODO
from creditsite.render.context import page_context
from creditsite.render.data.export import write_open_data
from creditsite.render.data.ical import calendar_ics
from creditsite.render.pages import generate
from creditsite.render.print import leaflets
from creditsite.render.print.pdf import write_pdfs
from creditsite.render.print.report import write_report
from creditsite.routes import report_path, use_directory_urls

STAGING_DIR = Path(".build/docs")
CACHE_ENV = "CREDITSITE_CACHE"


def cache_dir(root: Path) -> Path:
    """Where rendered PDFs and preview cards are kept between builds, keyed by content: the
    project's .build/cache/, or one folder that several copies of a project share (CREDITSITE_CACHE,
    as the tests set it). Entries hold no path of the machine, so sharing is safe."""
    shared = os.environ.get(CACHE_ENV)
    return Path(shared) if shared else root / ".build/cache"


@dataclass(frozen=True)
class Prepared:
    data: SiteData
    staged_dir: Path
    result: StageResult
    warnings: list[str]


def prepare(
    root: Path,
    staged_dir: Path | None = None,
    docs_dir: Path | None = None,
    production: bool = False,
    directory_urls: bool = True,
) -> Prepared:
    """Validate the data and stage the full docs tree. Raises DataError.

    A production build also refuses sample content and a placeholder site URL.
    `directory_urls=False` stages links for pages built as `x.html` (the offline copy).
    """
    use_directory_urls(directory_urls)
    data = load_site_data(root)
    problems = privacy.scan_content(root, PUBLIC_FIELDS)
    if production:
        problems += production_problems(data)
    if problems:
        raise DataError(problems)
    staged = staged_dir or root / STAGING_DIR
    pages = generate(data, clock.today()) + leaflets.pages(data)
    contexts = {lang: page_context(data, lang) for lang in LANGUAGES}
    consumed = {f"{story.slug}{suffix}" for story in data.stories for suffix in (".md", ".en.md")}
    result = stage(
        docs_dir or root / "docs",
        staged,
        pages,
        contexts.__getitem__,
        lambda lang: abbreviations(data, lang),
        {f"guong-dien-hinh/{name}" for name in consumed},
        root,
    )
    return Prepared(data, staged, result, warnings(data))


PUBLIC_FIELDS = {
    "plan_data/fund.yml": privacy.public_fields(Fund),
    "plan_data/commune.yml": privacy.public_fields(Commune),
}


def production_problems(data: SiteData) -> list[Problem]:
    problems = [
        Problem(
            rel, "nội dung mẫu phải được thay hoặc xóa trước khi đăng chính thức (sample content in a production build)"
        )
        for rel in data.samples()
    ]
    if not data.commune.site.url_confirmed:
        problems.append(
            Problem(
                "plan_data/commune.yml",
                "địa chỉ trang chưa được xác nhận: sửa 'site.url' rồi đặt 'url_confirmed: true' (site URL is a "
                "placeholder)",
                field="site.url_confirmed",
            )
        )
    return problems


def warnings(data: SiteData) -> list[str]:
    """Things to fix that do not stop a build: sample content, photos without alt text."""
    out = [f"{rel}: nội dung mẫu (sample content; PRODUCTION=1 refuses it)" for rel in data.samples()]
    for story in data.stories:
        if TODO in story.body or TODO in story.meta.model_dump_json():
            out.append(f"{story.source}: còn chỗ '{TODO}' chưa viết (unfinished story text)")
        for photo in story.meta.photos:
            if not photo.alt:
                out.append(
                    f"{story.source}: ảnh '{photo.file}' chưa có mô tả 'alt' cho người không nhìn thấy ảnh (photo "
                    "without alt text)"
                )
    return out


def abbreviations(data: SiteData, lang: str) -> str:
    """Glossary terms as Markdown abbreviations: each use of a term on a page
    shows its definition as a tooltip."""
    lines = [
        f"*[{term.term.get(lang)}]: {term.definition.get(lang)}"
        for term in data.glossary.terms
        if term.term.translated(lang)
    ]
    return "\n\n" + "\n".join(lines) + "\n" if lines else ""


def finish(data: SiteData, site_dir: Path) -> None:
    """Write what is published besides the pages: open data, the calendar
    file, the leaflet PDFs and the latest year's printable report."""
    write_open_data(data, site_dir)
    (site_dir / "lich.ics").write_bytes(calendar_ics(data, clock.today()))
    pdfs, own = cache_dir(data.root) / "pdf", CACHE_ENV not in os.environ  # a shared cache is never pruned
    write_pdfs(data, site_dir, pdfs, prune=own)
    if data.progress:
        year = max(data.progress)
        write_report(data, year, site_dir / report_path(year), pdfs, prune=own)
    write_robots(data.commune.site.url, site_dir)
