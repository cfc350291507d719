"""The package's stages import one way (pyproject.toml's import-linter contract)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_stages_import_one_way() -> None:
    lint = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run([str(lint), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "1 kept, 0 broken" in result.stdout


def test_the_contract_catches_an_upward_import(tmp_path: Path) -> None:
    """A model module that imports a renderer breaks the contract."""
    src = tmp_path / "src"
    subprocess.run(["cp", "-r", str(ROOT / "src"), str(src)], check=True)
    (tmp_path / "pyproject.toml").write_text((ROOT / "pyproject.toml").read_text(encoding="utf-8"), encoding="utf-8")
    bad = src / "creditsite/model/units.py"
    bad.write_text(bad.read_text(encoding="utf-8") + "\nfrom creditsite.render import fmt  # noqa\n", encoding="utf-8")
    lint = Path(sys.executable).parent / "lint-imports"
    env = {"PYTHONPATH": str(src), "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [str(lint), "--no-cache"], cwd=tmp_path, capture_output=True, text=True, timeout=120, env=env
    )
    assert result.returncode != 0
    assert "creditsite.model.units -> creditsite.render.fmt" in result.stdout
