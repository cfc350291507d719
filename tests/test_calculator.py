"""Loan arithmetic: the Python tables and the browser calculator agree."""

import json
import shutil
import subprocess

import pytest

from conftest import ROOT
from creditsite.views.loans import monthly_interest, schedule

CALCULATOR = ROOT / "overrides/assets/javascripts/calculator.js"
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
