"""Printable leaflets: the PDFs (pages, size, text, fonts, tags, QR code),
the /to-roi/ pages, and how every page looks on paper in Chromium."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urljoin

import pytest
import zxingcpp
from PIL import Image
from pypdf import PdfReader

from conftest import COMMUNE, page
from creditsite.build import cache_dir
from creditsite.errors import DataError
from creditsite.load.site import load_site_data
from creditsite.render.context import program_text
from creditsite.render.fmt import money as fmt_money
from creditsite.render.fonts import SANS, missing_glyphs
from creditsite.render.print import leaflets as lf
from creditsite.render.print.pdf import document, write_pdfs
from creditsite.routes import leaflet_pdf, page_url, program_page

DATA = load_site_data(COMMUNE)
SITE_URL = DATA.commune.site.url
SPECS = lf.specs(DATA)
IDS = [spec.id for spec in SPECS]
LANGS = ("vi", "en")
A5 = (419.53, 595.28)  # points
A4 = (595.28, 841.89)
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def pdf_text(path: Path) -> str:
    return norm(" ".join(p.extract_text() for p in PdfReader(path).pages))


def size(reader: PdfReader, index: int = 0) -> tuple[float, float]:
    box = reader.pages[index].mediabox
    return round(float(box.width), 2), round(float(box.height), 2)


def leaflet_file(site: Path, leaflet_id: str, lang: str) -> Path:
    return site / leaflet_pdf(leaflet_id, lang)


# --- The PDFs -----------------------------------------------------------------


def test_every_programme_the_how_to_and_the_fund_have_a_leaflet() -> None:
    assert set(IDS) == {*DATA.programs, "cach-vay", "quy-vi-nguoi-ngheo"}
    assert [spec.id for spec in SPECS if not spec.in_booklet] == ["quy-vi-nguoi-ngheo"]  # the booklet is about loans


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("leaflet_id", IDS)
def test_leaflet_pdf_is_one_a5_sheet(site: Path, leaflet_id: str, lang: str) -> None:
    reader = PdfReader(leaflet_file(site, leaflet_id, lang))
    assert 1 <= len(reader.pages) <= 2, f"{leaflet_id}.{lang}: {len(reader.pages)} pages"
    for index in range(len(reader.pages)):
        assert size(reader, index) == A5


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("pid", list(DATA.programs))
def test_leaflet_text_has_name_amount_and_rate(site: Path, pid: str, lang: str) -> None:
    program = DATA.programs[pid]
    ft = program_text(program, DATA, lang)
    text = pdf_text(leaflet_file(site, pid, lang))
    assert norm(program.name.get(lang)) in text  # with its diacritics, e.g. "Cho vay hộ nghèo"
    if program.components:  # each part has its own amount and rate
        for comp in program.components:
            assert norm(comp.name.get(lang)) in text
        return
    assert norm(ft.amount) in text  # e.g. "100.000.000 đồng mỗi hộ", or "Hỏi tại Điểm giao dịch xã"
    assert ft.rate in text
    if lang == "vi":
        assert ("đồng" in text) and ("Cập nhật ngày" in text) and ("Điểm giao dịch xã" in text)


def test_leaflet_text_is_exact_for_the_poor_household_loan(site: Path) -> None:
    vi = pdf_text(leaflet_file(site, "ho-ngheo", "vi"))
    assert "Cho vay hộ nghèo" in vi
    assert "100.000.000 đồng mỗi hộ" in vi
    assert "6,6%/năm (0,55%/tháng)" in vi
    assert "còn nợ 20.000.000 đồng thì mỗi tháng trả khoảng 110.000 đồng tiền lãi" in vi
    assert "Cập nhật ngày 25/11/2026" in vi
    en = pdf_text(leaflet_file(site, "ho-ngheo", "en"))
    assert "100,000,000 VND per household" in en and "6.6% a year (0.55% a month)" in en


def test_unknown_facts_read_ask_at_the_point_on_the_leaflet(site: Path) -> None:
    text = pdf_text(leaflet_file(site, "ho-moi-thoat-ngheo", "vi"))
    assert "Thời hạn tối đa Hỏi tại Điểm giao dịch xã" in text
    assert norm(DATA.programs["ho-moi-thoat-ngheo"].unknown["max_term_months"].vi) in text
    point = pdf_text(leaflet_file(site, "ho-ngheo", "vi"))
    assert "Điểm giao dịch xã: chưa xác nhận" in point and "Ngày giao dịch trong tháng: chưa xác nhận" in point


@pytest.mark.parametrize("lang", LANGS)
def test_how_to_leaflet_has_the_steps_and_every_programme(site: Path, lang: str) -> None:
    text = pdf_text(leaflet_file(site, "cach-vay", lang))
    for step in DATA.loan_guide.steps:
        assert norm(step.title.get(lang)) in text
    for program in DATA.programs.values():
        assert norm(program.name.get(lang)) in text


@pytest.mark.parametrize("lang", LANGS)
def test_fund_leaflet_says_how_to_give_without_sample_figures(site: Path, lang: str) -> None:
    fund = DATA.fund
    text = pdf_text(leaflet_file(site, "quy-vi-nguoi-ngheo", lang))
    assert norm(fund.name.get(lang)) in text
    assert norm(fund.donate_in_person.get(lang)) in text
    for use in fund.uses:
        assert norm(use.get(lang)) in text
    if lang == "vi":
        assert "Chuyển khoản: Chưa xác nhận" in text and "Mỗi năm từ 17/10 đến 18/11" in text
    for year in DATA.ledger:
        if year.sample:  # sample figures never reach paper
            assert (
                fmt_money(year.total_receipts, lang) not in text and fmt_money(year.closing_balance, lang) not in text
            )


def qr_codes(pdf: Path, tmp_path: Path) -> list[str]:
    """Render every page with pdftoppm (as `make leaflet-png` does) and decode."""
    prefix = tmp_path / pdf.stem
    subprocess.run(["pdftoppm", "-png", "-gray", "-r", "100", str(pdf), str(prefix)], check=True)
    found = []
    for png in sorted(tmp_path.glob(f"{pdf.stem}-*.png")):
        found += [
            code.text
            for code in zxingcpp.read_barcodes(Image.open(png))
            if code.format == zxingcpp.BarcodeFormat.QRCode
        ]
    return found


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("spec", SPECS, ids=IDS)
def test_qr_code_scans_to_the_page(site: Path, tmp_path: Path, spec: lf.Spec, lang: str) -> None:
    url = page_url(SITE_URL, spec.page, lang)
    assert qr_codes(leaflet_file(site, spec.id, lang), tmp_path) == [url]
    assert url in pdf_text(leaflet_file(site, spec.id, lang)).replace(" ", "")  # printed beside it


def test_qr_code_is_at_least_2_cm() -> None:
    html = lf.render(SPECS[1], DATA, "vi").html
    assert re.search(r'<svg class="cs-l-qr"[^>]* role="img" aria-label="Mã QR dẫn đến https://', html)
    css = lf.stylesheet()
    width = re.search(r"svg\.cs-l-qr \{ display: block; width: (\d+)mm", css)
    assert width and int(width.group(1)) >= 20


@pytest.mark.parametrize("name", ["ho-ngheo.vi", "dan-toc-thieu-so-nd28.en", "so-tay-vay-von.vi"])
def test_pdfs_are_tagged_with_embedded_fonts(site: Path, name: str) -> None:
    reader = PdfReader(site / f"to-roi/{name}.pdf")
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"]) and "/StructTreeRoot" in root
    assert root["/Lang"] == name.split(".")[1]
    assert b"pdfuaid:part" in root["/Metadata"].get_object().get_data()  # PDF/UA-1
    assert reader.metadata.title
    fonts = set()
    for pdf_page in reader.pages:
        for font in pdf_page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor, font["/BaseFont"]  # embedded
            fonts.add(str(font["/BaseFont"]).split("+")[-1])
    assert fonts <= {"Leaflet-Sans", "Leaflet-Sans-Bold"}, fonts  # our font only: no fallback


def test_the_font_draws_every_character_of_every_leaflet() -> None:
    for lang in LANGS:
        for leaflet in lf.leaflets(DATA, lang):
            assert missing_glyphs(leaflet.html, SANS) == "", leaflet.spec.id
    assert missing_glyphs("<p>Nguyễn Thị Ẩn, Mẫu Sơn</p>", SANS) == ""
    assert missing_glyphs("<p>Tiền 💰</p>", SANS) == "💰"


def test_a_character_the_font_lacks_stops_the_build(project: Path, tmp_path: Path) -> None:
    path = project / "plan_data/programs/ho-ngheo.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("vi: Cho vay hộ nghèo", "vi: Cho vay hộ nghèo 💰"), encoding="utf-8"
    )
    with pytest.raises(DataError, match=r"plan_data/programs/ho-ngheo\.yml .*💰"):
        write_pdfs(load_site_data(project), tmp_path / "site", tmp_path / "cache")


def test_pdfs_are_reproducible(tmp_path: Path) -> None:
    """Two renderings in separate processes give the same bytes."""
    script = (
        "import sys; from pathlib import Path; from creditsite.load.site import load_site_data; "
        "from creditsite.render.print import leaflets, pdf, pdfcache; d = load_site_data(Path(sys.argv[1])); "
        "l = leaflets.leaflets(d, 'vi')[1]; "
        "pdfcache.render(pdf.document([l], 'vi', l.title, 'A5', l.spec.as_of, 's', 'd'), sys.argv[2], pdf.LEAFLETS)"
    )
    outs = []
    for seed in ("1", "2"):
        out = tmp_path / f"{seed}.pdf"
        subprocess.run(
            [sys.executable, "-c", script, str(COMMUNE), str(out)],
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        )
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]


@pytest.mark.parametrize("lang", LANGS)
def test_booklet_is_a4_with_every_programme(site: Path, lang: str) -> None:
    path = site / lf.booklet_pdf(lang)
    reader = PdfReader(path)
    assert size(reader) == A4
    text = pdf_text(path)
    for program in DATA.programs.values():
        assert norm(program.name.get(lang)) in text
    assert len(reader.pages) <= 2 * len(SPECS) + 1


def test_programs_json_links_each_leaflet_pdf(site: Path) -> None:
    programs = json.loads((site / "data/programs.json").read_text(encoding="utf-8"))["programs"]
    assert {p["id"] for p in programs} == set(DATA.programs)
    for p in programs:
        for lang in LANGS:
            url = p["leaflet_pdf"][lang]
            assert url == f"{SITE_URL}to-roi/{p['id']}.{lang}.pdf"
            assert (site / url.removeprefix(SITE_URL)).is_file()


def test_unchanged_leaflets_come_from_the_cache(site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Building again with the same data renders nothing: the build's cache has every PDF."""
    cache = cache_dir(site.parent / "project") / "pdf"  # the cache the site fixture's build used
    stamps = {p: p.stat().st_mtime_ns for p in (cache / "leaflets").glob("*.pdf")}
    monkeypatch.setattr("creditsite.render.print.pdfcache.render", lambda *args: pytest.fail("rendered a PDF again"))
    used = write_pdfs(DATA, tmp_path / "site", cache)
    assert set(used) <= set(stamps), "a leaflet of the built site was not in its cache"
    assert {p: p.stat().st_mtime_ns for p in used} == {p: stamps[p] for p in used}, "a cached PDF was rewritten"
    for leaflet_id in IDS:
        assert (tmp_path / "site" / leaflet_pdf(leaflet_id, "vi")).read_bytes() == leaflet_file(
            site, leaflet_id, "vi"
        ).read_bytes()


