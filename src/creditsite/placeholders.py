"""Fill `{{ … }}` placeholders in content from data, safely.

Content comes from officers and, later, a web editor, so templates run in
Jinja's sandbox: a pasted template cannot reach Python internals.

The data a placeholder brings in is text, typed by officers too: in a
hand-written page it becomes literal Markdown in the body and one line of
plain text in the front matter (YAML, which the theme escapes), so a name
cannot add markup, Markdown or front-matter keys to the page.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

import jinja2
import yaml
from jinja2.sandbox import SandboxedEnvironment

from .errors import DataError, Problem
from .markdown import escape

# A page's front matter, as MkDocs reads it (mkdocs/utils/meta.py).
_FRONT_MATTER = re.compile(r"\A-{3}[ \t]*\n.*?\n(?:-{3}|\.{3})[ \t]*\n", re.S)


def _one_line(value: object) -> str:
    return " ".join(str(value).split())


def _sandbox(finalize: Callable[[object], str] | None = None) -> SandboxedEnvironment:
    return SandboxedEnvironment(undefined=jinja2.StrictUndefined, keep_trailing_newline=True, autoescape=False,
                                finalize=finalize)


_SANDBOX = _sandbox()  # callers escape the filled text for where it goes
_FRONT_TEXT = _sandbox(_one_line)
_MARKDOWN_TEXT = _sandbox(lambda value: escape(_one_line(value)))


def fill_page(text: str, context: Mapping[str, object], shown: str) -> str:
    """A hand-written Markdown page with its placeholders filled as text."""
    match = _FRONT_MATTER.match(text)
    head = match.group(0) if match else ""
    lines = head.count("\n")  # the body keeps its line numbers for error messages
    body = fill("\n" * lines + text[len(head):], context, shown, _MARKDOWN_TEXT)[lines:]
    return _fill_front_matter(head, context, shown) + body


def _fill_front_matter(head: str, context: Mapping[str, object], shown: str) -> str:
    """Placeholders are filled inside the parsed values, which are then written
    back as YAML: a value with a colon or a line break stays one value."""
    if "{{" not in head and "{%" not in head:
        return head
    try:
        data = yaml.safe_load(head.split("\n", 1)[1].rsplit("\n", 2)[0])
    except yaml.YAMLError:
        data = None
    if not isinstance(data, dict):  # MkDocs ignores such front matter; fill it like the body
        return fill(head, context, shown, _FRONT_TEXT)

    def filled(value: object) -> object:
        if isinstance(value, str):
            return fill(value, context, shown, _FRONT_TEXT)
        if isinstance(value, list):
            return [filled(item) for item in value]
        if isinstance(value, dict):
            return {key: filled(item) for key, item in value.items()}
        return value

    return "---\n" + yaml.safe_dump(filled(data), allow_unicode=True, sort_keys=False, width=10**6) + "---\n"


def fill(text: str, context: Mapping[str, object], shown: str, env: SandboxedEnvironment = _SANDBOX) -> str:
    """`text` with its placeholders filled; DataError naming `shown` if one is wrong."""
    if "{{" not in text and "{%" not in text:
        return text
    try:
        return env.from_string(text).render(**context)
    except jinja2.TemplateSyntaxError as exc:
        raise DataError([Problem(shown, f"lỗi cú pháp trong dấu {{{{ }}}}: {exc.message} (placeholder syntax error)", exc.lineno)]) from None
    except (jinja2.TemplateError, ValueError) as exc:
        raise DataError([Problem(shown, f"không điền được dữ liệu: {exc} (unknown placeholder; check the name)")]) from None
