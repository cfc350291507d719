"""Every bad input fails cleanly and leaves the published site intact.

The cases live in tests/bad_inputs/cases.yml; this harness applies each to a
fresh copy of a project whose site was already built once.
"""

import hashlib
import io
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, copy_project

CASES = yaml.safe_load((ROOT / "tests/bad_inputs/cases.yml").read_text(encoding="utf-8"))


def tree_hash(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(folder).as_posix().encode() + path.read_bytes())
    return digest.hexdigest()


def build(project: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "creditsite.cli", "--root", str(project), "build"],
        capture_output=True, text=True, timeout=300,
        env={"PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1764028800"},
    )


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project with a site already published, copied once per case."""
    project = copy_project(tmp_path_factory.mktemp("published") / "project")
    result = build(project)
    assert result.returncode == 0, result.stderr
    return project


def photo(spec: dict) -> bytes:
    """A small JPEG carrying `comment` (COM) and `description` (EXIF ImageDescription)."""
    from PIL import Image

    exif = Image.Exif()
    if "description" in spec:
        exif[0x010E] = spec["description"]
    out = io.BytesIO()
    Image.new("RGB", (64, 48), "green").save(out, "JPEG", comment=spec.get("comment", "").encode(), exif=exif)
    return out.getvalue()


def apply(case: dict, project: Path) -> None:
    path = project / case["file"]
    path.parent.mkdir(parents=True, exist_ok=True)
    if "symlink" in case:
        path.symlink_to(case["symlink"])
    elif "delete" in case:
        path.unlink()
    elif "photo" in case:
        path.write_bytes(photo(case["photo"]))
    elif "copy" in case:
        shutil.copyfile(project / case["copy"], path)
    elif "replace" in case:
        text = path.read_text(encoding="utf-8")
        assert case["replace"]["old"] in text, f"case no longer matches {case['file']}"
        path.write_text(text.replace(case["replace"]["old"], case["replace"]["new"], 1), encoding="utf-8")
    elif "append" in case:
        path.write_text(path.read_text(encoding="utf-8") + case["append"], encoding="utf-8")
    elif "content" in case:
        path.write_text(case["content"], encoding="utf-8")
    else:
        spec = case["bytes"]
        if "hex" in spec:
            data = bytes.fromhex(spec["hex"]) + b"\x00" * 16
        elif "repeat" in spec:
            data = (spec["repeat"] * (spec["size"] // len(spec["repeat"]) + 1)).encode()
        else:
            data = spec["text"].encode(spec["encode"])
        path.write_bytes(data)


@pytest.mark.parametrize("name", CASES)
def test_bad_input_fails_cleanly(name: str, published: Path, tmp_path: Path) -> None:
    case = CASES[name]
    project = tmp_path / "project"
    shutil.copytree(published, project)
    before = tree_hash(project / "site")
    apply(case, project)

    result = build(project)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output[-1000:]
    assert "Traceback" not in output
    problems = [line for line in output.splitlines() if line.startswith("  - ")]
    assert len(problems) == 1, f"expected one clear message, got: {problems}"
    assert problems[0].startswith(f"  - {case['file']}"), problems[0]
    if case.get("line"):
        assert problems[0].startswith(f"  - {case['file']}:"), f"no line number: {problems[0]}"
    assert case["says"] in problems[0], problems[0]
    assert tree_hash(project / "site") == before, "a failed build changed the published site"
