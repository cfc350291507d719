"""What may be published from docs/, front matter, links and story names:
checked once, in the core, so `creditsite check` and the build agree."""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

import jsonschema
import pytest

from conftest import COMMUNE, ROOT
from creditsite.cli.main import main
from creditsite.errors import DataError
from creditsite.load import docfiles, doclinks, markup, pagemeta
from creditsite.load.content import _misnamed
from creditsite.load.site import load_site_data
from creditsite.model.base import slug_for
from creditsite.render.data import cms

# --- docs/: an allow-list of pages and photos -------------------------------------------------------------


@pytest.mark.parametrize(
    "rel", ["index.md", "index.en.md", "vay-von/huong-dan.md", "a/b/c.en.md", "anh.jpg", "anh.JPG", "anh.jpeg",
            "anh.png", "anh.webp", "anh.en.png", "Trang Chủ.md"],
)
def test_pages_and_photos_may_be_published(rel: str) -> None:
    assert docfiles.refusal(rel) is None


@pytest.mark.parametrize(
    ("rel", "says"),
    [
        ("logo.svg", "an SVG can hold scripts"),
        ("bai-viet.html", "HTML, scripts and styles"),
        ("bai-viet.htm", "HTML, scripts and styles"),
        ("assets/x.js", "HTML, scripts and styles"),
        ("assets/x.css", "HTML, scripts and styles"),
        ("thong-tin.txt", "rename it to thong-tin.md"),
        ("trang.markdown", "rename it to trang.md"),
        ("trang.en.markdown", "rename it to trang.en.md"),
        ("trang.mdown", "rename it to trang.md"),
        ("TRANG.MD", "rename it to TRANG.md"),
        ("trang.EN.md", "rename it to trang.en.md"),
        ("trang.vi.md", "rename it to trang.md"),
        ("trang.fr.md", "Vietnamese pages x.md and English pages x.en.md only"),
        ("trang.zh.md", "Vietnamese pages x.md and English pages x.en.md only"),
        ("trang.cu.md", "or trang-cu.md"),
        ("a.b.c.md", "rename it to a-b-c.md"),
        ("anh.vi.jpg", "rename it to anh.jpg"),
        ("ke-hoach.pdf", "documents are not published from here"),
        ("bang.xlsx", "documents are not published from here"),
        ("anh.gif", "save the image as JPEG or PNG"),
        ("anh.heic", "save the image as JPEG or PNG"),
        ("du-lieu.yml", "data files belong in plan_data/"),
        ("CNAME", "move it out of docs/"),
        ("chay.sh", "HTML, scripts and styles"),
    ],
)
def test_anything_else_is_refused_with_what_to_do(rel: str, says: str) -> None:
    reason = docfiles.refusal(rel)
    assert reason and says in reason, reason
    assert reason.index("(") > 0 and reason.endswith(")")  # Vietnamese first, then English in parentheses


