"""Yearly progress under the plan: loading `plan_data/progress/<year>.yml`,
the checks that need other files, and the views pages and reports share.

Rules beyond each file's own (see `model/progress.py`):
- the file is named after its year, and no year is missing between the first and the last;
- every task is a task of the plan, and every unit is a unit assigned to it (lead or support);
- figures agree with the previous year's: this year's credit growth is the
  change in outstanding loans, the entrusted increase is the change in the
  entrusted balance, and the fund opens with last year's closing balance.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import DataError, Problem
from .model.plan import Group, Section, Task
from .model.progress import AMOUNT_TOLERANCE, STATUSES, Entry, ProgressYear
from .model.targets import Target
from .validation import validate
from .yamlfile import LineMap, load_yaml, yml_files

if TYPE_CHECKING:
    from .load import SiteData

DIR = "plan_data/progress"
NOT_REPORTED = "chua-bao-cao"
ALL_STATUSES = (*STATUSES, NOT_REPORTED)



def rel_path(year: int) -> str:
    return f"{DIR}/{year}.yml"


def load_progress(root: Path) -> dict[int, ProgressYear]:
    """Every year's file, oldest first. The folder may be empty or absent."""
    years: dict[int, ProgressYear] = {}
    files, problems = yml_files(root / DIR, DIR)
    if problems:  # a skipped year would also read as a missing one: say the cause only
        raise DataError(problems)
    for path in files:
        rel = f"{DIR}/{path.name}"
        if not re.fullmatch(r"\d{4}\.yml", path.name):
            problems.append(Problem(rel, "tên tệp phải là năm báo cáo, ví dụ 2026.yml (the file name must be the year, e.g. 2026.yml)"))
            continue
        try:
            raw, lines = load_yaml(path, rel)
            progress = validate(raw, lines, rel, ProgressYear)
        except DataError as exc:
            problems.extend(exc.problems)
            continue
        if progress.year != int(path.stem):
            problems.append(Problem(rel, f"'year' là {progress.year} nhưng tên tệp là {path.name} (the year must match the file name)", lines.line_of(("year",)), "year"))
            continue
        years[progress.year] = progress
    if years:
        first, last = min(years), max(years)
        for year in range(first, last + 1):
            if year not in years and not any(p.file == rel_path(year) for p in problems):
                problems.append(Problem(f"{DIR}/", f"thiếu năm {year}: có năm {first} đến {last} nhưng không có tệp {year}.yml (a year is missing)"))
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
                problem(f"không có nhiệm vụ '{anchor}' trong Kế hoạch (unknown task); có (known): {', '.join(tasks)}", "tasks", anchor)
                continue
            assigned = [*task.assigned.lead, *task.assigned.support]
            for unit in entries:
                if unit not in units:
                    problem(f"không có đơn vị '{unit}' (unknown unit); có (known): {', '.join(units)}", "tasks", anchor, unit)
                elif unit not in assigned:
                    problem(f"đơn vị '{unit}' không được giao nhiệm vụ {task.label} (unit not assigned to this task); được giao (assigned): {', '.join(assigned)}", "tasks", anchor, unit)
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
            out.append((
                f"'{change}' = {stated} nhưng '{level}' năm {now.year} trừ năm {before.year} = {this - last:.3f} "
                "(the change does not match last year's figure)",
                ("figures", change),
            ))
    opening, closing = now.fund.opening_balance_million_vnd, before.fund.closing_balance_million_vnd
    if opening is not None and closing is not None and abs(opening - closing) > AMOUNT_TOLERANCE:
        out.append((
            f"số dư đầu năm {now.year} ({opening}) khác số dư cuối năm {before.year} ({closing}) "
            "(the opening balance must equal last year's closing balance)",
            ("fund", "opening_balance_million_vnd"),
        ))
    return out


def _check_report_settings(data: SiteData) -> list[Problem]:
    rel = "plan_data/report.yml"
    units = data.units.by_id()
    problems: list[Problem] = []
    if data.report.issuer not in units:
        problems.append(Problem(rel, f"không có đơn vị '{data.report.issuer}' (unknown unit)", field="issuer"))
    for i, recipient in enumerate(data.report.recipients):
        if recipient.unit is not None and recipient.unit not in units:
            problems.append(Problem(rel, f"không có đơn vị '{recipient.unit}' (unknown unit)", field=f"recipients[{i}].unit"))
    return problems


# --- Views shared by the dashboard, the report and the open data ---------


@dataclass(frozen=True)
class Row:
    """One unit's place in one task, with its report if there is one."""

    task: Task
    unit: str
    role: str  # "lead" or "support"
    entry: Entry | None

    @property
    def status(self) -> str:
        return self.entry.status if self.entry else NOT_REPORTED


