"""Numbers are never silently wrong: `30.000` is refused, never published as "30 đồng".

Vietnamese write a dot between thousands, and YAML reads `30.000` as 30.0 (and
`030` as octal 24). Every number field is strict and says how to write it.
"""

import importlib
import inspect
import pkgutil
import types
import typing
from pathlib import Path
from typing import Annotated, Any

import pytest
from pydantic import BaseModel, TypeAdapter, ValidationError

import creditsite.model
from creditsite.errors import DataError
from creditsite.load.site import load_site_data
from creditsite.load.validation import validate
from creditsite.load.yamlfile import parse_yaml
from creditsite.model.base import MONEY_HINT
from test_load import break_file, problems

# Ways people write thirty million that are not 30000000 (YAML text → what YAML makes of it).
BAD_MONEY = ["30.000", "30,000", '"30.000.000"', "30 000 000", "30000000.0", "30000000.5", '"30000000"',
             "3.0e+7", "030000000", "0x1C9C380", "30_000_000", "true", "30.000.000", "'30000000'"]


def models() -> list[type[BaseModel]]:
    """Every model class in creditsite.model."""
    found = []
    for info in pkgutil.iter_modules(creditsite.model.__path__):
        module = importlib.import_module(f"creditsite.model.{info.name}")
        classes = [c for _, c in inspect.getmembers(module, inspect.isclass) if c.__module__ == module.__name__]
        found += [c for c in classes if issubclass(c, BaseModel)]
    return found


def number_fields(kind: type) -> list[tuple[str, TypeAdapter, bool]]:
    """(Model.field, a validator for the field alone, whether it holds a list) for fields holding `kind`."""
    out = []
    for model in models():
        for name, info in model.model_fields.items():
            annotation = info.annotation
            optional = typing.get_origin(annotation) in (typing.Union, types.UnionType)
            inner = next(a for a in typing.get_args(annotation) if a is not type(None)) if optional else annotation
            is_list = typing.get_origin(inner) is list
            inner = typing.get_args(inner)[0] if is_list else inner
            base = typing.get_args(inner)[0] if typing.get_origin(inner) is Annotated else inner
            if base is kind:
                adapter = TypeAdapter(Annotated[annotation, *info.metadata] if info.metadata else annotation)
                out.append((f"{model.__name__}.{name}", adapter, is_list))
    return out


def refuses(adapter: TypeAdapter, is_list: bool, value: Any) -> list[str]:
    with pytest.raises(ValidationError) as exc:
        adapter.validate_python([value] if is_list else value)
    return [e["type"] for e in exc.value.errors()]


INT_FIELDS = number_fields(int)
# Millions of đồng as they should be written; 45.6780 is 45 million 678 thousand, said unambiguously.
MILLIONS = [("1250.5", 1250.5), ("60000", 60000), ("0.125", 0.125), ("45.6780", 45.678)]
FLOAT_FIELDS = number_fields(float)


def test_the_introspection_finds_the_fields_it_must() -> None:
    names = {n for n, *_ in INT_FIELDS}
    assert {"Story.loan_amount_vnd", "Receipt.amount_vnd", "LedgerYear.opening_balance_vnd", "Terms.max_amount_vnd",
            "LoanGuide.example_amounts_vnd", "TransactionPoint.day_of_month", "DayOfYear.month",
            "Program.order"} <= names
    decimals = {n for n, *_ in FLOAT_FIELDS}
    assert {"Figures.outstanding_loans_million_vnd", "Terms.interest_rate_pct_per_year", "Relative.pct"} <= decimals


def accepted(adapter: TypeAdapter, is_list: bool, candidates: tuple[Any, ...]) -> Any:
    """A value the field accepts, so that a field refusing everything cannot pass."""
    for value in candidates:
        try:
            adapter.validate_python([value] if is_list else value)
            return value
        except ValidationError:
            continue
    raise AssertionError("the field accepts none of the candidates")


@pytest.mark.parametrize("name,adapter,is_list", INT_FIELDS, ids=[n for n, *_ in INT_FIELDS])
def test_every_whole_number_field_is_strict(name: str, adapter: TypeAdapter, is_list: bool) -> None:
    good = accepted(adapter, is_list, (15, 2025, 30_000_000, 5))
    expected = "money_type" if name.endswith("_vnd") else "whole_number_type"  # each with its hint
    for value in (float(good), good + 0.5, str(good), True, f"{good:,}".replace(",", ".")):
        assert refuses(adapter, is_list, value) == [expected], (name, value)


