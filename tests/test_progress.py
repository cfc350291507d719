"""Yearly progress files: what is accepted, what is refused and why, and the
views the dashboard and the report share."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import COMMUNE, run_cli
from creditsite.errors import DataError
from creditsite.load.site import load_site_data
from creditsite.render.data.export import progress_json
from creditsite.views.progress import by_group, by_unit, count, rows, target_years

SAMPLE = "plan_data/progress/2026.yml"


def sample() -> dict:
    return yaml.safe_load((COMMUNE / SAMPLE).read_text(encoding="utf-8"))


def write(project: Path, year: int | str, content: dict) -> Path:
    path = project / f"plan_data/progress/{year}.yml"
    path.write_text(yaml.safe_dump(content, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def problems(project: Path) -> str:
    with pytest.raises(DataError) as err:
        load_site_data(project)
    return err.value.report()


def test_the_sample_year_loads_and_is_marked() -> None:
    data = load_site_data(COMMUNE)
    assert list(data.progress) == [2026]
    progress = data.progress[2026]
    assert progress.sample is True
    assert progress.entry("nhiem-vu-6-dd", "pgd-nhcsxh").status == "dang-thuc-hien"
    assert progress.figures.value("share_of_growth_pct") == 17
    assert progress.fund.closing_balance_million_vnd == 40


def test_status_may_be_typed_as_spoken_words(project: Path) -> None:
    content = sample()
    content["tasks"]["nhiem-vu-6-c"]["pgd-nhcsxh"]["status"] = "  Hoàn thành "
    content["tasks"]["nhiem-vu-6-dd"]["pgd-nhcsxh"]["status"] = "chua-bat-dau"
    write(project, 2026, content)
    progress = load_site_data(project).progress[2026]
    assert progress.entry("nhiem-vu-6-c", "pgd-nhcsxh").status == "hoan-thanh"
    assert progress.entry("nhiem-vu-6-dd", "pgd-nhcsxh").status == "chua-bat-dau"


def test_unknown_status_lists_the_choices(project: Path) -> None:
    content = sample()
    content["tasks"]["nhiem-vu-6-c"]["pgd-nhcsxh"]["status"] = "xong"
    write(project, 2026, content)
    report = problems(project)
    assert "plan_data/progress/2026.yml:" in report and "tasks.nhiem-vu-6-c.pgd-nhcsxh.status" in report
    assert "hoan-thanh" in report


def test_unknown_task_is_refused_with_its_line(project: Path) -> None:
    content = sample()
    content["tasks"]["nhiem-vu-9-z"] = {"pgd-nhcsxh": {"status": "hoan-thanh"}}
    write(project, 2026, content)
    report = problems(project)
    assert "unknown task" in report and "[tasks.nhiem-vu-9-z]" in report
    line = next(
        i
        for i, text in enumerate((project / SAMPLE).read_text(encoding="utf-8").splitlines(), 1)
        if "nhiem-vu-9-z" in text
    )
    assert f"2026.yml:{line} " in report or f"2026.yml:{line + 1} " in report  # the key, or its block's first line


def test_an_anchor_that_is_not_a_task_is_refused(project: Path) -> None:
    content = sample()
    content["tasks"]["muc-dich"] = {"ubnd-xa": {"status": "hoan-thanh"}}  # a plan anchor, but nobody is assigned to it
    write(project, 2026, content)
    assert "không có nhiệm vụ 'muc-dich'" in problems(project)


def test_unknown_unit_is_refused(project: Path) -> None:
    content = sample()
    content["tasks"]["nhiem-vu-6-dd"]["phong-tai-chinh"] = {"status": "hoan-thanh"}
    write(project, 2026, content)
    report = problems(project)
    assert "unknown unit" in report and "tasks.nhiem-vu-6-dd.phong-tai-chinh" in report


def test_unit_not_assigned_to_the_task_is_refused(project: Path) -> None:
    content = sample()
    content["tasks"]["nhiem-vu-6-dd"]["ubmttq-xa"] = {"status": "hoan-thanh"}  # II.6.đ belongs to the bank office alone
    write(project, 2026, content)
    report = problems(project)
    assert "not assigned to this task" in report and "II.6.đ" in report and "pgd-nhcsxh" in report


def test_reported_by_must_be_a_unit(project: Path) -> None:
    content = sample()
    content["fund"]["reported_by"] = "mat-tran"
    write(project, 2026, content)
    assert "fund.reported_by" in problems(project)


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"share_of_growth_pct": 120}, "figures.share_of_growth_pct", "value too large"),
        ({"share_of_total_pct": -1}, "figures.share_of_total_pct", "value too small"),
        ({"share_of_growth_pct": 12}, "figures", "disagrees with its amounts"),
        ({"share_of_total_pct": 8.2}, "figures", "disagrees with its amounts"),
        ({"overdue_ratio_pct": 0.2}, "figures", "disagrees with its amounts"),
        ({"entrusted_increase_million_vnd": 6000, "share_of_growth_pct": None}, "figures", "share above 100%"),
        ({"entrusted_balance_million_vnd": 70000, "share_of_total_pct": None}, "figures", "share above 100%"),
        ({"credit_growth_million_vnd": -100}, "figures", "no growth"),
        ({"outstanding_loans_million_vnd": 60000.0005}, "figures.outstanding_loans_million_vnd", "at most 3 decimals"),
    ],
)
def test_figures_that_contradict_themselves_are_refused(project: Path, changes: dict, field: str, words: str) -> None:
    content = sample()
    content["figures"].update(changes)
    write(project, 2026, content)
    report = problems(project)
    assert f"[{field}]" in report and words in report, report


def test_a_share_within_a_tenth_of_a_point_is_accepted(project: Path) -> None:
    content = sample()
    content["figures"]["share_of_growth_pct"] = 17.1  # 850 ÷ 5000 = 17.0
    write(project, 2026, content)
    assert load_site_data(project).progress[2026].figures.share_of_growth_pct == 17.1


def test_a_share_is_computed_when_left_empty(project: Path) -> None:
    content = sample()
    content["figures"]["share_of_total_pct"] = None
    content["figures"]["total_capital_million_vnd"] = 40000
    write(project, 2026, content)
    assert load_site_data(project).progress[2026].figures.value("share_of_total_pct") == 12.5


def test_the_fund_cannot_spend_more_than_it_had(project: Path) -> None:
    content = sample()
    content["fund"]["spending_million_vnd"] = 131  # 30 + 100 available
    write(project, 2026, content)
    report = problems(project)
    assert "[fund]" in report and "spending exceeds" in report


def test_the_file_name_must_match_the_year(project: Path) -> None:
    content = sample()
    (project / SAMPLE).unlink()
    write(project, 2027, content)
    report = problems(project)
    assert "plan_data/progress/2027.yml" in report and "[year]" in report and "match the file name" in report


def test_a_file_not_named_after_a_year_is_refused(project: Path) -> None:
    write(project, "nam-2027", sample())
    assert "the file name must be the year" in problems(project)


def test_the_year_itself_is_required(project: Path) -> None:
    content = sample()
    del content["year"]
    write(project, 2026, content)
    report = problems(project)
    assert "[year]" in report and "required field is missing" in report


def test_a_missing_year_between_two_others_is_refused(project: Path) -> None:
    later = sample()
    later.update(year=2028, report={}, fund={}, figures={})
    write(project, 2028, later)
    report = problems(project)
    assert "2027.yml" in report and "a year is missing" in report


def previous_year(content: dict) -> dict:
    earlier = dict(content, year=2025, as_of="2025-09-15")
    earlier["figures"] = {"outstanding_loans_million_vnd": 55000, "entrusted_balance_million_vnd": 4150}
    earlier["fund"] = {"opening_balance_million_vnd": 10, "receipts_million_vnd": 80, "spending_million_vnd": 60}
    return earlier


def test_consecutive_years_agree(project: Path) -> None:
    write(project, 2025, previous_year(sample()))
    data = load_site_data(project)
    assert list(data.progress) == [2025, 2026]
    assert [ty.year for ty in target_years(data, data.targets.targets[0])] == [2025, 2026]


@pytest.mark.parametrize(
    ("block", "changes", "field"),
    [
        ("figures", {"outstanding_loans_million_vnd": 56000}, "figures.credit_growth_million_vnd"),
        ("figures", {"entrusted_balance_million_vnd": 4000}, "figures.entrusted_increase_million_vnd"),
        ("fund", {"spending_million_vnd": 70}, "fund.opening_balance_million_vnd"),
    ],
)
def test_a_year_that_contradicts_the_previous_one_is_refused(
    project: Path, block: str, changes: dict, field: str
) -> None:
    earlier = previous_year(sample())
    earlier[block].update(changes)
    write(project, 2025, earlier)
    report = problems(project)
    assert "plan_data/progress/2026.yml:" in report and f"[{field}]" in report, report


def test_no_progress_files_is_fine(project: Path) -> None:
    (project / SAMPLE).unlink()
    data = load_site_data(project)
    assert data.progress == {}
    assert progress_json(data) == {"years": []}


def test_report_settings_units_are_checked(project: Path) -> None:
    path = project / "plan_data/report.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("- unit: ban-dai-dien-hdqt", "- unit: ban-dai-dien"), encoding="utf-8"
    )
    report = problems(project)
    assert "plan_data/report.yml" in report and "recipients[2].unit" in report


def test_cli_check_names_the_sample_files(project: Path) -> None:
    result = run_cli(project, "check")
    assert result.returncode == 0
    assert "sample content" in result.stderr and "plan_data/progress/2026.yml" in result.stderr


def test_sample_year_is_listed_with_the_other_samples() -> None:
    assert SAMPLE in load_site_data(COMMUNE).samples()


def test_every_assigned_unit_has_a_row_and_counts_add_up() -> None:
    data = load_site_data(COMMUNE)
    progress = data.progress[2026]
    all_rows = rows(data, progress)
    assigned = sum(len(t.assigned.lead) + len(t.assigned.support) for t in data.plan.tasks())
    assert len(all_rows) == assigned
    reported = sum(len(units) for units in progress.tasks.values())
    totals = count(all_rows)
    assert totals["chua-bao-cao"] == assigned - reported
    assert sum(totals.values()) == assigned
    assert sum(sum(g.counts.values()) for g in by_group(data, progress)) == assigned
    assert sum(sum(c.values()) for _, c in by_unit(data, progress)) == assigned
    assert [g.label for g in by_group(data, progress)][:2] == ["II.1", "II.2"]


def test_open_data_has_the_year_with_computed_shares() -> None:
    data = load_site_data(COMMUNE)
    year = progress_json(data)["years"][0]
    assert year["year"] == 2026 and year["sample"] is True
    assert year["figures"]["share_of_total_pct"] == 8
    assert year["fund"]["closing_balance_million_vnd"] == 40
    verdicts = {t["id"]: t["verdict"] for t in year["targets"]}
    assert verdicts == {"von-uy-thac-tang-truong": "dat", "von-uy-thac-tong-nguon-von": "chua-dat"}
    entry = next(t for t in year["tasks"] if t["task"] == "nhiem-vu-6-dd")
    assert entry["status"] == "dang-thuc-hien" and entry["plan_url"].endswith("/ke-hoach/#nhiem-vu-6-dd")
