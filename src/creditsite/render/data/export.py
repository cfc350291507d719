"""Open data: the validated data as JSON under `site/data/`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from creditsite import LANGUAGES
from creditsite.model.site import SiteData
from creditsite.routes import (
    PLAN,
    leaflet_pdf,
    page_url,
    program_page,
    report_path,
    unit_page,
)
from creditsite.views.programs import LoanView, program_views
from creditsite.views.progress import rows, verdict


def plan_json(data: SiteData) -> dict[str, Any]:
    url = data.commune.site.url

    def urls(src: str, anchor: str = "") -> dict[str, str]:
        return {lang: page_url(url, src, lang) + (f"#{anchor}" if anchor else "") for lang in LANGUAGES}

    return {
        "commune": data.commune.name.model_dump(),
        "province": data.commune.province.model_dump(),
        "plan": data.plan.model_dump(mode="json"),
        "tasks": [
            {
                "anchor": task.anchor,
                "label": task.label,
                "lead": task.assigned.lead,
                "support": task.assigned.support,
                "url": urls(PLAN, task.anchor),
            }
            for task in data.plan.tasks()
        ],
        "units": [{**unit.model_dump(mode="json"), "url": urls(unit_page(unit.id))} for unit in data.units.units],
        "targets": data.targets.model_dump(mode="json"),
    }


def programs_json(data: SiteData) -> dict[str, Any]:
    """Every programme with its resolved key facts, sources and page URLs."""
    url = data.commune.site.url

    def facts(view: LoanView) -> dict[str, Any]:
        resolved = view.facts
        return {
            "max_amount_vnd": resolved.max_amount_vnd,
            "amount_period": view.amount_period,
            "interest_rate_pct_per_year": resolved.interest_rate_pct_per_year,
            "max_term_months": resolved.max_term_months,
            "collateral": resolved.collateral,
            "unknown": {k: v.model_dump() for k, v in resolved.reasons.items()},
            "based_on": {k: {"program": p, "pct": pct} for k, (p, pct) in resolved.based_on.items()},
        }

    return {
        "programs": [
            {
                "id": p.id,
                "name": p.name.model_dump(),
                "summary": p.summary.model_dump(),
                **facts(view.loan),
                "components": [
                    {"id": c.id, "name": c.name.model_dump(), **facts(part)}
                    for c, part in zip(p.components, view.components, strict=True)
                ],
                "legal_basis": [s.model_dump() for s in p.legal_basis],
                "sources": [s.model_dump() for s in p.sources],
                "as_of": p.as_of.isoformat(),
                "url": {lang: page_url(url, program_page(p.id), lang) for lang in LANGUAGES},
                "leaflet_pdf": {lang: url + leaflet_pdf(p.id, lang) for lang in LANGUAGES},
            }
            for view in program_views(data).values()
            for p in [view.program]
        ]
    }


def fund_json(data: SiteData) -> dict[str, Any]:
    """The fund's ledger, year by year, with totals that reconcile."""
    return {
        "fund": data.fund.name.model_dump(),
        "years": [
            {
                **y.model_dump(mode="json"),
                "total_receipts_vnd": y.total_receipts,
                "total_spending_vnd": y.total_spending,
                "closing_balance_vnd": y.closing_balance,
            }
            for y in data.ledger
        ],
    }


def stories_json(data: SiteData) -> dict[str, Any]:
    url = data.commune.site.url
    return {
        "stories": [
            {
                "slug": s.slug,
                "title": {"vi": s.meta.title, "en": s.en.title if s.en else None},
                "summary": {"vi": s.meta.summary, "en": s.en.summary if s.en else None},
                "village": s.meta.village,
                "programs": s.meta.programs,
                "loan_amount_vnd": s.meta.loan_amount_vnd,
                "year": s.meta.year,
                "sample": s.meta.sample,
                "url": {lang: page_url(url, f"guong-dien-hinh/{s.slug}.md", lang) for lang in LANGUAGES},
            }
            for s in data.stories
        ]
    }


def write_json(path: Path, payload: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(payload, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def write_open_data(data: SiteData, site_dir: Path) -> None:
    write_json(site_dir / "data" / "plan.json", plan_json(data))
    write_json(site_dir / "data" / "programs.json", programs_json(data))
    write_json(site_dir / "data" / "fund.json", fund_json(data))
    write_json(site_dir / "data" / "stories.json", stories_json(data))
    write_json(site_dir / "data" / "progress.json", progress_json(data))


def progress_json(data: SiteData) -> dict[str, Any]:
    """Open data: every year's reports and figures, with computed shares."""
    url = data.commune.site.url
    years = []
    for year, progress in data.progress.items():
        figures = progress.figures.model_dump(mode="json")
        for name in ("share_of_growth_pct", "share_of_total_pct", "overdue_ratio_pct"):
            figures[name] = _rounded(progress.figures.value(name))
        years.append(
            {
                "year": year,
                "sample": progress.sample,
                "as_of": progress.as_of.isoformat(),
                "figures": figures,
                "fund": {
                    **progress.fund.model_dump(mode="json"),
                    "closing_balance_million_vnd": progress.fund.closing_balance_million_vnd,
                },
                "targets": [
                    {
                        "id": t.id,
                        "measure": t.measure,
                        "min_pct": t.min_pct,
                        "max_pct": t.max_pct,
                        "by_year": t.by_year,
                        "value_pct": _rounded(progress.figures.value(t.measure)),
                        "verdict": verdict(t, progress.figures.value(t.measure)),
                    }
                    for t in data.targets.targets
                    if t.measure
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
                "report_pdf": url + report_path(year)
                if year == max(data.progress)
                else None,  # `make build` publishes the latest
            }
        )
    return {"years": years}


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 2)
