"""The personal-data guard reads text as a reader sees it: normalised, rendered, in every published file."""

from __future__ import annotations

import io
import unicodedata
from pathlib import Path

import pytest
from PIL import Image, PngImagePlugin

from conftest import COMMUNE, ROOT
from creditsite.build import PUBLIC_FIELDS
from creditsite.load import privacy

PHONE, CCCD, CMND, BANK = privacy.PHONE, privacy.CCCD, privacy.CMND, privacy.BANK


def kinds(text: str) -> list[str]:
    return [what for what, _, _ in privacy.find(text)]


@pytest.mark.parametrize(
    ("text", "what"),
    [
        # separators between digit groups
        ("Gọi 0912 345 678 để hỏi.", PHONE),
        ("SĐT: 0912.345.678", PHONE),
        ("0912-345-678", PHONE),
        ("0912/345/678", PHONE),
        ("0912  345  678", PHONE),
        ("0912 . 345 . 678", PHONE),
        ("0912 - 345 - 678", PHONE),
        ("máy bàn 0262 3812 345", PHONE),
        ("máy bàn (0262) 3812 345", PHONE),
        ("0 9 1 2 3 4 5 6 7 8", PHONE),
        # international prefixes
        ("+84 912 345 678", PHONE),
        ("+84912345678", PHONE),
        ("(+84) 912 345 678", PHONE),
        ("0084 912 345 678", PHONE),
        ("84 912 345 678", PHONE),
        ("+84-912-345-678", PHONE),
        # invisible and unusual characters
        ("0912\u00a0345\u00a0678", PHONE),  # no-break space
        ("0912\u202f345\u202f678", PHONE),  # narrow no-break space
        ("0912\u200b345\u200b678", PHONE),  # zero-width space
        ("0912\u2060345\u2060678", PHONE),  # word joiner
        ("0912\u00ad345\u00ad678", PHONE),  # soft hyphen
        ("0912\u2011345\u2011678", PHONE),  # non-breaking hyphen
        ("0912\u2013345\u2013678", PHONE),  # en dash
        ("０９１２３４５６７８", PHONE),  # full-width digits
        ("０９１２　３４５　６７８", PHONE),  # full-width digits and ideographic spaces
        ("\u0660\u0669\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668", PHONE),  # Arabic-Indic digits
        ("𝟎𝟗𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖", PHONE),  # mathematical bold digits
        ("năm 2025 0912 345 678", PHONE),  # after another number
        ("ĐT:0912345678", PHONE),
        # ID numbers
        ("CCCD 044098001234", CCCD),
        ("CCCD: 044 098 001 234", CCCD),
        ("số định danh 0440 9800 1234", CCCD),
        ("CMND: 212345678", CMND),
        ("cmnd số 212 345 678", CMND),
        ("Căn cước 212.345.678", CMND),
        # bank accounts, however the word is typed
        ("Số tài khoản: 1903 5551 2345 67", BANK),
        ("STK 19035551234567", BANK),
        ("stk: 1903-5551-2345", BANK),
        ("số TK: 1903555123", BANK),
        ("so tk 1903555123", BANK),
        (unicodedata.normalize("NFD", "Số tài khoản: 1903555123"), BANK),
        (unicodedata.normalize("NFD", "STK của chị Hà là 1903 5551 23"), BANK),
        ("Tài khoản Agribank 190355512345", BANK),
        ("account number 1903555123", BANK),
    ],
)
def test_guard_finds_personal_numbers_however_they_are_written(text: str, what: str) -> None:
    assert kinds(text)[:1] == [what], (text, list(privacy.find(text)))


@pytest.mark.parametrize(
    "text",
    [
        # amounts
        "Vay 30.000.000 đồng năm 2025.", "Vay 100.000.000 đồng.", "Vay 100000000 đồng.", "20 triệu", "100 000 000 đ",
        "1.000.000.000 đồng", "1.250.000.000", "1 234 567 890", "tài khoản 30.000.000 đồng",
        # dates and times
        "ngày 12/9/2025", "ngày 07/08/2025 10 hộ", "2025-08-07", "12-09-2025", "ngày 10/08/2025 và 09/08/2025",
        "lúc 08.30 - 10.30", "2025-03-10T09:30:00+07:00",
        # legal and document numbers
        "Quyết định 1560/QĐ-TTg", "Nghị định 28/2025/NĐ-CP", "Kế hoạch 45/KH-UBND", "số 01/2025/TT-NHNN",
        "số 123/QĐ-UBND ngày 01/02/2025", "PT-2025-01", "Mục II.6.đ", "điểm 2.3.1",
        # years, percentages, counts
        "Năm 2021-2030", "2024 2025 2026", "100 200 300",
        "(2025) 120 hộ", "(45/KH-UBND) 1560", "lãi 0,55%/tháng", "0,65%", "0,5 ha", "1.200 px",
        "Năm 2025, 120 hộ vay 30.000.000 đồng", "Số tài khoản của quỹ ghi ở trang Quỹ năm 2025",
        "https://baodantoc.vn/a-1747905782119.htm", "xmp.iid:0980117407206811822AA0D3",
    ],
)
def test_guard_keeps_amounts_dates_legal_numbers_years_and_percentages(text: str) -> None:
    assert not list(privacy.find(text)), text


def test_messages_mask_the_number() -> None:
    (problem,) = privacy.scan_text("a\nGọi 0912 345 678\n", "docs/x.md")
    assert problem.line == 2 and "09…678" in problem.message and "0912" not in problem.message


