"""The progress dashboard (/tien-do/) as built, in both languages, and what
the build publishes beside it."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest

from conftest import COMMUNE, html, page
from creditsite import build as pipeline
from creditsite.load.site import load_site_data
from creditsite.views.progress import count, rows

DATA = load_site_data(COMMUNE)
YEAR = max(DATA.progress)
PROGRESS = DATA.progress[YEAR]
WORDS = {
    "vi": {
        "hoan-thanh": "Hoàn thành",
        "dang-thuc-hien": "Đang thực hiện",
        "chua-bat-dau": "Chưa bắt đầu",
        "chua-bao-cao": "Chưa báo cáo",
    },
    "en": {
        "hoan-thanh": "Done",
        "dang-thuc-hien": "In progress",
        "chua-bat-dau": "Not started",
        "chua-bao-cao": "Not reported",
    },
}
URL = {"vi": "/tien-do/", "en": "/en/tien-do/"}


def text(node: object) -> str:
    return re.sub(r"\s+", " ", node.get_text(" ")).strip()  # type: ignore[attr-defined]


def resolve(site: Path, base: str, href: str) -> Path:
    """The file a relative link on the page at `base` points to."""
    path = urlparse(urljoin(f"http://h{base}", href)).path
    target = site / path.lstrip("/")
    return target / "index.html" if path.endswith("/") else target


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_dashboard_exists_in_both_languages_with_the_sample_banner(site: Path, lang: str) -> None:
    doc = page(site, URL[lang])
    assert doc.html["lang"] == lang
    banner = doc.select_one(".admonition.warning")
    assert banner is not None
    expected = {"vi": ("Ví dụ minh họa", f"Số liệu năm {YEAR}"), "en": ("Illustrative example", f"The {YEAR} figures")}[
        lang
    ]
    assert all(words in text(banner) for words in expected)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_status_summary_uses_words_not_colour_alone(site: Path, lang: str) -> None:
    doc = page(site, URL[lang])
    totals = count(rows(DATA, PROGRESS))
    summary = doc.find(id="tom-tat").find_next("ul")
    badges = summary.select(".cs-status")
    assert [text(b) for b in badges] == [
        f"{icon} {WORDS[lang][s]}: {totals[s]}" for s, icon in zip(WORDS[lang], ("✓", "→", "○", "?"))
    ]
    for badge in badges:
        assert badge.find("span", attrs={"aria-hidden": "true"}) is not None, "the shape is decoration"


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_task_links_to_its_place_in_the_plan(site: Path, lang: str) -> None:
    doc = page(site, URL[lang])
    plan = page(site, URL[lang].replace("tien-do", "ke-hoach"))
    for task in DATA.plan.tasks():
        heading = doc.find(id=f"tien-do-{task.anchor}")
        assert heading is not None, task.anchor
        link = heading.find("a", href=True)
        assert link.get_text() == task.label
        target = urljoin(f"http://h{URL[lang]}", link["href"])
        assert target == f"http://h{URL[lang].replace('tien-do', 'ke-hoach')}#{task.anchor}"
        assert plan.find(id=task.anchor) is not None


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_each_unit_report_shows_status_unit_and_result(site: Path, lang: str) -> None:
    doc = page(site, URL[lang])
    items = doc.find(id="tien-do-nhiem-vu-6-b").find_next("ul").find_all("li", recursive=False)
    first = text(items[0])
    entry = PROGRESS.entry("nhiem-vu-6-b", "pgd-nhcsxh")
    assert first.startswith(f"→ {WORDS[lang]['dang-thuc-hien']} ")
    assert entry.result.get(lang) in first
    assert "00/BB-PGD" in first  # the evidence
    unreported = text(items[1])
    assert WORDS[lang]["chua-bao-cao"] in unreported


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_groups_and_units_have_their_counts(site: Path, lang: str) -> None:
    doc = page(site, URL[lang])
    group = doc.find(id="nhom-nhiem-vu-6")
    assert group is not None and text(group).startswith("II.6.")
    unit_table = doc.find(id="theo-don-vi").find_next("table")
    header = [text(th) for th in unit_table.find_all("th")]
    assert header[1:] == list(WORDS[lang].values())
    body = unit_table.find("tbody").find_all("tr")
    assert len(body) == len({r.unit for r in rows(DATA, PROGRESS)})
    total = sum(int(text(td)) for tr in body for td in tr.find_all("td")[1:])
    assert total == len(rows(DATA, PROGRESS))


@pytest.mark.parametrize(
    ("lang", "value", "verdicts"), [("vi", "17%", ("Đạt", "Chưa đạt")), ("en", "17%", ("Met", "Not yet met"))]
)
def test_targets_have_svg_charts_with_text_and_a_data_table(
    site: Path, lang: str, value: str, verdicts: tuple[str, str]
) -> None:
    doc = page(site, URL[lang])
    for target, verdict in zip(DATA.targets.targets, verdicts):
        heading = doc.find(id=target.id)
        svg = heading.find_next("svg")
        assert svg["role"] == "img"
        title_id, desc_id = svg["aria-labelledby"].split()
        assert text(svg.find(id=title_id)) == target.title.get(lang)
        assert str(YEAR) in text(svg.find(id=desc_id))
        table = heading.find_next("table")
        cells = [text(td) for td in table.find("tbody").find_all("td")]
        assert cells[0] == str(YEAR) and cells[2] == verdict
    first_table = doc.find(id=DATA.targets.targets[0].id).find_next("table")
    assert text(first_table.find("tbody").find_all("td")[1]) == value
    assert doc.find(id=DATA.targets.targets[1].id).find_next("svg").find(string="2030") is not None, (
        "the chart runs to the target year"
    )


@pytest.mark.parametrize(("lang", "amount"), [("vi", "60.000"), ("en", "60,000")])
def test_other_figures_are_formatted_for_the_language(site: Path, lang: str, amount: str) -> None:
    doc = page(site, URL[lang])
    table = doc.find(id="so-lieu").find_next("table")
    first_row = [text(td) for td in table.find("tbody").find("tr").find_all("td")]
    assert first_row[1] == amount


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_downloads_point_to_published_files(site: Path, lang: str) -> None:
    doc = page(site, URL[lang])
    pdf_link = doc.find("a", href=lambda h: h and h.endswith(f"bao-cao/{YEAR}.pdf"))
    json_link = doc.find("a", href=lambda h: h and h.endswith("data/progress.json"))
    pdf = resolve(site, URL[lang], pdf_link["href"])
    assert pdf == site / f"bao-cao/{YEAR}.pdf" and pdf.read_bytes().startswith(b"%PDF-")
    assert resolve(site, URL[lang], json_link["href"]) == site / "data/progress.json"


@pytest.mark.parametrize(("lang", "label"), [("vi", "Tiến độ thực hiện"), ("en", "Progress")])
def test_the_menu_has_the_dashboard(site: Path, lang: str, label: str) -> None:
    home = html(site / ("index.html" if lang == "vi" else "en/index.html"))
    links = [a for a in home.select("nav.md-nav--primary a") if text(a) == label]
    assert links, f"no menu entry {label!r}"


def test_open_data_progress_json(site: Path) -> None:
    data = json.loads((site / "data/progress.json").read_text(encoding="utf-8"))
    assert [y["year"] for y in data["years"]] == list(DATA.progress)
    assert data["years"][-1]["report_pdf"].endswith(f"/bao-cao/{YEAR}.pdf")
    assert not (site / "en/data/progress.json").exists()


def test_finish_writes_the_extras_and_names_the_sample_files(tmp_path: Path) -> None:
    pipeline.finish(DATA, tmp_path)
    assert (tmp_path / f"bao-cao/{YEAR}.pdf").is_file()
    assert (tmp_path / "lich.ics").is_file() and (tmp_path / "data/progress.json").is_file()
    assert any(f"plan_data/progress/{YEAR}.yml" in w for w in pipeline.warnings(DATA))


def test_without_progress_files_the_page_says_so_and_no_report_is_made(project: Path, tmp_path: Path) -> None:
    import datetime as dt

    from creditsite.render.pages import generate

    (project / f"plan_data/progress/{YEAR}.yml").unlink()
    data = load_site_data(project)
    pages = {p.path: p.markdown for p in generate(data, dt.date(2026, 1, 1))}
    assert "Chưa có báo cáo tiến độ nào." in pages["tien-do/index.md"]
    assert "No progress reports yet." in pages["tien-do/index.en.md"]
    pipeline.finish(data, tmp_path / "site")
    assert not (tmp_path / "site/bao-cao").exists()
    assert json.loads((tmp_path / "site/data/progress.json").read_text(encoding="utf-8")) == {"years": []}


def test_two_years_give_two_bars_and_two_columns(project: Path) -> None:
    import datetime as dt

    import yaml

    from creditsite.render.pages import generate

    earlier = {
        "year": YEAR - 1,
        "as_of": f"{YEAR - 1}-09-15",
        "figures": {
            "outstanding_loans_million_vnd": 55000,
            "credit_growth_million_vnd": 4000,
            "entrusted_increase_million_vnd": 480,
            "entrusted_balance_million_vnd": 4150,
            "total_capital_million_vnd": 57000,
        },
        "tasks": {"nhiem-vu-6-dd": {"pgd-nhcsxh": {"status": "chưa bắt đầu"}}},
    }
    (project / f"plan_data/progress/{YEAR - 1}.yml").write_text(
        yaml.safe_dump(earlier, allow_unicode=True), encoding="utf-8"
    )
    data = load_site_data(project)
    markdown = next(p.markdown for p in generate(data, dt.date(2026, 12, 1)) if p.path == "tien-do/index.md")
    assert f"| Chỉ số | {YEAR - 1} | {YEAR} |" in markdown
    assert f"| {YEAR - 1} | 12% |" in markdown  # 480 ÷ 4000, below the 15–20% range
    assert markdown.count('fill="#12406b"') == 4  # two years on each of the two charts
