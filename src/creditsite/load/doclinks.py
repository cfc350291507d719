"""Links of hand-written pages, checked as a browser and the build read them.

- A link goes to a page or file of the site, or to an `http:`, `https:`,
  `mailto:` or `tel:` address. Any other scheme (`javascript:`, `data:`,
  `vbscript:`…) is refused however it is written: entities are decoded until
  nothing changes (`jav&#x61;script:`, `&amp;#106;`), spaces, tabs, line breaks
  and invisible characters are dropped and case is ignored (`JaVa\tScRiPt:`),
  as a browser does before it reads a scheme. The sanitiser would drop such
  a link silently; an officer is told instead.
- A relative link must reach a file of the staged site, resolved as MkDocs
  does (mkdocs/structure/pages.py `_RelativePathTreeprocessor`): the strict
  build refuses it otherwise (mkdocs.yml `validation`). So does an anchor
  (`#muc`) missing from a hand-written page it points to.
"""

from __future__ import annotations

import fnmatch
import html
import os
import posixpath
import re
import unicodedata
from collections.abc import Collection, Mapping
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from creditsite.errors import Problem
from creditsite.load import markup
from creditsite.load.pagemeta import theme_dirs

SCHEMES = frozenset({"http", "https", "mailto", "tel"})  # also the sanitiser's (engine/sanitize.py)
URL_ATTRIBUTES = frozenset({
    "href", "src", "srcset", "action", "formaction", "xlink:href", "data", "poster", "background", "cite", "longdesc",
    "ping", "codebase", "manifest", "icon", "lowsrc", "dynsrc", "archive", "usemap", "profile", "classid",
})
_SCHEME = re.compile(r"([a-z][a-z0-9+.-]*):")
_AMP_SUBSTITUTE = "\x02amp\x03"  # markdown.util.AMP_SUBSTITUTE: Markdown's obfuscated e-mail links
# mkdocs/structure/files.py `add_files_from_theme`: what of a theme folder is published as a file.
_NOT_THEME_FILES = ("*.py", "*.pyc", "*.html", "*readme*", "mkdocs_theme.yml", "locales/*", "*.md", "*.markdown")


def unsafe_scheme(url: str) -> str | None:
    """The scheme of `url` when it is not an allowed one, as a browser would
    read it whatever the encoding; None for allowed and relative links."""
    for _ in range(10):  # entities inside entities: decode until stable
        decoded = html.unescape(url)
        if decoded == url:
            break
        url = decoded
    for candidate in (url, unquote(url)):
        compact = "".join(ch for ch in unicodedata.normalize("NFKC", candidate) if not _invisible(ch)).lower()
        match = _SCHEME.match(compact)
        if match and match.group(1) not in SCHEMES:
            return match.group(1)
    return None


def _invisible(ch: str) -> bool:
    return ch.isspace() or unicodedata.category(ch)[0] in ("C", "Z")


def check_links(
    pages: Mapping[str, str],
    files: Collection[str],
    root: Path,
    shown: str = "docs",
    published: Mapping[str, str] | None = None,
) -> list[Problem]:
    """Problems with the links of `pages` (docs path → Markdown as written),
    given every path of the staged tree. `published` holds the page as the
    site shows it when that is more than what was written (a story inside its
    template): its anchors count too."""
    rendered = {rel: markup.render(text, root) for rel, text in pages.items()}
    anchors = {rel: _anchors(page.html) for rel, page in rendered.items()}
    for rel, text in (published or {}).items():
        anchors[rel] = anchors.get(rel, set()) | _anchors(markup.render(text, root).html)
    known = set(files) | theme_files(root)
    problems: list[Problem] = []
    for rel, page in rendered.items():
        source = pages[rel].splitlines()
        where = f"{shown}/{rel}"
        for url in _urls(page):
            scheme = unsafe_scheme(url)
            if scheme:
                problems.append(Problem(where, _unsafe_message(scheme), _line_of(url, source)))
        for link in page.links:
            if not unsafe_scheme(link) and (message := _target_problem(rel, link, known, anchors)):
                problems.append(Problem(where, message, _line_of(link, source)))
    return list(dict.fromkeys(problems))