@pytest.mark.parametrize("name,adapter,is_list", FLOAT_FIELDS, ids=[n for n, *_ in FLOAT_FIELDS])
def test_every_decimal_field_refuses_text(name: str, adapter: TypeAdapter, is_list: bool) -> None:
    good = accepted(adapter, is_list, (6.6, 150.5, 1250.5))
    expected = "money_type" if name.endswith("_vnd") else "number_type"
    for value in (str(good), str(good).replace(".", ","), True):
        assert refuses(adapter, is_list, value) == [expected], (name, value)


def ledger_problem(value: str) -> str:
    entry = f"  - date: 2025-01-02\n    amount_vnd: {value}\n    donor: {{vi: A}}\n    category: c\n    reference: R1\n"
    text = "year: 2025\nopening_balance_vnd: 0\nreceipts:\n" + entry
    from creditsite.model.fund import LedgerYear

    with pytest.raises(DataError) as exc:
        validate(*parse_yaml(text, "f.yml"), "f.yml", LedgerYear)
    [problem] = exc.value.problems
    return str(problem)


@pytest.mark.parametrize("value", BAD_MONEY)
def test_money_written_with_separators_is_refused_with_a_hint(value: str) -> None:
    message = ledger_problem(value)
    assert message.startswith("f.yml:5 [receipts[0].amount_vnd]"), message
    assert MONEY_HINT in message


@pytest.mark.parametrize("value,expected", MILLIONS)
def test_millions_with_a_decimal_point_still_load(value: str, expected: float) -> None:
    from creditsite.model.progress import Figures

    figures = validate(*parse_yaml(f"overdue_million_vnd: {value}\n", "p.yml"), "p.yml", Figures)
    assert figures.overdue_million_vnd == expected


@pytest.mark.parametrize("value", ["60.000", "1.250", "1.250,5", "1,250.5", '"60000"', "60 000"])
def test_millions_written_with_thousands_separators_are_refused(value: str) -> None:
    from creditsite.model.progress import Figures

    with pytest.raises(DataError) as exc:
        validate(*parse_yaml(f"overdue_million_vnd: {value}\n", "p.yml"), "p.yml", Figures)
    [problem] = exc.value.problems
    assert "millions of đồng without thousands separators" in str(problem), problem


@pytest.mark.parametrize("rel,field,right,wrong", [
    ("plan_data/programs/ho-ngheo.yml", "max_amount_vnd", "100000000", "100.000"),
    ("plan_data/fund/2025.yml", "opening_balance_vnd", "17000000", "17.000.000"),
    ("plan_data/loan_guide.yml", "example_amounts_vnd", "[10000000,", "[10.000.000,"),
    ("plan_data/loan_guide.yml", "interest_example_amount_vnd", "20000000", "20,000,000"),
    ("docs/guong-dien-hinh/nuoi-bo-sinh-san-thon-hai.md", "loan_amount_vnd", "40000000", "40.000"),
    ("plan_data/progress/2026.yml", "overdue_million_vnd", "60 ", "60.000 "),
    ("plan_data/commune.yml", "day_of_month", "null", "15.0"),
    ("plan_data/progress/2026.yml", "year", "2026", "2.026"),
])
def test_real_files_refuse_separators_at_the_field(project: Path, rel: str, field: str, right: str, wrong: str) -> None:
    break_file(project, rel, f"{field}: {right}", f"{field}: {wrong}")
    [message] = problems(project)
    assert message.startswith(f"{rel}:") and f"{field}" in message and "separators" in message, message


def test_a_text_field_keeps_a_number_as_it_was_typed() -> None:
    """`030` or `1.250` in a text field is what the officer typed, not octal 24 or 1.25."""
    data, _ = parse_yaml("a: 030\nb: 1.250\nc: 1:30\nd: 6.6\ne: 25\n", "x.yml")
    assert data == {"a": "030", "b": "1.250", "c": "1:30", "d": 6.6, "e": 25}


def test_real_data_still_loads_with_strict_numbers() -> None:
    from conftest import COMMUNE

    data = load_site_data(COMMUNE)
    assert data.programs["ho-ngheo"].max_amount_vnd == 100_000_000
    assert data.ledger[-1].opening_balance_vnd == 17_000_000


@pytest.mark.parametrize("amount", ["30.000", "30,000,000", "30 000 000", "²", "３０００", "-5"])
def test_new_story_refuses_money_with_separators(project: Path, amount: str) -> None:
    from creditsite.cli.newstory import create

    answers = {"slug": "nuoi-ga", "title": "Nuôi gà", "village": "thon-ba", "program": "ho-ngheo", "amount": amount,
               "year": "2025", "consent_by": "Cán bộ Hội"}
    with pytest.raises(DataError) as exc:
        create(project, answers)
    [message] = [str(p) for p in exc.value.problems]
    assert "[amount]" in message and MONEY_HINT in message
    assert not (project / "docs/guong-dien-hinh/nuoi-ga.md").exists()
