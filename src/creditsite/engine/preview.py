"""Link previews: what Zalo and Facebook show when someone shares a page.

Every page gets Open Graph and Twitter tags (overrides/main.html) with an
absolute 1200×630 image. There is one image per kind of page and language:
the site's home, and each top-level section (loans, plan, fund, stories…),
drawn at build time with Pillow from the section's own title, so nothing
about one commune lives here, in the vendored Noto Sans (render/fonts), so
every machine draws the same bytes. Also `robots.txt`, which points to the sitemap.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import astuple, dataclass
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from PIL import Image, ImageDraw, ImageFont

from creditsite import DEFAULT_LANGUAGE, LANGUAGES
from creditsite.model.site import SiteData
from creditsite.render.fonts import SANS, digest

SIZE = (1200, 630)
CARD_DIR = "assets/social"
HOME = "home"
LOCALES = {"vi": "vi_VN", "en": "en_US"}
BACKGROUND, INK, BAND = "#12406b", "#ffffff", "#f2b705"
CARD_VERSION = 1  # raise when the drawing changes, to refresh cached cards


@dataclass(frozen=True)
class Card:
    site_name: str
    title: str
    host: str


def page_kind(url: str, lang: str) -> str:
    """`en/vay-von/ho-ngheo/` → `vay-von`; a language's home page → `home`."""
    path = url.strip("/")
    if lang != DEFAULT_LANGUAGE and (path == lang or path.startswith(lang + "/")):
        path = path[len(lang) :].strip("/")
    first = path.split("/", 1)[0]
    return first.removesuffix(".html") if first not in ("", "index.html") else HOME


@dataclass(frozen=True)
class HeadFacts:
    """What a page's <head> says about its preview (overrides/main.html)."""

    image: str
    alt: str
    locale: str
    alternates: list[str]


def choose(cards: dict[str, Card], data: SiteData, lang: str, url: str, title: str) -> HeadFacts:
    """The preview of the page at `url`, noting its kind's card in `cards`.

    The home page's card names the commune; a section's card shows the
    section's own index title, or the first page's until the index is seen."""
    site_url = data.commune.site.url
    site_name = data.commune.site.name.get(lang)
    kind = page_kind(url, lang)
    if kind == HOME:
        place = f"{data.commune.name.get(lang)}, {data.commune.province.get(lang)}"
        cards[kind] = Card(place, site_name, host(site_url))
    elif url.removeprefix(f"{lang}/") in (f"{kind}/", f"{kind}/index.html") or kind not in cards:
        cards[kind] = Card(site_name, title, host(site_url))
    alternates = [locale(other) for other in LANGUAGES if other != lang]
    return HeadFacts(site_url + card_path(lang, kind), site_name, locale(lang), alternates)


def card_path(lang: str, kind: str) -> str:
    return f"{CARD_DIR}/{lang}/{kind}.png"


def locale(lang: str) -> str:
    return LOCALES.get(lang, lang)


def host(site_url: str) -> str:
    return urlsplit(site_url).netloc


def robots_txt(site_url: str) -> str:
    return f"User-agent: *\nAllow: /\n\nSitemap: {site_url}sitemap.xml\n"


def write_robots(site_url: str, site_dir: Path) -> None:
    (site_dir / "robots.txt").write_text(robots_txt(site_url), encoding="utf-8")


@cache
def _font(size: int, bold: bool) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(SANS.path(bold=bold), size)


def _wrap(draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and draw.textlength(f"{lines[-1]} {word}", font=font) <= width:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return lines


@cache
def render(card: Card) -> bytes:
    """The card as PNG bytes: site name, big section title, site address."""
    image = Image.new("RGB", SIZE, BACKGROUND)
    draw = ImageDraw.Draw(image)
    margin, width = 80, SIZE[0] - 160
    draw.rectangle((0, 0, 24, SIZE[1]), fill=BAND)
    draw.text((margin, 70), card.site_name, font=_font(40, False), fill=INK)
    size = 88
    lines = _wrap(draw, card.title, _font(size, True), width)
    while len(lines) > 3 and size > 48:  # long titles: smaller, at most three lines
        size -= 8
        lines = _wrap(draw, card.title, _font(size, True), width)
    y = 200
    for line in lines[:3]:
        draw.text((margin, y), line, font=_font(size, True), fill=INK)
        y += int(size * 1.25)
    draw.rectangle((margin, SIZE[1] - 120, margin + 120, SIZE[1] - 112), fill=BAND)
    draw.text((margin, SIZE[1] - 95), card.host, font=_font(36, False), fill=INK)
    out = io.BytesIO()
    image.quantize(colors=32).save(out, format="PNG", optimize=True)  # flat colours: a few KB
    return out.getvalue()


def write_cards(cards: dict[str, Card], lang: str, site_dir: Path, cache: Path | None = None) -> None:
    """Write one PNG per kind of page for `lang`. Drawing takes ~0.1 s per
    card, so cards are kept in `cache` by content and redrawn only on change."""
    for kind, card in cards.items():
        target = site_dir / card_path(lang, kind)
        target.parent.mkdir(parents=True, exist_ok=True)
        data = _cached(card, cache) if cache else render(card)
        if not target.is_file() or target.read_bytes() != data:
            target.write_bytes(data)


def _cached(card: Card, cache: Path) -> bytes:
    key = hashlib.sha256(repr((CARD_VERSION, SIZE, digest(SANS), astuple(card))).encode("utf-8")).hexdigest()[:24]
    path = cache / f"{key}.png"
    if path.is_file():
        return path.read_bytes()
    data = render(card)
    cache.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return data
