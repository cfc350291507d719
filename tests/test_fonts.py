"""The same bytes on every machine: the PDFs and preview cards use only the
vendored fonts, one cache key covers everything that changes a PDF, and a
machine without Pango gets one message saying what to install."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import COMMUNE, ROOT
from creditsite.load.site import load_site_data
from creditsite.render.fonts import FOLDER, SANS, SERIF, Face, coverage
from creditsite.render.print import leaflets as lf
from creditsite.render.print.pdf import LEAFLETS, document
from creditsite.render.print.pdfcache import Renderer, cache_key, render
from creditsite.render.print.report import REPORT

DATA = load_site_data(COMMUNE)
A5 = (419.53, 595.28)  # points

VOWELS = "aăâeêioôơuưy"
TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")  # none, huyền, sắc, hỏi, ngã, nặng


def vietnamese_letters() -> set[str]:
    """Every Vietnamese letter in both cases, each vowel with each tone (NFC), đ and the đồng sign."""
    letters = {unicodedata.normalize("NFC", v + tone) for v in VOWELS + VOWELS.upper() for tone in TONES}
    return letters | set("đĐ₫")


@pytest.mark.parametrize("family", [SANS, SERIF], ids=lambda f: f.label)
def test_every_face_draws_every_vietnamese_letter(family) -> None:
    letters = vietnamese_letters()
    assert len(letters) == 147 and all(len(ch) == 1 for ch in letters)
    assert {ch for ch in letters if ord(ch) not in coverage(family)} == set()


PLAIN, BOLD, ITALIC, BOLD_ITALIC = ("", ""), ("<b>", "</b>"), ("<i>", "</i>"), ("<b><i>", "</i></b>")


CASES = [(LEAFLETS, (PLAIN, BOLD)), (REPORT, (PLAIN, BOLD, ITALIC, BOLD_ITALIC))]


@pytest.mark.parametrize(("renderer", "styles"), CASES, ids=["sans", "serif"])
def test_every_letter_is_copied_from_the_pdf_as_itself(tmp_path: Path, renderer: Renderer, styles: tuple) -> None:
    """The PDF's text is what was written. A letter the font may build from parts (ụ = u + dot below) comes
    before the plain letters: WeasyPrint maps each glyph to the text of its first use."""
    words = " ".join(sorted(vietnamese_letters(), key=lambda ch: (ch.isascii(), ch)))  # ụ before u
    body = "".join(f"<p>{start}{words}{end}</p>" for start, end in styles)
    html = f'<html lang="vi"><body style="font-family: \'{renderer.family.css_name}\'">{body}</body></html>'
    render(html, str(tmp_path / "x.pdf"), renderer)
    text = " ".join(page.extract_text() for page in PdfReader(tmp_path / "x.pdf").pages)
    assert unicodedata.normalize("NFC", " ".join(text.split())) == " ".join([words] * len(styles))


def test_the_fonts_licence_is_beside_them() -> None:
    licence = (FOLDER / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence and "Noto Project Authors" in licence


def leaflet_html(data, lang: str = "vi") -> str:
    leaflet = lf.leaflets(data, lang)[0]
    return document([leaflet], lang, leaflet.title, "A5", leaflet.spec.as_of, "s", "d")


def test_the_cache_key_is_the_same_in_every_project_copy(project: Path) -> None:
    """The HTML names no path of this machine: a copy elsewhere finds the same cache entries."""
    html = leaflet_html(DATA)
    assert "file:" not in html and str(ROOT) not in html
    assert cache_key(leaflet_html(load_site_data(project)), LEAFLETS) == cache_key(html, LEAFLETS)


def test_the_cache_key_follows_the_html_the_options_and_the_font_files() -> None:
    html = leaflet_html(DATA)
    key = cache_key(html, LEAFLETS)
    assert cache_key(html + " ", LEAFLETS) != key
    assert cache_key(html, dataclasses.replace(LEAFLETS, options=(("pdf_variant", "pdf/a-3b"),))) != key
    bold_as_regular = dataclasses.replace(SANS, faces=(Face("NotoSans-Bold.ttf"), Face("NotoSans-Bold.ttf", True)))
    assert cache_key(html, dataclasses.replace(LEAFLETS, family=bold_as_regular)) != key


RENDER = """
import sys
from pathlib import Path
from creditsite.engine import preview
from creditsite.load.site import load_site_data
from creditsite.render.print import leaflets, pdf, pdfcache
from weasyprint.text.ffi import fontconfig

