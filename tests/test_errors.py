"""Broken content stops the build with one clear message and no traceback."""

from pathlib import Path

import pytest

from conftest import run_build, run_cli

CASES = {
    "unknown key": (
        "plan_data/commune.yml",
        "  day_of_month: null\n",
        "  day_of_month: null\n  ngay: 5\n",
        "plan_data/commune.yml:",
        "transaction_point.ngay",
    ),
    "yaml syntax": (
        "plan_data/units.yml",
        "  - id: truong-thon\n",
        "  - id: [truong-thon\n",
        "plan_data/units.yml:",
        "YAML",
    ),
    "missing unit": (
        "plan_data/plan.yml",
        "- ban-dai-dien-hdqt",
        "- ban-dai-dien",
        "plan_data/plan.yml",
        "ban-dai-dien'",
    ),
    "wrong date": (
        "plan_data/plan.yml",
        "date: '2024-10-30'",
        "date: 2024-13-45",
        "plan_data/plan.yml:",
        "legal_bases[0].date",
    ),
}


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES)
def test_broken_data_fails_cleanly(project: Path, tmp_path: Path, case: str) -> None:
    rel, old, new, where, field = CASES[case]
    path = project / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")

    for result in (run_cli(project, "check"), run_build(project, tmp_path / "site")):
        output = result.stdout + result.stderr
        assert result.returncode != 0
        assert "Traceback" not in output
        assert where in output and field in output, output[-800:]


def test_valid_project_checks_clean(project: Path) -> None:
    result = run_cli(project, "check")
    assert result.returncode == 0 and "valid" in result.stdout
