"""Markup typed into any text field shows as text, everywhere on the page.

Every text an officer or the web editor can set gets the same payloads
(script tags, an image with a handler, a </title> breakout, quotes, `&`,
Jinja-looking text where the field allows it); the site is built and its
pages are checked as HTML and in Chromium, with the Content-Security-Policy
enforced and, separately, bypassed (so escaping alone is tested too).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import copy_project, html, page, run_build, serve

STORY = "nuoi-bo-sinh-san-thon-hai"
PAGE = "thu-nghiem"  # a hand-written section page, so it is in the menu
# Payload classes; each field gets all of them, tagged with the field's name.
# `window.__pwned` is set by any payload that runs; `cs-injected` marks any
# element a payload would add.
MARKUP = (
    '"><script class="cs-injected">window.__pwned="{f}"</script>'
    " <img class=cs-injected src=x onerror=\"window.__pwned='{f}'\">"
    ' </title><script class="cs-injected">window.__pwned="{f}"</script>'
    " ' onfocus='window.__pwned=1' x=' <svg class=cs-injected onload=window.__pwned=1>"
)
QUOTES = 'Quỹ "Vì người nghèo" & Tổ TK&VV &amp; &lt;b&gt;'
JINJA = "{{ config.site_name }} {% if true %}x{% endif %}"


def hostile(field: str, jinja: bool = True) -> str:
    """The text of a field full of payloads. Fields whose `{{ }}` are
    placeholders (answers, hand-written pages) get no Jinja-looking text."""
    return f"[{field}] {MARKUP.format(f=field)} {QUOTES}" + (f" {JINJA}" if jinja else "")


# In Markdown bodies, raw HTML is allowed and sanitised: scripts and handlers
# go, harmless tags stay. Headings there are text with Markdown escapes.
BODY = '<script class="cs-injected">window.__pwned="body"</script>\n\n<img src=x onerror="window.__pwned=\'body\'">\n'
HEADING = 'Mục &lt;script&gt; &lt;img src=x onerror=alert(1)&gt; & "trích" Tổ TK&amp;VV {{ x }}'
HEADING_TEXT = 'Mục <script> <img src=x onerror=alert(1)> & "trích" Tổ TK&VV {{ x }}'
# Hand-written pages are filled with data first and refuse anything but a data
# name between `{{ }}`: there literal braces are written as HTML entities.
FILLED_HEADING = HEADING.replace("{{ x }}", "&#123;&#123; x &#125;&#125;")
# Raw tags in a heading: the page keeps the text, MkDocs' title and TOC strip
# the tags; `<scr<b>ipt>` is what a naive tag stripper turns into `<script>`.
RAW_HEADINGS = (
    '## Thô <img src=x onerror="window.__pwned=1"> <b>đậm</b>\n\n'
    "## Lách <scr<b>ipt>window.__pwned=1</scr</b>ipt>\n\n"
)


def _edit_yaml(path: Path, change: Callable[[Any], None]) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _local(field: str, jinja: bool = True) -> dict[str, str]:
    return {"vi": hostile(field + ".vi", jinja), "en": hostile(field + ".en", jinja)}


def _front(path: Path, change: Callable[[dict], None], body: str | None = None) -> None:
    _, head, rest = path.read_text(encoding="utf-8").split("---\n", 2)
    meta = yaml.safe_load(head)
    change(meta)
    dumped = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
    path.write_text(f"---\n{dumped}---\n{rest if body is None else body}", encoding="utf-8")


def _commune(d: dict) -> None:
    d["name"] = _local("commune.name")
    d["site"]["name"] = _local("site.name")
    d["site"]["description"] = _local("site.description")
    for village in d["villages"]:
        village["name"] = hostile(f"village.{village['id']}")


def _fund(d: dict) -> None:
    for key in ("name", "what", "board", "donate_in_person"):
        d[key] = _local(f"fund.{key}")


def _ledger(d: dict) -> None:
    d["receipts"][0]["donor"] = _local("ledger.donor")
    d["spending"][0]["purpose"] = _local("ledger.purpose")


def _unit(d: dict) -> None:
    for key in ("name", "short", "description"):
        d["units"][0][key] = _local(f"unit.{key}")


def _program(d: dict) -> None:
    d["name"], d["summary"] = _local("program.name"), _local("program.summary")


def _faq(d: dict) -> None:
    d["items"][0]["question"] = _local("faq.question")
    d["items"][0]["answer"] = _local("faq.answer", jinja=False)  # its {{ }} are placeholders


def _glossary(d: dict) -> None:
    d["terms"][0]["term"], d["terms"][0]["definition"] = _local("glossary.term"), _local("glossary.definition")


def _story(m: dict) -> None:
    for key in ("title", "summary", "before", "after"):
        m[key] = hostile(f"story.{key}")
    m["photos"][0]["alt"], m["photos"][0]["alt_en"] = hostile("photo.alt"), hostile("photo.alt_en")
    m["photos"][0]["caption"] = _local("photo.caption")


def _story_en(m: dict) -> None:
    for key in ("title", "summary", "before", "after"):
        m[key] = hostile(f"story_en.{key}")


def _page(lang: str) -> str:
    """A hand-written page: front matter, headings and body with payloads.
    The whole file is rendered with the data, so `{{ }}` must be a real
    placeholder here: the commune's (hostile) name."""
    meta = {
        "title": hostile(f"page.title.{lang}", jinja=False),
        "description": hostile(f"page.description.{lang}", jinja=False),
    }
    return (
        f"---\n{yaml.safe_dump(meta, allow_unicode=True)}---\n\n# Trang thử {{{{ commune.name }}}}\n\n"
        f"## {FILLED_HEADING}\n\n{BODY}\n### {FILLED_HEADING} 2\n\nVăn bản.\n\n{RAW_HEADINGS}"
    )


