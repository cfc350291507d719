"""`SiteData`: everything a site is built from, validated and cross-checked.

`creditsite.load` builds it; views, renderers and the engine adapter only read it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from creditsite.model.cms import CmsSettings
from creditsite.model.commune import Commune
from creditsite.model.fund import Fund, LedgerYear
from creditsite.model.guide import Faq, Finder, Glossary, LoanGuide
from creditsite.model.plan import Plan
from creditsite.model.programs import Program
from creditsite.model.progress import ProgressYear
from creditsite.model.progress import rel_path as progress_file
from creditsite.model.report import ReportSettings
from creditsite.model.stories import StoryEntry
from creditsite.model.targets import Targets
from creditsite.model.units import Units


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: one load, one object
class SiteData:
    """Everything the site is built from, validated and cross-checked."""

    root: Path
    commune: Commune
    units: Units
    plan: Plan
    targets: Targets
    loan_guide: LoanGuide
    finder: Finder
    faq: Faq
    glossary: Glossary
    programs: dict[str, Program]  # in display order
    fund: Fund
    cms: CmsSettings
    ledger: list[LedgerYear]  # oldest first
    stories: list[StoryEntry]  # newest first

    def samples(self) -> list[str]:
        """Files of illustrative sample content, which production builds refuse."""
        out = [f"plan_data/fund/{y.year}.yml" for y in self.ledger if y.sample]
        out += [progress_file(year) for year, p in self.progress.items() if p.sample]
        return out + [s.source for s in self.stories if s.meta.sample]

    report: ReportSettings  # the printed annual report's letterhead and fixed texts
    progress: dict[int, ProgressYear]  # plan_data/progress/<year>.yml, oldest first
