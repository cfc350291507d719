"""A content rule: the plan on the site is the signed plan, word for word.

A commune keeps the signed text in plan_data/source/ke-hoach.txt (one paragraph
per line, as typed or exported from the signed document). When that file
exists, plan.yml must rebuild every line of it, in order; the first line that
differs is reported with its line number, so the officer can fix plan.yml.
"""

from __future__ import annotations

from pathlib import Path

from creditsite.errors import Problem
from creditsite.model.plan import Plan, normalise

SOURCE = "plan_data/source/ke-hoach.txt"


def signed_lines(path: Path) -> list[tuple[int, str]]:
    """The non-blank lines of the signed text, with their line numbers."""
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    return [(n, normalise(line)) for n, line in enumerate(lines, 1) if line.strip()]


def check_plan_source(root: Path, plan: Plan) -> list[Problem]:
    path = root / SOURCE
    if not path.is_file():
        return []
    try:
        signed = signed_lines(path)
    except UnicodeDecodeError:
        return [Problem(SOURCE, "tệp phải là văn bản UTF-8 (the file must be UTF-8 text)")]
    ours = plan.signed_lines()
    for index, (number, line) in enumerate(signed):
        if index >= len(ours):
            return [_missing(number, line)]
        if ours[index] != line:
            return [_differs(number, line, ours[index])]
    if len(ours) > len(signed):
        extra = _short(ours[len(signed)])
        return [
            Problem(
                "plan_data/plan.yml",
                f"có đoạn không có trong bản ký {SOURCE}: “{extra}” (text not in the signed plan)",
            )
        ]
    return []


def _short(text: str, width: int = 90) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _missing(number: int, line: str) -> Problem:
    return Problem(
        SOURCE,
        f"đoạn này của bản ký chưa có trong plan_data/plan.yml: “{_short(line)}” "
        "(this paragraph of the signed plan is missing from plan.yml)",
        line=number,
    )


def _differs(number: int, line: str, ours: str) -> Problem:
    at = next((i for i, (a, b) in enumerate(zip(line, ours)) if a != b), min(len(line), len(ours)))
    start = max(0, at - 30)
    return Problem(
        SOURCE,
        f"plan_data/plan.yml khác bản ký ở đoạn này, từ chữ thứ {at + 1}: bản ký “…{line[start:at + 40]}…”, "
        f"plan.yml “…{ours[start:at + 40]}…” (plan.yml differs from the signed plan here)",
        line=number,
    )
