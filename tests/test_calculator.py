"""Loan arithmetic: the Python tables and the browser calculator agree; the
calculator takes its words and starting values from the page."""

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import COMMUNE, ROOT, page
from creditsite.load.site import load_site_data
from creditsite.render import fmt
from creditsite.render.strings import with_prefix
from creditsite.views.loans import monthly_interest, schedule
from creditsite.views.programs import program_views

CALCULATOR = ROOT / "overrides/assets/javascripts/calculator.js"
DATA = load_site_data(COMMUNE)
CASES = [
    (20_000_000, 6.6, 12, 1),
    (100_000_000, 6.6, 120, 12),
    (50_000_000, 7.92, 60, 3),
    (12_345_678, 8.25, 37, 6),
    (25_000_000, 9, 60, 60),
    (3_333_333, 3, 7, 1),
    (999, 0.01, 5, 2),
]


def test_worked_example_from_the_brief() -> None:
    assert monthly_interest(20_000_000, 6.6) == 110_000  # 6,6%/năm: 20 triệu → 110.000 đồng/tháng
    assert monthly_interest(10_000_000, 8.25) == 68_750
    assert monthly_interest(20_000_000, 9) == 150_000


def test_rounding_is_half_up_to_the_dong() -> None:
    assert monthly_interest(1_000, 0.06) == 0      # 0.05 đồng
    assert monthly_interest(2_000, 0.3) == 1       # 0.5 đồng rounds up


@pytest.mark.parametrize("case", CASES)
def test_schedule_repays_everything(case: tuple[int, float, int, int]) -> None:
    amount, rate, term, every = case
    rows = schedule(amount, rate, term, every)
    assert len(rows) == term and rows[-1].balance == 0
    assert sum(r.principal for r in rows) == amount
    assert rows[0].interest == monthly_interest(amount, rate)


def test_javascript_and_python_agree() -> None:
    node = shutil.which("node") or shutil.which("nodejs")
    assert node, "Node.js is needed to run the calculator test (.ci/run installs it)"
    script = f"""
const calc = require({json.dumps(str(CALCULATOR))});
const cases = {json.dumps(CASES)};
console.log(JSON.stringify(cases.map(([a, r, n, k]) => calc.schedule(a, r, n, k))));
"""
    result = subprocess.run([node, "-e", script], capture_output=True, text=True, check=True, timeout=60)
    from_js = json.loads(result.stdout)
    from_python = [[r.__dict__ for r in schedule(*case)] for case in CASES]
    assert from_js == from_python


# --- On the built page: the words and starting values come from the page -------------


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_page_gives_the_calculator_its_words_and_starting_values(site: Path, site_url: str, tab, lang: str) -> None:
    pid, prefix = "ho-ngheo", "" if lang == "vi" else "en/"
    view = program_views(DATA)[pid].loan
    words = with_prefix("calc_", lang)  # render/strings.yml
    assert page(site, f"/{prefix}vay-von/{pid}/").select_one(".cs-calc").has_attr("hidden")  # no empty box without JS
    tab.goto(f"{site_url}{prefix}vay-von/{pid}/")
    form = tab.locator(".cs-calc form")
    form.wait_for()
    assert form.locator("h3").inner_text() == words["title"]
    assert form.locator("label").all_inner_texts() == [words["amount"], words["term"], words["every"]]
    assert form.locator("option").all_inner_texts() == [words[f"every_{k}"] for k in ("1", "3", "6", "12", "end")]
    amount, term = form.locator("input").nth(0), form.locator("input").nth(1)
    calc = view.calculator
    assert (amount.input_value(), amount.get_attribute("max")) == (str(calc.amount_vnd), str(calc.max_amount_vnd))
    assert (term.input_value(), term.get_attribute("max")) == (str(calc.term_months), str(calc.max_term_months))
    form.locator("button").click()
    rate = view.facts.interest_rate_pct_per_year
    assert rate is not None
    total = sum(r.interest for r in schedule(calc.amount_vnd, rate, calc.term_months, 1))
    expected = f"{words['total']}: {fmt.money(total, lang)}"
    assert form.locator(".cs-calc__total").inner_text() == expected
    assert form.locator("th").all_inner_texts() == [words[k] for k in ("month", "interest", "principal", "balance")]
    assert form.locator(".cs-calc__note").inner_text() == words["note"]


def test_the_script_keeps_no_words_or_starting_values_of_its_own() -> None:
    script = CALCULATOR.read_text(encoding="utf-8")
    for lang in ("vi", "en"):
        for key, text in with_prefix("calc_", lang).items():
            assert f'"{text}"' not in script, (lang, key)
    assert not re.search(r"\b(20000000|20_000_000|36)\b", script)  # the example amount and term are data
