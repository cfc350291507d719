"""Interface words in both languages, from strings.yml."""

from __future__ import annotations

from functools import cache
from importlib.resources import files

from creditsite.load.yamlfile import parse_yaml


@cache
def _table() -> dict[str, dict[str, str]]:
    text = files(__package__).joinpath("strings.yml").read_text(encoding="utf-8")
    return parse_yaml(text, "src/creditsite/strings.yml")[0]  # strict: a repeated key is an error


def t(key: str, lang: str, **values: object) -> str:
    """The interface text `key` in `lang`, with {placeholders} filled in."""
    text = _table()[key][lang]
    return text.format(**values) if values else text


def with_prefix(prefix: str, lang: str) -> dict[str, str]:
    """Every text whose key starts with `prefix`, by the rest of its key: the
    words a script needs, handed to it in the page (see calculator.js)."""
    return {key.removeprefix(prefix): texts[lang] for key, texts in _table().items() if key.startswith(prefix)}
