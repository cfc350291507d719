"""The site menu, derived from the data and the hand-written sections.

Returned in MkDocs' `nav` format (a list of paths and {title: [...]}).
"""

from __future__ import annotations

from collections.abc import Iterable

from creditsite.model.site import SiteData
from creditsite.render.strings import t
from creditsite.routes import (
    FAQ,
    FINDER,
    GLOSSARY,
    HOW_TO,
    LEAFLETS,
    LOANS,
    PLAN,
    PROGRESS,
    TARGETS,
    UNITS,
    program_page,
)


def navigation(data: SiteData, lang: str, staged: Iterable[str]) -> list[object]:
    """Home, loans, every other hand-written section, the printable
    leaflets, then the plan."""
    sections = sorted(
        path
        for path in staged
        if path.count("/") == 1
        and path.endswith("/index.md")
        and path.split("/")[0] not in ("vay-von", "ke-hoach", "tien-do", LEAFLETS)
    )
    return [
        "index.md",
        {
            t("loans_nav", lang): [
                LOANS,
                HOW_TO,
                FINDER,
                {t("programs_nav", lang): [program_page(p) for p in data.programs]},
                FAQ,
                GLOSSARY,
            ]
        },
        *sections,
        f"{LEAFLETS}/index.md",
        {t("plan_nav", lang): [PLAN, TARGETS, UNITS, {t("progress_nav", lang): PROGRESS}]},
    ]
