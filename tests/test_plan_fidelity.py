"""The plan carries every word of the signed text, in data and on the page.

The rule itself (creditsite/load/plan_source.py) runs in every check and build;
these tests show it holds on the fixture commune and catches a changed word."""

import re
from pathlib import Path

import pytest

from conftest import COMMUNE, page
from creditsite.errors import DataError
from creditsite.load.plan_source import SOURCE, signed_lines
from creditsite.load.site import load_site_data
from creditsite.model.plan import normalise


def test_data_reproduces_the_signed_text_exactly() -> None:
    assert load_site_data(COMMUNE).plan.signed_lines() == [line for _, line in signed_lines(COMMUNE / SOURCE)]


def test_every_sentence_appears_on_the_plan_page(site: Path) -> None:
    article = page(site, "/ke-hoach/").select_one("article")
    for link in article.select(".headerlink"):
        link.decompose()
    text = normalise(article.get_text())
    missing = [line for _, line in signed_lines(COMMUNE / SOURCE) if re.sub(r"^- ", "", line) not in text]
    assert not missing, missing[:3]


def test_a_changed_word_is_named_with_its_line(project: Path) -> None:
    plan = project / "plan_data/plan.yml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("Cụ thể hoá", "Cụ thể hóa", 1), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_site_data(project)
    (problem,) = caught.value.problems
    signed = dict(signed_lines(project / SOURCE))
    assert problem.file == SOURCE and "Cụ thể hoá" in signed[problem.line]
    assert "khác bản ký" in problem.message and "Cụ thể hóa" in problem.message


def test_a_missing_paragraph_is_named(project: Path) -> None:
    source = project / SOURCE
    source.write_text(source.read_text(encoding="utf-8") + "\nMột đoạn mới của bản ký.\n", encoding="utf-8")
    with pytest.raises(DataError, match="chưa có trong plan_data/plan.yml: “Một đoạn mới của bản ký.”"):
        load_site_data(project)


def test_without_a_signed_text_there_is_nothing_to_compare(project: Path) -> None:
    (project / SOURCE).unlink()
    assert load_site_data(project).plan.sections