# --- Pages --------------------------------------------------------------------


def resolve(url_path: str, href: str) -> str:
    return urljoin(f"http://h{url_path}", href).removeprefix("http://h/")


@pytest.mark.parametrize("prefix", ["", "/en"])
@pytest.mark.parametrize("pid", list(DATA.programs))
def test_programme_page_links_its_leaflet(site: Path, pid: str, prefix: str) -> None:
    lang = "en" if prefix else "vi"
    here = f"{prefix}/vay-von/{pid}/"
    tools = page(site, here).select_one(".cs-print-tools")
    assert tools["data-print-label"] == ("In trang này" if lang == "vi" else "Print this page")
    assert not tools.find("button")  # the button is added by print.js only
    pdf = tools.find("a", string="Tải tờ rơi (PDF)" if lang == "vi" else "Download the leaflet (PDF)")
    assert (site / resolve(here, pdf["href"])).is_file()
    assert resolve(here, pdf["href"]) == leaflet_pdf(pid, lang)
    view = [a for a in tools.find_all("a") if a is not pdf][0]
    assert resolve(here, view["href"]) == f"{prefix.lstrip('/') + '/' if prefix else ''}to-roi/{pid}/"


@pytest.mark.parametrize(
    ("here", "leaflet_id"), [("/vay-von/cach-vay/", "cach-vay"), ("/quy-vi-nguoi-ngheo/", "quy-vi-nguoi-ngheo")]
)
def test_how_to_and_fund_pages_link_their_leaflet(site: Path, here: str, leaflet_id: str) -> None:
    tools = page(site, here).select_one(".cs-print-tools")
    assert resolve(here, tools.find("a")["href"]) == f"to-roi/{leaflet_id}.vi.pdf"