def inject(project: Path) -> None:
    data = project / "plan_data"
    _edit_yaml(data / "commune.yml", _commune)
    _edit_yaml(data / "fund.yml", _fund)
    _edit_yaml(data / "fund/2025.yml", _ledger)
    _edit_yaml(data / "units.yml", _unit)
    _edit_yaml(data / "programs/ho-ngheo.yml", _program)
    _edit_yaml(data / "faq.yml", _faq)
    _edit_yaml(data / "glossary.yml", _glossary)
    stories = project / "docs/guong-dien-hinh"
    _front(stories / f"{STORY}.md", _story, body=f"## {HEADING}\n\n{BODY}")
    _front(stories / f"{STORY}.en.md", _story_en, body=f"## {HEADING}\n\n{BODY}")
    (project / f"docs/{PAGE}").mkdir()
    (project / f"docs/{PAGE}/index.md").write_text(_page("vi"), encoding="utf-8")
    (project / f"docs/{PAGE}/index.en.md").write_text(_page("en"), encoding="utf-8")
    home = project / "docs/index.md"
    home.write_text(home.read_text(encoding="utf-8") + f"\n## {FILLED_HEADING}\n\nVăn bản.\n", encoding="utf-8")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("hostile")
    project = copy_project(base / "project")
    inject(project)
    out = base / "site"
    result = run_build(project, out)
    assert result.returncode == 0, result.stderr[-3000:]
    return out


@pytest.fixture(scope="module")
def hostile_url(hostile_site: Path) -> Iterator[str]:
    server, url = serve(hostile_site)
    yield url
    server.shutdown()


def _pages(site: Path) -> list[Path]:
    return [p for p in site.rglob("*.html") if "admin" not in p.relative_to(site).parts]


def _meta(soup: BeautifulSoup, **attrs: str) -> str:
    tag = soup.find("meta", attrs=attrs)
    assert tag is not None, attrs
    return str(tag["content"])


