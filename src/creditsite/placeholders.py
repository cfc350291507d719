"""Fill `{{ … }}` placeholders in content from data, safely.

Content comes from officers and, later, a web editor, so templates run in
Jinja's sandbox: a pasted template cannot reach Python internals.
"""

from __future__ import annotations

from collections.abc import Mapping

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from .errors import DataError, Problem

_SANDBOX = SandboxedEnvironment(undefined=jinja2.StrictUndefined, keep_trailing_newline=True, autoescape=False)


def fill(text: str, context: Mapping[str, object], shown: str) -> str:
    """`text` with its placeholders filled; DataError naming `shown` if one is wrong."""
    if "{{" not in text and "{%" not in text:
        return text
    try:
        return _SANDBOX.from_string(text).render(**context)
    except jinja2.TemplateSyntaxError as exc:
        raise DataError([Problem(shown, f"lỗi cú pháp trong dấu {{{{ }}}}: {exc.message} (placeholder syntax error)", exc.lineno)]) from None
    except (jinja2.TemplateError, ValueError) as exc:
        raise DataError([Problem(shown, f"không điền được dữ liệu: {exc} (unknown placeholder; check the name)")]) from None
