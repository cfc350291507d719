"""The fonts of everything we draw: leaflet PDFs, the report PDF and the
link-preview cards. Ask here; nothing looks up a system font.

The files sit beside this module: Noto Sans and Noto Serif (SIL OFL 1.1,
`OFL.txt`), subset to Latin and Vietnamese by `tools/vendor.py` and pinned in
`vendor.lock.json`, so every machine draws the same letters with the same
metrics. WeasyPrint loads them through @font-face (`font_face_css`, added by
the PDF renderer, so documents only name the family), Pillow by path
(`Family.path`). A character a family lacks is found before drawing
(`missing_glyphs`), so no other font ever stands in for it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

FOLDER = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Face:
    file: str  # in FOLDER
    bold: bool = False
    italic: bool = False

    @property
    def path(self) -> Path:
        return FOLDER / self.file


@dataclass(frozen=True)
class Family:
    css_name: str  # what our stylesheets call it, so no system font of the real name can answer
    label: str  # named in messages
    faces: tuple[Face, ...]

    def path(self, bold: bool = False, italic: bool = False) -> Path:
        """The file of one face; a face the family lacks is a programming error."""
        for face in self.faces:
            if (face.bold, face.italic) == (bold, italic):
                return face.path
        raise KeyError(f"{self.label} has no face bold={bold} italic={italic}")


SANS = Family("Leaflet Sans", "Noto Sans", (Face("NotoSans-Regular.ttf"), Face("NotoSans-Bold.ttf", bold=True)))
SERIF = Family(
    "Report Serif",
    "Noto Serif",
    (
        Face("NotoSerif-Regular.ttf"),
        Face("NotoSerif-Bold.ttf", bold=True),
        Face("NotoSerif-Italic.ttf", italic=True),
        Face("NotoSerif-BoldItalic.ttf", bold=True, italic=True),
    ),
)


def font_face_css(family: Family) -> str:
    """@font-face rules with file:// URLs of the vendored files, which
    WeasyPrint embeds; the family's own name is never asked of fontconfig."""
    return "\n".join(
        f'@font-face {{ font-family: "{family.css_name}"; src: url("{face.path.as_uri()}"); '
        f"font-weight: {700 if face.bold else 400}; font-style: {'italic' if face.italic else 'normal'}; }}"
        for face in family.faces
    )


@cache
def digest(family: Family) -> str:
    """sha256 over the family's files: part of every PDF cache key."""
    h = hashlib.sha256()
    for face in family.faces:
        h.update(face.file.encode() + b"\0" + face.path.read_bytes())
    return h.hexdigest()


@cache
def coverage(family: Family) -> frozenset[int]:
    """The code points every face of the family can draw."""
    from fontTools.ttLib import TTFont  # only the PDFs need it

    maps = [frozenset(TTFont(face.path, lazy=True).getBestCmap()) for face in family.faces]
    return frozenset.intersection(*maps)


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.chunks: list[str] = []

    def handle_data(self, data: str) -> None:
        self.chunks.append(data)


def missing_glyphs(html: str, family: Family) -> str:
    """The characters of an HTML document the family cannot draw, sorted, each
    once. Its CSS counts too: `content` strings are shown."""
    parser = _Text()
    parser.feed(html)
    covered = coverage(family)
    return "".join(sorted({ch for ch in "".join(parser.chunks) if ord(ch) > 0x20 and ord(ch) not in covered}))
