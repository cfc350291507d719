"""Small helpers for writing Markdown safely from data."""

from __future__ import annotations

import posixpath
import re

# Characters Python-Markdown treats as syntax inside a paragraph.
_SPECIAL = re.compile(r"([\\`*_{}\[\]#+!|])")


_ENTITY = re.compile(r"&(?=#?\w+;)")


def escape(text: str) -> str:
    """Make data text literal in Markdown: no emphasis, links, raw HTML or
    entities. A plain `&` (as in "Tổ TK&VV") stays as typed."""
    text = _SPECIAL.sub(r"\\\1", text)
    return _ENTITY.sub("&amp;", text).replace("<", "&lt;").replace(">", "&gt;")


def rel_link(from_src: str, to_src: str) -> str:
    """A link from one source page to another (both relative to the docs root)."""
    path, _, anchor = to_src.partition("#")
    link = posixpath.relpath(path, posixpath.dirname(from_src) or ".")
    return f"{link}#{anchor}" if anchor else link


def front_matter(**fields: object) -> str:
    """YAML front matter with quoted values (titles may contain colons)."""
    import yaml

    return "---\n" + yaml.safe_dump(fields, allow_unicode=True, sort_keys=False, width=10**6) + "---\n\n"