def test_no_page_holds_an_injected_element_or_handler(hostile_site: Path) -> None:
    pages = _pages(hostile_site)
    assert len(pages) > 50  # every page of the fixture commune, both languages
    for file in pages:
        soup = html(file)
        where = file.relative_to(hostile_site).as_posix()
        assert not soup.select(".cs-injected"), where
        assert not [t.name for t in soup.find_all(True) if any(a.lower().startswith("on") for a in t.attrs)], where
        inline = [s for s in soup.find_all("script") if not s.get("src") and s.get("type") != "application/json"]
        assert not inline, (where, inline[:1])
        assert len(soup.find_all("head")) == 1 and len(soup.head.find_all("title")) == 1, where


def test_titles_and_descriptions_carry_the_whole_text(hostile_site: Path) -> None:
    """<title>, description, Open Graph and Twitter tags hold exactly what
    was typed, quotes, `&` and markup included."""
    site = hostile("site.name.vi")
    cases = {
        f"/guong-dien-hinh/{STORY}/": (hostile("story.title"), hostile("story.summary")),
        f"/en/guong-dien-hinh/{STORY}/": (hostile("story_en.title"), hostile("story_en.summary")),
        "/vay-von/ho-ngheo/": (hostile("program.name.vi"), hostile("program.summary.vi")),
        "/en/vay-von/ho-ngheo/": (hostile("program.name.en"), hostile("program.summary.en")),
        "/ke-hoach/don-vi/ubnd-xa/": (hostile("unit.name.vi"), hostile("unit.description.vi")),
        "/quy-vi-nguoi-ngheo/": (hostile("fund.name.vi"), hostile("fund.what.vi")),
        f"/{PAGE}/": (hostile("page.title.vi", jinja=False), hostile("page.description.vi", jinja=False)),
        f"/en/{PAGE}/": (hostile("page.title.en", jinja=False), hostile("page.description.en", jinja=False)),
    }
    for path, (title, description) in cases.items():
        soup = page(hostile_site, path)
        site_name = hostile("site.name.en") if path.startswith("/en/") else site
        assert soup.title.string.strip() == f"{title} - {site_name}", path
        assert _meta(soup, name="description") == description, path
        assert _meta(soup, property="og:title") == title and _meta(soup, name="twitter:title") == title, path
        assert _meta(soup, property="og:description") == description, path
        assert _meta(soup, name="twitter:description") == description, path
        assert _meta(soup, property="og:site_name") == site_name, path
    home = page(hostile_site, "/")
    assert home.title.string.strip() == f"Trang chủ - {site}"  # docs/index.md sets its title
    assert _meta(home, name="description") == hostile("site.description.vi")


def test_the_fund_name_keeps_its_quotes_in_link_previews(site: Path) -> None:
    """The real data: `Quỹ "Vì người nghèo"` once cut og:title short."""
    soup = page(site, "/quy-vi-nguoi-ngheo/")
    assert _meta(soup, property="og:title") == 'Quỹ "Vì người nghèo" xã Thử Nghiệm'
    assert _meta(soup, name="twitter:title") == 'Quỹ "Vì người nghèo" xã Thử Nghiệm'
    home = page(site, "/")
    assert _meta(home, property="og:description").startswith('Vay vốn chính sách, Quỹ "Vì người nghèo" và')
    assert _meta(page(site, "/en/"), name="twitter:description").startswith('Policy loans, the "For the Poor" Fund and')


