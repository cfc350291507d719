"""Link previews and discovery: Open Graph/Twitter tags, cards, robots, 404."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from conftest import html, page
from creditsite.engine.preview import Card, page_kind, render, robots_txt
from test_build import SITE_URL

LOCALES = {"vi": "vi_VN", "en": "en_US"}


@pytest.mark.parametrize(
    ("url", "lang", "kind"),
    [
        ("", "vi", "home"),
        ("en/", "en", "home"),
        ("vay-von/ho-ngheo/", "vi", "vay-von"),
        ("en/ke-hoach/don-vi/x/", "en", "ke-hoach"),
        ("guong-dien-hinh/index.html", "vi", "guong-dien-hinh"),
        ("index.html", "vi", "home"),
        ("en/index.html", "en", "home"),
    ],
)
def test_page_kind(url: str, lang: str, kind: str) -> None:
    assert page_kind(url, lang) == kind


def test_card_is_a_small_1200_by_630_png() -> None:
    data = render(
        Card("Tín dụng chính sách xã Xốp", "Quỹ “Vì người nghèo” giúp hộ nghèo làm nhà và làm ăn " * 3, "example.org")
    )
    image = Image.open(io.BytesIO(data))
    assert image.format == "PNG" and image.size == (1200, 630)
    assert len(data) < 100_000


def built_pages(site: Path) -> list[Path]:
    return [p for p in site.rglob("*.html") if p.name != "404.html" and "admin" not in p.relative_to(site).parts]


def test_every_page_has_absolute_open_graph_and_twitter_tags(site: Path) -> None:
    problems: list[str] = []
    kinds: dict[str, set[str]] = {"vi": set(), "en": set()}
    for file in built_pages(site):
        doc = html(file)
        lang = doc.html["lang"]
        meta = {m.get("property") or m.get("name"): m["content"] for m in doc.find_all("meta") if m.get("content")}
        canonical = doc.select_one('link[rel="canonical"]')["href"]
        where = file.relative_to(site)
        for key in (
            "og:title",
            "og:description",
            "og:site_name",
            "twitter:title",
            "twitter:description",
            "og:image:alt",
        ):
            if not meta.get(key, "").strip():
                problems.append(f"{where}: no {key}")
        if meta.get("og:url") != canonical or not canonical.startswith(SITE_URL):
            problems.append(f"{where}: og:url {meta.get('og:url')} vs canonical {canonical}")
        if meta.get("og:locale") != LOCALES[lang]:
            problems.append(f"{where}: og:locale {meta.get('og:locale')} for lang {lang}")
        image = meta.get("og:image", "")
        if (
            not image.startswith(SITE_URL)
            or meta.get("twitter:image") != image
            or meta.get("twitter:card") != "summary_large_image"
        ):
            problems.append(f"{where}: image tags {image!r}")
            continue
        card = site / image.removeprefix(SITE_URL)
        if not card.is_file():
            problems.append(f"{where}: missing {card.relative_to(site)}")
            continue
        kinds[lang].add(image)
    assert not problems, problems[:10]
    assert len(kinds["vi"]) >= 5 and len(kinds["en"]) == len(kinds["vi"])


def test_cards_are_1200_by_630_and_small(site: Path) -> None:
    cards = sorted((site / "assets/social").rglob("*.png"))
    assert len(cards) >= 10
    for card in cards:
        with Image.open(card) as image:
            assert image.size == (1200, 630), card
        assert card.stat().st_size <= 100_000, card


def test_pages_point_to_their_section_card(site: Path) -> None:
    def image(path: str) -> str:
        return page(site, path).select_one('meta[property="og:image"]')["content"]

    assert image("/") == SITE_URL + "assets/social/vi/home.png"
    assert image("/vay-von/ho-ngheo/") == SITE_URL + "assets/social/vi/vay-von.png"
    assert image("/en/ke-hoach/muc-tieu/") == SITE_URL + "assets/social/en/ke-hoach.png"


def test_robots_and_sitemap(site: Path) -> None:
    assert (site / "robots.txt").read_text(encoding="utf-8") == robots_txt(SITE_URL)
    assert f"Sitemap: {SITE_URL}sitemap.xml" in robots_txt(SITE_URL)
    assert f"<loc>{SITE_URL}</loc>" in (site / "sitemap.xml").read_text(encoding="utf-8")


def test_not_found_page_is_in_vietnamese_first(site: Path) -> None:
    doc = html(site / "404.html")
    assert doc.html["lang"] == "vi"
    assert doc.find("h1").get_text(strip=True) == "Không tìm thấy trang"
    assert doc.select_one("article a")["href"] == "/"
    assert doc.select_one('article [lang="en"] h2').get_text(strip=True) == "Page not found"
