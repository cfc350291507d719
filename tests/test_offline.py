"""The offline copy: one zip that works from file://, search included."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from conftest import copy_project, run_build
from creditsite.engine.linkcheck import check_site
from creditsite.engine.offline import FOLDER, zip_site
from test_build import SITE_URL


@pytest.fixture(scope="module")
def offline(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`make offline` on a copy of the project, unzipped: the copy's folder."""
    base = tmp_path_factory.mktemp("offline")
    project = copy_project(base / "project")
    result = run_build(project, base / "site", config="mkdocs.offline.yml")
    assert result.returncode == 0, result.stderr
    archive = zip_site(base / "site", base / "site-offline.zip")
    with zipfile.ZipFile(archive) as zipped:
        names = zipped.namelist()
        assert all(name.startswith(FOLDER + "/") for name in names)
        assert not any(name.endswith(".map") for name in names)
        zipped.extractall(base / "unzipped")
    return base / "unzipped" / FOLDER


def test_copy_has_plain_file_urls_and_an_inline_folded_index(offline: Path) -> None:
    assert (offline / "index.html").is_file() and (offline / "vay-von/ho-ngheo.html").is_file()
    assert (offline / "en/index.html").is_file()
    script = (offline / "search/search_index.js").read_text(encoding="utf-8")
    assert script.startswith("var __index = ") and '"folded"' in script and '"en/' in script
    assert (offline / "DOC-TRUOC-README.txt").is_file()


def test_copy_loads_nothing_from_another_host(offline: Path) -> None:
    loads = re.compile(
        r'<(?:script|img|iframe|source)\b[^>]*\bsrc="(https?:)?//|<link\b(?![^>]*rel="(?:canonical|alternate)")[^>]*href="(https?:)?//'
    )
    offenders = [
        str(p.relative_to(offline)) for p in offline.rglob("*.html") if loads.search(p.read_text(encoding="utf-8"))
    ]
    assert not offenders, offenders[:5]
    assert not [p for p in offline.rglob("*.html") if "unpkg" in p.read_text(encoding="utf-8")]


def test_copy_has_no_broken_link(offline: Path) -> None:
    """Checked as files: no link leaves the unzipped folder or names a folder (file:// opens no index.html)."""
    problems = check_site(offline, SITE_URL, directory_urls=False)
    assert not problems, "\n".join(problems[:20])
    assert not (offline / "404.html").exists()  # only a server shows it; its links start at the server's root


@pytest.mark.parametrize(
    "page, href", [("ke-hoach/muc-tieu.html", "../lich.ics"), ("en/ke-hoach/muc-tieu.html", "../../lich.ics")]
)
def test_targets_page_links_the_calendar_inside_the_copy(offline: Path, page: str, href: str) -> None:
    """The served site's `../../lich.ics` (pages are folders there) would leave the copy by one level."""
    assert f'href="{href}"' in (offline / page).read_text(encoding="utf-8")
    assert (offline / page).parent.joinpath(href).resolve() == (offline / "lich.ics").resolve()


def test_theme_scripts_find_the_site_root_from_file_url(browser: Browser, offline: Path) -> None:
    """Material's settings live in localStorage under the site root; from file://
    its scripts (assets/javascripts/theme-inline.js) find the root by their own address."""
    context = browser.new_context()
    tab = context.new_page()
    try:
        for start in ("index.html", "vay-von/ho-ngheo.html", "en/vay-von/ho-ngheo.html"):
            tab.goto((offline / start).as_uri())
            assert tab.evaluate("__md_scope.href") == offline.as_uri() + "/", start
    finally:
        context.close()


def test_search_works_from_file_url(browser: Browser, offline: Path) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 800}, bypass_csp=True)
    tab = context.new_page()
    requests: list[str] = []
    tab.on("request", lambda request: requests.append(request.url))
    try:
        for start, query, first in (
            ("index.html", "vay von ho ngheo", "vay-von/ho-ngheo.html"),
            ("en/index.html", "poor households", None),
        ):
            tab.goto((offline / start).as_uri())
            tab.click("label[for=__search]")
            tab.locator("input.md-search__input").press_sequentially(query, delay=5)
            tab.wait_for_function("document.querySelectorAll('.md-search-result__item').length > 0", timeout=15_000)
            tab.wait_for_timeout(300)
            hrefs = tab.eval_on_selector_all(
                ".md-search-result__item > a.md-search-result__link", "els => els.map(e => e.href)"
            )
            paths = [href.removeprefix(offline.as_uri() + "/") for href in hrefs]
            if first:
                assert paths[0] == first, paths[:5]
                assert not any(p.startswith("en/") for p in paths)
            else:
                assert paths and all(p.startswith("en/") for p in paths), paths[:5]
    finally:
        context.close()
    assert requests and all(url.startswith("file://") for url in requests), [
        u for u in requests if not u.startswith("file://")
    ]