def _urls(page: markup.Rendered) -> list[str]:
    """Every address of the page: links as Markdown made them, and every URL
    attribute of the HTML (raw HTML included), srcset candidates one by one."""
    found = list(page.links)
    for _, name, value in markup.attributes(page.html):
        if name == "srcset":
            found += [part.strip().split(" ")[0] for part in value.split(",")]
        elif name in URL_ATTRIBUTES:
            found.append(value)
    return found


def _unsafe_message(scheme: str) -> str:
    return (
        f"không được dùng liên kết '{scheme}:'; chỉ dẫn tới trang của site, http://, https://, mailto: hoặc tel: "
        f"('{scheme}:' links are not allowed: they can run code; link to a page of the site, or an http, https, "
        "mailto or tel address)"
    )


def _target_problem(rel: str, url: str, known: set[str], anchors: Mapping[str, set[str]]) -> str | None:
    """Why a relative link of page `rel` does not resolve, as MkDocs' `path_to_url` decides."""
    scheme, netloc, path, _, anchor = urlsplit(url)
    if scheme or netloc or url.startswith(("/", "\\")) or _AMP_SUBSTITUTE in url:
        return None  # external, or absolute (mkdocs.yml: absolute_links are only noted)
    if not path:
        return _anchor_problem(rel, rel, anchor, anchors)
    target = posixpath.normpath(posixpath.join(posixpath.dirname(rel), unquote(path))).lstrip("/")
    if target not in known:
        guess = next((g for g in _guesses(target) if g in known), None)
        hint = f"; có phải là '{_relative(guess, rel)}'? (did you mean '{_relative(guess, rel)}'?)" if guess else ""
        return (
            f"liên kết '{url}' không dẫn tới tệp nào của site{hint} (link target '{target}' not found; links name a "
            "page's .md file, e.g. ke-hoach/index.md)"
        )
    return _anchor_problem(rel, target, anchor, anchors)


def _anchor_problem(rel: str, target: str, anchor: str, anchors: Mapping[str, set[str]]) -> str | None:
    if not anchor or target not in anchors or anchor in anchors[target]:
        return None  # generated pages' anchors are checked by the build itself
    page = "trang này" if target == rel else f"trang {target}"
    return f"{page} không có mục '#{anchor}' (anchor '#{anchor}' not found on {target})"


def _guesses(target: str) -> list[str]:
    stem, ext = posixpath.splitext(target)
    if ext == ".html":
        return [f"{stem}.md", posixpath.join(posixpath.dirname(target), "index.md")]
    return [] if ext else [f"{target}/index.md", f"{target}.md"]


def _relative(target: str, rel: str) -> str:
    return posixpath.relpath(target, posixpath.dirname(rel) or ".")


def _anchors(page_html: str) -> set[str]:
    """Ids a link may point to (mkdocs' `present_anchor_ids`): every `id`, and `name` of `a`."""
    return {value for tag, name, value in markup.attributes(page_html) if name == "id" or (tag, name) == ("a", "name")}


def _line_of(url: str, source: list[str]) -> int | None:
    """The line of the page holding `url`, compared as a browser reads both."""
    needle = _compact(url)[:24]
    for number, line in enumerate(source, 1):
        if needle and needle in _compact(line):
            return number
    return None


def _compact(text: str) -> str:
    for _ in range(10):
        decoded = html.unescape(text)
        if decoded == text:
            break
        text = decoded
    return "".join(ch for ch in text if not _invisible(ch)).lower()


def theme_files(root: Path) -> set[str]:
    """Files the theme publishes (its assets, the site's own stylesheet…): a link may point at them."""
    return set(_theme_files(tuple(theme_dirs(root))))


@lru_cache(maxsize=4)
def _theme_files(dirs: tuple[Path, ...]) -> frozenset[str]:
    out: set[str] = set()
    for folder in dirs:
        for top, subdirs, names in os.walk(folder):
            subdirs[:] = [d for d in subdirs if not d.startswith(".") and d != "__pycache__"]
            for name in names:
                rel = Path(top, name).relative_to(folder).as_posix()
                if not name.startswith(".") and not any(fnmatch.fnmatch(rel.lower(), p) for p in _NOT_THEME_FILES):
                    out.add(rel)
    return frozenset(out)
