"""Nothing is requested from another host: no CDN, no web fonts, no trackers."""

from __future__ import annotations

from urllib.parse import urlsplit

from playwright.sync_api import Browser

PAGES = ["", "vay-von/", "vay-von/ho-ngheo/", "ke-hoach/", "quy-vi-nguoi-ngheo/", "guong-dien-hinh/",
         "en/", "en/vay-von/ho-ngheo/", "404.html"]


def test_pages_request_only_their_own_host(browser: Browser, site_url: str) -> None:
    own = urlsplit(site_url).netloc
    context = browser.new_context(viewport={"width": 360, "height": 800})
    tab = context.new_page()
    requests: list[str] = []
    tab.on("request", lambda request: requests.append(request.url))
    try:
        for path in PAGES:
            tab.goto(site_url + path, wait_until="networkidle")
            tab.click("label[for=__search]")  # search loads its worker, index and language files
            tab.locator("input.md-search__input").press_sequentially("vay", delay=5)
            tab.wait_for_timeout(200)
    finally:
        context.close()
    foreign = [url for url in requests if not url.startswith("data:") and urlsplit(url).netloc != own]
    assert len(requests) > len(PAGES) and not foreign, foreign[:5]
    assert any(url.endswith("search_index.json") for url in requests)
