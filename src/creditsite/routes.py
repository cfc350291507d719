"""Every path and URL of the site, in one place.

A page is named by its path under the docs root (`vay-von/ho-ngheo.md`, the
Vietnamese source); `localized` gives the file of another language and
`url_path` its address. Files that the build writes besides the pages (PDFs,
JSON, `lich.ics`) are named relative to the site root, and `file_href` is the
one helper that links to them from a page, in served and offline builds alike.
"""

from __future__ import annotations

import posixpath

PLAN = "ke-hoach/index.md"
UNITS = "ke-hoach/don-vi/index.md"
TARGETS = "ke-hoach/muc-tieu.md"
LOANS = "vay-von/index.md"
HOW_TO = "vay-von/cach-vay.md"
FINDER = "vay-von/tim-chuong-trinh/index.md"
FAQ = "vay-von/hoi-dap.md"
GLOSSARY = "vay-von/thuat-ngu.md"
FUND = "quy-vi-nguoi-ngheo/index.md"
FUND_CSV = "quy-vi-nguoi-ngheo/so-quy.csv"
STORIES = "guong-dien-hinh/index.md"
STORY_FACETS = ("thon", "chuong-trinh", "nam")  # listing pages: by village, programme, year
PROGRESS = "tien-do/index.md"


def fund_year_page(year: int) -> str:
    return f"quy-vi-nguoi-ngheo/{year}.md"


def story_list(kind: str, key: object) -> str:
    return f"guong-dien-hinh/{kind}/{key}.md"


def unit_page(unit_id: str) -> str:
    return f"ke-hoach/don-vi/{unit_id}.md"


def localized(path: str, lang: str) -> str:
    """`a/b.md` for Vietnamese, `a/b.en.md` for English (static-i18n suffixes)."""
    return path if lang == "vi" else f"{path[:-3]}.{lang}.md"


def finder_page(node_id: str, start: str) -> str:
    """The finder's first question is its index page; every other node has its own page."""
    return FINDER if node_id == start else f"vay-von/tim-chuong-trinh/{node_id}.md"


def program_page(program_id: str) -> str:
    return f"vay-von/{program_id}.md"


def url_path(src: str, lang: str) -> str:
    """A docs page's path on the site (directory URLs, English under /en/):
    `vay-von/ho-ngheo.md` → `vay-von/ho-ngheo/`, `index.md` → ``."""
    path = src[:-3]
    path = path[: -len("index")] if path.endswith("index") else path + "/"
    return path if lang == "vi" else f"{lang}/{path}"


_urls = {"directories": True}  # set once per build by build.prepare


def use_directory_urls(on: bool) -> None:
    """Pages as `x/` (the site) or as `x.html` (the offline copy): links that
    the engine does not rewrite (raw HTML, below) follow the build's choice."""
    _urls["directories"] = on


def file_href(from_src: str, lang: str, target: str) -> str:
    """A link from a page to a file under the site root, for raw HTML, which
    MkDocs does not rewrite: (`vay-von/ho-ngheo.md`, `to-roi/x.pdf`) → `../../to-roi/x.pdf`
    (`../to-roi/x.pdf` when pages are `x.html` files)."""
    here = url_path(from_src, lang)
    if not _urls["directories"]:
        here = posixpath.dirname(here.rstrip("/")) if not from_src.endswith("index.md") else here
    return posixpath.relpath(target, here or ".")


LEAFLETS = "to-roi"  # leaflet pages and PDFs live under /to-roi/
HOW_TO_LEAFLET = "cach-vay"
FUND_LEAFLET = "quy-vi-nguoi-ngheo"


def leaflet_page(leaflet_id: str) -> str:
    return f"{LEAFLETS}/{leaflet_id}.md"


def leaflet_pdf(leaflet_id: str, lang: str) -> str:
    """The leaflet's PDF, relative to the site root (one folder for both languages)."""
    return f"{LEAFLETS}/{leaflet_id}.{lang}.pdf"


def report_path(year: int) -> str:
    """Where the year's PDF is published, relative to the site root."""
    return f"bao-cao/{year}.pdf"


def page_url(site_url: str, src: str, lang: str) -> str:
    """The public URL of a docs page (directory URLs, English under /en/)."""
    return site_url + url_path(src, lang)
