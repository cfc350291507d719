"""Publishing a built site to static hosting, never half-way, never over what is not ours.

Two kinds of target:
- a git remote (URL, `user@host:path`, `*.git`, or a local repository): the
  site becomes the next commit of its `gh-pages` branch, made by ghp-import in
  a scratch repository; the project's own repository is refused;
- a local directory (the web server's folder): the new site is copied next
  to it and swapped in with one atomic exchange (see livedir.py). Only a
  folder that is missing, empty, or was published by this tool is replaced.

Neither may be the project, the site folder, or inside or around them. Before
either, the site must look complete and have no broken link. The Makefile's
`publish` target checks the target, then runs the strict build and the tests.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import unquote, urlparse

from creditsite.engine.linkcheck import check_site
from creditsite.engine.livedir import Protected, Refused, check, locate, replace

BRANCH = "gh-pages"
REQUIRED = ("index.html", "404.html", "sitemap.xml", "robots.txt", "en/index.html")


class PublishError(Refused):
    """Why the site was not published; the live site is unchanged."""


def is_git_target(target: str) -> bool:
    if re.match(r"^[a-z][\w+.-]*://", target) or re.match(r"^[\w.-]+@[\w.-]+:", target) or target.endswith(".git"):
        return True
    path = Path(target)
    try:
        return (path / "HEAD").is_file() and (path / "objects").is_dir() or (path / ".git").exists()
    except OSError:  # unreadable: not a repository we can push to; the folder checks say why
        return False


def verify(site: Path, site_url: str) -> None:
    """Refuse a site that is missing, is missing pages, or has broken links."""
    if not site.is_dir():
        raise PublishError(
            f"không có thư mục trang {site} (there is no site folder {site}); "
            "hãy chạy make build trước (run make build first)."
        )
    missing = [name for name in REQUIRED if not (site / name).is_file()]
    if missing:
        raise PublishError(
            f"{site} chưa phải bản dựng hoàn chỉnh, thiếu (is not a complete build, missing): {', '.join(missing)}"
        )
    try:
        broken = check_site(site, site_url)
    except OSError as exc:
        raise PublishError(f"không đọc được trang đã dựng (cannot read the built site) {site}: {exc}") from None
    if broken:
        raise PublishError(f"{len(broken)} liên kết hỏng (broken links), ví dụ (e.g.): {broken[0]}")


def guards(site: Path, project: Path) -> list[Protected]:
    """What a target must not be, contain or be inside of: the site, the project, its git folder
    (which may lie outside the project: a parent repository, a separate git dir)."""
    found = [
        Protected(site, "thư mục trang đem đăng", "the site folder being published"),
        Protected(project, "dự án", "the project"),
    ]
    common = _probe(project, "--path-format=absolute", "--git-common-dir")
    return found + ([Protected(common, "kho git của dự án", "the project's git repository")] if common else [])


def _probe(folder: Path, *args: str) -> Path | None:
    """One `git rev-parse` answer about the repository at `folder`, if it is one."""
    if not folder.is_dir():
        return None
    env = {key: value for key, value in os.environ.items() if not key.startswith("GIT_")}
    result = subprocess.run(
        ["git", "-c", "safe.directory=*", "rev-parse", *args], cwd=folder, env=env, capture_output=True, text=True
    )
    return Path(result.stdout.strip()).resolve() if result.returncode == 0 and result.stdout.strip() else None


def check_target(site: Path, target: str, project: Path | None = None) -> str:
    """Refuse, changing nothing, a target that `publish` would refuse; returns what it is, in words."""
    project = project or Path.cwd()
    protected = guards(site, project)
    try:
        if is_git_target(target):
            _check_git_target(target, protected, project)
            return f"nhánh {BRANCH} của (branch {BRANCH} of) {target}"
        check(Path(target), protected=protected)
    except Refused as exc:
        raise PublishError(str(exc)) from None
    return str(target)


def _check_git_target(remote: str, protected: list[Protected], project: Path) -> None:
    if remote.startswith("file://"):
        local = Path(unquote(urlparse(remote).path))
    elif "://" in remote or re.match(r"^[\w.-]+@[\w.-]+:", remote):
        return  # an address elsewhere: its repository is not the project's working copy
    else:
        local = Path(remote)
    mine = _probe(project, "--path-format=absolute", "--git-common-dir")
    if mine is not None and mine == _probe(locate(local), "--path-format=absolute", "--git-common-dir"):
        raise PublishError(
            f"{remote} là kho git của chính dự án (is the project's own git repository). "
            "Hãy đăng lên kho từ xa (git@…, https://…) hoặc một kho trống nằm ngoài dự án "
            "(publish to the remote, or to a bare repository outside the project)."
        )
    locate(local, protected)


def publish(site: Path, target: str, site_url: str, message: str | None = None, *, project: Path | None = None) -> str:
    """Deploy `site` to `target`; returns what was done, in words.

    `project` (default: the current folder) is the project's root: the target may not be it,
    its repository or the site, nor lie inside or around them."""
    project = project or Path.cwd()
    where = check_target(site, target, project)  # cheap; the directory case checks again under a lock
    verify(site, site_url)
    stamp = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    if is_git_target(target):
        publish_git(site, target, message or f"Xuất bản trang (publish site) {stamp}")
    else:
        publish_directory(site, Path(target), guards(site, project), stamp)
    return where


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
            [
                sys.executable,
                "-m",
                "ghp_import",
                "--no-jekyll",
                "--push",
                "--remote",
                "target",
                "--branch",
                BRANCH,
                "--message",
                message,
                str(site.resolve()),
            ],
            cwd=work,
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            raise PublishError(
                f"không đẩy được lên (could not push to) {remote}: {(result.stderr or result.stdout).strip()}"
            )


def publish_directory(site: Path, target: Path, protected: Sequence[Protected], stamp: str) -> None:
    """Copy next to `target`, then swap: readers see the old site or the new one. Only a folder
    that is missing, empty or published by us is replaced (see livedir.py)."""

    def fill(staging: Path) -> bool:
        shutil.copytree(site, staging, dirs_exist_ok=True)
        return True

    try:
        replace(target, fill, kind="publish", protected=protected, note={"published": stamp})
    except Refused as exc:
        raise PublishError(str(exc)) from None
