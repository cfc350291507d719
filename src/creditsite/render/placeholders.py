"""Fill `{{ … }}` placeholders in content from data, safely.

Content comes from officers and, later, a web editor, so a placeholder is a
data name and nothing more: `{{ commune.name }}`, `{{ program('ho-ngheo').rate }}`.
Templates run in Jinja's sandbox, and on top of it:
- statement tags (`{% include %}`, `{% for %}`, `{% raw %}` …) are refused;
- an expression is a name, its fields (`.x`, `['x']`) and calls with literal
  arguments; no operators, filters or lists (`{{ 'a' * 10**9 }}` is refused);
- only the project's own helpers may be called, not Python's (`lang.zfill(…)`);
- only texts and numbers are printed: `{{ commune }}` or `{{ program }}` would
  show a Python repr with a memory address.
`{#` is not a Jinja comment here: Markdown uses it for heading ids (`{#id}`).

The data a placeholder brings in is text, typed by officers too: in a
hand-written page it becomes literal Markdown in the body and one line of
plain text in the front matter (YAML, which the theme escapes), so a name
cannot add markup, Markdown or front-matter keys to the page.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

import jinja2
import yaml
from jinja2 import nodes
from jinja2.sandbox import SandboxedEnvironment

from creditsite.errors import DataError, Problem
from creditsite.render.markdown import escape

_EXAMPLE = "{{ commune.name }} hoặc {{ program('ho-ngheo').rate }}"
MAX_TOKENS = 40  # {{ program('ho-ngheo').monthly_interest(20000000) }} has 11


class _NotPrintable(ValueError):
    pass


def _printable(value: Any) -> Any:
    """What a placeholder may print: a text or a number, nothing else."""
    if isinstance(value, jinja2.Undefined):
        return str(value)  # StrictUndefined: raises "… is undefined", the message for a wrong name
    if isinstance(value, str) or (isinstance(value, (int, float)) and not isinstance(value, bool)):
        return value
    raise _NotPrintable(
        f"dấu {{{{ … }}}} phải cho ra một chữ hoặc một số; hãy chọn một trường cụ thể, ví dụ {_EXAMPLE} "
        f"(a placeholder must give a text or a number, not a {type(value).__name__}; name one field)"
    )


class _Sandbox(SandboxedEnvironment):
    """The sandbox, calling only the project's own helpers (`program(…)`, `….monthly_interest(…)`)."""

    def call(self, context: Any, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
        module = getattr(obj, "__module__", None) or ""
        if not module.startswith("creditsite."):  # a Python builtin: str.zfill(10**9) and friends
            raise jinja2.sandbox.SecurityError(f"không được gọi '{getattr(obj, '__name__', obj)}' (not allowed)")
        return super().call(context, obj, *args, **kwargs)


def _sandbox(finalize: Callable[[Any], Any] = lambda value: value) -> _Sandbox:
    env = _Sandbox(
        undefined=jinja2.StrictUndefined, keep_trailing_newline=True, autoescape=False,
        finalize=lambda value: finalize(_printable(value)),
        comment_start_string="\x00#", comment_end_string="#\x00",  # never in a text file: read_text refuses NUL
    )
    env.globals.clear()  # no range(), lipsum(), dict(), cycler(): content sees only its data
    return env


def _one_line(value: object) -> str:
    return " ".join(str(value).split())


_SANDBOX = _sandbox()  # callers escape the filled text for where it goes
_FRONT_TEXT = _sandbox(_one_line)
_MARKDOWN_TEXT = _sandbox(lambda value: escape(_one_line(value)))
# A page's front matter, as MkDocs reads it (mkdocs/utils/meta.py).
_FRONT_MATTER = re.compile(r"\A-{3}[ \t]*\n.*?\n(?:-{3}|\.{3})[ \t]*\n", re.S)


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


def fill(text: str, context: Mapping[str, object], shown: str, env: _Sandbox = _SANDBOX) -> str:
    """`text` with its placeholders filled; DataError naming `shown` if one is wrong."""
    if "{{" not in text and "{%" not in text:
        return text
    try:
        _check_tags(text, shown)
        template = _SANDBOX.parse(text)
        _check_expressions(template, shown)
        return env.from_string(template).render(**context)
    except jinja2.TemplateSyntaxError as exc:
        raise _problem(shown, f"lỗi cú pháp trong dấu {{{{ }}}}: {exc.message} (placeholder syntax error)", exc.lineno)
    except RecursionError:  # MAX_TOKENS should stop it first; never a traceback for content
        raise _too_long(shown, None) from None
    except _NotPrintable as exc:
        raise _problem(shown, str(exc))
    except jinja2.sandbox.SecurityError as exc:
        raise _problem(shown, f"{exc}: dấu {{{{ … }}}} chỉ dùng tên dữ liệu, ví dụ {_EXAMPLE} "
                       "(a placeholder names data)")
    except (jinja2.TemplateError, ValueError, TypeError, ArithmeticError) as exc:  # e.g. a wrong name or argument
        raise _problem(shown, f"không điền được dữ liệu: {exc} (unknown placeholder; check the name)")


def _problem(shown: str, message: str, line: int | None = None) -> DataError:
    return DataError([Problem(shown, message, line)])


def _check_tags(text: str, shown: str) -> None:
    """Refuse `{% … %}` (placeholders print data, they do not run statements)
    and overlong placeholders, before Jinja's recursive parser sees them."""
    tokens = iter(_SANDBOX.lex(text))
    count = 0
    for line, kind, _ in tokens:
        if kind in ("block_begin", "raw_begin"):
            word = next((value for _, k, value in tokens if k != "whitespace"), "…")
            tag = "raw" if kind == "raw_begin" else word
            raise _problem(
                shown,
                f"không dùng lệnh {{% {tag} %}}; chỉ dùng dấu {{{{ tên }}}}, ví dụ {_EXAMPLE} "
                f"(statement tags such as {{% {tag} %}} are not allowed; placeholders are {{{{ name }}}} only)",
                line,
            )
        if kind == "variable_begin":
            count = 0
        elif kind not in ("whitespace", "data"):
            count += 1  # a token inside {{ … }}
            if count > MAX_TOKENS:
                raise _too_long(shown, line)


def _too_long(shown: str, line: int | None) -> DataError:
    message = f"dấu {{{{ … }}}} quá dài; ví dụ {_EXAMPLE} (a placeholder holds a data name only: this one is too long)"
    return _problem(shown, message, line)


def _check_expressions(template: nodes.Template, shown: str) -> None:
    for output in template.body:
        for child in output.nodes if isinstance(output, nodes.Output) else [output]:
            if not isinstance(child, nodes.TemplateData) and not _data_name(child):
                raise _problem(
                    shown,
                    f"dấu {{{{ … }}}} chỉ chứa tên dữ liệu, không phép tính hay bộ lọc; ví dụ {_EXAMPLE} "
                    "(a placeholder holds a data name only: no operators, filters or lists)",
                    child.lineno,
                )


def _data_name(node: nodes.Node) -> bool:
    """`name`, `a.b`, `a['b']`, `f('x', 3)`, chained: the only shapes a placeholder takes."""
    if isinstance(node, nodes.Name):
        return node.ctx == "load"
    if isinstance(node, nodes.Getattr):
        return _data_name(node.node)
    if isinstance(node, nodes.Getitem):
        return _literal(node.arg) and _data_name(node.node)
    if isinstance(node, nodes.Call):
        plain = not node.kwargs and node.dyn_args is None and node.dyn_kwargs is None
        return plain and all(_literal(arg) for arg in node.args) and _data_name(node.node)
    return False


def _literal(node: nodes.Node) -> bool:
    return isinstance(node, nodes.Const) and type(node.value) in (str, int, float)