data, out = load_site_data(Path(sys.argv[1])), Path(sys.argv[2])
a5 = [job for job in pdf.pdf_jobs(data, out / "site") if leaflets.BOOKLET_ID not in job.target.name]
pdfcache.render_all(a5, pdf.LEAFLETS, None)  # the A4 booklets take twice as long, in the same font
site = data.commune.site
for lang in ("vi", "en"):
    cards = {pid: preview.Card(site.name.get(lang), p.name.get(lang), preview.host(site.url))
             for pid, p in data.programs.items()}
    preview.write_cards(cards, lang, out / "site")
print(fontconfig.FcConfigGetFonts(fontconfig.FcInitLoadConfigAndFonts(), fontconfig.FcSetSystem).nfont)
"""


def render_in(out: Path, env: dict[str, str]) -> tuple[dict[str, bytes], int]:
    """Every leaflet PDF and a card per programme, rendered in a fresh process; and how many system
    fonts that process's fontconfig had."""
    result = subprocess.run(
        [sys.executable, "-c", RENDER, str(COMMUNE), str(out)], env=env, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stderr
    assert "Font-face" not in result.stderr, result.stderr  # WeasyPrint could not load one of our faces
    files = {p.relative_to(out / "site").as_posix(): p.read_bytes() for p in (out / "site").rglob("*") if p.is_file()}
    return files, int(result.stdout.split()[-1])


@pytest.mark.slow
def test_an_empty_fontconfig_gives_the_same_pdfs_and_cards(tmp_path: Path) -> None:
    """A machine with no system fonts at all prints exactly what this one prints."""
    empty = tmp_path / "fonts.conf"
    empty.write_text('<?xml version="1.0"?>\n<fontconfig></fontconfig>\n', encoding="utf-8")
    normal, _ = render_in(tmp_path / "normal", {**os.environ})
    bare, system_fonts = render_in(tmp_path / "bare", {**os.environ, "FONTCONFIG_FILE": str(empty)})
    assert system_fonts == 0, "the empty fontconfig still found fonts"
    leaflets = [name for name in normal if name.endswith(".pdf")]
    cards = [name for name in normal if name.endswith(".png")]
    assert len(leaflets) == 2 * len(lf.specs(DATA)) and len(cards) == 2 * len(DATA.programs)
    assert sorted(bare) == sorted(normal)
    assert [name for name in normal if bare[name] != normal[name]] == []
    for name in leaflets:
        reader = PdfReader(tmp_path / "bare/site" / name)
        assert 1 <= len(reader.pages) <= 2, f"{name}: {len(reader.pages)} A5 pages"
        for pdf_page in reader.pages:
            assert (round(float(pdf_page.mediabox.width), 2), round(float(pdf_page.mediabox.height), 2)) == A5


# cffi cannot open Pango, as on a machine without libpango: WeasyPrint prints its banner and raises OSError.
NO_PANGO = """
import sys
import cffi

real = cffi.FFI.dlopen

def dlopen(self, name, *args, **kwargs):
    if "pango" in str(name):
        raise OSError(f"cannot load library '{name}': cannot open shared object file")
    return real(self, name, *args, **kwargs)

cffi.FFI.dlopen = dlopen
if sys.argv[1] == "cli":
    from creditsite.cli import main
    sys.exit(main(sys.argv[2:]))
from pathlib import Path
from creditsite.errors import DataError
from creditsite.load.site import load_site_data
from creditsite.render.print.pdf import write_pdfs
try:
    write_pdfs(load_site_data(Path(sys.argv[2])), Path(sys.argv[3]) / "site", Path(sys.argv[3]) / "cache")
except DataError as exc:
    print(exc.report(), file=sys.stderr)
    sys.exit(1)
"""
PANGO_ADVICE = "apt-get install libpango-1.0-0 libpangoft2-1.0-0"


def without_pango(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", NO_PANGO, *args], capture_output=True, text=True, timeout=300)


def test_without_pango_the_report_stops_with_one_message(tmp_path: Path) -> None:
    result = without_pango("cli", "--root", str(COMMUNE), "report", "--out", str(tmp_path / "r.pdf"))
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 2 and lines[0].startswith("Có 1 lỗi"), result.stderr  # the heading, then one problem
    assert lines[1].startswith("  - Pango: thiếu thư viện Pango") and PANGO_ADVICE in lines[1]
    assert "Traceback" not in result.stderr and "WeasyPrint could not import" not in result.stdout
    assert not (tmp_path / "r.pdf").exists()


def test_without_pango_the_leaflets_stop_with_the_same_message(tmp_path: Path) -> None:
    result = without_pango("leaflets", str(COMMUNE), str(tmp_path))
    assert result.returncode == 1 and PANGO_ADVICE in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and "WeasyPrint could not import" not in result.stdout
    assert not list(tmp_path.rglob("*.pdf"))
