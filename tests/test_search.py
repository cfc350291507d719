"""Search forgives missing diacritics and stays in the reader's language."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
from playwright.sync_api import Page

from creditsite.engine.search import fold, fold_entry, fold_site_index, folded_words


def test_fold_strips_tones_and_marks_and_d_bar() -> None:
    assert (
        fold("Vay vốn hộ nghèo, Đăk Glei, Quỹ “Vì người nghèo”") == "Vay von ho ngheo, Dak Glei, Quy “Vi nguoi ngheo”"
    )
    assert fold(unicodedata.normalize("NFD", "nghèo")) == "ngheo"


def test_folded_words_keep_only_changed_words_with_repeats() -> None:
    assert folded_words("Cho vay hộ nghèo và hộ cận nghèo") == "ho ngheo va ho can ngheo"
    assert folded_words("Loans for poor households") == ""


def test_entry_is_nfc_and_gets_folded_title_and_text_without_markup() -> None:
    nfd = unicodedata.normalize("NFD", "Cho vay hộ nghèo")
    doc = fold_entry({"location": "x/", "title": nfd, "text": "<p>Vay <b>vốn</b> &amp; lãi</p>"})
    assert doc["title"] == unicodedata.normalize("NFC", nfd)
    assert doc["folded_title"] == "ho ngheo"
    assert doc["folded"] == "von lai"
    english = fold_entry({"location": "en/", "title": "Loans", "text": "<p>Poor households</p>"})
    assert "folded" not in english and "folded_title" not in english


def test_fold_site_index_rewrites_json_and_offline_script(tmp_path: Path) -> None:
    search = tmp_path / "search"
    search.mkdir()
    index = {"config": {"lang": ["vi"]}, "docs": [{"location": "", "title": "Quỹ", "text": "nghèo"}]}
    (search / "search_index.json").write_text(json.dumps(index), encoding="utf-8")
    (search / "search_index.js").write_text("var __index = {}", encoding="utf-8")
    assert fold_site_index(tmp_path)
    folded = json.loads((search / "search_index.json").read_text(encoding="utf-8"))
    assert folded["docs"][0]["folded"] == "ngheo"
    script = (search / "search_index.js").read_text(encoding="utf-8")
    assert script.startswith("var __index = ") and json.loads(script[len("var __index = ") :]) == folded
    assert not fold_site_index(tmp_path / "nothing-here")


def test_built_index_declares_and_fills_folded_fields_once(site: Path) -> None:
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    assert {"folded", "folded_title"} <= set(index["config"]["fields"])
    loan = next(doc for doc in index["docs"] if doc["location"] == "vay-von/ho-ngheo/")
    assert "ho ngheo" in loan["folded_title"]
    assert "ngheo" in loan["folded"].split()
    # folded once, after static-i18n merged the languages: no folded text folded again
    assert all(not doc.get("folded", "").count("  ") for doc in index["docs"])
    assert sum(doc["location"] == "vay-von/ho-ngheo/" for doc in index["docs"]) == 1


def search(tab: Page, url: str, query: str) -> list[str]:
    """Type `query` into the site's search box; the result paths, best first."""
    tab.goto(url)
    tab.click("label[for=__search]")
    tab.locator("input.md-search__input").press_sequentially(query, delay=5)
    tab.wait_for_function("document.querySelectorAll('.md-search-result__item').length > 0", timeout=10_000)
    tab.wait_for_timeout(300)  # let the last keystroke's results replace earlier ones
    hrefs = tab.eval_on_selector_all(
        ".md-search-result__item > a.md-search-result__link", "els => els.map(e => e.href)"
    )
    return ["/" + href.split("/", 3)[3] for href in hrefs]


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("vay von ho ngheo", "/vay-von/ho-ngheo/"),
        ("vay vốn hộ nghèo", "/vay-von/ho-ngheo/"),
        ("quy vi nguoi ngheo", "/quy-vi-nguoi-ngheo/"),
        (unicodedata.normalize("NFD", "vay vốn hộ nghèo"), "/vay-von/ho-ngheo/"),  # decomposed input
    ],
)
def test_vietnamese_search_forgives_missing_or_decomposed_diacritics(
    tab: Page, site_url: str, query: str, first: str
) -> None:
    results = search(tab, site_url, query)
    assert results[0] == first, results[:5]
    assert all(not path.startswith("/en/") for path in results)


def test_unaccented_single_word_finds_the_loan_page_and_the_fund(tab: Page, site_url: str) -> None:
    """One word matches many pages; the two main answers are near the top."""
    top = search(tab, site_url, "ngheo")[:5]
    assert "/vay-von/ho-ngheo/" in top and "/quy-vi-nguoi-ngheo/" in top, top


def test_english_site_shows_english_pages_only(tab: Page, site_url: str) -> None:
    results = search(tab, site_url + "en/", "poor household loan")
    assert results and all(path.startswith("/en/") for path in results), results
    assert "/en/vay-von/ho-ngheo/" in results[:5]