@pytest.mark.parametrize("prefix", ["", "/en"])
@pytest.mark.parametrize("spec", SPECS, ids=IDS)
def test_leaflet_page_is_the_leaflet(site: Path, spec: lf.Spec, prefix: str) -> None:
    lang = "en" if prefix else "vi"
    here = f"{prefix}/to-roi/{spec.id}/"
    doc = page(site, here)
    leaflet = doc.select_one("div.cs-leaflet")
    assert leaflet["lang"] == lang
    assert norm(leaflet.h1.get_text()) == norm(spec.title.get(lang))
    assert norm(leaflet.get_text(" ")) == norm(_text(lf.render(spec, DATA, lang).html))  # the same leaflet as the PDF
    assert "size: A5" in doc.find("style", media="print").get_text()
    assert (site / resolve(here, doc.select_one('link[href$="leaflet.css"]')["href"])).is_file()
    pdf = doc.select_one(".cs-print-tools a")
    assert resolve(here, pdf["href"]) == leaflet_pdf(spec.id, lang)
    assert not doc.select(".cs-print-footer")  # the leaflet has its own address and date
    assert leaflet.select_one("svg.cs-l-qr path")["d"]  # the QR code survives the pages' HTML allow-list


def _text(html: str) -> str:
    from bs4 import BeautifulSoup

    return BeautifulSoup(html, "html.parser").get_text(" ")


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_leaflets_index_lists_every_leaflet_in_both_languages(site: Path, prefix: str) -> None:
    here = f"{prefix}/to-roi/"
    doc = page(site, here)
    hrefs = {resolve(here, a["href"]) for a in doc.select("article a[href]")}
    base = prefix.lstrip("/") + "/" if prefix else ""
    for leaflet_id in IDS:
        assert f"{base}to-roi/{leaflet_id}/" in hrefs
        for lang in LANGS:
            assert leaflet_pdf(leaflet_id, lang) in hrefs
            assert (site / leaflet_pdf(leaflet_id, lang)).is_file()
    for lang in LANGS:
        assert lf.booklet_pdf(lang) in hrefs


