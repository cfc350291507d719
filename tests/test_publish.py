"""`make publish`: to a git remote's gh-pages branch and to a directory, only
whole and checked sites, never half-way."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from creditsite import publish as publishing
from creditsite.publish import PublishError, is_git_target, publish

from conftest import ROOT, run_cli
from test_build import SITE_URL


def fake_site(root: Path, word: str) -> Path:
    """A tiny but complete site whose pages say `word`."""
    for name in ("index.html", "404.html", "en/index.html", "vay-von/index.html"):
        page = root / name
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(f'<html><body><a href="{SITE_URL}vay-von/">{word}</a></body></html>', encoding="utf-8")
    (root / "sitemap.xml").write_text("<urlset/>", encoding="utf-8")
    (root / "robots.txt").write_text("User-agent: *\n", encoding="utf-8")
    return root


def git(*args: str, cwd: Path | None = None) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout


@pytest.mark.parametrize(("target", "is_git"), [
    ("git@github.com:xa/site.git", True), ("https://example.org/xa/site", True), ("/srv/www/site", False),
    ("../deploy/site.git", True),
])
def test_target_kind(target: str, is_git: bool) -> None:
    assert is_git_target(target) is is_git


def test_publish_to_a_directory_swaps_the_whole_site(tmp_path: Path) -> None:
    live = tmp_path / "www" / "site"
    publish(fake_site(tmp_path / "v1", "one"), str(live), SITE_URL)
    assert "one" in (live / "index.html").read_text(encoding="utf-8")
    (tmp_path / "v2").mkdir()
    v2 = fake_site(tmp_path / "v2", "two")
    (v2 / "vay-von/index.html").write_text(f'<a href="{SITE_URL}">two</a>', encoding="utf-8")
    publish(v2, str(live), SITE_URL)
    assert "two" in (live / "index.html").read_text(encoding="utf-8")
    assert sorted(p.name for p in live.parent.iterdir()) == ["site"]  # no staging or old copy left


def test_a_broken_or_incomplete_site_never_replaces_the_live_one(tmp_path: Path) -> None:
    live = tmp_path / "site"
    publish(fake_site(tmp_path / "good", "good"), str(live), SITE_URL)
    broken = fake_site(tmp_path / "broken", "broken")
    (broken / "index.html").write_text('<a href="nowhere/">x</a>', encoding="utf-8")
    with pytest.raises(PublishError, match="broken links"):
        publish(broken, str(live), SITE_URL)
    incomplete = fake_site(tmp_path / "incomplete", "incomplete")
    (incomplete / "404.html").unlink()
    with pytest.raises(PublishError, match="404.html"):
        publish(incomplete, str(live), SITE_URL)
    assert "good" in (live / "index.html").read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken", "good", "incomplete", "site"]


def test_a_copy_that_fails_midway_leaves_the_live_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    live = tmp_path / "www" / "site"
    publish(fake_site(tmp_path / "v1", "one"), str(live), SITE_URL)

    def full_disk(src: Path, dst: Path, **kwargs: object) -> None:
        shutil.copy2(Path(src) / "index.html", Path(dst) / "index.html")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(publishing.shutil, "copytree", full_disk)
    with pytest.raises(OSError):
        publish(fake_site(tmp_path / "v2", "two"), str(live), SITE_URL)
    assert "one" in (live / "index.html").read_text(encoding="utf-8")
    assert sorted(p.name for p in live.parent.iterdir()) == ["site"]


def test_publish_to_a_bare_git_repository_adds_gh_pages_commits(tmp_path: Path) -> None:
    remote = tmp_path / "remote.git"
    git("init", "--quiet", "--bare", str(remote))
    result = run_cli(ROOT, "publish", str(fake_site(tmp_path / "v1", "one")), str(remote))
    assert result.returncode == 0, result.stderr
    assert "gh-pages" in result.stdout
    publish(fake_site(tmp_path / "v2", "two"), str(remote), SITE_URL)
    log = git("--git-dir", str(remote), "log", "--format=%s", "gh-pages").splitlines()
    assert len(log) == 2 and all(line.startswith("Xuất bản trang") for line in log)
    files = git("--git-dir", str(remote), "ls-tree", "-r", "--name-only", "gh-pages").split()
    assert {".nojekyll", "index.html", "en/index.html", "404.html"} <= set(files)
    assert "two" in git("--git-dir", str(remote), "show", "gh-pages:index.html")


def test_publish_to_the_working_repository_by_relative_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As the example CI workflow does: `make publish TARGET=.`, then push gh-pages."""
    work = tmp_path / "clone"
    git("init", "--quiet", str(work))
    monkeypatch.chdir(work)
    publish(fake_site(tmp_path / "v1", "one"), ".", SITE_URL)
    assert "one" in git("show", "gh-pages:index.html", cwd=work)


def test_publish_refuses_a_missing_repository(tmp_path: Path) -> None:
    result = run_cli(ROOT, "publish", str(fake_site(tmp_path / "v1", "one")), str(tmp_path / "nowhere.git"))
    assert result.returncode == 1
    assert "live site is unchanged" in result.stderr and "Traceback" not in result.stderr


def test_make_publish_builds_and_tests_before_deploying() -> None:
    dry = subprocess.run(["make", "-n", "publish", "TARGET=/tmp/x"], cwd=ROOT, capture_output=True, text=True)
    lines = dry.stdout.splitlines()
    order = [next(i for i, line in enumerate(lines) if key in line) for key in ("make build", "make test", "creditsite publish")]
    assert order == sorted(order), dry.stdout
    refused = subprocess.run(["make", "publish"], cwd=ROOT, capture_output=True, text=True)
    assert refused.returncode != 0 and "TARGET" in refused.stderr
