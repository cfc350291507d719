"""Keep only safe HTML in page content.

Content comes from officers and a web editor, so the rendered body of every
page passes through an allow-list (nh3): no scripts, no event handlers, no
`javascript:` or `data:` links, no frames, no style blocks. The list covers
everything Markdown, Material's extensions and our templates produce, so
trusted pages pass through unchanged (a test checks this).

Titles are plain text, not HTML: the theme escapes whatever it prints
(hooks/site.py turns on autoescape), so a title shows as typed and cannot
add markup to the page, its <head> included.
"""

from __future__ import annotations

import html as _html
from typing import Any

import nh3

from creditsite.load import doclinks

TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "caption",
    "code",
    "dd",
    "del",
    "details",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "s",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "u",
    "ul",
    # inline SVG: Material's bundled icons and our build-time charts
    "svg",
    "path",
    "g",
    "title",
    "desc",
    "rect",
    "line",
    "text",
    "tspan",
    "circle",
    "polyline",
    "polygon",
}
GLOBAL = {"id", "class", "title", "lang", "dir", "role", "hidden", "tabindex"}
ATTRIBUTES = {
    "*": GLOBAL,
    "a": {"href", "hreflang", "rel", "download"},
    "img": {"src", "alt", "width", "height", "loading"},
    "td": {"align", "colspan", "rowspan", "style"},
    "th": {"align", "colspan", "rowspan", "scope", "style"},
    "ol": {"start", "type"},
    "details": {"open"},
    "svg": {"xmlns", "viewBox", "viewbox", "width", "height", "fill", "font-family", "font-size", "focusable"},
    "path": {"d", "fill", "stroke", "stroke-width", "fill-rule", "clip-rule"},
    "g": {"fill", "stroke", "transform"},
    "rect": {"x", "y", "width", "height", "rx", "fill", "stroke", "stroke-width", "stroke-dasharray"},
    "line": {"x1", "x2", "y1", "y2", "stroke", "stroke-width", "stroke-dasharray"},
    "text": {"x", "y", "dx", "dy", "fill", "font-size", "font-weight", "text-anchor", "transform"},
    "tspan": {"x", "y", "dx", "dy", "fill", "font-weight"},
    "circle": {"cx", "cy", "r", "fill", "stroke"},
    "polyline": {"points", "fill", "stroke", "stroke-width"},
    "polygon": {"points", "fill", "stroke"},
}
PREFIXES = {"aria-", "data-"}
SCHEMES = set(doclinks.SCHEMES)  # the schemes hand-written links may use (checked before the build)


def _filter(tag: str, name: str, value: str) -> str | None:
    """Inline styles only as Markdown tables write them (column alignment)."""
    if name == "style":
        return (
            value if value.replace(" ", "") in ("text-align:left;", "text-align:right;", "text-align:center;") else None
        )
    return value


def clean(html: str) -> str:
    return nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        generic_attribute_prefixes=PREFIXES,
        url_schemes=SCHEMES,
        attribute_filter=_filter,
        link_rel=None,
        strip_comments=True,
        clean_content_tags={"script", "style"},
    )


def plain_titles(page: Any) -> None:
    """Make a rendered page's title and TOC titles plain text.

    MkDocs takes a title from the page's first H1 and each TOC title from a
    heading with tags stripped but HTML entities kept ("Tổ TK&amp;VV",
    mkdocs/utils/rendering.py get_heading_text, markdown's toc extension).
    Unescaped once here, the autoescaping theme prints them as they read on
    the page. Titles from front matter or the nav config are plain already.
    """
    if "title" not in vars(page) and "title" not in page.meta and page._title_from_render:
        page.title = _html.unescape(page._title_from_render)
    stack = list(page.toc)
    while stack:
        item = stack.pop()
        item.title = _html.unescape(item.title)
        stack.extend(item.children)
