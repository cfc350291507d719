"""Problems found in content, reported to people who are not programmers."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one file: where it is and what was expected."""

    file: str
    message: str
    line: int | None = None
    field: str | None = None

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        field = f" [{self.field}]" if self.field else ""
        return f"{where}{field}: {self.message}"


class DataError(Exception):
    """Content that cannot be published. Carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.problems)
        head = f"Có {count} lỗi trong nội dung (found {count} problem(s)):"
        return "\n".join([head, *(f"  - {p}" for p in self.problems)])