BROWSED = {
    "": [hostile("site.name.vi"), HEADING_TEXT],
    f"{PAGE}/": [hostile("page.title.vi", jinja=False), HEADING_TEXT, f"{HEADING_TEXT} 2"],
    f"en/{PAGE}/": [hostile("page.title.en", jinja=False), HEADING_TEXT],
    "vay-von/": [hostile("program.name.vi")],
    "vay-von/ho-ngheo/": [hostile("program.name.vi"), hostile("program.summary.vi")],
    "en/vay-von/ho-ngheo/": [hostile("program.name.en")],
    "vay-von/hoi-dap/": [hostile("faq.question.vi"), hostile("faq.answer.vi", jinja=False)],
    "vay-von/thuat-ngu/": [hostile("glossary.term.vi"), hostile("glossary.definition.vi")],
    "ke-hoach/don-vi/": [hostile("unit.name.vi")],
    "ke-hoach/don-vi/ubnd-xa/": [hostile("unit.name.vi"), hostile("unit.description.vi")],
    "guong-dien-hinh/": [hostile("story.title"), hostile("story.summary")],
    f"guong-dien-hinh/{STORY}/": [
        hostile("story.title"), hostile("story.before"), hostile("photo.caption.vi"), HEADING_TEXT,
    ],
    f"en/guong-dien-hinh/{STORY}/": [hostile("story_en.title"), hostile("story_en.after"), HEADING_TEXT],
    "guong-dien-hinh/thon/thon-hai/": [hostile("village.thon-hai")],
    "quy-vi-nguoi-ngheo/": [hostile("fund.name.vi"), hostile("fund.board.vi"), hostile("fund.donate_in_person.vi")],
    "quy-vi-nguoi-ngheo/2025/": [hostile("ledger.donor.vi"), hostile("ledger.purpose.vi")],
    "en/quy-vi-nguoi-ngheo/2025/": [hostile("ledger.donor.en")],
    "404.html": [hostile("site.name.vi")],
}
# Seen by the reader: where each kind of text must show literally.
_SEEN = """() => {
  const text = (selector) => document.querySelector(selector)?.textContent.replace(/\\s+/g, ' ') ?? '';
  const meta = (selector) => document.querySelector(selector)?.content ?? '';
  return {
    title: document.title,
    description: meta('meta[name=description]'),
    ogTitle: meta('meta[property="og:title"]'),
    header: text('.md-header__title'),
    menu: text('.md-nav--primary'),
    toc: text('.md-nav--secondary'),
    article: text('article'),
    injected: document.querySelectorAll('.cs-injected').length,
    handlers: [...document.querySelectorAll('*')].filter(e => [...e.attributes].some(a => /^on/i.test(a.name))).length,
    pwned: window.__pwned ?? null,
    theme: typeof window.__md_get === 'function' && typeof window.__md_scope === 'object',
  };
}"""


