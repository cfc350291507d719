"""Progress under the plan as the dashboard, the report and the open data
show it: every (task, unit) row with its status, counts, and each target's
verdict per year."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from creditsite.model.plan import Group, Section, Task
from creditsite.model.progress import STATUSES, Entry, ProgressYear
from creditsite.model.site import SiteData
from creditsite.model.targets import Target

NOT_REPORTED = "chua-bao-cao"
ALL_STATUSES = (*STATUSES, NOT_REPORTED)


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
