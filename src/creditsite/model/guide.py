"""Content that explains borrowing in general: the steps, how interest works,
the eligibility finder, the FAQ and the glossary.

Texts may use placeholders such as `{{ program('ho-ngheo').rate }}` so that
numbers stay typed once, in the programme files.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import Field, field_validator

from creditsite.model.base import (
    LocalText,
    Money,
    NonEmpty,
    Number,
    Slug,
    Source,
    Strict,
    Unique,
    WholeNumber,
)
from creditsite.model.programs import MAX_TERM_MONTHS


class Step(Strict):
    id: Slug
    title: LocalText
    text: LocalText
    form: NonEmpty | None = None  # e.g. "01/TD"


class Overdue(Strict):
    pct_of_normal: Annotated[Number, Field(gt=100, le=300)]
    applies_to: list[Slug] = Field(min_length=1)
    text: LocalText
    sources: list[Source] = Field(min_length=1)


class Topic(Strict):
    """A titled explanation with its sources."""

    title: LocalText
    text: LocalText
    sources: list[Source] = []


class LoanGuide(Strict):
    steps: list[Step] = Field(min_length=1)
    processing: Topic
    interest: Topic
    interest_example_program: Slug
    interest_example_amount_vnd: Annotated[Money, Field(gt=0)]
    overdue: Overdue
    extension: Topic
    example_amounts_vnd: list[Annotated[Money, Field(gt=0)]] = Field(min_length=1)
    calculator_term_months: WholeNumber  # the calculator's first term; a shorter programme starts at its longest
    sources: list[Source] = Field(min_length=1)
    as_of: dt.date

    @field_validator("calculator_term_months")
    @classmethod
    def _a_term(cls, value: int) -> int:
        if not 1 <= value <= MAX_TERM_MONTHS:
            raise ValueError(
                f"thời hạn ban đầu của máy tính tiền lãi phải từ 1 đến {MAX_TERM_MONTHS} tháng, ví dụ 36 "
                f"(the calculator's starting term must be 1 to {MAX_TERM_MONTHS} months, e.g. 36)"
            )
        return value


class Option(Strict):
    label: LocalText
    next: Slug  # a question id or a result id


class Question(Strict):
    id: Slug
    question: LocalText
    hint: LocalText | None = None
    options: list[Option] = Field(min_length=2)


class Result(Strict):
    id: Slug
    title: LocalText
    programs: list[Slug] = []
    why: LocalText
    next_steps: LocalText


class Finder(Strict):
    """A GOV.UK-style "check a service is suitable" tree, one question per page."""

    start: Slug
    questions: list[Question] = Field(min_length=1)
    results: list[Result] = Field(min_length=1)


class FaqItem(Strict):
    id: Slug
    question: LocalText
    answer: LocalText
    links: list[Slug] = []  # programme ids to link to


class Faq(Strict):
    items: Annotated[list[FaqItem], Unique] = Field(min_length=1)


class Term(Strict):
    id: Slug
    term: LocalText  # the words as they appear in pages; each becomes a tooltip
    definition: LocalText

    @field_validator("definition")
    @classmethod
    def _one_line(cls, value: LocalText) -> LocalText:
        if "\n" in value.vi or (value.en and "\n" in value.en):
            raise ValueError("định nghĩa phải nằm trên một dòng (a definition must be one line)")
        return value


class Glossary(Strict):
    terms: Annotated[list[Term], Unique] = Field(min_length=1)