@dataclass(frozen=True)
class TaskRows:
    task: Task
    rows: list[Row]


@dataclass(frozen=True)
class GroupRows:
    section: Section
    group: Group
    label: str  # e.g. "II.6"
    tasks: list[TaskRows]

    @property
    def counts(self) -> dict[str, int]:
        return count(row for t in self.tasks for row in t.rows)


def rows(data: SiteData, progress: ProgressYear) -> list[Row]:
    """Every (task, assigned unit) in plan order, leads first."""
    out: list[Row] = []
    for task in data.plan.tasks():
        for role in ("lead", "support"):
            for unit in getattr(task.assigned, role):
                out.append(Row(task, unit, role, progress.entry(task.anchor, unit)))
    return out


def by_group(data: SiteData, progress: ProgressYear) -> list[GroupRows]:
    out: list[GroupRows] = []
    for row in rows(data, progress):
        task = row.task
        if not out or out[-1].group is not task.group:
            out.append(GroupRows(task.section, task.group, f"{task.section.number}.{task.group.number}", []))
        tasks = out[-1].tasks
        if not tasks or tasks[-1].task.anchor != task.anchor:
            tasks.append(TaskRows(task, []))
        tasks[-1].rows.append(row)
    return out


def by_unit(data: SiteData, progress: ProgressYear) -> list[tuple[str, dict[str, int]]]:
    """Each unit with tasks assigned, and how many of its tasks are in each status."""
    all_rows = rows(data, progress)
    return [
        (unit.id, count(r for r in all_rows if r.unit == unit.id))
        for unit in data.units.units
        if any(r.unit == unit.id for r in all_rows)
    ]


def count(items: Any) -> dict[str, int]:
    counts = Counter(row.status for row in items)
    return {status: counts.get(status, 0) for status in ALL_STATUSES}


@dataclass(frozen=True)
class TargetYear:
    year: int
    value: float | None
    verdict: str  # dat | vuot | chua-dat | chua-co-so-lieu


def verdict(target: Target, value: float | None) -> str:
    if value is None:
        return "chua-co-so-lieu"
    if value < target.min_pct:
        return "chua-dat"
    if target.max_pct is not None and value > target.max_pct:
        return "vuot"
    return "dat"


def target_years(data: SiteData, target: Target) -> list[TargetYear]:
    """The target's measure in every reported year."""
    if target.measure is None:
        return []
    out = []
    for year, progress in data.progress.items():
        value = progress.figures.value(target.measure)
        out.append(TargetYear(year, value, verdict(target, value)))
    return out


def latest(data: SiteData) -> ProgressYear | None:
    return data.progress[max(data.progress)] if data.progress else None


def report_path(year: int) -> str:
    """Where the year's PDF is published, relative to the site root."""
    return f"bao-cao/{year}.pdf"


def progress_json(data: SiteData) -> dict[str, Any]:
    """Open data: every year's reports and figures, with computed shares."""
    from .export import page_url  # export imports the pages, which import this module

    from .pages import PLAN

    url = data.commune.site.url
    years = []
    for year, progress in data.progress.items():
        figures = progress.figures.model_dump(mode="json")
        for name in ("share_of_growth_pct", "share_of_total_pct", "overdue_ratio_pct"):
            figures[name] = _rounded(progress.figures.value(name))
        years.append({
            "year": year,
            "sample": progress.sample,
            "as_of": progress.as_of.isoformat(),
            "figures": figures,
            "fund": {**progress.fund.model_dump(mode="json"), "closing_balance_million_vnd": progress.fund.closing_balance_million_vnd},
            "targets": [
                {"id": t.id, "measure": t.measure, "min_pct": t.min_pct, "max_pct": t.max_pct, "by_year": t.by_year,
                 "value_pct": _rounded(progress.figures.value(t.measure)), "verdict": verdict(t, progress.figures.value(t.measure))}
                for t in data.targets.targets if t.measure
            ],
            "tasks": [
                {
                    "task": row.task.anchor,
                    "label": row.task.label,
                    "unit": row.unit,
                    "role": row.role,
                    "status": row.status,
                    "result": row.entry.result.model_dump() if row.entry and row.entry.result else None,
                    "evidence": [e.model_dump() for e in row.entry.evidence] if row.entry else [],
                    "plan_url": page_url(url, PLAN, "vi") + f"#{row.task.anchor}",
                }
                for row in rows(data, progress)
            ],
            "difficulties": [d.model_dump() for d in progress.difficulties],
            "proposals": [p.model_dump() for p in progress.proposals],
            "report_pdf": url + report_path(year) if year == max(data.progress) else None,  # `make build` publishes the latest
        })
    return {"years": years}


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 2)
