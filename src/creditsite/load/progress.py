"""Yearly progress under the plan: loading `plan_data/progress/<year>.yml`,
and the checks that need other files. The views are in `creditsite.views.progress`.

Rules beyond each file's own (see `model/progress.py`):
- the file is named after its year, and no year is missing between the first and the last;
- every task is a task of the plan, and every unit is a unit assigned to it (lead or support);
- figures agree with the previous year's: this year's credit growth is the
  change in outstanding loans, the entrusted increase is the change in the
  entrusted balance, and the fund opens with last year's closing balance.
"""

from __future__ import annotations

import re
from pathlib import Path

from creditsite.errors import DataError, Problem
from creditsite.load.validation import validate
from creditsite.load.yamlfile import LineMap, load_yaml, yml_files
from creditsite.model.progress import AMOUNT_TOLERANCE, DIR, ProgressYear, rel_path
from creditsite.model.site import SiteData


def load_progress(root: Path) -> dict[int, ProgressYear]:
    """Every year's file, oldest first. The folder may be empty or absent."""
    years: dict[int, ProgressYear] = {}
    files, problems = yml_files(root / DIR, DIR)
    if problems:  # a skipped year would also read as a missing one: say the cause only
        raise DataError(problems)
    for path in files:
        rel = f"{DIR}/{path.name}"
        if not re.fullmatch(r"\d{4}\.yml", path.name):
            problems.append(
                Problem(
                    rel, "tên tệp phải là năm báo cáo, ví dụ 2026.yml (the file name must be the year, e.g. 2026.yml)"
                )
            )
            continue
        try:
            raw, lines = load_yaml(path, rel)
            progress = validate(raw, lines, rel, ProgressYear)
        except DataError as exc:
            problems.extend(exc.problems)
            continue
        if progress.year != int(path.stem):
            problems.append(
                Problem(
                    rel,
                    f"'year' là {progress.year} nhưng tên tệp là {path.name} (the year must match the file name)",
                    lines.line_of(("year",)),
                    "year",
                )
            )
            continue
        years[progress.year] = progress
    if years:
        first, last = min(years), max(years)
        for year in range(first, last + 1):
            if year not in years and not any(p.file == rel_path(year) for p in problems):
                problems.append(
                    Problem(
                        f"{DIR}/",
                        f"thiếu năm {year}: có năm {first} đến {last} nhưng không có tệp {year}.yml (a year is "
                        "missing)",
                    )
                )
    if problems:
        raise DataError(problems)
    return dict(sorted(years.items()))


def _lines(root: Path, year: int) -> LineMap:
    return load_yaml(root / rel_path(year), rel_path(year))[1]


def check_progress(data: SiteData) -> list[Problem]:
    """Tasks, units and figures across files; the report settings' units."""
    problems: list[Problem] = []
    units = data.units.by_id()
    tasks = {task.anchor: task for task in data.plan.tasks()}
    for year, progress in data.progress.items():
        rel, lines = rel_path(year), _lines(data.root, year)

        def problem(message: str, *loc: str | int) -> None:
            problems.append(Problem(rel, message, lines.line_of(loc), ".".join(str(part) for part in loc)))

        for anchor, entries in progress.tasks.items():
            task = tasks.get(anchor)
            if task is None:
                problem(
                    f"không có nhiệm vụ '{anchor}' trong Kế hoạch (unknown task); có (known): {', '.join(tasks)}",
                    "tasks",
                    anchor,
                )
                continue
            assigned = [*task.assigned.lead, *task.assigned.support]
            for unit in entries:
                if unit not in units:
                    problem(
                        f"không có đơn vị '{unit}' (unknown unit); có (known): {', '.join(units)}",
                        "tasks",
                        anchor,
                        unit,
                    )
                elif unit not in assigned:
                    problem(
                        f"đơn vị '{unit}' không được giao nhiệm vụ {task.label} (unit not assigned to this task); "
                        f"được giao (assigned): {', '.join(assigned)}",
                        "tasks",
                        anchor,
                        unit,
                    )
        for block in ("figures", "fund"):
            unit = getattr(progress, block).reported_by
            if unit is not None and unit not in units:
                problem(f"không có đơn vị '{unit}' (unknown unit)", block, "reported_by")
        previous = data.progress.get(year - 1)
        if previous is not None:
            for message, loc in _against_previous(progress, previous):
                problem(message, *loc)
    problems += _check_report_settings(data)
    return problems


def _against_previous(now: ProgressYear, before: ProgressYear) -> list[tuple[str, tuple[str, ...]]]:
    """Figures that must follow from last year's file."""
    out: list[tuple[str, tuple[str, ...]]] = []
    f, p = now.figures, before.figures
    pairs = (
        ("credit_growth_million_vnd", "outstanding_loans_million_vnd"),
        ("entrusted_increase_million_vnd", "entrusted_balance_million_vnd"),
    )
    for change, level in pairs:
        stated, this, last = getattr(f, change), getattr(f, level), getattr(p, level)
        if None not in (stated, this, last) and abs(stated - (this - last)) > AMOUNT_TOLERANCE:
            out.append(
                (
                    f"'{change}' = {stated} nhưng '{level}' năm {now.year} trừ năm {before.year} = {this - last:.3f} "
                    "(the change does not match last year's figure)",
                    ("figures", change),
                )
            )
    opening, closing = now.fund.opening_balance_million_vnd, before.fund.closing_balance_million_vnd
    if opening is not None and closing is not None and abs(opening - closing) > AMOUNT_TOLERANCE:
        out.append(
            (
                f"số dư đầu năm {now.year} ({opening}) khác số dư cuối năm {before.year} ({closing}) "
                "(the opening balance must equal last year's closing balance)",
                ("fund", "opening_balance_million_vnd"),
            )
        )
    return out


def _check_report_settings(data: SiteData) -> list[Problem]:
    rel = "plan_data/report.yml"
    units = data.units.by_id()
    problems: list[Problem] = []
    if data.report.issuer not in units:
        problems.append(Problem(rel, f"không có đơn vị '{data.report.issuer}' (unknown unit)", field="issuer"))
    for i, recipient in enumerate(data.report.recipients):
        if recipient.unit is not None and recipient.unit not in units:
            problems.append(
                Problem(rel, f"không có đơn vị '{recipient.unit}' (unknown unit)", field=f"recipients[{i}].unit")
            )
    return problems
