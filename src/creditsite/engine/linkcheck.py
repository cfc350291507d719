"""Link integrity of a built site, offline: every internal link, image, script
and stylesheet resolves to a file, and every #anchor to an element id.

Links to the site's own address (canonical, language alternates) count as
internal. Other hosts are not fetched: the site must work without them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit

SKIP_SCHEMES = ("mailto:", "tel:", "javascript:", "data:", "sms:", "zalo:")
ATTRS = {"a": "href", "link": "href", "img": "src", "script": "src", "source": "src", "iframe": "src", "area": "href"}


@dataclass
class _Page(HTMLParser):
    ids: set[str] = field(default_factory=set)
    links: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        HTMLParser.__init__(self, convert_charrefs=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for key in ("id", "name") if tag in ("a", "map") else ("id",):
            if values.get(key):
                self.ids.add(values[key])  # type: ignore[arg-type]
        target = values.get(ATTRS.get(tag, ""))
        if target is not None:
            self.links.append(target)
        if tag == "img" and values.get("srcset"):
            self.links += [part.split()[0] for part in values["srcset"].split(",") if part.strip()]  # type: ignore[union-attr]


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8", errors="replace"))
    return page


def _target(site: Path, path: str) -> Path | None:
    """The file a URL path serves, as a static host would: dir/ → dir/index.html."""
    file = site / unquote(path).lstrip("/")
    if file.is_dir():
        file = file / "index.html"
    return file if file.is_file() else None


def check_site(site: Path, site_url: str = "") -> list[str]:
    """Every broken internal link or anchor, as `page: link (reason)`."""
    site = site.resolve()
    base = "http://site.invalid/"  # resolve relative links against a fake origin
    root_path = urlsplit(site_url).path if site_url else "/"
    pages = {p: _parse(p) for p in sorted(site.rglob("*.html"))}
    problems: list[str] = []
    for file, page in pages.items():
        rel = file.relative_to(site).as_posix()
        here = base + rel
        for link in page.links:
            link = link.strip()
            if not link or link.startswith(SKIP_SCHEMES):
                continue
            own = root_path + link[len(site_url):] if site_url and link.startswith(site_url) else link
            url = urlsplit(urljoin(here, own))
            if f"{url.scheme}://{url.netloc}/" != base:
                continue  # another host: not our concern offline
            path = url.path
            if root_path != "/" and path.startswith(root_path):
                path = "/" + path[len(root_path):]
            target = _target(site, str(PurePosixPath(path)) + ("/" if path.endswith("/") else ""))
            if target is None:
                problems.append(f"{rel}: {link} (no such file)")
                continue
            anchor = unquote(url.fragment)
            if anchor and target.suffix == ".html":
                ids = (pages.get(target) or _parse(target)).ids
                if anchor not in ids:
                    problems.append(f"{rel}: {link} (no #{anchor} in {target.relative_to(site).as_posix()})")
    return problems
