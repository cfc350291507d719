"""The plan carries every word of the signed text, in data and on the page."""

import re
from pathlib import Path

from conftest import ROOT, page
from creditsite.load.site import load_site_data

SOURCE = ROOT.parent / "shared" / "source" / "ke-hoach-xa-xop.txt"


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def source_lines() -> list[str]:
    assert SOURCE.is_file(), f"the signed plan text is expected at {SOURCE}"
    return [norm(line) for line in SOURCE.read_text(encoding="utf-8").splitlines() if norm(line)]


def data_lines() -> list[str]:
    """The plan's Vietnamese text, rebuilt line by line from plan.yml."""
    plan = load_site_data(ROOT).plan
    out = [plan.title.vi, plan.subtitle.vi, plan.preamble.vi]
    for section in plan.sections:
        out.append(f"{section.number}. {section.title.vi}")
        for group in section.groups:
            out.append(f"{group.number}. {(group.title or group.text).vi}")  # type: ignore[union-attr]
            if group.intro:
                out.append(group.intro.vi)
            for item in group.items:
                out.append(f"{item.letter}) {item.text.vi}")
                out += [f"- {b.vi}" for b in item.bullets]
        if section.closing:
            out.append(section.closing.vi)
    return [norm(line) for line in out]


def test_data_reproduces_the_signed_text_exactly() -> None:
    assert data_lines() == source_lines()


def test_every_sentence_appears_on_the_plan_page(site: Path) -> None:
    article = page(site, "/ke-hoach/").select_one("article")
    for link in article.select(".headerlink"):
        link.decompose()
    text = norm(article.get_text())
    missing = [line for line in source_lines() if norm(re.sub(r"^- ", "", line)) not in text]
    assert not missing, missing[:3]