def test_leaflets_are_in_the_menu(site: Path) -> None:
    nav = page(site, "/").select_one("nav.md-nav--primary")
    assert any(a["href"].rstrip("/").endswith("to-roi") for a in nav.select("a[href]"))


# --- Paper: what Chromium prints -------------------------------------------------


def print_to_pdf(site: Path, url_path: str, out: Path, paper: str | None) -> Path:
    """Print a built page with headless Chromium; `paper` emulates the size the
    user picks in the print dialog (the page's own @page rules apply otherwise)."""
    source = site / url_path.strip("/") / "index.html"
    target = source
    if paper:
        html = source.read_text(encoding="utf-8").replace(
            "<head>", f'<head><base href="{source.as_uri()}"><style>@page {{ size: {paper}; }}</style>', 1
        )
        target = out.with_suffix(".html")
        target.write_text(html, encoding="utf-8")
    subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={out.parent / (out.stem + '-profile')}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={out}",
            target.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return out


PRINTED_PAGES = [(f"{prefix}/vay-von/{pid}/", "A4") for pid in DATA.programs for prefix in ("", "/en")] + [
    ("/vay-von/cach-vay/", "A4"),
    ("/quy-vi-nguoi-ngheo/", "A4"),
    ("/", "A4"),
    *[
        (f"{prefix}/to-roi/{lid}/", None)
        for lid in ("ho-ngheo", "dan-toc-thieu-so-nd28", "cach-vay", "quy-vi-nguoi-ngheo")
        for prefix in ("", "/en")
    ],
]


