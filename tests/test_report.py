"""The printed annual report: an A4 PDF in the layout of Nghị định
30/2020/NĐ-CP, with the figures of the progress file."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from conftest import COMMUNE, run_cli
from creditsite.errors import DataError
from creditsite.load.site import load_site_data
from creditsite.render import fmt
from creditsite.render.fonts import SERIF, missing_glyphs
from creditsite.render.print.report import date_line, report_html, write_report

DATA = load_site_data(COMMUNE)
YEAR = max(DATA.progress)
EPOCH = "1764028800"  # 2025-11-25, as the site fixture builds
MM = 72 / 25.4  # points per millimetre
A4 = (210 * MM, 297 * MM)


def make_report(project: Path, out: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`creditsite report` as `make report` runs it."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    return subprocess.run(
        [sys.executable, "-m", "creditsite.cli", "--root", str(project), "report", "--out", str(out), *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )


@pytest.fixture(scope="module")
def pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report") / "report.pdf"
    result = make_report(COMMUNE, out, "--year", str(YEAR))
    assert result.returncode == 0, result.stderr
    return out


def text_of(path: Path) -> list[str]:
    """Each page's text, NFC, with runs of whitespace made single spaces."""
    return [re.sub(r"\s+", " ", unicodedata.normalize("NFC", page.extract_text())) for page in PdfReader(path).pages]


