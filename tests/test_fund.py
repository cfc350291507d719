"""The "Vì người nghèo" fund: page, reconciled ledger, validation, open data."""

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path

import pytest

from conftest import COMMUNE, page
from creditsite.errors import DataError
from creditsite.load.site import load_site_data

DATA = load_site_data(COMMUNE)


def money(text: str) -> int:
    return int(re.sub(r"\D", "", text))


def test_fund_page_explains_the_fund_in_both_languages(site: Path) -> None:
    for prefix in ("", "/en"):
        doc = page(site, f"{prefix}/quy-vi-nguoi-ngheo/")
        for anchor in ("ai-quan-ly", "ung-ho", "thang-cao-diem", "chi-cho", "cong-khai", "so-quy", "nguon"):
            assert doc.find(id=anchor), (prefix, anchor)
    text = re.sub(r"\s+", " ", page(site, "/quy-vi-nguoi-ngheo/").get_text(" "))
    assert "17/10" in text and "18/11" in text  # the Month for the Poor, from targets.yml
    assert "Ví dụ minh họa" in text  # the shipped ledger is a sample


def test_ledger_tables_reconcile_with_the_data(site: Path) -> None:
    summary = page(site, "/quy-vi-nguoi-ngheo/").find(id="so-quy").find_next("table")
    rows = {
        tr.find("a").get_text(): [money(td.get_text()) for td in tr.find_all("td")[1:]]
        for tr in summary.find_all("tr")[1:]
    }
    previous_closing = None
    for year in DATA.ledger:
        doc = page(site, f"/quy-vi-nguoi-ngheo/{year.year}/")
        receipts = doc.find(id="thu").find_next("table").find_all("tr")[1:]
        spending = doc.find(id="chi").find_next("table").find_all("tr")[1:]
        got_in = sum(money(tr.find_all("td")[2].get_text()) for tr in receipts[:-1])
        got_out = sum(money(tr.find_all("td")[2].get_text()) for tr in spending[:-1])
        assert money(receipts[-1].find_all("td")[2].get_text()) == got_in == sum(r.amount_vnd for r in year.receipts)
        assert money(spending[-1].find_all("td")[2].get_text()) == got_out
        assert rows[str(year.year)] == [got_in, got_out, year.opening_balance_vnd + got_in - got_out]
        if previous_closing is not None:
            assert year.opening_balance_vnd == previous_closing
        previous_closing = year.opening_balance_vnd + got_in - got_out


def test_fund_open_data_and_csv(site: Path) -> None:
    fund = json.loads((site / "data/fund.json").read_text(encoding="utf-8"))
    for entry in fund["years"]:
        assert entry["total_receipts_vnd"] == sum(r["amount_vnd"] for r in entry["receipts"])
        assert (
            entry["closing_balance_vnd"]
            == entry["opening_balance_vnd"] + entry["total_receipts_vnd"] - entry["total_spending_vnd"]
        )
    raw = (site / "quy-vi-nguoi-ngheo/so-quy.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(raw)))
    assert len(rows) == sum(len(y.receipts) + len(y.spending) for y in DATA.ledger)
    assert sum(int(r["amount_vnd"]) for r in rows if r["kind"] == "thu") == sum(y.total_receipts for y in DATA.ledger)


def edit_ledger(project: Path, year: int, old: str, new: str) -> list[str]:
    path = project / f"plan_data/fund/{year}.yml"
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(DataError) as exc:
        load_site_data(project)
    return [str(p) for p in exc.value.problems]


def first(year: int, key: str) -> str:
    value = getattr(next(y for y in DATA.ledger if y.year == year).receipts[0], key)
    return str(value)


@pytest.mark.parametrize(
    ("key", "old_value", "new_value", "expected"),
    [
        ("amount_vnd", None, "-5000000", "greater than 0"),
        ("date", None, "2099-01-05", "date outside the year"),
        ("category", None, "quyen-gop-la", "unknown category"),
    ],
)
def test_inconsistent_entries_are_rejected(
    project: Path, key: str, old_value: str | None, new_value: str, expected: str
) -> None:
    value = first(2025, key)
    found = edit_ledger(project, 2025, f"{key}: {value}", f"{key}: {new_value}")
    assert any(expected in m and m.startswith("plan_data/fund/2025.yml:") for m in found), found


def test_future_date_is_rejected(project: Path) -> None:
    last = DATA.ledger[-1]
    late = max(e.date for e in [*last.receipts, *last.spending])
    with pytest.raises(DataError, match="future"):
        load_site_data(project, today=late - dt.timedelta(days=1))


def test_opening_balance_must_follow_last_year(project: Path) -> None:
    year = DATA.ledger[-1]
    found = edit_ledger(
        project,
        year.year,
        f"opening_balance_vnd: {year.opening_balance_vnd}",
        f"opening_balance_vnd: {year.opening_balance_vnd + 1}",
    )
    assert any("opening balance" in m for m in found)


def test_spending_more_than_the_fund_holds_is_rejected(project: Path) -> None:
    year = DATA.ledger[0]
    found = edit_ledger(
        project, year.year, f"opening_balance_vnd: {year.opening_balance_vnd}", "opening_balance_vnd: 0"
    )
    assert any("exceeds the balance" in m or "opening balance" in m for m in found)


def test_fund_charts_have_text_alternatives_and_data_tables(site: Path) -> None:
    doc = page(site, "/quy-vi-nguoi-ngheo/")
    charts = doc.select("figure.cs-chart-figure svg[role=img]")
    assert len(charts) == 2
    for svg in charts:
        assert svg.find("title").get_text() and svg.find("desc").get_text()
    years = charts[0].find("desc").get_text()
    for y in DATA.ledger:
        assert str(y.year) in years and f"{y.total_receipts:,}".replace(",", ".") in years
    table = doc.find(id="bieu-do-nhom-chi").find_next("table")
    spent = sum(money(tr.find_all("td")[1].get_text()) for tr in table.find_all("tr")[1:])
    assert spent == sum(y.total_spending for y in DATA.ledger)