def test_listing_ignores_hidden_files_and_refuses_every_symlink(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (docs / ".git").mkdir(parents=True)
    (docs / ".git/config").write_text("x", encoding="utf-8")
    (docs / ".nhap.md").write_text("x", encoding="utf-8")
    (docs / "index.md").write_text("# Trang chủ\n", encoding="utf-8")
    (docs / "a").mkdir()
    (docs / "a/anh.png").write_bytes(b"")
    (docs / "passwd.md").symlink_to("/etc/passwd")
    (docs / "trong-du-an.md").symlink_to(docs / "index.md")  # even one that stays inside: copy it instead
    (docs / "etc").symlink_to("/etc")
    (docs / "a/hong.txt").symlink_to("/nowhere")  # dangling, and not a page either: one message
    with pytest.raises(DataError) as exc:
        docfiles.listing(docs)
    assert sorted((p.file, "copy the file in instead" in p.message) for p in exc.value.problems) == [
        ("docs/a/hong.txt", True), ("docs/etc", True), ("docs/passwd.md", True), ("docs/trong-du-an.md", True)]
    for link in ("passwd.md", "trong-du-an.md", "etc", "a/hong.txt"):
        (docs / link).unlink()
    assert [f.rel for f in docfiles.listing(docs)] == ["a/anh.png", "index.md"]


def test_a_named_pipe_is_refused_not_read(tmp_path: Path) -> None:
    """Reading a pipe named like a page would wait forever."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs/index.md").write_text("# Trang chủ\n", encoding="utf-8")
    os.mkfifo(tmp_path / "docs/ong.md")
    with pytest.raises(DataError, match="docs/ong.md: .*not a regular file"):
        docfiles.listing(tmp_path / "docs")


def test_a_linked_docs_or_data_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "plan_data").symlink_to(tmp_path / "real")
    assert [p.file for p in docfiles.symlinks(tmp_path / "plan_data", "plan_data")] == ["plan_data"]


def test_the_home_page_is_required(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs/index.en.md").write_text("# Home\n", encoding="utf-8")
    with pytest.raises(DataError, match="docs/index.md: .*the home page is missing"):
        docfiles.listing(tmp_path / "docs")


def test_the_real_docs_and_overrides_assets_build(tmp_path: Path) -> None:
    """mkdocs.yml's extra_css and extra_javascript live in overrides/ (the theme), not in docs/."""
    import yaml

    listed = {f.rel for f in docfiles.listing(COMMUNE / "docs")}
    assert listed == {p.relative_to(COMMUNE / "docs").as_posix() for p in (COMMUNE / "docs").rglob("*") if p.is_file()}
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    for asset in config["extra_css"] + config["extra_javascript"]:
        assert (ROOT / "overrides" / asset).is_file() and asset in doclinks.theme_files(ROOT)


# --- front matter of hand-written pages -------------------------------------------------------------------

TEMPLATES = pagemeta.page_templates(ROOT)


def test_templates_are_those_of_overrides_and_the_theme() -> None:
    import material

    ours = {p.name for p in (ROOT / "overrides").glob("*.html")}
    theirs = {p.name for p in (Path(material.__file__).parent / "templates").glob("*.html")}
    assert TEMPLATES == ours | theirs and {"main.html", "leaflet.html", "404.html"} <= TEMPLATES


@pytest.mark.parametrize(
    "text",
    ["# Trang\n", "---\ntitle: Trang\n---\n\n# Trang\n", "---\r\ntitle: Trang\r\n---\r\n# Trang\r\n",
     "---\ntitle: Trang\n...\n# Trang\n", "---\ntemplate: leaflet.html\nhide: [navigation, toc]\n---\n",
     "---\nsearch: {exclude: true, boost: 2}\n---\n", "---\ndescription: Vay vốn\nhide:\n  - toc\n  - footer\n---\n",
     "Lưu ý: mang theo giấy tờ.\n", "\nHotline: 1900\n"],
)
def test_good_front_matter_passes(text: str) -> None:
    assert pagemeta.check_page(text, "docs/x.md", TEMPLATES) == []


@pytest.mark.parametrize(
    ("text", "says", "line"),
    [
        ("---\ntitle: Trang\n\n# Trang\n", "front matter not closed", 1),
        ("---\ntitle: [Trang\n---\n", "YAML syntax error", 3),
        ("---\ntitle: Trang\n  hide: x\n---\n", "YAML syntax error", 3),
        ("---\ntitle: &a Trang\ndescription: *a\n---\n", "anchors and aliases are not allowed", 2),
        ("--\ntitle: Trang\n--\n", "exactly three hyphens", 1),
        ("----\ntitle: Trang\n----\n", "exactly three hyphens", 1),
        ("———\ntitle: Trang\n———\n", "exactly three hyphens", 1),
        ("---\n---\n# Trang\n", "empty front matter", 1),
        ("---\n\n---\n# Trang\n", "empty front matter", 1),
        ("---\nChỉ là chữ\n---\n", "front matter must be key: value lines", 2),
        ("---\n- toc\n---\n", "front matter must be key: value lines", 2),
        ("title: Trang\n---\n\n# Trang\n", "the first line reads as a page setting", 1),
        ("Hotline: 1900 1234\n\n# Liên hệ\n", "the first line reads as a page setting", 1),
        ("---\ntemplate: mian.html\n---\n", "did you mean 'main.html'", 2),
        ("---\ntitle: T\ntemplate: khong-co.html\n---\n", "template not found", 3),
        ("---\ntemplate: partials/toc.html\n---\n", "template not found", 2),
        ("---\ntitel: Trang\n---\n", "did you mean 'title'", 2),
        ("---\ntitle: T\ndescripton: Mô tả\n---\n", "did you mean 'description'", 3),
        ("---\nlayout: wide\n---\n", "known fields): title, description, template, hide, search", 2),
        ("---\ntitle: 2025\n---\n", "expected text", 2),
        ("---\ntitle: {vi: Trang}\n---\n", "expected text", 2),
        ("---\ndescription: [a, b]\n---\n", "expected text", 2),
        ("---\nhide: toc\n---\n", "expected a list", 2),
        ("---\nhide: [tocc]\n---\n", "value not allowed", 2),
        ("---\nsearch: {exclude: 'có'}\n---\n", "expected true or false", 2),
        ("---\nsearch: {exlude: true}\n---\n", "did you mean 'exclude'", 2),
    ],
)
def test_broken_or_unknown_front_matter_is_refused_with_its_line(text: str, says: str, line: int) -> None:
    problems = pagemeta.check_page(text, "docs/x.md", TEMPLATES)
    assert len(problems) == 1 and says in problems[0].message and problems[0].line == line, problems


def test_every_hand_written_page_of_the_site_passes() -> None:
    for path in sorted((COMMUNE / "docs").rglob("*.md")):
        if "guong-dien-hinh" not in path.parts:  # stories have their own model
            assert pagemeta.check_page(path.read_text(encoding="utf-8"), str(path), TEMPLATES) == [], path


# --- links ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "scheme"),
    [
        ("javascript:alert(1)", "javascript"), ("JaVaScRiPt:alert(1)", "javascript"),
        ("jav&#x61;script:alert(1)", "javascript"), ("jav&#97;script:alert(1)", "javascript"),
        ("&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)", "javascript"),
        ("javascript&colon;alert(1)", "javascript"), ("jav&amp;#x61;script:alert(1)", "javascript"),
        ("java\tscript:alert(1)", "javascript"), ("java\nscript:alert(1)", "javascript"),
        ("java    script:alert(1)", "javascript"), ("  javascript:alert(1)", "javascript"),
        ("\x01javascript:alert(1)", "javascript"), ("java\u200bscript:alert(1)", "javascript"),
        ("ｊａｖａｓｃｒｉｐｔ:alert(1)", "javascript"), ("java%73cript:alert(1)", "javascript"),
        ("data:text/html;base64,PHNjcmlwdD4=", "data"), ("DATA:image/svg+xml,<svg>", "data"),
        ("vbscript:msgbox(1)", "vbscript"), ("VbScRiPt&#58;msgbox", "vbscript"), ("file:///etc/passwd", "file"),
    ],
)
def test_links_other_than_web_mail_and_phone_are_refused_however_written(url: str, scheme: str) -> None:
    assert doclinks.unsafe_scheme(url) == scheme