def placed(page: object) -> list[tuple[float, float, str]]:
    """(x, y, text) of every text run on a page, in points from the bottom left."""
    out: list[tuple[float, float, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            out.append((x, y, unicodedata.normalize("NFC", text.strip())))

    page.extract_text(visitor_text=visit)  # type: ignore[attr-defined]
    return out


def find(runs: list[tuple[float, float, str]], start: str) -> tuple[float, float]:
    return next((x, y) for x, y, text in runs if text.startswith(start))


def test_every_page_is_a4(pdf: Path) -> None:
    pages = PdfReader(pdf).pages
    assert len(pages) >= 2
    for page in pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(A4, abs=0.5)


def test_the_heading_has_every_part_of_an_administrative_document(pdf: Path) -> None:
    first = text_of(pdf)[0]
    settings = DATA.report
    for part in (
        "ỦY BAN NHÂN DÂN XÃ THỬ NGHIỆM",  # issuing body: the issuer unit + the place
        f"Số: ……/{settings.symbol}",  # number not yet given: dots to fill by hand
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",  # Quốc hiệu
        "Độc lập - Tự do - Hạnh phúc",  # Tiêu ngữ
        f"{settings.place}, ngày … tháng … năm {YEAR}",
        "BÁO CÁO",
        f"trên địa bàn xã Thử Nghiệm năm {YEAR}",  # trích yếu, from report.yml with the year filled in
    ):
        assert part in first, part


def test_the_heading_is_laid_out_in_two_columns_within_the_margins(pdf: Path) -> None:
    runs = placed(PdfReader(pdf).pages[0])
    issuer, nation = find(runs, "ỦY BAN NHÂN DÂN"), find(runs, "CỘNG HÒA")
    assert issuer[0] < A4[0] / 2 < nation[0] + 100, "issuing body on the left, national title on the right"
    assert abs(issuer[1] - nation[1]) < 3, "both on the first line"
    number, motto = find(runs, "Số:"), find(runs, "Độc lập")
    assert number[1] < issuer[1] and motto[1] < nation[1]
    title = find(runs, "BÁO CÁO")
    assert title[1] < find(runs, "Thử Nghiệm, ngày")[1], "the title comes after the place and date"
    assert min(x for x, _, _ in runs) == pytest.approx(30 * MM, abs=1), "left margin 30 mm"
    assert max(y for _, y, _ in runs) <= A4[1] - 20 * MM, "top margin at least 20 mm"


def test_page_numbers_start_on_page_two(pdf: Path) -> None:
    reader = PdfReader(pdf)
    top = lambda page: max(placed(page), key=lambda run: run[1])[2]  # noqa: E731
    assert top(reader.pages[0]) != "1"
    assert top(reader.pages[1]) == "2"


def test_the_body_holds_the_figures_of_the_progress_file(pdf: Path) -> None:
    text = " ".join(text_of(pdf))
    progress = DATA.progress[YEAR]
    figures, fund = progress.figures, progress.fund
    expected = [
        f"Dư nợ: {fmt.million(figures.outstanding_loans_million_vnd, 'vi')} triệu đồng",
        f"Số khách hàng còn dư nợ: {fmt.number(figures.borrowers, 'vi')}",
        f"Tỷ lệ nợ quá hạn: {fmt.decimal(figures.value('overdue_ratio_pct'), 'vi')}%",
        f"Số thu trong năm: {fmt.million(fund.receipts_million_vnd, 'vi')} triệu đồng",
        f"Số dư cuối năm: {fmt.million(fund.closing_balance_million_vnd, 'vi')} triệu đồng",
    ]
    for part in expected:
        assert part in text, part
    assert "60.000 triệu đồng" in text, "Vietnamese thousands separator"


def test_the_targets_table_compares_results_with_targets(pdf: Path) -> None:
    text = " ".join(text_of(pdf))
    assert "2. Kết quả thực hiện các chỉ tiêu" in text
    assert re.search(r"15%–20% mỗi năm 17% Đạt", text)
    assert re.search(r"15% vào năm 2030 8% Chưa đạt", text)


def test_results_by_task_group_with_statuses_and_evidence(pdf: Path) -> None:
    text = " ".join(text_of(pdf))
    assert "I. KẾT QUẢ THỰC HIỆN" in text and "1. Kết quả thực hiện các nhiệm vụ" in text
    assert "Tổng số 61 phần việc: hoàn thành 9; đang thực hiện 19; chưa bắt đầu 6; chưa báo cáo 27." in text
    assert "1.1. II.1. Tăng cường lãnh đạo" in text
    assert "PGD NHCSXH Mẫu Sơn (chủ trì): đang thực hiện. Hướng dẫn người vay nộp hồ sơ" in text
    assert "minh chứng: Biên bản kiểm tra số 00/BB-PGD (ví dụ)" in text
    assert "Đảng ủy xã (phối hợp): chưa báo cáo" in text


def test_difficulties_proposals_recipients_and_signature(pdf: Path) -> None:
    pages = text_of(pdf)
    text = " ".join(pages)
    progress = DATA.progress[YEAR]
    assert "II. KHÓ KHĂN, VƯỚNG MẮC" in text and "III. ĐỀ XUẤT, KIẾN NGHỊ" in text
    for item in (*progress.difficulties, *progress.proposals):
        assert re.sub(r"\s+", " ", item.vi) in text
    assert "Nơi nhận:" in pages[-1]
    assert "- Đảng ủy xã;" in pages[-1] and "- Lưu: VT, Phòng Kinh tế." in pages[-1]
    runs = placed(PdfReader(pdf).pages[-1])
    assert find(runs, "Nơi nhận")[0] < find(runs, "TM. ỦY BAN NHÂN DÂN")[0], "recipients left, signature right"
    assert "CHỦ TỊCH" in pages[-1]


def test_a_sample_report_says_so_on_every_page(pdf: Path) -> None:
    assert DATA.progress[YEAR].sample
    for page in text_of(pdf):
        assert "VÍ DỤ MINH HỌA" in page


def test_only_the_vietnamese_serif_is_embedded(pdf: Path) -> None:
    """No letter fell back to another font, and every font is embedded."""
    names = set()
    for page in PdfReader(pdf).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object()
            assert "/FontFile2" in descendant["/FontDescriptor"], "embedded"
            names.add(str(font["/BaseFont"]).split("+")[-1])
    assert names and all(name.startswith("Report-Serif") for name in names), names


def test_the_vendored_serif_draws_the_whole_report() -> None:
    html = report_html(DATA, YEAR)
    assert missing_glyphs(html, SERIF) == ""
    assert "file:" not in html and "/usr/share/fonts" not in html  # the renderer adds the fonts, not the document


def test_a_character_the_serif_lacks_stops_the_report(project: Path, tmp_path: Path) -> None:
    path = project / f"plan_data/progress/{YEAR}.yml"
    content = yaml.safe_load(path.read_text(encoding="utf-8"))
    content["difficulties"][0]["vi"] += " ✓"
    path.write_text(yaml.safe_dump(content, allow_unicode=True), encoding="utf-8")
    with pytest.raises(DataError, match=rf"plan_data/progress/{YEAR}\.yml → x\.pdf: phông chữ Noto Serif .*✓"):
        write_report(load_site_data(project), YEAR, tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()


def test_dates_come_from_source_date_epoch_and_builds_repeat(pdf: Path, tmp_path: Path) -> None:
    info = PdfReader(pdf).metadata
    assert info["/CreationDate"].startswith("D:20251125")
    assert "năm 2026" in info["/Title"]
    again = tmp_path / "again.pdf"
    assert make_report(COMMUNE, again).returncode == 0  # no --year: the latest
    assert again.read_bytes() == pdf.read_bytes()


def test_a_real_report_has_its_number_date_and_signer_and_no_sample_mark(project: Path, tmp_path: Path) -> None:
    path = project / f"plan_data/progress/{YEAR}.yml"
    content = yaml.safe_load(path.read_text(encoding="utf-8"))
    content.update(sample=False, report={"number": "15", "date": f"{YEAR}-09-05", "signer_name": "Nguyễn Văn A"})
    path.write_text(yaml.safe_dump(content, allow_unicode=True), encoding="utf-8")
    out = write_report(load_site_data(project), YEAR, tmp_path / "real.pdf")
    pages = text_of(out)
    assert "Số: 15/BC-UBND" in pages[0]
    assert f"Thử Nghiệm, ngày 05 tháng 9 năm {YEAR}" in pages[0]
    assert "Nguyễn Văn A" in pages[-1]
    assert not any("VÍ DỤ MINH HỌA" in page for page in pages)


@pytest.mark.parametrize(
    ("when", "expected"),
    [
        (dt.date(2026, 9, 5), "Thử Nghiệm, ngày 05 tháng 9 năm 2026"),
        (dt.date(2027, 1, 15), "Thử Nghiệm, ngày 15 tháng 01 năm 2027"),
        (dt.date(2027, 2, 28), "Thử Nghiệm, ngày 28 tháng 02 năm 2027"),
        (dt.date(2027, 12, 31), "Thử Nghiệm, ngày 31 tháng 12 năm 2027"),
        (None, "Thử Nghiệm, ngày … tháng … năm 2026"),
    ],
)
def test_date_line_follows_the_decree(when: dt.date | None, expected: str) -> None:
    assert date_line("Thử Nghiệm", when, 2026) == expected


def test_an_unknown_year_is_a_clear_error(tmp_path: Path) -> None:
    result = make_report(COMMUNE, tmp_path / "x.pdf", "--year", "2019")
    assert result.returncode == 1
    assert "plan_data/progress/2019.yml" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_without_progress_files_the_report_command_says_so(project: Path, tmp_path: Path) -> None:
    (project / f"plan_data/progress/{YEAR}.yml").unlink()
    result = run_cli(project, "report")
    assert result.returncode == 1 and "No progress files" in result.stderr


def docx_text(path: Path) -> str:
    from docx import Document

    doc = Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", " ".join(parts)))


def test_an_editable_docx_is_written_beside_the_pdf(pdf: Path) -> None:
    from docx import Document
    from docx.shared import Pt

    path = pdf.with_suffix(".docx")
    doc = Document(str(path))
    section = doc.sections[0]
    mm = lambda *lengths: [length.mm for length in lengths]  # noqa: E731  (stored in twips: compare to 0.1 mm)
    assert mm(section.page_width, section.page_height) == pytest.approx([210, 297], abs=0.1)
    assert mm(section.top_margin, section.bottom_margin, section.left_margin, section.right_margin) == pytest.approx(
        [20, 20, 30, 15], abs=0.1
    )
    assert doc.styles["Normal"].font.name == "Times New Roman" and doc.styles["Normal"].font.size == Pt(14)
    assert section.different_first_page_header_footer, "no page number on page 1"
    assert "PAGE" in section.header._element.xml
    heading = [cell.text for cell in doc.tables[0].rows[0].cells]
    assert heading[0].startswith("ỦY BAN NHÂN DÂN XÃ THỬ NGHIỆM") and "Số: ……/BC-UBND" in heading[0]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in heading[1] and "Độc lập - Tự do - Hạnh phúc" in heading[1]
    text = docx_text(path)
    pdf_text = " ".join(text_of(pdf))
    for part in (
        "BÁO CÁO",
        "Dư nợ: 60.000 triệu đồng",
        "Nơi nhận:",
        "TM. ỦY BAN NHÂN DÂN",
        "VÍ DỤ MINH HỌA",
        "PGD NHCSXH Mẫu Sơn (chủ trì): đang thực hiện. Hướng dẫn người vay nộp hồ sơ",
    ):
        assert part in text and part in pdf_text, part
    assert doc.core_properties.created.year == 2025


def test_the_docx_repeats_byte_for_byte(pdf: Path, tmp_path: Path) -> None:
    from creditsite.render.print.report_docx import write_docx

    os.environ["SOURCE_DATE_EPOCH"], saved = EPOCH, os.environ.get("SOURCE_DATE_EPOCH")
    try:
        again = write_docx(DATA, YEAR, tmp_path / "again.docx")
    finally:
        if saved is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = saved
    assert again.read_bytes() == pdf.with_suffix(".docx").read_bytes()


def test_an_unchanged_report_is_copied_not_rendered_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import creditsite.render.print.pdfcache as pdfcache

    cache = tmp_path / "cache"
    first = write_report(DATA, YEAR, tmp_path / "a.pdf", cache)
    monkeypatch.setattr(pdfcache, "render", lambda *args: pytest.fail("rendered again"))
    second = write_report(DATA, YEAR, tmp_path / "b.pdf", cache)
    assert second.read_bytes() == first.read_bytes() and len(list((cache / "report").glob("*.pdf"))) == 1
