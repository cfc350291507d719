"""Placeholders print data and nothing else: no statements, no Python reprs."""

import re

import pytest

from conftest import COMMUNE
from creditsite.errors import DataError
from creditsite.load.site import load_site_data
from creditsite.render.context import page_context
from creditsite.render.placeholders import fill

CONTEXT = page_context(load_site_data(COMMUNE), "vi")
REPORT = {"year": 2026, "commune": "xã Thử Nghiệm"}  # what report.yml's texts may use


def refused(text: str, context: dict | None = None) -> str:
    with pytest.raises(DataError) as exc:
        fill(text, context or CONTEXT, "docs/x.md")
    [problem] = exc.value.problems
    assert problem.file == "docs/x.md"
    return str(problem)


@pytest.mark.parametrize("text,expected", [
    ("{{ commune.name }}", "xã Thử Nghiệm"),
    ("{{commune['name']}}", "xã Thử Nghiệm"),
    ("Lãi {{ program('ho-ngheo').rate }}.", "Lãi 6,6%/năm."),
    ("{{ program('ho-ngheo').monthly_interest(20000000) }}", "110.000 đồng"),
    ("{{ transaction_point.day }}", "chưa xác nhận"),
    ("## Vay vốn {#vay-von}\n\n{{ lang }}", "## Vay vốn {#vay-von}\n\nvi"),  # Markdown heading ids stay
    ("{# không phải chú thích #} {{ lang }}", "{# không phải chú thích #} vi"),
])
def test_data_names_are_filled(text: str, expected: str) -> None:
    assert fill(text, CONTEXT, "docs/x.md") == expected


def test_report_words_fill() -> None:
    filled = fill("Báo cáo năm {{ year }} của {{ commune }}", REPORT, "plan_data/report.yml")
    assert filled == "Báo cáo năm 2026 của xã Thử Nghiệm"


@pytest.mark.parametrize("tag", [
    "{% include 'base.html' %}", "{% import 'x.html' as x %}", "{% from 'x' import y %}",
    "{% extends 'main.html' %}", "{% for i in range(3) %}{{ i }}{% endfor %}", "{% if true %}x{% endif %}",
    "{% set x = 1 %}", "{%- macro m() -%}{%- endmacro -%}", "{% raw %}{{ x }}{% endraw %}",
    "{% filter upper %}x{% endfilter %}", "{% with a = 1 %}{% endwith %}", "{% block b %}{% endblock %}",
    "{% call x() %}{% endcall %}", "{%include 'x'%}", "{%+ include 'x' %}",
])
def test_statement_tags_are_refused_with_one_message(tag: str) -> None:
    message = refused(f"# Trang\n\n{{{{ commune.name }}}}\n{tag}\n")
    assert message.startswith("docs/x.md:4:") and "statement tags such as {%" in message


@pytest.mark.parametrize("text", [
    "{{ program }}", "{{ commune }}", "{{ site }}", "{{ program('ho-ngheo') }}", "{{ program('ho-ngheo').facts }}",
    "{{ lang.upper }}", "{{ program('ho-ngheo').monthly_interest }}", "{{ program('ho-ngheo').facts.reasons }}",
])
def test_only_texts_and_numbers_are_printed(text: str) -> None:
    message = refused(text)
    assert "must give a text or a number" in message and not re.search(r"0x[0-9a-f]{6,}|<function|<bound", message)


@pytest.mark.parametrize("text", [
    "{{ 'a' * 10**9 }}", "{{ 9**9**9 }}", "{{ 1 + 1 }}", "{{ commune.name | upper }}", "{{ commune.name ~ 'x' }}",
    "{{ [1, 2] }}", "{{ {'a': 1} }}", "{{ none }}", "{{ true }}", "{{ 'x' if lang else 'y' }}", "{{ program(x='a') }}",
    "{{ program(*['ho-ngheo']) }}", "{{ commune[lang] }}", "{{ lang is defined }}", "{{ 5 }}",
    "{{ program('ho-ngheo').monthly_interest(10**12) }}", "{{ commune.name[::-1] }}",
])
def test_expressions_are_data_names_only(text: str) -> None:
    assert "a placeholder holds a data name only" in refused(text)


@pytest.mark.parametrize("text", [
    "{{ lang.zfill(1000000000) }}", "{{ lang.upper() }}", "{{ commune.items() }}", "{{ commune.get('name') }}",
    "{{ lang.__class__ }}", "{{ commune.__class__.__mro__ }}", "{{ program.__globals__ }}", "{{ lang.format('x') }}",
])
def test_python_internals_and_builtins_cannot_be_reached(text: str) -> None:
    message = refused(text)
    assert "not allowed" in message or "unsafe" in message, message


GLOBALS = ["{{ range(10) }}", "{{ lipsum() }}", "{{ cycler }}", "{{ namespace }}", "{{ joiner }}"]


@pytest.mark.parametrize("text", GLOBALS)
def test_jinja_globals_are_gone(text: str) -> None:
    message = refused(text)
    assert "undefined" in message or "data name only" in message, message


@pytest.mark.parametrize("text", [
    "{{ program('ho-ngheo').monthly_interest() }}", "{{ program('ho-ngheo').monthly_interest('x') }}",
    "{{ program('khong-co') }}", "{{ program(3) }}", "{{ commune.ten }}",
])
def test_wrong_names_and_arguments_give_a_message_not_a_traceback(text: str) -> None:
    assert "unknown placeholder" in refused(text)


@pytest.mark.parametrize("text", [
    "{{ lang" + ".x" * 5000 + " }}", "{{ " + "(" * 5000 + "lang" + ")" * 5000 + " }}",
    "{{ commune" + "['name']" * 3000 + " }}", "{{ program" + "('ho-ngheo')" * 3000 + " }}",
])
def test_overlong_placeholders_get_a_message_not_a_recursion_error(text: str) -> None:
    assert "this one is too long" in refused(text)


def test_many_placeholders_on_a_page_are_fine() -> None:
    assert fill("{{ commune.name }}, " * 2000, CONTEXT, "docs/x.md") == "xã Thử Nghiệm, " * 2000
