"""The printable annual report: HTML from the progress data, then an A4 PDF
with WeasyPrint, laid out as Nghị định 30/2020/NĐ-CP prescribes.

    creditsite report --year 2026 --out site/bao-cao/2026.pdf

The letterhead, fixed sentences, signature and recipients come from
`plan_data/report.yml`; the body from `plan_data/progress/<year>.yml`.
The face is the vendored Noto Serif (render/fonts), embedded; the PDF is
cached like the leaflets (pdfcache.py), in `.build/cache/pdf/report/`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from creditsite import clock
from creditsite.errors import DataError, Problem
from creditsite.model.site import SiteData
from creditsite.render import fmt
from creditsite.render.dashboard import FIGURES, FUND, figure_text, target_goal
from creditsite.render.fonts import SERIF
from creditsite.render.jinja import asset, environment
from creditsite.render.placeholders import fill
from creditsite.render.print.pdfcache import Job, Renderer, render_all
from creditsite.render.strings import t
from creditsite.routes import report_path
from creditsite.views.progress import by_group, count, rows, verdict

LANG = "vi"  # an administrative document: Vietnamese only

REPORT = Renderer("report", SERIF, (("pdf_tags", True),))


def date_line(place: str, when: dt.date | None, year: int) -> str:
    """ "Xốp, ngày 05 tháng 01 năm 2026": days below 10 and months 1 and 2
    take a leading zero (NĐ 30/2020); an unknown date leaves dots to fill."""
    if when is None:
        return t("report_date_line", LANG, place=place, day="…", month="…", year=year)
    month = f"{when.month:02d}" if when.month < 3 else str(when.month)
    return t("report_date_line", LANG, place=place, day=f"{when.day:02d}", month=month, year=when.year)


@dataclass(frozen=True)
class UnitLine:
    """ "PGD NHCSXH Đăk Glei (chủ trì): *đang thực hiện*. Kiểm tra … (minh chứng: …)"."""

    who: str
    status: str
    detail: str


@dataclass(frozen=True)
class TaskLines:
    label: str  # "II.6.b."
    units: list[UnitLine]


@dataclass(frozen=True)
class GroupLines:
    heading: str  # "1.6. II.6. Nâng cao …"
    tasks: list[TaskLines]


def group_lines(data: SiteData, progress: Any) -> list[GroupLines]:
    """The results, group by group, as sentences for the report."""
    units = data.units.by_id()
    out = []
    for i, g in enumerate(by_group(data, progress), 1):
        title = f". {g.group.title.vi.rstrip('.')}" if g.group.title else f" – {g.section.title.vi.capitalize()}"
        tasks = []
        for tr in g.tasks:
            lines = []
            for row in tr.rows:
                entry = row.entry
                detail = f". {entry.result.vi.strip().rstrip('.')}" if entry and entry.result else ""
                if entry and entry.evidence:
                    shown = "; ".join(e.document or e.url or "" for e in entry.evidence)
                    detail += f" ({t('evidence', LANG).lower()}: {shown})"
                who = f"{units[row.unit].label(LANG)} ({t(row.role, LANG).lower()})"
                lines.append(UnitLine(who, t(f"status_{row.status}", LANG).lower(), detail))
            tasks.append(TaskLines(f"{tr.task.label}.", lines))
        out.append(GroupLines(f"1.{i}. {g.label}{title}", tasks))
    return out


@dataclass(frozen=True)
class TargetLine:
    title: str
    goal: str
    value: str
    verdict: str


def report_context(data: SiteData, year: int) -> dict[str, Any]:
    """What both the PDF and the .docx say, in Vietnamese."""
    if year not in data.progress:
        known = ", ".join(str(y) for y in data.progress) or "chưa có năm nào (none)"
        raise DataError(
            [
                Problem(
                    f"plan_data/progress/{year}.yml",
                    f"không có số liệu năm {year} (no progress file for {year}); có (known): {known}",
                )
            ]
        )
    progress = data.progress[year]
    settings = data.report
    units = data.units.by_id()
    words = {"year": year, "commune": data.commune.name.vi}

    def filled(text: str) -> str:
        return fill(text, words, "plan_data/report.yml")

    counts = count(rows(data, progress))
    targets = []
    for target in data.targets.targets:
        if target.measure is None:
            continue
        value = progress.figures.value(target.measure)
        targets.append(
            TargetLine(
                target.title.vi,
                target_goal(target, LANG),
                fmt.percent(round(value, 2), LANG) if value is not None else t("verdict_chua-co-so-lieu", LANG),
                t(f"verdict_{verdict(target, value)}", LANG),
            )
        )

    def lines(block: Any, names: tuple[str, ...], prefix: str) -> list[tuple[str, str]]:
        out = []
        for name in names:
            value = block.value(name) if name.endswith("_pct") else getattr(block, name)
            if value is not None:
                text = figure_text(value, name, LANG)
                if name.endswith("_million_vnd"):
                    text = t("million_vnd", LANG, n=text)
                out.append((t(f"{prefix}{name}", LANG), text))
        return out

    figures, fund = progress.figures, progress.fund

    def intro(title: str, reported_by: str | None, as_of: dt.date | None) -> str:
        notes = [t("report_compiled", LANG, unit=units[reported_by].label(LANG))] if reported_by else []
        notes += [t("report_as_of", LANG, date=fmt.date(as_of, LANG))] if as_of else []
        return title + (f" ({', '.join(notes)})" if notes else "") + ":"

    issuer = units[settings.issuer].name.vi
    return {
        "t": lambda key, **kw: t(key, LANG, **kw),
        "settings": settings,
        "progress": progress,
        "year": year,
        "sample": progress.sample,
        "units": units,
        "issuer_name": f"{issuer} {settings.place}",
        "number": progress.report.number or "……",
        "date_line": date_line(settings.place, progress.report.date, year),
        "subject": filled(settings.subject),
        "intro": filled(settings.intro),
        "closing": filled(settings.closing),
        "status_summary": t(
            "report_status_summary",
            LANG,
            n=sum(counts.values()),
            done=counts["hoan-thanh"],
            doing=counts["dang-thuc-hien"],
            todo=counts["chua-bat-dau"],
            missing=counts["chua-bao-cao"],
        ),
        "groups": group_lines(data, progress),
        "target_rows": targets,
        "figure_lines": lines(figures, FIGURES, "fig_"),
        "figures_intro": intro(t("report_other_figures", LANG), figures.reported_by, figures.as_of),
        "fund_lines": lines(fund, FUND, "fund_"),
        "fund_intro": intro(t("fund_title", LANG), fund.reported_by, None),
        "recipients": [units[r.unit].label(LANG) if r.unit else r.text for r in settings.recipients],
        "created": created(),
    }


def created() -> dt.datetime:
    """The documents' date: the commit's (SOURCE_DATE_EPOCH), so builds repeat."""
    return dt.datetime.combine(clock.today(), dt.time(), dt.timezone.utc)


def _sample_footer() -> str:
    return (
        f'\n@page {{ @bottom-center {{ content: "{t("report_sample", LANG)}"; '
        'font-family: "Report Serif", serif; font-size: 10pt; font-weight: bold; } }'
    )


def report_html(data: SiteData, year: int) -> str:
    context = report_context(data, year)
    return (
        environment("html")
        .get_template("report.html.j2")
        .render(
            **context,
            css=asset("report.css"),
            sample_css=_sample_footer() if context["sample"] else "",
        )
    )


def write_report(data: SiteData, year: int, out: Path, cache_root: Path | None = None, prune: bool = True) -> Path:
    """Render the year's report to `out` (a PDF). With `cache_root` (the
    cache folder), an unchanged report is copied instead of
    rendered again (`mkdocs serve` rebuilds on every save)."""
    render_all(
        [Job(report_html(data, year), out, f"plan_data/progress/{year}.yml → {out.name}")], REPORT, cache_root, prune
    )
    return out


def default_out(root: Path, year: int) -> Path:
    return root / "site" / report_path(year)