@pytest.mark.parametrize(
    "url", ["https://vbsp.org.vn", "http://x.vn/a:b", "mailto:ubnd@xop.vn", "tel:02603812345", "ke-hoach/index.md",
            "../index.md#muc", "#muc", "anh.jpg", "/tuyet-doi/", "?q=1"],
)
def test_web_mail_phone_and_relative_links_are_allowed(url: str) -> None:
    assert doclinks.unsafe_scheme(url) is None


@pytest.mark.parametrize(
    ("markdown", "line"),
    [("[x](jav&#x61;script:alert(1))", 3), ("[x](<java\tscript:alert(1)>)", 3),
     ("[x][r]\n\n[r]: JAVASCRIPT:alert(1)", 5), ('<a href="&#106;avascript:alert(1)">x</a>', 3),
     ("<div markdown>\n[x](javascript:alert(1))\n</div>", 4),
     ('<img src="x.png" srcset="ok.png 1x, javascript:alert(1) 2x">', 3), ("![x](data:image/png;base64,AAAA)", 3),
     ('<form action="javascript:alert(1)"><button>x</button></form>', 3), ('<button formaction="vbscript:x">', 3)],
)
def test_every_link_of_the_rendered_page_is_read(markdown: str, line: int) -> None:
    (problem,) = doclinks.check_links({"index.md": f"# Trang\n\n{markdown}\n"}, {"index.md"}, ROOT)
    assert "links are not allowed" in problem.message and problem.line == line, problem


