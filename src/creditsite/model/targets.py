"""The plan's measurable targets and its recurring dates."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field, model_validator

from creditsite.model.base import (
    LocalText,
    Number,
    Slug,
    Source,
    Strict,
    Unique,
    WholeNumber,
    Year,
)

Percent = Annotated[Number, Field(ge=0, le=100)]


class Target(Strict):
    id: Slug
    title: LocalText
    min_pct: Percent
    max_pct: Percent | None = None
    every_year: bool = False
    by_year: Year | None = None
    plan_ref: Slug
    responsible: list[Slug] = []
    # Which yearly figure of plan_data/progress/ measures this target.
    measure: Literal["share_of_growth_pct", "share_of_total_pct"] | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Target:
        if self.max_pct is not None and self.max_pct < self.min_pct:
            raise ValueError("'max_pct' phải lớn hơn hoặc bằng 'min_pct' (max_pct must be >= min_pct)")
        if self.every_year == (self.by_year is not None):
            raise ValueError(
                "cần 'every_year: true' hoặc 'by_year' (expected a yearly target or a target year, not both)"
            )
        return self


class DayOfYear(Strict):
    month: Annotated[WholeNumber, Field(ge=1, le=12)]
    day: Annotated[WholeNumber, Field(ge=1, le=31)]

    @model_validator(mode="after")
    def _real_day(self) -> DayOfYear:
        dt.date(2024, self.month, self.day)  # a leap year accepts every real day
        return self

    def next_after(self, today: dt.date) -> dt.date:
        """The next time this day comes, today included."""
        for year in (today.year, today.year + 1, today.year + 2):
            try:
                when = dt.date(year, self.month, self.day)
            except ValueError:  # 29 February in a common year
                continue
            if when >= today:
                return when
        raise AssertionError("unreachable")


class Deadline(Strict):
    """A date that comes back every year. No `start` means the plan gives none."""

    id: Slug
    title: LocalText
    start: DayOfYear | None = None
    end: DayOfYear | None = None
    before: bool = False
    responsible: list[Slug] = []
    recipient: Slug | None = None
    plan_ref: Slug | None = None
    source: Source | None = None
    note: LocalText | None = None

    @model_validator(mode="after")
    def _has_origin(self) -> Deadline:
        if self.plan_ref is None and self.source is None:
            raise ValueError("cần 'plan_ref' hoặc 'source' để biết ngày này lấy từ đâu (expected plan_ref or source)")
        if self.end is not None and self.start is None:
            raise ValueError("có 'end' thì phải có 'start' (end needs a start)")
        return self


class Targets(Strict):
    monitoring_lead: Slug
    monitoring_ref: Slug
    targets: Annotated[list[Target], Unique]
    calendar: Annotated[list[Deadline], Unique]
