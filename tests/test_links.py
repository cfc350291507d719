"""Link integrity: no broken internal link or anchor in either language."""

from __future__ import annotations

from pathlib import Path

from conftest import COMMUNE, run_cli
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
    write(
        tmp_path / "index.html",
        """
        <a href="a/">ok</a> <a href="a/#top">ok</a> <a href="a/#gone">bad anchor</a>
        <a href="b/">missing page</a> <img src="img/x.png"> <a href="#here" id="here">self</a>
        <a href="https://example.org/a/#top">own address</a> <a href="https://example.org/zz/">own, missing</a>
        <a href="https://other.example/">other host</a> <a href="mailto:x@example.org">mail</a>
        <a href="/.">root</a> <a href="#nowhere">bad own anchor</a>""",
    )
    write(tmp_path / "a/index.html", '<h1 id="top">A</h1><a href="../">up</a>')
    problems = check_site(tmp_path, "https://example.org/")
    assert problems == [
        "index.html: a/#gone — không có #gone trong a/index.html (no #gone in a/index.html)",
        "index.html: b/ — không có tệp này (no such file)",
        "index.html: img/x.png — không có tệp này (no such file)",
        "index.html: https://example.org/zz/ — không có tệp này (no such file)",
        "index.html: #nowhere — không có #nowhere trong index.html (no #nowhere in index.html)",
    ]


def test_a_link_that_leaves_the_folder_fails_even_where_a_server_would_forgive_it(tmp_path: Path) -> None:
    """A URL clamps `..` at the host's root, so `../../lich.ics` from `ke-hoach/muc-tieu.html`
    reaches `/lich.ics` on a server; from the unzipped copy it is outside the folder."""
    (tmp_path / "lich.ics").write_text("BEGIN:VCALENDAR", encoding="utf-8")
    write(tmp_path / "ke-hoach/muc-tieu.html", '<a href="../lich.ics">ok</a> <a href="../../lich.ics">too deep</a>')
    write(tmp_path / "en/ke-hoach/muc-tieu.html", '<a href="../../lich.ics">ok</a> <a href="../../../lich.ics">x</a>')
    write(tmp_path / "index.html", '<a href="en/../../index.html">out and back</a> <img src="../logo.png">')
    for directory_urls in (True, False):
        assert check_site(tmp_path, "https://example.org/", directory_urls) == [
            "en/ke-hoach/muc-tieu.html: ../../../lich.ics — ra ngoài thư mục trang (leaves the site folder)",
            "index.html: en/../../index.html — ra ngoài thư mục trang (leaves the site folder)",
            "index.html: ../logo.png — ra ngoài thư mục trang (leaves the site folder)",
            "ke-hoach/muc-tieu.html: ../../lich.ics — ra ngoài thư mục trang (leaves the site folder)",
        ]


def test_folders_serve_their_index_on_a_server_but_not_from_files(tmp_path: Path) -> None:
    write(
        tmp_path / "index.html",
        """
        <a href="a/">folder</a> <a href="a">folder, no slash</a> <a href="a/index.html">its page</a>
        <a href="a/index.html/">a page as a folder</a> <a href="https://example.org/a/">own address</a>""",
    )
    write(tmp_path / "a/index.html", "<h1>A</h1>")
    assert check_site(tmp_path, "https://example.org/", directory_urls=True) == [
        "index.html: a/index.html/ — không có tệp này (no such file)",
    ]
    folder = (
        "là một thư mục: mở từ tệp sẽ không ra trang, hãy trỏ tới index.html "
        "(a folder: from file:// it opens no page; link its index.html)"
    )
    # The own address is the served site, where a folder is fine.
    assert check_site(tmp_path, "https://example.org/", directory_urls=False) == [
        f"index.html: a/ — {folder}",
        f"index.html: a — {folder}",
        "index.html: a/index.html/ — không có tệp này (no such file)",
    ]


def test_root_relative_links_stay_under_the_sites_path_and_are_outside_an_offline_copy(tmp_path: Path) -> None:
    write(
        tmp_path / "index.html",
        '<a href="/xop/a/">under the site</a> <a href="/other/">beside it</a> <a href="/xop">the root</a>',
    )
    write(tmp_path / "a/index.html", "<h1>A</h1>")
    leaves = "ra ngoài thư mục trang (leaves the site folder)"
    assert check_site(tmp_path, "https://example.org/xop/") == [f"index.html: /other/ — {leaves}"]
    assert check_site(tmp_path, "https://example.org/xop/", directory_urls=False) == [
        f"index.html: /xop/a/ — {leaves}",
        f"index.html: /other/ — {leaves}",
        f"index.html: /xop — {leaves}",
    ]


def test_linkcheck_command_reports_and_fails(tmp_path: Path) -> None:
    write(tmp_path / "index.html", '<a href="nowhere/">x</a>')
    result = run_cli(COMMUNE, "linkcheck", str(tmp_path))
    assert result.returncode == 1
    assert "index.html: nowhere/ — không có tệp này (no such file)" in result.stderr


def test_linkcheck_command_checks_an_offline_copy_as_files(tmp_path: Path) -> None:
    write(tmp_path / "index.html", '<a href="a/">x</a>')
    write(tmp_path / "a/index.html", "<h1>A</h1>")
    assert run_cli(COMMUNE, "linkcheck", str(tmp_path)).returncode == 0
    result = run_cli(COMMUNE, "linkcheck", "--offline", str(tmp_path))
    assert result.returncode == 1
    assert "index.html: a/ — là một thư mục" in result.stderr and "(found 1 broken link(s))" in result.stderr
