"""Render a page's Markdown the way the site engine does, and read the result.

The checks that `creditsite check` and the build share (the personal-data
guard, link checks) must see what a reader sees: `090<b></b>1234567` and
`0901 **234** 567` are one number on the page, and a link's real address is
known only after Markdown. So pages are rendered with Python-Markdown and the
extensions of mkdocs.yml, as MkDocs 1.6 does (mkdocs/structure/pages.py
`Page.render`: its built-in `toc`, `tables` and `fenced_code` first), and the
links are read where MkDocs reads them (`a` and `img` of the element tree,
before serialising), so a link refused by MkDocs' strict build is refused here.
"""

from __future__ import annotations

import html.parser
import importlib
import os
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import markdown
import yaml

BUILTIN_EXTENSIONS = ["toc", "tables", "fenced_code"]  # mkdocs/config/defaults.py: always on
# Where text is split into lines on the page: block elements and line breaks.
_BLOCKS = {
    "address", "article", "aside", "blockquote", "br", "caption", "dd", "details", "div", "dl", "dt", "figcaption",
    "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre",
    "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
}
# Attributes a reader or a screen reader is shown: their text is read too.
_SHOWN_ATTRIBUTES = {"alt", "title", "href", "aria-label", "placeholder", "value"}


@dataclass(frozen=True)
class Rendered:
    html: str
    links: list[str] = field(default_factory=list)  # `a` href and `img` src as MkDocs validates them


class _Links(markdown.treeprocessors.Treeprocessor):
    """Collect links where MkDocs' `relpath` treeprocessor reads them (priority 0)."""

    found: list[str]

    def run(self, root: etree.Element) -> None:
        self.found = [el.get(key) or "" for el in root.iter() for key in ("href", "src") if
                      (el.tag, key) in (("a", "href"), ("img", "src")) and el.get(key) is not None]


def read_engine_config(root: Path) -> dict[str, Any]:
    """mkdocs.yml as MkDocs reads it: `!!python/name:` imports the object it
    names (the emoji index), `!ENV` reads the environment."""
    path = root / "mkdocs.yml"
    if not path.is_file():
        return {}
    return _read_config(path, path.stat().st_mtime_ns)


class _ConfigLoader(yaml.SafeLoader):
    pass


def _python_name(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    module, _, name = suffix.rpartition(".")
    return getattr(importlib.import_module(module), name)


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    """`!ENV NAME` or `!ENV [NAME, OTHER, default]`, as pyyaml-env-tag reads it."""
    if isinstance(node, yaml.ScalarNode):
        return os.environ.get(str(loader.construct_scalar(node)))
    *names, default = loader.construct_sequence(node)  # type: ignore[arg-type]
    return next((os.environ[str(n)] for n in names if str(n) in os.environ), default)


_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/name:", _python_name)
_ConfigLoader.add_constructor("!ENV", _env)
_ConfigLoader.add_constructor("!relative", lambda loader, node: None)


@lru_cache(maxsize=4)
def _read_config(path: Path, mtime: int) -> dict[str, Any]:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}  # noqa: S506 (the project's own file)


def _extensions(root: Path) -> tuple[list[str], dict[str, dict[str, Any]]]:
    names, configs = list(BUILTIN_EXTENSIONS), {}
    for item in read_engine_config(root).get("markdown_extensions") or []:
        name, config = next(iter(item.items())) if isinstance(item, dict) else (item, None)
        if name not in names:
            names.append(name)
        if config:
            configs[name] = config
    return names, configs


@lru_cache(maxsize=4)
def _markdown(root: Path, mtime: int) -> tuple[markdown.Markdown, _Links]:
    names, configs = _extensions(root)
    md = markdown.Markdown(extensions=names, extension_configs=configs)
    links = _Links(md)
    md.treeprocessors.register(links, "creditsite_links", 0)
    return md, links


def render(text: str, root: Path) -> Rendered:
    """The HTML of Markdown `text` (a page body, or one field) and its links."""
    config = root / "mkdocs.yml"
    md, links = _markdown(root, config.stat().st_mtime_ns if config.is_file() else 0)
    md.reset()
    links.found = []
    out = md.convert(text)
    return Rendered(out, list(links.found))


def text_of(markup: str) -> str:
    """What a reader sees of `markup`: tags between characters vanish (they
    join), block elements and line breaks start a new line, entities are
    decoded, and shown attributes (alt, title, link targets) are lines too."""
    reader = _TextReader()
    reader.feed(markup)
    reader.close()
    return "".join(reader.parts)


def attributes(markup: str) -> list[tuple[str, str, str]]:
    """(tag, attribute, value) for every attribute of `markup`, entities
    decoded once, as a browser reads them."""
    reader = _TextReader()
    reader.feed(markup)
    reader.close()
    return reader.attributes


class _TextReader(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.attributes: list[tuple[str, str, str]] = []
        self.pre = 0  # inside how many <pre> elements

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.pre += tag == "pre"
        if tag in _BLOCKS:
            self.parts.append("\n")
        for name, value in attrs:
            self.attributes.append((tag, name, value or ""))
            if name in _SHOWN_ATTRIBUTES and value:
                self.parts.append(f"\n{value}\n")

    def handle_endtag(self, tag: str) -> None:
        self.pre -= tag == "pre" and self.pre > 0
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        # A line break inside a paragraph shows as a space ("0912\n345 678" reads on one line), except in <pre>.
        self.parts.append(data if self.pre else data.replace("\n", " "))
