"""Link integrity: no broken internal link or anchor in either language."""

from __future__ import annotations

from pathlib import Path

from conftest import ROOT, run_cli
from creditsite.engine.linkcheck import check_site
from test_build import SITE_URL


def test_built_site_has_no_broken_link_or_anchor(site: Path) -> None:
    problems = check_site(site, SITE_URL)
    assert not problems, "\n".join(problems[:20])
    assert (site / "en/index.html").is_file()  # both languages were checked


def write(path: Path, body: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"<!doctype html><html><body>{body}</body></html>", encoding="utf-8")


def test_checker_finds_missing_pages_files_and_anchors(tmp_path: Path) -> None:
    write(tmp_path / "index.html", """
        <a href="a/">ok</a> <a href="a/#top">ok</a> <a href="a/#gone">bad anchor</a>
        <a href="b/">missing page</a> <img src="img/x.png"> <a href="#here" id="here">self</a>
        <a href="https://example.org/a/#top">own address</a> <a href="https://example.org/zz/">own, missing</a>
        <a href="https://other.example/">other host</a> <a href="mailto:x@example.org">mail</a>
        <a href="/.">root</a>""")
    write(tmp_path / "a/index.html", '<h1 id="top">A</h1><a href="../">up</a>')
    problems = check_site(tmp_path, "https://example.org/")
    assert problems == [
        "index.html: a/#gone (no #gone in a/index.html)",
        "index.html: b/ (no such file)",
        "index.html: img/x.png (no such file)",
        "index.html: https://example.org/zz/ (no such file)",
    ]


def test_linkcheck_command_reports_and_fails(tmp_path: Path) -> None:
    write(tmp_path / "index.html", '<a href="nowhere/">x</a>')
    result = run_cli(ROOT, "linkcheck", str(tmp_path))
    assert result.returncode == 1
    assert "index.html: nowhere/ (no such file)" in result.stderr
