"""Nothing unsafe reaches the output, and builds are reproducible."""

import filecmp
import re
from pathlib import Path

import pytest

from conftest import ROOT, html, page, run_build
from creditsite.engine.sanitize import clean
from creditsite.load.doclinks import check_links

PAYLOADS = [
    "<script>alert(1)</script>",
    '<img src="x.png" onerror="alert(1)">',
    '<a href="javascript:alert(1)">bấm</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">bấm</a>',
    '<img src="data:image/svg+xml,<svg onload=alert(1)>">',
    '<iframe src="https://example.org"></iframe>',
    "<svg onload=alert(1)><circle r=1 /></svg>",
    "<style>body{background:url(https://example.org/x)}</style>",
    '<p style="background:url(javascript:alert(1))">x</p>',
    '<div onclick="alert(1)" onmouseover="alert(1)">x</div>',
    '<object data="x.swf"></object><embed src="x.swf">',
    '<form action="https://example.org"><input name="x"></form>',
    '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
]
ACTIVE = re.compile(r"<script|\son\w+\s*=|javascript:|data:|<iframe|<style|<object|<embed|<form|style=", re.I)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_sanitiser_removes_active_code(payload: str) -> None:
    assert not ACTIVE.search(clean(payload)), clean(payload)


def test_trusted_pages_pass_through_unchanged(site: Path) -> None:
    """The allow-list covers everything our own pages contain."""
    from bs4 import BeautifulSoup

    changed = []
    for file in sorted(site.rglob("index.html")):
        article = html(file).select_one("article")
        if article is None:
            continue
        inner = "".join(str(c) for c in article.contents)
        if str(BeautifulSoup(inner, "html.parser")) != str(BeautifulSoup(clean(inner), "html.parser")):
            changed.append(file.relative_to(site).as_posix())
    assert not changed


def test_links_that_run_code_are_refused_by_name_before_the_build() -> None:
    """An officer is told about them (load/doclinks.py); the sanitiser would only drop them."""
    refused = [p for p in PAYLOADS if check_links({"thu.md": f"# Thử\n\n{p}\n"}, {"thu.md"}, ROOT)]
    assert refused == [p for p in PAYLOADS if re.search(r'(?:href|src)="(?:javascript|data):', p)] and len(refused) == 3


@pytest.mark.slow
def test_payloads_in_a_story_and_a_page_never_reach_the_site_as_code(project: Path, tmp_path: Path) -> None:
    """Everything else an officer or the web editor may paste builds, and the sanitiser removes it."""
    story = next(p for p in sorted((project / "docs/guong-dien-hinh").glob("*.md")) if not p.name.endswith(".en.md"))
    body = "\n\n".join(p for p in PAYLOADS if not check_links({"thu.md": f"# Thử\n\n{p}\n"}, {"thu.md"}, ROOT))
    story.write_text(story.read_text(encoding="utf-8") + "\n" + body + "\n", encoding="utf-8")
    (project / "docs/thu.md").write_text("# Thử\n\n" + body + "\n", encoding="utf-8")
    out = tmp_path / "site"
    result = run_build(project, out)
    assert result.returncode == 0, result.stderr
    for path in (f"/guong-dien-hinh/{story.stem}/", "/thu/", "/en/thu/"):
        article = str(page(out, path).select_one("article"))
        assert not ACTIVE.search(article), (path, ACTIVE.search(article))


@pytest.mark.slow
def test_two_builds_of_one_commit_are_identical(site: Path, project: Path, tmp_path: Path) -> None:
    """SOURCE_DATE_EPOCH fixes every date, so the output is byte for byte the same."""
    again = tmp_path / "again"
    assert run_build(project, again).returncode == 0
    comparison = filecmp.dircmp(site, again)

    def differences(cmp: filecmp.dircmp) -> list[str]:
        out = cmp.left_only + cmp.right_only + cmp.diff_files + cmp.funny_files
        for sub in cmp.subdirs.values():
            out += differences(sub)
        return out

    # dircmp compares shallowly by stat; check file bytes too
    mismatched = [
        p
        for p in (f.relative_to(site) for f in site.rglob("*") if f.is_file())
        if (site / p).read_bytes() != (again / p).read_bytes()
    ]
    assert not differences(comparison) and not mismatched, (differences(comparison) + mismatched)[:5]


def _inline_scripts(soup) -> list:  # type: ignore[no-untyped-def]
    """Scripts a browser would run from the page itself (not data blocks)."""
    data = ("application/json", "application/ld+json")
    return [s for s in soup.find_all("script") if not s.get("src") and s.get("type") not in data]


