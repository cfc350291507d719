"""WCAG 2.2 AA in a real browser: axe-core on every built page, keyboard use,
visible focus, landmarks and language attributes.

axe-core is vendored from npm (tests/vendor/axe.min.js, pinned in
vendor.lock.json) and runs in Debian's Chromium through Playwright.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from conftest import ROOT

AXE = ROOT / "tests/vendor/axe.min.js"
# WCAG 2.0–2.2, levels A and AA, plus axe's best practices (landmarks, headings…).
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]},
    "resultTypes": ["violations"],
}
PHONE = {"width": 360, "height": 800}
DESKTOP = {"width": 1280, "height": 900}


def test_vendored_files_match_their_records() -> None:
    result = subprocess.run([sys.executable, str(ROOT / "tools/vendor.py"), "--check"], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    records = {entry["path"]: entry for entry in json.loads((ROOT / "vendor.lock.json").read_text(encoding="utf-8"))}
    assert records["tests/vendor/axe.min.js"]["package"] == "axe-core"
    assert f"axe v{records['tests/vendor/axe.min.js']['version']}" in AXE.read_text(encoding="utf-8")[:200]


def page_paths(site: Path) -> list[str]:
    """Every built HTML page as a URL path: `vay-von/`, `en/`, `404.html`.
    The web editor (/admin/) is Sveltia's own app for officers, not a page of the site."""
    paths = []
    for file in sorted(site.rglob("*.html")):
        rel = file.relative_to(site).as_posix()
        if rel.startswith("admin/"):
            continue
        paths.append(rel.removesuffix("index.html"))
    return paths


def axe_violations(tab: Page, url: str) -> list[str]:
    tab.goto(url, wait_until="domcontentloaded")
    result = tab.evaluate("options => axe.run(document, options)", AXE_OPTIONS)
    return [
        f"{url}: {v['id']} ({v['impact']}) {node['target']}: {node['failureSummary'].splitlines()[-1].strip()}"
        for v in result["violations"]
        for node in v["nodes"]
    ]


def audit(browser: Browser, base: str, paths: list[str], viewport: dict[str, int]) -> list[str]:
    context = browser.new_context(viewport=viewport)
    context.add_init_script(path=str(AXE))
    # The search index plays no part in the page's accessibility; building it
    # for every page would double the time this test takes.
    context.route("**/search/search_index.json", lambda route: route.abort())
    tab = context.new_page()
    try:
        return [problem for path in paths for problem in axe_violations(tab, base + path)]
    finally:
        context.close()


def test_axe_finds_no_violation_on_any_page_at_phone_width(browser: Browser, site: Path, site_url: str) -> None:
    paths = page_paths(site)
    assert len(paths) > 50 and "en/" in paths and "404.html" in paths
    problems = audit(browser, site_url, paths, PHONE)
    assert not problems, "\n".join(problems[:20])


def test_axe_finds_no_violation_on_desktop(browser: Browser, site_url: str) -> None:
    """The wide layout shows sidebars and a table of contents: check each kind of page."""
    paths = [
        "",
        "vay-von/",
        "vay-von/ho-ngheo/",
        "ke-hoach/",
        "quy-vi-nguoi-ngheo/",
        "guong-dien-hinh/",
        "en/",
        "en/vay-von/cach-vay/",
    ]
    problems = audit(browser, site_url, paths, DESKTOP)
    assert not problems, "\n".join(problems[:20])


def focus_ring(tab: Page) -> dict[str, object]:
    return tab.evaluate("""() => {
        const el = document.activeElement, style = getComputedStyle(el), box = el.getBoundingClientRect();
        return {tag: el.tagName, text: (el.textContent || '').trim().slice(0, 40),
                outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
                shadow: style.boxShadow !== 'none', visible: box.width > 0 && box.height > 0};
    }""")


def test_keyboard_reaches_skip_link_and_every_focus_is_visible(tab: Page, site_url: str) -> None:
    tab.goto(site_url + "vay-von/ho-ngheo/")
    tab.keyboard.press("Tab")
    first = focus_ring(tab)
    assert first["tag"] == "A" and first["text"] == "Bỏ qua", first  # skip to content
    for _ in range(15):
        ring = focus_ring(tab)
        assert ring["visible"] and (ring["outline"] or ring["shadow"]), ring
        tab.keyboard.press("Tab")


def test_skip_link_moves_focus_to_the_content(tab: Page, site_url: str) -> None:
    tab.goto(site_url)
    tab.keyboard.press("Tab")
    tab.keyboard.press("Enter")
    assert tab.evaluate("location.hash") == "#" + tab.evaluate(
        "document.querySelector('.md-content h1, .md-content [id]').id"
    )


def test_search_opens_from_the_keyboard(tab: Page, site_url: str) -> None:
    tab.goto(site_url)
    tab.keyboard.press("/")
    assert tab.evaluate("document.activeElement.matches('input.md-search__input')")


def test_landmarks_and_language(tab: Page, site_url: str) -> None:
    for url, lang in ((site_url, "vi"), (site_url + "en/", "en")):
        tab.goto(url)
        assert tab.evaluate("document.documentElement.lang") == lang
        assert tab.locator("header").count() == 1 and tab.locator("main").count() == 1
        assert tab.locator("footer").count() == 1
        assert tab.locator("nav[aria-label]").count() >= 2


@pytest.mark.parametrize("path", ["", "vay-von/", "en/"])
def test_tap_targets_are_at_least_24_px(tab: Page, site_url: str, path: str) -> None:
    """WCAG 2.5.8: links and buttons outside running text are at least 24×24 px."""
    tab.goto(site_url + path)
    small = tab.evaluate("""() => [...document.querySelectorAll('a[href], button, label[for], input, summary')]
        .filter(el => el.offsetParent !== null && !el.closest('p, li, td, dd, .md-typeset table'))
        .filter(el => { const s = getComputedStyle(el);
                        return s.visibility !== 'hidden' && s.opacity !== '0' && s.pointerEvents !== 'none'; })
        .map(el => [el, el.getBoundingClientRect()])
        .filter(([el, r]) => r.width > 0 && (r.width < 24 || r.height < 24))
        .map(([el, r]) => el.outerHTML.slice(0, 80) + ` ${r.width}x${r.height}`)""")
    assert not small, small


def test_images_icons_and_charts_have_text_or_are_hidden(site: Path) -> None:
    """Every picture in the content says what it shows, or is marked as decoration."""
    from conftest import html

    problems = []
    for file in site.rglob("*.html"):
        content = html(file).select_one(".md-content")
        if content is None:
            continue
        for img in content.find_all("img"):
            if img.get("alt") is None:
                problems.append(f"{file.relative_to(site)}: <img src={img.get('src')}> without alt")
        for svg in content.find_all("svg"):
            hidden = any(el.get("aria-hidden") == "true" for el in [svg, *svg.parents] if hasattr(el, "get"))
            named = svg.get("aria-label") or svg.get("aria-labelledby") or svg.find("title")
            if not hidden and not (svg.get("role") == "img" and named):
                problems.append(f"{file.relative_to(site)}: <svg> with neither a name nor aria-hidden")
    assert not problems, problems[:10]
