"""What the progress page (`/tien-do/`) shows, ready for its template:
statuses as labelled badges, the targets as SVG charts with their data
tables, and the year's other figures.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from creditsite.model.progress import Evidence, Figures, Fund
from creditsite.model.site import SiteData
from creditsite.model.targets import Target as PlanTarget
from creditsite.render import fmt
from creditsite.render.charts import Bar, Target, bar_chart
from creditsite.render.markdown import escape
from creditsite.render.strings import t
from creditsite.routes import PROGRESS, file_href, report_path
from creditsite.views.progress import (
    ALL_STATUSES,
    by_group,
    by_unit,
    count,
    latest,
    rows,
    target_years,
)

# Shapes before the words; the words carry the meaning (never colour alone).
ICONS = {"hoan-thanh": "✓", "dang-thuc-hien": "→", "chua-bat-dau": "○", "chua-bao-cao": "?"}

FIGURES = (
    "outstanding_loans_million_vnd",
    "credit_growth_million_vnd",
    "entrusted_increase_million_vnd",
    "entrusted_balance_million_vnd",
    "total_capital_million_vnd",
    "borrowers",
    "overdue_million_vnd",
    "overdue_ratio_pct",
)
FUND = ("opening_balance_million_vnd", "receipts_million_vnd", "spending_million_vnd", "closing_balance_million_vnd")


def badge(status: str, lang: str, count: int | None = None) -> str:
    """A status as inline HTML: a shape and the status in words."""
    words = t(f"status_{status}", lang) + (f": {count}" if count is not None else "")
    icon = f'<span aria-hidden="true">{ICONS[status]}</span>'
    return f'<span class="cs-status cs-status--{status}">{icon} {escape(words)}</span>'


def evidence_md(evidence: list[Evidence]) -> str:
    """Document numbers as text; links as Markdown links."""
    return "; ".join(
        f"[{escape(e.document or e.url)}]({e.url})" if e.url else escape(e.document or "") for e in evidence
    )


def verdict_badge(verdict: str, lang: str) -> str:
    return f'<span class="cs-verdict cs-verdict--{verdict}">{escape(t(f"verdict_{verdict}", lang))}</span>'


@dataclass(frozen=True)
class TargetRow:
    year: int
    value: str
    verdict: str


@dataclass(frozen=True)
class TargetView:
    target: PlanTarget
    goal: str  # "15–20%, hằng năm"
    svg: str
    rows: list[TargetRow]


def target_goal(target: PlanTarget, lang: str) -> str:
    low = fmt.percent(target.min_pct, lang)
    if target.max_pct is not None:
        return t("target_goal_range", lang, min=low, max=fmt.percent(target.max_pct, lang))
    return t("target_goal_by", lang, min=low, year=target.by_year)


def target_view(data: SiteData, target: PlanTarget, lang: str) -> TargetView:
    """A chart of the target's measure year by year, and its table. A target
    set for a year (15% by 2030) shows every year up to it."""
    measured = {ty.year: ty for ty in target_years(data, target)}
    years = list(measured)
    if target.by_year is not None and years and target.by_year > years[-1]:
        years += list(range(years[-1] + 1, target.by_year + 1))
    pct = lambda v: fmt.percent(round(v, 2), lang)  # noqa: E731
    bars = []
    for year in years:
        ty = measured.get(year)
        value = ty.value if ty else None
        text = pct(value) if value is not None else (t("no_data_short", lang) if ty else "")
        bars.append(Bar(str(year), value, text))
    goal = target_goal(target, lang)
    chart_target = Target(target.min_pct, target.max_pct, t("target_key", lang, goal=goal))
    rows = [
        TargetRow(ty.year, pct(ty.value) if ty.value is not None else t("no_data_short", lang), ty.verdict)
        for ty in measured.values()
    ]
    desc = (
        " ".join(
            t("chart_desc_year", lang, year=r.year, value=r.value, verdict=t(f"verdict_{r.verdict}", lang))
            for r in rows
        )
        + " "
        + t("target_key", lang, goal=goal)
        + "."
    )
    svg = bar_chart(
        f"chart-{target.id}", target.title.get(lang), desc, bars, chart_target, lambda v: fmt.percent(round(v, 2), lang)
    )
    return TargetView(target, goal, svg, rows)


def figure_text(value: float | int | None, name: str, lang: str) -> str:
    if value is None:
        return t("no_data_short", lang)
    if name == "borrowers":
        return fmt.number(value, lang)
    if name.endswith("_pct"):
        return fmt.percent(round(value, 2), lang)
    return fmt.million(value, lang)


def _rows(data: SiteData, block: str, names: tuple[str, ...], prefix: str, lang: str) -> list[tuple[str, list[str]]]:
    """One row per figure, one column per year; figures no year has are left out."""
    blocks = [getattr(p, block) for p in data.progress.values()]

    def get(values: Figures | Fund, name: str) -> float | None:
        return values.value(name) if isinstance(values, Figures) and name.endswith("_pct") else getattr(values, name)

    rows = [(t(f"{prefix}{name}", lang), [figure_text(get(b, name), name, lang) for b in blocks]) for name in names]
    return [row for row in rows if any(v != t("no_data_short", lang) for v in row[1])]


def figure_rows(data: SiteData, lang: str) -> list[tuple[str, list[str]]]:
    return _rows(data, "figures", FIGURES, "fig_", lang)


def fund_rows(data: SiteData, lang: str) -> list[tuple[str, list[str]]]:
    return _rows(data, "fund", FUND, "fund_", lang)


def dashboard_context(data: SiteData, lang: str) -> dict[str, Any]:
    """Everything `progress.md.j2` needs, in one language."""
    progress = latest(data)
    if progress is None:
        return {"progress": None}
    units = data.units.by_id()
    reporter = lambda block: units[block.reported_by].label(lang) if block.reported_by else None  # noqa: E731
    return {
        "progress": progress,
        "years": list(data.progress),
        "groups": by_group(data, progress),
        "unit_counts": by_unit(data, progress),
        "summary": count(rows(data, progress)),
        "statuses": ALL_STATUSES,
        "status_words": [t(f"status_{status}", lang) for status in ALL_STATUSES],
        "badge": lambda status, n=None: badge(status, lang, n),
        "status_line": lambda counts: " ".join(badge(status, lang, counts[status]) for status in ALL_STATUSES),
        "verdict_badge": lambda v: verdict_badge(v, lang),
        "evidence": evidence_md,
        "target_views": [target_view(data, target, lang) for target in data.targets.targets if target.measure],
        "figure_rows": figure_rows(data, lang),
        "fund_rows": fund_rows(data, lang),
        "figures_by": reporter(progress.figures),
        "fund_by": reporter(progress.fund),
        "report_link": file_href(PROGRESS, lang, report_path(progress.year)),
        "json_link": file_href(PROGRESS, lang, "data/progress.json"),
    }