@pytest.mark.parametrize(
    "body",
    [
        "Gọi 090<b></b>1234567.",
        "Gọi 0901 **234** 567.",
        "Gọi 0901 *234* 567.",
        "Gọi `0912` 345 678.",
        "Gọi 0912<!-- ghi chú -->345678.",
        "Gọi 0912&#32;345&#x20;678.",
        "Gọi &#48;912345678.",
        "Gọi 0912\\-345\\-678.",
        "[Gọi chị B](tel:0912345678)",
        "![Nhà anh A, 0912 345 678](anh.jpg)",
        "<span title='0912 345 678'>anh A</span>",
        "Gọi 0912\n345 678.",  # one paragraph: the line break shows as a space
    ],
)
def test_pages_are_read_rendered(body: str) -> None:
    problems = privacy.scan_page(f"---\ntitle: Thử\n---\n\n# Thử\n\n{body}\n", "docs/x.md", ROOT)
    assert len(problems) == 1 and "phone number" in problems[0].message, (body, problems)
    assert problems[0].line == 7, problems[0]  # the line of the source where the number begins


def test_table_cells_are_not_one_number() -> None:
    page = "# Bảng\n\n| Năm | Hộ | Tiền |\n|---|---|---|\n| 2025 | 0912 | 345678 |\n"
    assert privacy.scan_page(page, "docs/x.md", ROOT) == []


@pytest.mark.parametrize(
    "front",
    ["title: Gọi 0912.345.678", "description: 'STK 1903555123456'", "title: '090<b></b>1234567'",
     "hide:\n  - toc\ndescription: Gọi +84 912 345 678"],
)
def test_front_matter_fields_are_read(front: str) -> None:
    problems = privacy.scan_page(f"---\n{front}\n---\n\n# Thử\n", "docs/x.md", ROOT)
    assert len(problems) == 1 and problems[0].line and problems[0].line >= 2, problems


def test_data_fields_are_read_rendered_but_public_fields_pass(tmp_path: Path) -> None:
    data = tmp_path / "fund.yml"
    data.write_text("account_number: '1903555123456'\nnote: 'Gọi 0901 **234** 567'\n", encoding="utf-8")
    problems = privacy.scan_yaml(data, "plan_data/fund.yml", {"account_number"}, ROOT)
    assert [(p.line, p.field) for p in problems] == [(2, "note")]


def jpeg(comment: bytes = b"", exif: dict[int, object] | None = None) -> bytes:
    out = io.BytesIO()
    tags = Image.Exif()
    for tag, value in (exif or {}).items():
        tags[tag] = value
    Image.new("RGB", (16, 16), "red").save(out, "JPEG", comment=comment, exif=tags)
    return out.getvalue()


def png_with_text(key: str, value: str) -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_itxt(key, value)
    out = io.BytesIO()
    Image.new("RGB", (16, 16), "red").save(out, "PNG", pnginfo=info)
    return out.getvalue()


def webp_with_xmp(text: str) -> bytes:
    xmp = (f'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF><rdf:Description><dc:description><rdf:Alt>'
           f'<rdf:li xml:lang="x-default">{text}</rdf:li></rdf:Alt></dc:description></rdf:Description></rdf:RDF>'
           "</x:xmpmeta>").encode()
    out = io.BytesIO()
    Image.new("RGB", (16, 16), "red").save(out, "WEBP", xmp=xmp)
    return out.getvalue()


@pytest.mark.parametrize(
    ("raw", "where"),
    [
        (jpeg(comment="Nhà anh A, gọi 0912 345 678".encode()), "JPEG COM"),
        (jpeg(exif={0x010E: "CCCD 044098001234"}), "EXIF ImageDescription"),
        (jpeg(exif={0x013B: "Chụp bởi 0987.654.321"}), "EXIF Artist"),
        (jpeg(exif={0x9C9C: "Gọi 0912345678".encode("utf-16-le")}), "EXIF XPComment"),
        (png_with_text("Description", "STK 1903555123456"), "Description"),
        (webp_with_xmp("SĐT 0912-345-678"), "xmp"),
    ],
)
def test_text_hidden_in_photos_is_reported(raw: bytes, where: str) -> None:
    (problem,) = privacy.scan_photo(raw, "docs/anh.jpg")
    assert problem.field == where and "never published" in problem.message and "0912" not in problem.message


def test_real_photos_and_content_pass() -> None:
    assert privacy.scan_content(COMMUNE, PUBLIC_FIELDS) == []


def test_every_published_file_is_read(project: Path) -> None:
    """A page in a sub-folder, an English page and a story photo are all scanned."""
    (project / "docs/huong-dan").mkdir()
    (project / "docs/huong-dan/goi.en.md").write_text("# Call\n\nCall 0912 345 678.\n", encoding="utf-8")
    (project / "docs/guong-dien-hinh/nuoi-bo-sinh-san-thon-hai-1.jpg").write_bytes(jpeg(b"0987 654 321"))
    problems = privacy.scan_content(project, PUBLIC_FIELDS)
    photo = "docs/guong-dien-hinh/nuoi-bo-sinh-san-thon-hai-1.jpg"
    assert {p.file for p in problems} == {"docs/huong-dan/goi.en.md", photo}


def test_files_that_may_not_be_published_are_refused_not_read(project: Path) -> None:
    (project / "docs/thong-tin.txt").write_text("0912 345 678\n", encoding="utf-8")
    (problem,) = privacy.scan_content(project, PUBLIC_FIELDS)
    assert problem.file == "docs/thong-tin.txt" and "rename it to thong-tin.md" in problem.message