def _mkdocs_refuses(pages: dict[str, str], rel: str) -> list[str]:
    """The warnings MkDocs' strict build stops on, for page `rel` among `pages`."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.pages import Page

    config = load_config(config_file=str(ROOT / "mkdocs.yml"))
    files = Files([File(r, str(COMMUNE / "docs"), str(ROOT / "site"), True) for r in pages])
    warnings: list[str] = []
    handler = logging.Handler(logging.WARNING)
    handler.emit = lambda record: warnings.append(record.getMessage())  # type: ignore[method-assign]
    logger = logging.getLogger("mkdocs.structure.pages")
    logger.addHandler(handler)
    try:
        for path, text in pages.items():  # targets first: anchors are known once a page is rendered
            page = Page(None, files.get_file_from_path(path), config)
            page.markdown = text
            page.render(config, files)
        for path in pages:
            files.get_file_from_path(path).page.validate_anchor_links(files=files, log_level=logging.WARNING)
    finally:
        logger.removeHandler(handler)
    return [w for w in warnings if f"'{rel}'" in w]


@pytest.mark.parametrize(
    ("link", "refused"),
    [
        ("../ke-hoach/index.md", False), ("../ke-hoach/index.md#muc-tieu-chung", False), ("../index.md", False),
        ("b.md", False), ("#muc-mot", False), ("b.md#phan-hai", False), ("/tuyet-doi/", False),
        ("https://vbsp.org.vn", False), ("mailto:a@b.vn", False),
        ("khong-co.md", True), ("../khong-co.md", True), ("../../ra-ngoai.md", True), ("b", True),
        ("../ke-hoach", True), ("../ke-hoach/", True), ("b.html", True), ("#khong-co", True), ("b.md#khong-co", True),
        ("../ke-hoach/index.md#khong-co", True), ("jav&#x61;script:alert(1)", True), ("khong%20co.md", True),
    ],
)
def test_links_are_refused_exactly_when_mkdocs_strict_build_refuses_them(link: str, refused: bool) -> None:
    pages = {
        "index.md": "# Trang chủ\n",
        "ke-hoach/index.md": "# Kế hoạch\n\n## Mục tiêu chung\n",
        "a/b.md": "# B\n\n## Phần hai\n",
        "a/c.md": f"# C\n\n## Mục một\n\n[xem]({link})\n",
    }
    pages["a/b.md"] += "\n[c](c.md)\n"
    ours = doclinks.check_links(pages, set(pages), ROOT)
    theirs = _mkdocs_refuses(pages, "a/c.md")
    assert bool(ours) == bool(theirs) == refused, (ours, theirs)
    assert all(p.file == "docs/a/c.md" and p.line == 5 for p in ours)


def test_dangerous_links_that_mkdocs_would_pass_are_refused_too() -> None:
    """MkDocs ignores a link with a scheme (the sanitiser drops it later); an officer is told instead."""
    pages = {"index.md": "# Trang\n\n[x](JaVaScRiPt:alert(1))\n"}
    assert _mkdocs_refuses(pages, "index.md") == []
    assert doclinks.check_links(pages, set(pages), ROOT)


def test_links_may_point_at_theme_files_and_say_how_to_fix_a_folder_link() -> None:
    pages = {"a/b.md": "# B\n\n[css](../assets/stylesheets/creditsite.css) [kh](../ke-hoach/)\n"}
    (problem,) = doclinks.check_links(pages, {"a/b.md", "ke-hoach/index.md"}, ROOT)
    assert "did you mean '../ke-hoach/index.md'" in problem.message


def test_pages_render_with_mkdocs_own_extensions() -> None:
    from mkdocs.config import load_config

    config = load_config(config_file=str(ROOT / "mkdocs.yml"))
    names, configs = markup._extensions(ROOT)
    assert names == config["markdown_extensions"]
    assert configs == config["mdx_configs"]


def test_check_passes_the_fixture_commune(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(COMMUNE), "check"]) == 0
    assert "All data is valid" in capsys.readouterr().out


# --- story file names and the web editor's slugs ----------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "right"),
    [("Nuôi gà Kon Liêm.md", "nuoi-ga-kon-liem.md"), ("NUOI-GA.md", "nuoi-ga.md"), ("nuoi_ga.md", "nuoi-ga.md"),
     ("nuoi--ga.md", "nuoi-ga.md"), ("-nuoi-ga-.md", "nuoi-ga.md"), ("Đắk Glei.en.md", "dak-glei.en.md"),
     ("trồng lúa.EN.md", "trong-lua.en.md"), ("cà phê (2025).md", "ca-phe-2025.md"), ("nuoi-ga.v2.md", "nuoi-ga-v2.md"),
     ("nuoi-ga.MD", "nuoi-ga.md")],
)
def test_story_names_that_are_no_slug_get_the_slug_to_rename_to(name: str, right: str) -> None:
    message = _misnamed(name)
    assert message and f"rename it to {right}" in message


@pytest.mark.parametrize("name", ["nuoi-ga.md", "nuoi-ga.en.md", "ho-2025.md", "a1.md"])
def test_slug_story_names_pass(name: str) -> None:
    assert _misnamed(name) is None


def test_slugs_are_ascii() -> None:
    assert slug_for("Quỹ đền ơn đáp nghĩa, xã Xốp") == "quy-den-on-dap-nghia-xa-xop"
    assert slug_for("Ｎｕôi ｇà") == "nuoi-ga"


def test_the_web_editor_names_new_stories_in_ascii() -> None:
    config = cms.config(load_site_data(COMMUNE))
    assert config["slug"] == {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-",
                              "lowercase": True}
    stories = next(c for c in config["collections"] if c["name"] == "stories")
    assert stories["slug"] == "{{slug}}"
    schema = json.loads((ROOT / "tests/vendor/sveltia-cms.schema.json").read_text(encoding="utf-8"))
    assert not [e.message for e in jsonschema.Draft7Validator(schema).iter_errors(config)]


def test_the_web_editor_knows_vietnamese_letters() -> None:
    """`clean_accents` transliterates with Sveltia's own table, which maps đ → d (NFD alone keeps đ)."""
    bundle = (ROOT / "overrides/assets/vendor/sveltia-cms/sveltia-cms.js").read_text(encoding="utf-8")
    assert "[`đ`,`d`]" in bundle and "[`Đ`,`D`]" in bundle and "clean_accents" in bundle


def test_nothing_is_read_through_a_symlink(project: Path) -> None:
    (project / "plan_data/programs/vay-moi.yml").symlink_to("/etc/shadow")
    with pytest.raises(DataError, match="plan_data/programs/vay-moi.yml: .*copy the file in instead"):
        load_site_data(project)
