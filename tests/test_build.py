"""The built site, in both languages, as a browser and a crawler see it."""

import json
import re
from pathlib import Path
from urllib.parse import urljoin

import pytest

from conftest import COMMUNE, html, page
from creditsite.load.site import load_site_data

DATA = load_site_data(COMMUNE)
SITE_URL = DATA.commune.site.url
PAGES = [
    "/", "/vay-von/", "/quy-vi-nguoi-ngheo/", "/guong-dien-hinh/",
    "/ke-hoach/", "/ke-hoach/muc-tieu/", "/ke-hoach/don-vi/",
    *[f"/ke-hoach/don-vi/{u.id}/" for u in DATA.units.units],
]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_exists_in_both_languages_with_its_lang(site: Path, path: str) -> None:
    assert page(site, path).html["lang"] == "vi"
    assert page(site, "/en" + path).html["lang"] == "en"


@pytest.mark.parametrize("path", ["/", "/ke-hoach/", "/ke-hoach/don-vi/phong-kinh-te/"])
def test_language_switcher_goes_to_the_same_page(site: Path, path: str) -> None:
    for here, there, lang in ((path, "/en" + path, "en"), ("/en" + path, path, "vi")):
        doc = page(site, here)
        link = doc.select_one(f'.md-select a[hreflang="{lang}"]')
        assert link is not None, f"no {lang} switcher link on {here}"
        assert urljoin(f"http://h{here}", link["href"]) == f"http://h{there}"


def test_sitemap_lists_generated_pages_with_alternates(site: Path) -> None:
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    for path in PAGES:
        vi, en = SITE_URL + path.lstrip("/"), SITE_URL + "en/" + path.lstrip("/")
        assert f"<loc>{vi}</loc>" in sitemap
        assert f'hreflang="en" href="{en}"' in sitemap


def test_search_indexes_generated_pages_in_both_languages(site: Path) -> None:
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"] for doc in index["docs"]}
    assert "ke-hoach/don-vi/phong-kinh-te/" in locations
    assert "en/ke-hoach/don-vi/phong-kinh-te/" in locations
    assert any("Phòng Kinh tế" in doc["title"] for doc in index["docs"])


def test_plan_page_has_stable_anchors_and_unit_links(site: Path) -> None:
    doc = page(site, "/ke-hoach/")
    for anchor in DATA.plan.anchors():
        assert doc.find(id=anchor) is not None, anchor
    item = doc.find(id="nhiem-vu-1-b")
    roles = item.find_next_sibling("p")
    assert "Chủ trì:" in roles.get_text() and roles.find("a", href="don-vi/phong-kinh-te/")


def test_english_plan_is_a_translation_with_the_same_anchors(site: Path) -> None:
    doc = page(site, "/en/ke-hoach/")
    assert doc.find(id="nhiem-vu-6-dd") is not None
    assert "Simplify loan procedures" in doc.find(id="nhiem-vu-6-dd").get_text()


def test_unknown_facts_show_as_to_be_confirmed(site: Path) -> None:
    text = page(site, "/").get_text(" ")
    assert "Ngày giao dịch trong tháng: chưa xác nhận" in re.sub(r"\s+", " ", text)
    assert "Day of the month: to be confirmed" in re.sub(r"\s+", " ", page(site, "/en/").get_text(" "))


def test_open_data_plan_json(site: Path) -> None:
    data = json.loads((site / "data/plan.json").read_text(encoding="utf-8"))
    assert data["plan"]["sections"][1]["groups"][5]["items"][4]["letter"] == "đ"
    assert len(data["tasks"]) == len(list(DATA.plan.tasks()))
    assert data["tasks"][0]["url"]["en"] == SITE_URL + "en/ke-hoach/#nhiem-vu-1-a"
    assert not (site / "en/data/plan.json").exists()


def test_no_request_leaves_the_site(site: Path) -> None:
    """Pages load nothing from another host: no CDN, no web fonts."""
    external = re.compile(r"^(https?:)?//")
    offenders = []
    for file in site.rglob("*.html"):
        doc = html(file)
        for tag, attr in (("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src"), ("source", "src")):
            for el in doc.find_all(tag):
                url = el.get(attr, "")
                rel = el.get("rel") or []
                if tag == "link" and ({"alternate", "canonical"} & set(rel)):
                    continue  # links to our own pages, not requests
                if external.match(url) and not url.startswith(SITE_URL):
                    offenders.append(f"{file.relative_to(site)}: {url}")
    for css in site.rglob("*.css"):
        offenders += [f"{css.name}: {u}" for u in re.findall(r"url\((['\"]?)(https?:[^)'\"]+)", css.read_text())]
    assert not offenders, offenders[:5]


def test_canonical_urls_use_the_site_address(site: Path) -> None:
    assert page(site, "/en/ke-hoach/").select_one('link[rel="canonical"]')["href"] == SITE_URL + "en/ke-hoach/"
