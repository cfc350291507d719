"""Link integrity of a built site, offline: every internal link, image, script
and stylesheet resolves to a file inside the site folder, and every #anchor to
an element id.

Links are resolved as paths in the folder, not as URLs: a URL clamps `..` at
the host's root, so `../../lich.ics` one level too deep still "works" on a
server, but from an unzipped copy it leaves the folder. Such a link is an
error, as is a root-relative `/x` in the offline copy (from file:// it is the
disk's root). A folder serves its index.html on a server (directory URLs);
from file:// it opens no page, so the offline copy must link index.html.

Links to the site's own address (canonical, language alternates) count as
internal, from the site root. Other hosts are not fetched: the site must work
without them.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

SKIP_SCHEMES = ("mailto:", "tel:", "javascript:", "data:", "sms:", "zalo:")
ATTRS = {"a": "href", "link": "href", "img": "src", "script": "src", "source": "src", "iframe": "src", "area": "href"}


@dataclass
class _Page(HTMLParser):
    ids: set[str] = field(default_factory=set)
    links: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        HTMLParser.__init__(self, convert_charrefs=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {key: value for key, value in attrs if value is not None}
        for key in ("id", "name") if tag in ("a", "map") else ("id",):
            if values.get(key):
                self.ids.add(values[key])
        target = values.get(ATTRS.get(tag, ""))
        if target is not None:
            self.links.append(target)
        if tag == "img" and values.get("srcset"):
            self.links += [part.split()[0] for part in values["srcset"].split(",") if part.strip()]


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8", errors="replace"))
    return page


class _Broken(Exception):
    """A link that resolves to no file of the site, with its reason (Vietnamese, English)."""

    def __init__(self, reason: tuple[str, str]) -> None:
        super().__init__(f"{reason[0]} ({reason[1]})")


LEAVES = ("ra ngoài thư mục trang", "leaves the site folder")
MISSING = ("không có tệp này", "no such file")
FOLDER = (
    "là một thư mục: mở từ tệp sẽ không ra trang, hãy trỏ tới index.html",
    "a folder: from file:// it opens no page; link its index.html",
)


@dataclass(frozen=True)
class _Site:
    root: Path
    url: str  # the site's public address, "" if unknown
    directory_urls: bool  # served by a web server (True) or opened from files (False)

    def own_path(self, link: str) -> str | None:
        """`link` relative to the site root when it is on the site's own address."""
        if self.url and (link.startswith(self.url) or link == self.url.rstrip("/")):
            return link[len(self.url) :]
        return None

    def resolve(self, page: str, link: str) -> Path | None:
        """The file `link` opens from `page` (relative to the root); None for another host.
        Raises _Broken when it leaves the folder, is missing, or is a folder offline."""
        own = self.own_path(link)
        parts = urlsplit(own if own is not None else link)
        if own is None and (parts.scheme or parts.netloc):
            return None  # another host: not our concern offline
        path = unquote(parts.path)
        if own is not None:
            joined = path
        elif path.startswith("/"):
            joined = self._from_root(path)
        else:
            joined = posixpath.join(posixpath.dirname(page), path) if path else page
        # The own address is the served site, where a folder serves its index.html.
        return self._file(posixpath.normpath(joined or "."), path.endswith("/"), own is not None or self.directory_urls)

    def _from_root(self, path: str) -> str:
        """A root-relative path: under the site's own path on a server; the disk's root offline."""
        base = (urlsplit(self.url).path or "/") if self.url else "/"
        base = base if base.endswith("/") else base + "/"
        if not self.directory_urls or not (path + "/").startswith(base):
            raise _Broken(LEAVES)
        return path[len(base) :]

    def _file(self, rel: str, slash: bool, served: bool) -> Path:
        if rel == ".." or rel.startswith("../") or rel.startswith("/"):
            raise _Broken(LEAVES)
        file = self.root / rel
        if file.is_dir():
            if not served:
                raise _Broken(FOLDER)
            file = file / "index.html"
        elif slash:
            raise _Broken(MISSING)  # `x.html/` is no page, on a server or from files
        if not file.is_file():
            raise _Broken(MISSING)
        return file


def check_site(site: Path, site_url: str = "", directory_urls: bool = True) -> list[str]:
    """Every broken internal link or anchor, as `page: link — reason`. `directory_urls`
    False checks an offline copy (mkdocs.offline.yml), which is opened from files."""
    where = _Site(site.resolve(), site_url, directory_urls)
    pages = {p: _parse(p) for p in sorted(where.root.rglob("*.html"))}
    problems: list[str] = []
    for file, page in pages.items():
        rel = file.relative_to(where.root).as_posix()
        for link in (link.strip() for link in page.links):
            if not link or link.startswith(SKIP_SCHEMES):
                continue
            try:
                target = where.resolve(rel, link)
            except _Broken as reason:
                problems.append(f"{rel}: {link} — {reason}")
                continue
            anchor = unquote(urlsplit(link).fragment)
            if target is not None and anchor and target.suffix == ".html":
                if anchor not in (pages.get(target) or _parse(target)).ids:
                    name = target.relative_to(where.root).as_posix()
                    problems.append(f"{rel}: {link} — không có #{anchor} trong {name} (no #{anchor} in {name})")
    return problems
