"""Search that forgives missing diacritics.

Residents often type Vietnamese without accents ("vay von ho ngheo") and some
keyboards send decomposed (NFD) letters. Material's lunr index does neither
folding nor normalisation (../shared/research/mkdocs-stack.md §2.1), so after
the build every entry gets a `folded` copy of its words without diacritics.
The search field `folded` is declared in mkdocs.yml; the browser side
(overrides/assets/javascripts/search-scope.js) normalises the query to NFC.
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from pathlib import Path
from typing import Any

FIELD = "folded"  # folded words of title and text
TITLE_FIELD = "folded_title"  # folded words of the title, boosted like the title
_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")
# Letters that are not "letter + combining mark" in Unicode, so NFD keeps them.
_BASE_LETTERS = str.maketrans({"đ": "d", "Đ": "D"})


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """`Vay vốn hộ nghèo, Đăk Glei` → `Vay von ho ngheo, Dak Glei`."""
    decomposed = unicodedata.normalize("NFD", text.translate(_BASE_LETTERS))
    bare = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return unicodedata.normalize("NFC", bare)


def plain_text(markup: str) -> str:
    """Text of an index entry without tags or entities, on one line."""
    return _SPACE.sub(" ", html.unescape(_TAG.sub(" ", markup))).strip()


def folded_words(text: str) -> str:
    """The words of `text` that folding changes, folded, in order and with
    repeats (lunr ranks by frequency). Unchanged words are already searchable
    in `title` and `text`, so leaving them out keeps the index small."""
    words, folded = text.split(), fold(text).split()
    if len(folded) != len(words):  # a stray mark between spaces: fold word by word
        folded = [fold(word) for word in words]
    return " ".join(bare for word, bare in zip(words, folded) if bare != word)


def fold_entry(doc: dict[str, Any]) -> dict[str, Any]:
    """NFC-normalise an index entry and add the folded words of its title and
    text, if any."""
    doc = {**doc, "title": nfc(doc.get("title", "")), "text": nfc(doc.get("text", ""))}
    for field, source in ((TITLE_FIELD, doc["title"]), (FIELD, doc["text"])):
        doc.pop(field, None)
        if folded := folded_words(plain_text(source)):
            doc[field] = folded
    return doc


def escape_untitled(entries: list[dict[str, Any]], location: str, title: str) -> None:
    """Material's search box shows entry titles as HTML, and they are HTML,
    except one: text before a page's first heading gets the page title as
    typed (material/plugins/search, create_entry_for_section). Escape that one,
    so a title cannot add markup to the search results."""
    for entry in entries:
        if entry.get("location") == location and entry.get("title") == title:
            entry["title"] = html.escape(title, quote=False)


def fold_index(index: dict[str, Any]) -> dict[str, Any]:
    return {**index, "docs": [fold_entry(doc) for doc in index.get("docs", [])]}


def fold_site_index(site_dir: Path) -> bool:
    """Fold `search/search_index.json` in place (and the offline copy
    `search_index.js`, if the offline plugin wrote one). False if no index."""
    path = site_dir / "search" / "search_index.json"
    if not path.is_file():
        return False
    index = fold_index(json.loads(path.read_text(encoding="utf-8")))
    data = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
    path.write_text(data, encoding="utf-8")
    inline = path.with_suffix(".js")
    if inline.is_file():  # same format as Material's offline plugin writes
        inline.write_text(f"var __index = {data}", encoding="utf-8")
    return True
