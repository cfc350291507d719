"""Open data: the validated data as JSON under `site/data/`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .load import SiteData
from .pages import PLAN, unit_page


def page_url(site_url: str, src: str, lang: str) -> str:
    """The public URL of a docs page (directory URLs, English under /en/)."""
    path = src[:-3]
    path = path[: -len("index")] if path.endswith("index") else path + "/"
    prefix = "" if lang == "vi" else f"{lang}/"
    return f"{site_url}{prefix}{path}"


def plan_json(data: SiteData) -> dict[str, Any]:
    url = data.commune.site.url

    def urls(src: str, anchor: str = "") -> dict[str, str]:
        return {lang: page_url(url, src, lang) + (f"#{anchor}" if anchor else "") for lang in ("vi", "en")}

    return {
        "commune": data.commune.name.model_dump(),
        "province": data.commune.province.model_dump(),
        "plan": data.plan.model_dump(mode="json"),
        "tasks": [
            {"anchor": task.anchor, "label": task.label, "lead": task.assigned.lead, "support": task.assigned.support, "url": urls(PLAN, task.anchor)}
            for task in data.plan.tasks()
        ],
        "units": [{**unit.model_dump(mode="json"), "url": urls(unit_page(unit.id))} for unit in data.units.units],
        "targets": data.targets.model_dump(mode="json"),
    }


def write_json(path: Path, payload: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(payload, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def write_open_data(data: SiteData, site_dir: Path) -> None:
    write_json(site_dir / "data" / "plan.json", plan_json(data))
