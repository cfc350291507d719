"""Every bad input fails cleanly and leaves the published site intact.

The cases live in tests/bad_inputs/cases.yml. Each is applied to a fresh copy
of the fixture commune and `creditsite check` (in process, in a second) must
refuse it with one message naming the file. `creditsite check` runs what the
build runs before the engine starts, so a case it refuses is refused by the
build in the same words. Cases only the engine can see (`stage: build`) and a
sample of the others go through a real `creditsite build` of a project whose
site was already built once: it must fail the same way, print no traceback
and leave the published site as it was.
"""

import hashlib
import io
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import BUILD_EPOCH, ROOT, copy_project
from creditsite.cli.main import main

CASES = yaml.safe_load((ROOT / "tests/bad_inputs/cases.yml").read_text(encoding="utf-8"))
CHECKED = [name for name, case in CASES.items() if case.get("stage") != "build"]
# One case of each kind of input, besides those only the build sees: YAML, a programme, a story,
# a photo, a placeholder, personal data, a link, a page's front matter.
BUILT = ["yaml-syntax-error", "impossible-amount", "story-without-consent", "photo-png-900-megapixels",
         "broken-placeholder", "personal-phone-number", "link-to-a-missing-page", "page-front-matter-not-closed"]
BUILT += [name for name, case in CASES.items() if case.get("stage") == "build"]


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
        env={"PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": BUILD_EPOCH},
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


def one_clear_problem(case: dict, output: str) -> None:
    assert "Traceback" not in output
    problems = [line for line in output.splitlines() if line.startswith("  - ")]
    assert len(problems) == 1, f"expected one clear message, got: {problems}"
    assert problems[0].startswith(f"  - {case['file']}"), problems[0]
    if case.get("line"):
        assert problems[0].startswith(f"  - {case['file']}:"), f"no line number: {problems[0]}"
    assert case["says"] in problems[0], problems[0]


@pytest.mark.parametrize("name", CHECKED)
def test_check_refuses_bad_input_with_one_clear_message(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    case = CASES[name]
    project = copy_project(tmp_path / "project")
    apply(case, project)
    assert main(["--root", str(project), "check"]) == 1, capsys.readouterr()
    one_clear_problem(case, capsys.readouterr().err)


@pytest.mark.slow
@pytest.mark.parametrize("name", BUILT)
def test_build_fails_cleanly_and_keeps_the_published_site(name: str, published: Path, tmp_path: Path) -> None:
    case = CASES[name]
    project = tmp_path / "project"
    shutil.copytree(published, project)
    before = tree_hash(project / "site")
    apply(case, project)

    result = build(project)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output[-1000:]
    one_clear_problem(case, output)
    assert tree_hash(project / "site") == before, "a failed build changed the published site"
