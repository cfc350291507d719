"""Leaflet PDFs with WeasyPrint: one A5 file per leaflet and language, and
an A4 booklet of every loan leaflet per language.

- The font is a local file with full Vietnamese coverage (Noto Sans, else
  DejaVu Sans, found through fontconfig) and is embedded. A character the
  font lacks stops the build, naming the leaflet, instead of printing a box.
- PDFs are tagged PDF/UA-1 (title, language, structure, alt text).
- Reproducible: dates come from the data (as-of), nothing from the clock.
- Rendered once per build, and again only when a leaflet's HTML or the font
  changes: finished PDFs are kept in a cache folder by content hash. Those
  to render are shared among worker processes, one per CPU core (up to 4).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import multiprocessing
import os
import shutil
import subprocess
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

from creditsite import LANGUAGES
from creditsite.errors import DataError, Problem
from creditsite.model.base import LocalText
from creditsite.model.site import SiteData
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
from creditsite.render.strings import t
from creditsite.routes import LOANS, leaflet_pdf

FAMILIES = ("Noto Sans", "DejaVu Sans")  # Debian: fonts-noto-core, fonts-dejavu-core
PDF_OPTIONS = {"pdf_variant": "pdf/ua-1"}


@dataclass(frozen=True)
class Font:
    family: str
    regular: Path
    bold: Path


def _match(pattern: str) -> tuple[str, Path] | None:
    try:
        out = subprocess.run(["fc-match", "-f", "%{family}\t%{file}", pattern], capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    family, _, file = out.partition("\t")
    return (family, Path(file)) if file else None


@cache
def find_font() -> Font:
    """The first of FAMILIES installed with a regular and a bold face."""
    for family in FAMILIES:
        faces = [_match(f"{family}:weight={w}:slant=0") for w in ("regular", "bold")]
        if all(f and family in f[0].split(",") and f[1].is_file() for f in faces):
            return Font(family, faces[0][1], faces[1][1])  # type: ignore[index]
    raise DataError([Problem("fonts", "không tìm thấy phông chữ có đủ dấu tiếng Việt; cài bằng: apt-get install fonts-noto-core (no font with Vietnamese coverage; install fonts-noto-core)")])


@cache
def _coverage(path: Path) -> frozenset[int]:
    from fontTools.ttLib import TTFont

    return frozenset(TTFont(path, lazy=True).getBestCmap())


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.chunks: list[str] = []

    def handle_data(self, data: str) -> None:
        self.chunks.append(data)


def missing_glyphs(html: str, font: Font) -> str:
    """Characters of the leaflet text that the font cannot draw."""
    parser = _Text()
    parser.feed(html)
    covered = _coverage(font.regular) & _coverage(font.bold)
    return "".join(sorted({ch for ch in "".join(parser.chunks) if ord(ch) > 0x20 and ord(ch) not in covered}))


def document(parts: list[Leaflet], lang: str, title: str, size: str, as_of: dt.date, site_name: str, description: str, cover: str = "") -> str:
    return environment("html").get_template("leaflet_document.html.j2").render(
        parts=parts, lang=lang, title=title, size=size, as_of=as_of.isoformat(), site_name=site_name,
        description=description, cover=cover, css=stylesheet(), font=find_font(), t=lambda key, **kw: t(key, lang, **kw),
    )


@dataclass(frozen=True)
class Job:
    html: str
    target: Path
    shown: str  # named in error messages


def _key(html: str) -> str:
    import weasyprint

    return hashlib.sha256("\0".join([weasyprint.__version__, repr(PDF_OPTIONS), str(find_font()), html]).encode()).hexdigest()


def _render(html: str, out: str) -> None:
    """Lay out and write one PDF (in a worker process when there are several)."""
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration

    weasyprint.HTML(string=html).write_pdf(out, font_config=_font_config(FontConfiguration), **PDF_OPTIONS)


@cache
def _font_config(factory: type) -> object:
    return factory()  # one per process: the font is parsed once, not per PDF


def render_all(jobs: list[Job], cache_dir: Path) -> list[Path]:
    """Write every job's PDF, rendering only those not in the cache, on
    several processes when there are several to do. Returns the cache entries."""
    font = find_font()
    problems = []
    for job in jobs:
        missing = missing_glyphs(job.html, font)
        if missing:
            problems.append(Problem(job.shown, f"phông chữ {font.family} thiếu ký tự {missing!r}; hãy sửa chữ trong dữ liệu (the font cannot draw these characters)"))
    if problems:
        raise DataError(problems)
    cache_dir.mkdir(parents=True, exist_ok=True)
    entries = [cache_dir / f"{_key(job.html)}.pdf" for job in jobs]
    todo = {entry: job.html for entry, job in zip(entries, jobs) if not entry.is_file()}
    ordered = sorted(todo, key=lambda e: -len(todo[e]))  # longest first: the booklets
    partials = [str(entry.with_suffix(f".{os.getpid()}.part")) for entry in ordered]
    workers = min(len(ordered), len(os.sched_getaffinity(0)), 4)
    if workers > 1:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
            list(pool.map(_render, [todo[e] for e in ordered], partials))
    else:
        for entry, partial in zip(ordered, partials):
            _render(todo[entry], partial)
    for entry, partial in zip(ordered, partials):
        Path(partial).replace(entry)
    for job, entry in zip(jobs, entries):
        job.target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(entry, job.target)
    return entries


def write_pdfs(data: SiteData, site_dir: Path, cache_dir: Path) -> list[Path]:
    """Every leaflet in every language, and the A4 booklet per language.
    Returns the cache entries used."""
    site = data.commune.site
    jobs = []
    for lang in LANGUAGES:
        made = leaflets(data, lang)
        for leaflet in made:
            html = document([leaflet], lang, leaflet.title, "A5", leaflet.spec.as_of, site.name.get(lang), site.description.get(lang))
            jobs.append(Job(html, site_dir / leaflet_pdf(leaflet.spec.id, lang), f"{leaflet.spec.source} → {leaflet_pdf(leaflet.spec.id, lang)}"))
        parts = [leaflet for leaflet in made if leaflet.spec.in_booklet]
        as_of = max(part.spec.as_of for part in parts)
        title = LocalText(vi=t("booklet", "vi"), en=t("booklet", "en"))
        cover = render(Spec(BOOKLET_ID, "leaflet_cover.html.j2", LOANS, "plan_data/programs/", title, as_of), data, lang)
        html = document(parts, lang, cover.title, "A4", as_of, site.name.get(lang), t("loans_intro", lang), cover=cover.html)
        jobs.append(Job(html, site_dir / booklet_pdf(lang), booklet_pdf(lang)))
    used = render_all(jobs, cache_dir)
    for stale in set(cache_dir.glob("*.pdf")) - set(used):  # keep the cache as small as the site
        stale.unlink()
    return used
