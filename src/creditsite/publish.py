"""Publishing a built site to static hosting, never half-way.

Two kinds of target:
- a git remote (URL, `user@host:path`, `*.git`, or a local repository): the
  site becomes the next commit of its `gh-pages` branch, made by ghp-import in
  a scratch repository, so the project's own repository is never touched;
- a local directory (the web server's folder): the new site is copied next
  to it and swapped in with one atomic rename (Linux `renameat2` exchange).

Before either, the site must look complete and have no broken link. The
Makefile's `publish` target also runs the strict build and the tests first.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from datetime import datetime, timezone
from pathlib import Path

from .engine import swap_in
from .linkcheck import check_site

BRANCH = "gh-pages"
REQUIRED = ("index.html", "404.html", "sitemap.xml", "robots.txt", "en/index.html")


class PublishError(Exception):
    """Why the site was not published; the live site is unchanged."""


def is_git_target(target: str) -> bool:
    if re.match(r"^[a-z][\w+.-]*://", target) or re.match(r"^[\w.-]+@[\w.-]+:", target) or target.endswith(".git"):
        return True
    path = Path(target)
    return (path / "HEAD").is_file() and (path / "objects").is_dir() or (path / ".git").exists()


def verify(site: Path, site_url: str) -> None:
    """Refuse a site that is missing pages or has broken links."""
    missing = [name for name in REQUIRED if not (site / name).is_file()]
    if missing:
        raise PublishError(f"{site} chưa phải bản dựng hoàn chỉnh, thiếu (is not a complete build, missing): {', '.join(missing)}")
    broken = check_site(site, site_url)
    if broken:
        raise PublishError(f"{len(broken)} liên kết hỏng (broken links), ví dụ (e.g.): {broken[0]}")


def publish(site: Path, target: str, site_url: str, message: str | None = None) -> str:
    """Deploy `site` to `target`; returns what was done, in words."""
    verify(site, site_url)
    stamp = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    if is_git_target(target):
        publish_git(site, target, message or f"Xuất bản trang (publish site) {stamp}")
        return f"nhánh {BRANCH} của (branch {BRANCH} of) {target}"
    publish_directory(site, Path(target))
    return str(target)


def _git(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True)


def publish_git(site: Path, remote: str, message: str) -> None:
    """Commit the site on top of the remote's gh-pages (if any) and push."""
    if Path(remote).exists():
        remote = str(Path(remote).resolve())  # the scratch repository lives elsewhere
    elif "://" not in remote and "@" not in remote:
        raise PublishError(f"không tìm thấy kho git (no such git repository): {remote}")
    with tempfile.TemporaryDirectory(prefix="creditsite-publish-") as scratch:
        work = Path(scratch)
        for args in (("init", "--quiet"), ("remote", "add", "target", remote)):
            _git(work, *args).check_returncode()
        for key, default in (("user.name", "creditsite publish"), ("user.email", "publish@localhost")):
            if _git(work, "config", key).returncode != 0:  # no identity anywhere: use a neutral one
                _git(work, "config", key, default).check_returncode()
        fetched = _git(work, "fetch", "--quiet", "target", f"+refs/heads/{BRANCH}:refs/remotes/target/{BRANCH}")
        if fetched.returncode != 0 and "couldn't find remote ref" not in fetched.stderr:
            raise PublishError(f"không đọc được kho (cannot read) {remote}: {fetched.stderr.strip()}")
        result = subprocess.run(
            [sys.executable, "-m", "ghp_import", "--no-jekyll", "--push", "--remote", "target",
             "--branch", BRANCH, "--message", message, str(site.resolve())],
            cwd=work, capture_output=True, text=True,
        )
        if result.returncode != 0:
            raise PublishError(f"không đẩy được lên (could not push to) {remote}: {(result.stderr or result.stdout).strip()}")


def publish_directory(site: Path, target: Path) -> None:
    """Copy next to `target`, then swap: readers see the old site or the new one."""
    target = target.absolute()
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists() and not target.is_dir():
        raise PublishError(f"{target} không phải thư mục (is not a directory)")
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=target.parent))
    try:
        shutil.copytree(site, staging, dirs_exist_ok=True)
        staging.chmod(0o755)
        swap_in(staging, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)  # only left behind if the copy failed
