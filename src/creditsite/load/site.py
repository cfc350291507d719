"""Load and validate everything the site is built from into one `SiteData`.

Each file is validated against its model (validation.py), then ids that point
to other records are cross-checked here.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from creditsite.errors import DataError, Problem
from creditsite.load.checks import check_references
from creditsite.load.content import load_ledger, load_stories
from creditsite.load.docfiles import symlinks
from creditsite.load.plan_source import check_plan_source
from creditsite.load.progress import load_progress
from creditsite.load.validation import load_model
from creditsite.load.yamlfile import yml_files
from creditsite.model import Commune, Plan, Strict, Targets, Units
from creditsite.model.cms import CmsSettings
from creditsite.model.fund import Fund
from creditsite.model.guide import Faq, Finder, Glossary, LoanGuide
from creditsite.model.programs import Program
from creditsite.model.report import ReportSettings
from creditsite.model.site import SiteData

FILES: dict[str, type[Strict]] = {
    "commune": Commune,
    "units": Units,
    "plan": Plan,
    "targets": Targets,
    "loan_guide": LoanGuide,
    "finder": Finder,
    "faq": Faq,
    "glossary": Glossary,
    "fund": Fund,
    "cms": CmsSettings,
    "report": ReportSettings,
}


def load_site_data(root: Path, today: dt.date | None = None) -> SiteData:
    """Load `root/plan_data/` and the stories. Raises DataError listing every
    problem. `today` (default: the real date, not the build date) decides what
    counts as a date in the future."""
    links = symlinks(root / "plan_data", "plan_data") + symlinks(root / "docs", "docs")
    if links:  # never read through one: it could be any file of the machine
        raise DataError(links)
    loaded: dict[str, Any] = {}
    present, problems = yml_files(root / "plan_data", "plan_data")
    misnamed = {Path(p.file).stem for p in problems}
    for name, model in FILES.items():
        if name in misnamed and root / f"plan_data/{name}.yml" not in present:
            continue  # `units.yaml` without `units.yml`: the rename message says it all
        try:
            loaded[name] = load_model(root, f"plan_data/{name}.yml", model)
        except DataError as exc:
            problems.extend(exc.problems)
    try:
        loaded["programs"] = load_programs(root)
    except DataError as exc:
        problems.extend(exc.problems)
    try:
        loaded["progress"] = load_progress(root)
    except DataError as exc:
        problems.extend(exc.problems)
    if problems:
        raise DataError(problems)
    villages = {v.id for v in loaded["commune"].villages}
    for name, load in (
        ("ledger", lambda: load_ledger(root, loaded["fund"], today or dt.date.today())),
        ("stories", lambda: load_stories(root, villages, set(loaded["programs"]))),
    ):
        try:
            loaded[name] = load()
        except DataError as exc:
            problems.extend(exc.problems)
    if problems:
        raise DataError(problems)
    data = SiteData(root=root, **loaded)
    problems = check_references(data) + check_plan_source(root, data.plan)
    if problems:
        raise DataError(problems)
    return data


def load_programs(root: Path) -> dict[str, Program]:
    """One file per programme in plan_data/programs/, named after its id."""
    programs: list[Program] = []
    files, problems = yml_files(root / "plan_data/programs", "plan_data/programs")
    if not files and not problems:
        raise DataError([Problem("plan_data/programs/", "chưa có chương trình vay nào (no programme files)")])
    for path in files:
        rel = f"plan_data/programs/{path.name}"
        try:
            program = load_model(root, rel, Program)
        except DataError as exc:
            problems.extend(exc.problems)
            continue
        if program.id != path.stem:
            problems.append(
                Problem(rel, f"'id' phải trùng tên tệp '{path.stem}' (id must match the file name)", field="id")
            )
        programs.append(program)
    if problems:
        raise DataError(problems)
    return {p.id: p for p in sorted(programs, key=lambda p: (p.order, p.id))}
