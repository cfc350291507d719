"""Insurance against the engine: ProperDocs (a fork of MkDocs 1.6, pinned in
requirements.lock beside mkdocs) builds the same site as MkDocs, Material,
static-i18n and our hook included.

The MkDocs tree is the session's `site` build; this module adds one build with
`python -m properdocs`, same project, same SOURCE_DATE_EPOCH, strict. The two
trees must hold the same files with the same bytes, apart from ENGINE_DIFFERENCES.
"""

from __future__ import annotations

import difflib
import importlib.util
import re
from importlib.metadata import version
from pathlib import Path

import pytest

from conftest import copy_project, run_build

# Every way the two builds may differ, each normalised to one placeholder. Anything
# else is a real difference. sitemap.xml.gz is not listed: both engines stamp its
# gzip header with SOURCE_DATE_EPOCH, so it matches byte for byte.
ENGINE_DIFFERENCES: tuple[tuple[str, re.Pattern[bytes], bytes], ...] = (
    # Material's generator tag names the engine: "mkdocs-1.6.1" or "mkdocs-ProperDocs 1.6.7".
    (".html", re.compile(rb'(<meta name="generator" content=")mkdocs-[^",]*,'), rb"\1ENGINE,"),
)


@pytest.fixture(scope="module")
def properdocs_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site built by ProperDocs, from its own copy of the project."""
    # Never skipped: the fallback engine is part of the lock, so its absence is a broken environment.
    assert importlib.util.find_spec("properdocs"), "properdocs is not installed: run `make check` (requirements.lock)"
    base = tmp_path_factory.mktemp("properdocs")
    result = run_build(copy_project(base / "project"), base / "site", engine="properdocs")
    assert result.returncode == 0, result.stderr
    return base / "site"


def normalised(path: Path) -> bytes:
    data = path.read_bytes()
    for suffix, pattern, placeholder in ENGINE_DIFFERENCES:
        if path.suffix == suffix:
            data = pattern.sub(placeholder, data)
    return data


def files(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


def first_difference(a: bytes, b: bytes) -> str:
    """The first differing lines of two text files (or their sizes), for the failure message."""
    try:
        lines = difflib.unified_diff(a.decode().splitlines(), b.decode().splitlines(), n=0, lineterm="")
        return "\n".join(list(lines)[2:6])
    except UnicodeDecodeError:
        return f"binary, {len(a)} vs {len(b)} bytes"


def generator(site: Path) -> str:
    match = re.search(r'<meta name="generator" content="([^"]*)"', (site / "index.html").read_text(encoding="utf-8"))
    assert match, "no generator tag in index.html"
    return match.group(1)


def test_each_build_ran_its_own_engine(site: Path, properdocs_site: Path) -> None:
    """Guards the comparison: ProperDocs really ran (not MkDocs under another name)."""
    assert generator(site).startswith(f"mkdocs-{version('mkdocs')},")
    assert generator(properdocs_site).startswith(f"mkdocs-ProperDocs {version('properdocs')},")
    assert normalised(site / "index.html") != (site / "index.html").read_bytes()  # the pattern still matches


def test_properdocs_writes_the_same_files(site: Path, properdocs_site: Path) -> None:
    ours, theirs = files(site), files(properdocs_site)
    assert not ours - theirs, f"missing under ProperDocs: {sorted(ours - theirs)[:10]}"
    assert not theirs - ours, f"only under ProperDocs: {sorted(theirs - ours)[:10]}"
    # Outputs of the hook (staged pages, on_post_build data and PDFs) and of both languages are among them.
    for name in (
        "ke-hoach/muc-tieu/index.html",
        "en/ke-hoach/muc-tieu/index.html",
        "lich.ics",
        "data/progress.json",
        "search/search_index.json",
        "sitemap.xml.gz",
    ):
        assert name in theirs, name
    assert any(name.startswith("to-roi/") and name.endswith(".pdf") for name in theirs)


def test_properdocs_writes_the_same_bytes(site: Path, properdocs_site: Path) -> None:
    differ = []
    for name in sorted(files(site) & files(properdocs_site)):
        a, b = normalised(site / name), normalised(properdocs_site / name)
        if a != b:
            differ.append(f"{name}:\n{first_difference(a, b)}")
    assert not differ, f"{len(differ)} file(s) differ beyond ENGINE_DIFFERENCES:\n" + "\n".join(differ[:5])