@pytest.fixture(scope="session")
def printed(site: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every page in PRINTED_PAGES printed once, a few Chromium processes at a time."""
    out = tmp_path_factory.mktemp("printed")

    def one(item: tuple[str, str | None]) -> tuple[str, Path]:
        url_path, paper = item
        return url_path, print_to_pdf(site, url_path, out / (url_path.strip("/").replace("/", "_") or "home"), paper)

    with ThreadPoolExecutor(3) as pool:
        return dict(pool.map(one, PRINTED_PAGES))


CHROME_WORDS = {
    "vi": ["Tìm kiếm", "Bỏ qua", "Tín dụng chính sách xã Thử Nghiệm"],
    "en": ["Search", "Skip to content", "Social policy credit in Thử Nghiệm commune"],
}


@pytest.mark.parametrize("url_path", [p for p, paper in PRINTED_PAGES if paper])
def test_printed_page_is_clean_a4_paper(printed: dict[str, Path], url_path: str) -> None:
    lang = "en" if url_path.startswith("/en/") else "vi"
    reader = PdfReader(printed[url_path])
    text = pdf_text(printed[url_path])
    if "/vay-von/" in url_path:
        assert len(reader.pages) <= 2, f"{url_path} prints on {len(reader.pages)} A4 sides"
    home = url_path in ("/", "/en/")
    chrome = CHROME_WORDS[lang][:2] if home else CHROME_WORDS[lang]  # the home page's title is the site name
    for word in chrome:
        assert word not in text, f"{word!r} printed on {url_path}"
    assert (SITE_URL + url_path.lstrip("/")) in text.replace(" ", "")  # the print footer
    assert ("In ngày" if lang == "vi" else "Printed on") in text


def test_printed_links_show_their_address(printed: dict[str, Path]) -> None:
    text = pdf_text(printed["/vay-von/ho-ngheo/"]).replace(" ", "")
    for source in DATA.programs["ho-ngheo"].sources:
        if source.url:
            assert f"({source.url})" in text


def test_printed_fact_box_is_not_split(printed: dict[str, Path]) -> None:
    reader = PdfReader(printed["/vay-von/ho-ngheo/"])
    first = norm(reader.pages[0].extract_text())
    for label in ("Vay tối đa", "Thời hạn tối đa", "Lãi suất", "Tài sản bảo đảm", "Nộp hồ sơ tại"):
        assert label in first


@pytest.mark.parametrize("url_path", [p for p, paper in PRINTED_PAGES if not paper])
def test_leaflet_page_prints_on_a5_from_the_browser(printed: dict[str, Path], url_path: str) -> None:
    reader = PdfReader(printed[url_path])
    assert 1 <= len(reader.pages) <= 2, f"{url_path}: {len(reader.pages)} pages"
    width, height = size(reader)
    assert abs(width - A5[0]) < 1.5 and abs(height - A5[1]) < 1.5
    text = pdf_text(printed[url_path])
    lang = "en" if url_path.startswith("/en/") else "vi"
    for word in CHROME_WORDS[lang][:2] + [("Tải tờ rơi" if lang == "vi" else "Download the leaflet")]:
        assert word not in text


def test_print_button_appears_with_javascript(site: Path, tmp_path: Path) -> None:
    dom = subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            f"--user-data-dir={tmp_path}",
            "--dump-dom",
            (site / "vay-von/ho-ngheo/index.html").as_uri(),
        ],
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout
    assert re.search(r'<button type="button" class="md-button cs-print-button">In trang này</button>', dom)
    assert re.search(r'class="cs-print-date"[^>]*>In ngày \d{2}/\d{2}/\d{4}<', dom)


def test_leaflet_page_and_pdf_come_from_one_template() -> None:
    """The HTML in the PDF is the HTML on the page: one source."""
    leaflet = lf.render(SPECS[1], DATA, "vi")
    html = document([leaflet], "vi", leaflet.title, "A5", leaflet.spec.as_of, "s", "d")
    assert leaflet.html.strip() in html
    assert leaflet.url == page_url(SITE_URL, program_page(SPECS[1].id), "vi")
