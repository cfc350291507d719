"""Every PDF we print goes through here: the leaflets and the annual report.

- WeasyPrint renders HTML with one of our vendored font families
  (render/fonts), added as @font-face rules, so the same HTML gives the same
  bytes on every machine. A character the family lacks stops the build,
  naming the file, instead of printing a box or another font's letter.
- One cache scheme: a PDF's key is the sha256 of WeasyPrint's version, the
  options, the font files and the HTML; the file is
  `<cache>/pdf/<kind>/<key>.pdf` (the cache folder: build.cache_dir). Each kind's
  folder keeps what its last build used. The HTML holds no path of this machine, so keys agree across
  machines and project copies.
- Several PDFs to render are shared among worker processes, one per CPU core
  (up to 4).
- Without Pango, WeasyPrint cannot be imported: the build stops with one
  message saying what to install.
"""

from __future__ import annotations

import atexit
import contextlib
import gc
import hashlib
import io
import multiprocessing
import os
import shutil
import warnings
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import cache
from importlib.metadata import version
from pathlib import Path
from types import ModuleType
from typing import Any

from creditsite.errors import DataError, Problem
from creditsite.render.fonts import Family, digest, font_face_css, missing_glyphs

PANGO = "libpango-1.0-0 libpangoft2-1.0-0"  # Debian/Ubuntu packages WeasyPrint loads


@dataclass(frozen=True)
class Renderer:
    """How one kind of PDF is made: its font family and WeasyPrint's write_pdf options."""

    kind: str  # its cache folder, e.g. "leaflets"
    family: Family
    options: tuple[tuple[str, Any], ...]


@dataclass(frozen=True)
class Job:
    html: str
    target: Path
    shown: str  # named in error messages


def weasyprint() -> ModuleType:
    """WeasyPrint, or a DataError saying how to install Pango when its libraries are missing."""
    try:
        with contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings():  # its own banner: ours says it
            warnings.filterwarnings("ignore", "No fonts configured")  # we bring our fonts; system ones are unused
            import weasyprint as module
    except OSError as exc:  # cffi could not open libpango / libpangoft2
        raise DataError(
            [
                Problem(
                    "Pango",
                    f"thiếu thư viện Pango mà WeasyPrint cần để in PDF; cài bằng: apt-get install {PANGO} "
                    f"(Pango, which WeasyPrint needs to print PDFs, is missing: {exc}; install it with that command)",
                )
            ]
        ) from None
    return module


def cache_key(html: str, renderer: Renderer) -> str:
    """The one key of a rendered PDF: what could change its bytes."""
    parts = [version("weasyprint"), repr(renderer.options), digest(renderer.family), html]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


@cache
def _font_config() -> Any:
    """One per process: each font file is parsed once, not per PDF."""
    weasyprint()
    from weasyprint.text.fonts import FontConfiguration

    atexit.register(_forget_fonts)
    return FontConfiguration()


def _forget_fonts() -> None:
    """Drop the font configuration while Python still runs: its __del__ removes a temporary
    folder, and fails with a traceback when left to the interpreter's shutdown."""
    _fonts.cache_clear()
    _font_config.cache_clear()
    gc.collect()


@cache
def _fonts(family: Family) -> Any:
    return weasyprint().CSS(string=font_face_css(family), font_config=_font_config())


def render(html: str, out: str, renderer: Renderer) -> None:
    """Lay out and write one PDF (in a worker process when there are several)."""
    weasyprint().HTML(string=html).write_pdf(
        out, stylesheets=[_fonts(renderer.family)], font_config=_font_config(), **dict(renderer.options)
    )


def check_glyphs(jobs: list[Job], family: Family) -> None:
    problems = []
    for job in jobs:
        lacking = missing_glyphs(job.html, family)
        if lacking:
            problems.append(
                Problem(
                    job.shown,
                    f"phông chữ {family.label} thiếu ký tự {lacking!r}; hãy sửa chữ trong dữ liệu "
                    "(the font cannot draw these characters)",
                )
            )
    if problems:
        raise DataError(problems)


def _render_many(todo: dict[Path, str], renderer: Renderer) -> None:
    """Render into each path, longest document first (the booklets), on several processes when there are several."""
    ordered = sorted(todo, key=lambda path: -len(todo[path]))
    partials = [str(path.with_suffix(f".{os.getpid()}.part")) for path in ordered]  # never a half-written entry
    workers = min(len(ordered), len(os.sched_getaffinity(0)), 4)
    if workers > 1:
        weasyprint()  # a missing Pango is told here, not by each worker
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
            list(pool.map(render, [todo[path] for path in ordered], partials, [renderer] * len(ordered)))
    else:
        for path, partial in zip(ordered, partials):
            render(todo[path], partial, renderer)
    for path, partial in zip(ordered, partials):
        Path(partial).replace(path)


def render_all(jobs: list[Job], renderer: Renderer, cache_root: Path | None, prune: bool = True) -> list[Path]:
    """Write every job's PDF. With `cache_root`, only PDFs not in the kind's cache folder are rendered, and
    (with `prune`) the folder keeps just this call's entries, which are returned. A cache that several
    projects share is not pruned: one project's build would throw away what the others use.
    Without `cache_root`, every PDF is rendered."""
    check_glyphs(jobs, renderer.family)
    for job in jobs:
        job.target.parent.mkdir(parents=True, exist_ok=True)
    if cache_root is None:
        _render_many({job.target: job.html for job in jobs}, renderer)
        return [job.target for job in jobs]
    folder = cache_root / renderer.kind
    folder.mkdir(parents=True, exist_ok=True)
    entries = [folder / f"{cache_key(job.html, renderer)}.pdf" for job in jobs]
    _render_many({entry: job.html for entry, job in zip(entries, jobs) if not entry.is_file()}, renderer)
    for job, entry in zip(jobs, entries):
        shutil.copyfile(entry, job.target)
    for stale in set(folder.glob("*.pdf")) - set(entries) if prune else ():  # as small as the site
        stale.unlink()
    return entries