def test_every_page_carries_one_policy_that_allows_no_inline_script(site: Path) -> None:
    """The policy never depends on the page: it allows the site's script files
    and nothing else, and no page needs more (Material's inline scripts run from
    assets/javascripts/theme-inline.js)."""
    from creditsite.engine.csp import POLICY

    pages = [p for p in site.rglob("*.html") if "admin" not in p.parts]
    assert pages
    for file in pages:
        soup = html(file)
        meta = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
        assert meta is not None, file
        policy = meta["content"]
        assert policy == POLICY, file
        assert "default-src 'self'" in policy and "object-src 'none'" in policy
        assert "script-src 'self';" in policy and "sha256-" not in policy
        assert not _inline_scripts(soup), (file, _inline_scripts(soup)[:1])
        assert not re.search(r"https?://", policy), "the policy allows no other host"


def test_the_policy_is_the_same_whatever_the_page_contains() -> None:
    """A policy made from the finished page would allow a script slipped into it."""
    from creditsite.engine.csp import POLICY, with_policy

    page_with_script = "<html><head><title>x</title></head><body><script>alert(1)</script></body></html>"
    assert f'content="{POLICY}"' in with_policy(page_with_script)
    assert with_policy(page_with_script).count("Content-Security-Policy") == 1
    script_src = next(d for d in POLICY.split("; ") if d.startswith("script-src "))
    assert script_src == "script-src 'self'"


def test_theme_inline_js_runs_materials_inline_scripts_unchanged() -> None:
    """Every Material partial with an inline script is replaced, and its code is
    in theme-inline.js as Material wrote it; only the site root ({{ base_url }})
    comes from the file's own address. A Material upgrade that changes one
    fails here."""
    import material

    templates = Path(material.__file__).parent / "templates/partials/javascripts"
    ours = ROOT / "overrides/partials/javascripts"
    script = (ROOT / "overrides/assets/javascripts/theme-inline.js").read_text(encoding="utf-8")
    partials = sorted(templates.glob("*.html"))
    assert partials and {p.name for p in partials} <= {p.name for p in ours.glob("*.html")}
    for partial in partials:
        bodies = re.findall(r"<script>(.*?)</script>", partial.read_text(encoding="utf-8"), re.S)
        assert bodies, partial.name
        for body in bodies:
            body = body.replace('"{{ config.extra.scope | d(base_url) }}"', "scope||root")
            body = body.replace('"{{ base_url }}"', "root")
            assert "{{" not in body and body in script, partial.name
        override = (ours / partial.name).read_text(encoding="utf-8")
        assert "<script>" not in override and "theme-inline.js" in override


def test_an_injected_inline_script_is_blocked_by_the_policy(site: Path, browser, tmp_path: Path) -> None:
    """If escaping ever failed, the policy would still stop the script."""
    import shutil

    from conftest import serve

    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    target = copy / "vay-von/ho-ngheo/index.html"
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace("</title>", "</title><script>window.__pwned = 1</script>", 1), encoding="utf-8")
    server, url = serve(copy)
    context = browser.new_context()  # the policy is enforced
    tab = context.new_page()
    violations: list[str] = []
    tab.on("console", lambda msg: violations.append(msg.text) if "Content Security Policy" in msg.text else None)
    try:
        tab.goto(url + "vay-von/ho-ngheo/")
        tab.wait_for_load_state("networkidle")
        assert tab.evaluate("window.__pwned === undefined && typeof window.__md_get === 'function'")
    finally:
        context.close()
        server.shutdown()
    assert len(violations) == 1 and "inline script" in violations[0], violations


def test_pages_run_without_policy_violations(site_url: str, browser) -> None:
    """The theme, search, calculator and menus all work under the policy."""
    context = browser.new_context(viewport={"width": 360, "height": 800})  # the policy is enforced here
    tab = context.new_page()
    violations: list[str] = []
    tab.on("console", lambda msg: violations.append(msg.text) if "Content Security Policy" in msg.text else None)
    for path in ("", "vay-von/ho-ngheo/", "quy-vi-nguoi-ngheo/", "en/tien-do/"):
        tab.goto(site_url + path)
        tab.wait_for_load_state("networkidle")
        # Material keeps its settings in localStorage under the site root, on every page
        assert tab.evaluate("__md_scope.href") == site_url, path
    tab.goto(site_url + "vay-von/ho-ngheo/")
    assert tab.locator(".cs-calc form").count() == 1  # the calculator's script ran
    tab.keyboard.press("/")  # open search
    tab.keyboard.type("vay von ho ngheo")
    tab.wait_for_selector(".md-search-result__item", timeout=15000)
    context.close()
    assert not violations, violations[:3]