@pytest.mark.parametrize("bypass_csp", [False, True], ids=["policy-enforced", "policy-bypassed"])
def test_in_the_browser_no_payload_runs_and_every_text_shows_as_typed(
    hostile_url: str, browser, bypass_csp: bool
) -> None:
    """With the policy bypassed, escaping alone must keep every payload inert;
    with it enforced, the site's own scripts must still run without a single
    violation (an injected inline script would be reported as one)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=bypass_csp)
    tab = context.new_page()
    messages: list[str] = []
    tab.on("console", lambda msg: messages.append(msg.text))
    tab.on("pageerror", lambda exc: messages.append(f"error: {exc}"))
    for path, texts in BROWSED.items():
        tab.goto(hostile_url + path)
        tab.wait_for_load_state("networkidle")
        seen = tab.evaluate(_SEEN)  # through DevTools, which the page's policy does not govern
        assert seen["pwned"] is None and seen["injected"] == 0 and seen["handlers"] == 0, (path, seen)
        assert seen["theme"], (path, "Material's scripts did not run")
        shown = " ".join(str(v) for v in seen.values())
        for text in texts:
            assert text in shown, (path, text)
    context.close()
    assert not [m for m in messages if "Content Security Policy" in m or m.startswith("error:")], messages[:3]


def test_menu_toc_and_head_show_the_text_literally(hostile_url: str, browser) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.goto(hostile_url + f"{PAGE}/")
    seen = tab.evaluate(_SEEN)
    title = hostile("page.title.vi", jinja=False)
    assert seen["title"] == f"{title} - {hostile('site.name.vi')}"
    assert seen["description"] == hostile("page.description.vi", jinja=False) and seen["ogTitle"] == title
    assert title in seen["menu"] and hostile("site.name.vi") in seen["header"]
    assert HEADING_TEXT in seen["toc"] and f"{HEADING_TEXT} 2" in seen["toc"]
    tab.goto(hostile_url + "vay-von/ho-ngheo/")
    assert hostile("program.name.vi") in tab.evaluate(_SEEN)["menu"]
    tab.goto(hostile_url + "vay-von/hoi-dap/")
    assert hostile("faq.question.vi") in tab.evaluate(_SEEN)["toc"]
    context.close()


# The generator writes front matter for every data page, and hand-written pages
# fill placeholders from data: neither may turn a value into markup or keys.

FRONT_MATTER_VALUES = [
    "a\n---\ntemplate: redirect.html\n---\nb",
    "a\n\n...\nhide: [toc]",
    "a\r\n---\r\nsearch: {exclude: true}",
    "a\u2028---\u2028template: x.html",
    '"><script>x</script>: y',
    "&amp; {{ config }} {% raw %}",
    "---",
    "- a",
    "#x",
    "| > ' \"",
]


@pytest.mark.parametrize("value", FRONT_MATTER_VALUES)
def test_generated_front_matter_keeps_a_title_one_plain_value(value: str) -> None:
    from mkdocs.utils import meta

    from creditsite.render.markdown import front_matter

    body, data = meta.get_data(front_matter(title=value, description="d") + "# H\n")
    assert data == {"title": value, "description": "d"} and body.strip() == "# H"


def test_placeholders_in_a_hand_written_page_bring_in_text_only() -> None:
    from mkdocs.utils import meta

    from creditsite.render.placeholders import fill_page

    name = '<img src=x onerror=alert(1)> *a* [b](c) &amp;\ntemplate: redirect.html'
    page = "---\ntitle: Trang {{ commune.name }}\n---\n\n# {{ commune.name }}\n\nXin chào {{ commune.name }}.\n"
    body, data = meta.get_data(fill_page(page, {"commune": {"name": name}}, "docs/x.md"))
    assert data == {"title": "Trang " + " ".join(name.split())}  # one line of plain text, no new key
    flat = "&lt;img src=x onerror=alert(1)&gt; \\*a\\* \\[b\\](c) &amp;amp; template: redirect.html"
    assert body == f"# {flat}\n\nXin chào {flat}.\n"


def test_a_placeholder_error_in_the_body_names_its_line() -> None:
    from creditsite.errors import DataError
    from creditsite.render.placeholders import fill_page

    with pytest.raises(DataError) as exc:
        fill_page("---\ntitle: T\n---\n\n# T\n\n{{ commune.name }\n", {"commune": {"name": "x"}}, "docs/x.md")
    assert exc.value.problems[0].file == "docs/x.md" and exc.value.problems[0].line == 7


def test_search_results_show_titles_as_text(hostile_url: str, browser) -> None:
    """Material's search box shows index titles as HTML: they must be escaped,
    the page title that heads the text before a page's first heading included."""
    context = browser.new_context(viewport={"width": 360, "height": 800}, bypass_csp=True)
    tab = context.new_page()
    try:
        tab.goto(hostile_url + "vay-von/")
        tab.keyboard.press("/")
        tab.keyboard.type("story title")
        tab.wait_for_selector(".md-search-result__item", timeout=15000)
        tab.wait_for_timeout(500)
        results = tab.evaluate("""() => ({
          text: document.querySelector('.md-search-result').textContent,
          injected: document.querySelectorAll('.cs-injected').length,
          pwned: window.__pwned ?? null,
        })""")
    finally:
        context.close()
    assert results["injected"] == 0 and results["pwned"] is None, results
    assert '"><script class="cs-injected">' in results["text"]
