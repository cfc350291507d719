"""`make publish`: to a git remote's gh-pages branch and to a directory, only
whole and checked sites, never half-way."""

from __future__ import annotations

import errno
import fcntl
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from conftest import ROOT, copy_project, run_cli
from creditsite import publish as publishing
from creditsite.engine import livedir
from creditsite.publish import PublishError, is_git_target, publish
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


@pytest.mark.parametrize(
    ("target", "is_git"),
    [
        ("git@github.com:xa/site.git", True),
        ("https://example.org/xa/site", True),
        ("/srv/www/site", False),
        ("../deploy/site.git", True),
    ],
)
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
    with pytest.raises(PublishError, match="No space left on device"):  # one message, not a bare OSError
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
    """A local repository that is not the project, named relative to the current folder."""
    work = tmp_path / "clone"
    git("init", "--quiet", str(work))
    monkeypatch.chdir(work)
    publish(fake_site(tmp_path / "v1", "one"), ".", SITE_URL, project=ROOT)
    assert "one" in git("show", "gh-pages:index.html", cwd=work)


def test_publish_refuses_a_missing_repository(tmp_path: Path) -> None:
    result = run_cli(ROOT, "publish", str(fake_site(tmp_path / "v1", "one")), str(tmp_path / "nowhere.git"))
    assert result.returncode == 1
    assert "live site is unchanged" in result.stderr and "Traceback" not in result.stderr


def test_make_publish_checks_builds_and_checks_links_before_deploying() -> None:
    dry = subprocess.run(["make", "-n", "publish", "TARGET=/tmp/x"], cwd=ROOT, capture_output=True, text=True)
    lines = dry.stdout.splitlines()
    order = [
        next(i for i, line in enumerate(lines) if line.rstrip().endswith(key) or f"{key} " in line)
        for key in ("creditsite check", "make build", "creditsite linkcheck site", "creditsite publish")
    ]
    assert order == sorted(order), dry.stdout
    assert not any("pytest" in line or "make test" in line for line in lines), "content never waits on engine tests"
    refused = subprocess.run(["make", "publish"], cwd=ROOT, capture_output=True, text=True)
    assert refused.returncode != 0 and "TARGET" in refused.stderr


# --- Publishing never deletes what it does not own (issue 11) ----------------------------------
# Real folders, real symlinks, real permissions (as an unprivileged user), real SIGKILLs.
# Only a full disk, a failing exchange and an old copy that cannot be deleted after the swap
# are simulated by monkeypatching: there is no safe way to cause them for real in a test.

MARKER = ".creditsite-published"
IS_ROOT = os.geteuid() == 0
NOBODY = 65534
as_root_only = pytest.mark.skipif(not IS_ROOT, reason="needs root: chown / chattr (CAP_CHOWN, CAP_LINUX_IMMUTABLE)")


def put(site: Path, target: Path | str, project: Path = ROOT) -> str:
    return publish(site, str(target), SITE_URL, project=project)


def tree(folder: Path) -> dict[str, str]:
    """Everything below `folder` (bytes, modes, link targets), to prove it was left untouched."""
    found: dict[str, str] = {}
    for top, dirs, files in os.walk(folder):
        for name in dirs + files:
            path = Path(top, name)
            rel, mode = path.relative_to(folder).as_posix(), f"{path.lstat().st_mode:o}"
            if path.is_symlink():
                found[rel] = "-> " + os.readlink(path)
            else:
                found[rel] = mode if path.is_dir() else f"{mode} {hashlib.sha256(path.read_bytes()).hexdigest()}"
    return found


def says(folder: Path) -> str:
    return (folder / "index.html").read_text(encoding="utf-8")


def refused(result: subprocess.CompletedProcess[str], *words: str) -> str:
    """One clear message: a header, then one reason in Vietnamese first (English in parentheses)."""
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 2, result.stderr
    reason = lines[1].strip()
    assert re.search(r"[àáảãạăâđèéẻẽẹêìíỉĩịòóỏõọôơùúủũụưỳýỷỹỵ]", reason.split("(")[0]), reason
    for word in words:
        assert word in reason, reason
    return reason


def cli(*args: str, cwd: Path | None = None, root: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "creditsite.cli", "--root", str(root), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


# Ownership: missing, empty or ours; anything else is refused and left as it was.


@pytest.mark.parametrize("exists", [False, True])
def test_a_missing_or_empty_folder_is_published_with_a_marker(tmp_path: Path, exists: bool) -> None:
    live = tmp_path / "www" / "site"
    if exists:
        live.mkdir(parents=True)
    put(fake_site(tmp_path / "v1", "one"), live)
    marker = json.loads((live / MARKER).read_text(encoding="utf-8"))
    assert marker["tool"] == "creditsite" and marker["kind"] == "publish" and marker["published"].endswith("UTC")
    assert {"index.html", "en/index.html", "vay-von/index.html", "robots.txt"} <= set(marker["files"])
    assert MARKER not in marker["files"] and {"en", "vay-von"} <= set(marker["directories"])
    assert not (live / ".creditsite-staging").exists()
    assert sorted(p.name for p in live.parent.iterdir()) == ["site"]


def _notes(live: Path) -> None:
    (live / "backup").mkdir()
    (live / "backup/old.tar").write_bytes(b"\0" * 10)
    (live / "notes.txt").write_text("ghi chú", encoding="utf-8")


NOT_OURS = {
    "notes and a backup": _notes,
    "a web server's own page": lambda live: (live / "index.html").write_text("It works!", encoding="utf-8"),
    "only a hidden file": lambda live: (live / ".htaccess").write_text("Deny from all\n", encoding="utf-8"),
    "only an empty folder": lambda live: (live / "uploads").mkdir(),
    "a symlink": lambda live: (live / "etc").symlink_to("/etc"),
}


@pytest.mark.parametrize("name", NOT_OURS)
def test_a_folder_not_published_by_us_is_refused_and_untouched(tmp_path: Path, name: str) -> None:
    live = tmp_path / "www" / "site"
    live.mkdir(parents=True)
    NOT_OURS[name](live)
    before, around = tree(live), tree(live.parent)
    with pytest.raises(PublishError, match=f"{re.escape(str(live))} .*was not written by creditsite"):
        put(fake_site(tmp_path / "v1", "one"), live)
    assert tree(live) == before and tree(live.parent) == around


ADDED_LATER = {
    "a verification file": ("google1234.html", lambda live: (live / "google1234.html").write_text("x")),
    "a hidden folder": (".well-known", lambda live: (live / ".well-known/acme").mkdir(parents=True)),
    "a file in our folder": ("en/bao-cao.pdf", lambda live: (live / "en/bao-cao.pdf").write_bytes(b"%PDF")),
    "our file now a folder": (
        "vay-von/index.html",
        lambda live: ((live / "vay-von/index.html").unlink(), (live / "vay-von/index.html").mkdir()),
    ),
    "our file now a symlink": (
        "404.html",
        lambda live: ((live / "404.html").unlink(), (live / "404.html").symlink_to("/etc/passwd")),
    ),
}


@pytest.mark.parametrize("name", ADDED_LATER)
def test_items_added_after_our_publish_are_refused_and_untouched(tmp_path: Path, name: str) -> None:
    live = tmp_path / "site"
    put(fake_site(tmp_path / "v1", "one"), live)
    item, change = ADDED_LATER[name]
    change(live)
    before = tree(live)
    with pytest.raises(PublishError, match=f"did not write.*|{re.escape(item)}") as caught:
        put(fake_site(tmp_path / "v2", "two"), live)
    assert item in str(caught.value) and "did not write" in str(caught.value)
    assert tree(live) == before and sorted(p.name for p in tmp_path.iterdir()) == ["site", "v1", "v2"]


MARKERS = {
    "not JSON": lambda path: path.write_text("creditsite\n"),
    "another tool": lambda path: path.write_text('{"tool": "other", "files": [], "directories": []}'),
    "no file list": lambda path: path.write_text('{"tool": "creditsite", "files": "index.html"}'),
    "a folder": lambda path: path.mkdir(),
    "a symlink to a marker": lambda path: (
        (path.parent.parent / "real-marker").write_text(
            '{"tool": "creditsite", "files": ["a.txt"], "directories": []}'
        ),
        path.symlink_to("../real-marker"),
    ),
}


@pytest.mark.parametrize("name", MARKERS)
def test_a_marker_we_did_not_write_is_refused(tmp_path: Path, name: str) -> None:
    live = tmp_path / "www" / "site"
    live.mkdir(parents=True)
    (live / "a.txt").write_text("keep me")
    MARKERS[name](live / MARKER)
    before = tree(live)
    with pytest.raises(PublishError, match="is not a marker written by creditsite"):
        put(fake_site(tmp_path / "v1", "one"), live)
    assert tree(live) == before


def test_pages_the_new_site_drops_are_ours_and_go(tmp_path: Path) -> None:
    live = tmp_path / "site"
    v1 = fake_site(tmp_path / "v1", "one")
    (v1 / "cu/index.html").parent.mkdir()
    (v1 / "cu/index.html").write_text("old page")
    put(v1, live)
    put(fake_site(tmp_path / "v2", "two"), live)
    assert not (live / "cu").exists() and "two" in says(live)
    assert "cu/index.html" not in json.loads((live / MARKER).read_text())["files"]


def test_the_command_line_refuses_a_foreign_folder_in_one_message(tmp_path: Path) -> None:
    live = tmp_path / "www"
    live.mkdir()
    (live / "index.html").write_text("It works!")
    for command in ("publish", "check-target"):
        args = (
            (command, str(fake_site(tmp_path / "v1", "one")), str(live))
            if command == "publish"
            else (command, str(live))
        )
        reason = refused(cli(*args), str(live), "was not written by creditsite", "index.html", "choose an empty")
        assert reason.index("không trống") < reason.index("is not empty")
    assert (live / "index.html").read_text() == "It works!"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["v1", "www"]


# What the target is: a file, a symlink, a link loop.


def _file(www: Path) -> Path:
    (www / "site").write_text("x")
    return www / "site"


def _link_to_file(www: Path) -> Path:
    (www / "f").write_text("x")
    (www / "site").symlink_to("f")
    return www / "site"


def _under_a_file(www: Path) -> Path:
    (www / "f").write_text("x")
    return www / "f" / "site"


FILES = {"a file": _file, "a symlink to a file": _link_to_file, "a folder under a file": _under_a_file}


@pytest.mark.parametrize("name", FILES)
def test_a_file_is_never_a_target(tmp_path: Path, name: str) -> None:
    (tmp_path / "www").mkdir()
    target = FILES[name](tmp_path / "www")
    before = tree(tmp_path / "www")
    with pytest.raises(PublishError, match="is a file, not a folder"):
        put(fake_site(tmp_path / "v1", "one"), target)
    assert tree(tmp_path / "www") == before


LINKS = {
    "absolute": lambda link, real: link.symlink_to(real),
    "relative": lambda link, real: link.symlink_to(os.path.relpath(real, link.parent)),
    "a chain of two": lambda link, real: (link.with_name("hop").symlink_to(real), link.symlink_to("hop")),
}


@pytest.mark.parametrize("name", LINKS)
def test_a_symlinked_target_is_followed_and_stays_a_link(tmp_path: Path, name: str) -> None:
    real = tmp_path / "releases" / "site"
    link = tmp_path / "www" / "site"
    link.parent.mkdir()
    put(fake_site(tmp_path / "v1", "one"), real)
    LINKS[name](link, real)
    pointed = os.readlink(link)
    put(fake_site(tmp_path / "v2", "two"), link)
    assert link.is_symlink() and os.readlink(link) == pointed
    assert "two" in says(real) and link.resolve() == real.resolve()
    assert sorted(p.name for p in real.parent.iterdir()) == ["site"]
    assert sorted(p.name for p in link.parent.iterdir()) == (["hop", "site"] if name == "a chain of two" else ["site"])


def test_a_dangling_symlink_gets_the_folder_it_points_at(tmp_path: Path) -> None:
    link = tmp_path / "www"
    link.symlink_to(tmp_path / "releases" / "v1")
    put(fake_site(tmp_path / "v1", "one"), link)
    assert link.is_symlink() and "one" in says(tmp_path / "releases" / "v1")


def test_a_symlink_loop_is_refused(tmp_path: Path) -> None:
    (tmp_path / "a").symlink_to("b")
    (tmp_path / "b").symlink_to("a")
    with pytest.raises(PublishError, match="symlink loop"):
        put(fake_site(tmp_path / "v1", "one"), tmp_path / "a")
    assert os.readlink(tmp_path / "a") == "b" and os.readlink(tmp_path / "b") == "a"


def test_a_symlink_to_a_folder_not_ours_is_refused(tmp_path: Path) -> None:
    (tmp_path / "html").mkdir()
    (tmp_path / "html/index.html").write_text("It works!")
    (tmp_path / "www").symlink_to("html")
    with pytest.raises(PublishError, match=r"www \(→ .*html\) is not empty"):
        put(fake_site(tmp_path / "v1", "one"), tmp_path / "www")
    assert tree(tmp_path / "html") == {"index.html": tree(tmp_path / "html")["index.html"]}


# Never the project, its repository or the site, nor inside or around them.


@pytest.fixture
def own_project(tmp_path: Path) -> Path:
    """A project in its own git repository, with a built site in site/."""
    project = copy_project(tmp_path / "project")
    git("init", "--quiet", cwd=project)
    git("add", "-A", cwd=project)
    git("-c", "user.name=t", "-c", "user.email=t@localhost", "commit", "--quiet", "-m", "start", cwd=project)
    fake_site(project / "site", "one")
    return project


def _beside(project: Path, name: str, make: Callable[[Path], object]) -> str:
    make(project.parent / name)
    return str(project.parent / name)


SELF = {
    "the project (.)": lambda project: ".",
    "the project, absolute": lambda project: str(project) + "/",
    "its .git folder": lambda project: ".git",
    "a folder inside": lambda project: "docs",
    "a new folder inside": lambda project: "xuat-ban/site",
    "a folder inside site/": lambda project: "site/www",
    "the folder around it": lambda project: str(project.parent),
    "a symlink to it": lambda project: _beside(project, "link", lambda link: link.symlink_to(project)),
    "a file:// address": lambda project: f"file://{project}",
    "a worktree of its repository": lambda project: _beside(
        project, "wt", lambda wt: git("worktree", "add", "--quiet", "--detach", str(wt), cwd=project)
    ),
}


@pytest.mark.parametrize("name", SELF)
def test_the_project_and_its_repository_are_never_a_target(
    own_project: Path, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = SELF[name](own_project)
    before, around = tree(own_project), sorted(p.name for p in own_project.parent.iterdir())
    assert "project" in refused(cli("publish", "site", target, cwd=own_project, root=own_project))
    monkeypatch.chdir(own_project)
    with pytest.raises(PublishError, match="project"):
        publishing.check_target(Path("site"), target)  # the project defaults to the current folder
    assert tree(own_project) == before and sorted(p.name for p in own_project.parent.iterdir()) == around
    assert "gh-pages" not in git("branch", "--list", cwd=own_project)


def test_a_project_inside_a_larger_repository_keeps_that_repository_out(tmp_path: Path) -> None:
    repo, project = tmp_path / "repo", tmp_path / "repo" / "app"
    project.mkdir(parents=True)
    git("init", "--quiet", str(repo))
    site = fake_site(project / "site", "one")
    for target in (repo / ".git", repo / ".git" / "pages", repo):
        with pytest.raises(PublishError, match="the project's (own )?git repository|contains the project"):
            publishing.check_target(site, str(target), project=project)
    assert publishing.check_target(site, str(repo / "public"), project=project) == str(repo / "public")


def test_the_site_folder_is_never_a_target(tmp_path: Path) -> None:
    site = fake_site(tmp_path / "out" / "site", "one")
    for target in (site, site / "www", site.parent):
        with pytest.raises(PublishError, match="the site folder being published"):
            put(site, target, project=tmp_path / "elsewhere")
    assert sorted(p.name for p in site.parent.iterdir()) == ["site"] and not (site / "www").exists()


def test_make_publish_checks_the_target_before_building() -> None:
    dry = subprocess.run(["make", "-n", "publish", "TARGET=/tmp/x"], cwd=ROOT, capture_output=True, text=True).stdout
    lines = dry.splitlines()
    check_line = next(i for i, line in enumerate(lines) if "creditsite check-target" in line)
    assert check_line < next(i for i, line in enumerate(lines) if "make build" in line), dry
    result = subprocess.run(
        ["make", "publish-check", "TARGET=."], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0 and "is the project's own git repository" in result.stderr, result.stderr
    assert "gh-pages" not in git("branch", "--list", cwd=ROOT)


# Permissions, for real: the command runs as an unprivileged user (nobody, when the tests run as root).


@pytest.fixture
def world() -> Iterator[Path]:
    """A folder the unprivileged user owns, outside root's private pytest folder."""
    base = Path(tempfile.mkdtemp(prefix="creditsite-perm-", dir="/tmp"))
    base.chmod(0o755)
    yield base
    for top, dirs, _ in os.walk(base):  # undo the test's restrictions so the folder can go
        for name in dirs:
            os.chmod(Path(top, name), 0o755, follow_symlinks=False)
    shutil.rmtree(base)


def owned(base: Path) -> None:
    if IS_ROOT:
        for top, dirs, files in os.walk(base):
            for name in [top, *(Path(top, n) for n in dirs + files)]:
                os.chown(name, NOBODY, NOBODY, follow_symlinks=False)


def as_user(*args: str) -> subprocess.CompletedProcess[str]:
    """The command line as the unprivileged user (setpriv drops root for real)."""
    drop = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"] if IS_ROOT else []
    env = {**os.environ, "HOME": "/tmp"}
    return subprocess.run(
        [*drop, sys.executable, "-m", "creditsite.cli", "--root", str(ROOT), *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )


def _sticky(live: Path) -> None:
    """A sticky folder owned by root, with one of our files owned by root: nobody cannot delete it."""
    os.chown(live / "en", 0, 0)
    os.chown(live / "en/index.html", 0, 0)
    (live / "en").chmod(0o1777)


RESTRICTIONS = {
    "parent not writable": ("site", lambda live: live.parent.chmod(0o555), "cannot write in"),
    "parent not writable, new target": ("new", lambda live: live.parent.chmod(0o555), "cannot write in"),
    "target not readable": ("site", lambda live: live.chmod(0o333), "could not read"),
    "target closed": ("site", lambda live: live.chmod(0o000), "could not read"),
    "folder inside not readable": ("site", lambda live: (live / "en").chmod(0o000), "could not read"),
    "folder inside not writable": ("site", lambda live: (live / "en").chmod(0o555), "folder is not writable"),
    "sticky folder, another owner": pytest.param("site", _sticky, "sticky folder", marks=as_root_only),
}


@pytest.mark.parametrize(("which", "restrict", "expected"), RESTRICTIONS.values(), ids=RESTRICTIONS.keys())
def test_permission_problems_give_one_message_and_keep_the_live_site(
    world: Path, which: str, restrict: Callable[[Path], None], expected: str
) -> None:
    v1, v2 = fake_site(world / "v1", "one"), fake_site(world / "v2", "two")
    (world / "www").mkdir()
    owned(world)
    live = world / "www" / "site"
    put(v1, live)
    owned(world)  # as if the user had published it
    target = live if which == "site" else world / "www" / "new"
    restrict(target)
    before = tree(world / "www")
    reason = refused(as_user("publish", str(v2), str(target)), expected)
    assert ("fix the permissions" in reason or "could not read" in reason) and str(world / "www") in reason
    assert tree(world / "www") == before  # live site intact, nothing left beside it
    for top, dirs, _ in os.walk(world / "www"):
        for folder in [Path(top), *(Path(top, name) for name in dirs)]:
            folder.chmod(0o755)
    put(v2, target)  # the restriction was the only obstacle
    assert "two" in says(target)


def test_an_unreadable_site_is_refused(world: Path) -> None:
    site = fake_site(world / "v1", "one")
    owned(world)
    (site / "vay-von").chmod(0o000)
    refused(as_user("publish", str(site), str(world / "www")), "Permission denied")
    assert not (world / "www").exists() and sorted(p.name for p in world.iterdir()) == ["v1"]


LOCKS = {
    "an immutable file": lambda live: live / "en/index.html",
    "an immutable folder": lambda live: live / "en",
    "the immutable target": lambda live: live,
}


@as_root_only
@pytest.mark.parametrize("name", [*LOCKS, "an append-only folder"])
def test_files_even_root_cannot_delete_stop_publish_before_the_swap(tmp_path: Path, name: str) -> None:
    """chattr +i / +a: deleting fails even for root, so publish must refuse before swapping."""
    live = tmp_path / "site"
    put(fake_site(tmp_path / "v1", "one"), live)
    locked = (LOCKS.get(name) or (lambda live: live / "vay-von"))(live)
    subprocess.run(["chattr", "+a" if "append" in name else "+i", str(locked)], check=True)
    try:
        before = tree(live)
        reason = refused(
            cli("publish", str(fake_site(tmp_path / "v2", "two")), str(live)),
            "immutable or append-only",
            "fix the permissions",
        )
        assert (locked.relative_to(live).as_posix() if locked != live else ". (") in reason
        assert tree(live) == before and sorted(p.name for p in tmp_path.iterdir()) == ["site", "v1", "v2"]
    finally:
        subprocess.run(["chattr", "-i", "-a", str(locked)], check=True)


# A killed publish (real SIGKILL) leaves only what the next run recognises as its own and removes.

KILLER = textwrap.dedent('''
    import os, shutil, signal, sys
    from pathlib import Path
    from creditsite.engine import livedir
    from creditsite.publish import publish

    def die(*args, **kwargs):
        os.kill(os.getpid(), signal.SIGKILL)

    site, target, url, project, stage = sys.argv[1:]
    if stage == "copying":
        copyfile, seen = shutil.copyfile, []
        def counting(src, dst, **kwargs):
            seen.append(src)
            if len(seen) == 3:
                die()
            return copyfile(src, dst, **kwargs)
        shutil.copyfile = counting
    elif stage == "after the swap":
        livedir._retire = die  # before the old tree is deleted
    else:  # between the two renames of a system without an atomic exchange
        livedir._exchange = lambda a, b: False
        rename, seen = os.rename, []
        def counting(a, b):
            seen.append(a)
            if len(seen) == 2:
                die()
            rename(a, b)
        os.rename = counting
    publish(Path(site), target, url, project=Path(project))
''')


@pytest.mark.parametrize(
    ("stage", "live_after_kill"), [("copying", "one"), ("after the swap", "two"), ("between two renames", None)]
)
def test_a_killed_publish_is_cleaned_up_by_the_next(tmp_path: Path, stage: str, live_after_kill: str | None) -> None:
    live = tmp_path / "www" / "site"
    put(fake_site(tmp_path / "v1", "one"), live)
    killed = subprocess.run(
        [sys.executable, "-c", KILLER, str(fake_site(tmp_path / "v2", "two")), str(live), SITE_URL, str(ROOT), stage],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    left = sorted(p.name for p in live.parent.iterdir() if p.name != "site")
    assert left and all(re.fullmatch(r"\.site\.creditsite-(new|old)-[a-z0-9_]{8}", name) for name in left)
    if live_after_kill:
        assert live_after_kill in says(live)  # readers still see a whole site
    else:
        assert not live.exists()  # without an atomic exchange, the site is missing until the next run
    put(fake_site(tmp_path / "v3", "three"), live)
    assert "three" in says(live) and sorted(p.name for p in live.parent.iterdir()) == ["site"]


def _foreign_staging(parent: Path) -> None:
    (parent / ".site.creditsite-new-abcd1234").mkdir()
    (parent / ".site.creditsite-new-abcd1234/mine.txt").write_text("not yours")


def _other_target(parent: Path) -> None:
    (parent / ".site.creditsite-new-zzzz9999").mkdir()
    (parent / ".site.creditsite-new-zzzz9999/.creditsite-staging").write_text(
        json.dumps({"tool": "creditsite", "for": str(parent / "other")})
    )
    (parent / ".site.creditsite-new-zzzz9999/index.html").write_text("x")


NOT_LEFTOVERS = {
    "our name, someone's files": _foreign_staging,
    "our name, another target's copy": _other_target,
    "our name, a symlink": lambda parent: (parent / ".site.creditsite-old-abcd1234").symlink_to("/etc"),
    "our name, a file": lambda parent: (parent / ".site.creditsite-new-abcd1234").write_text("x"),
    "an older version's name": lambda parent: (parent / ".site.new-abcd1234").mkdir(),
    "a name almost ours": lambda parent: (parent / ".site.creditsite-new-toolongname").mkdir(),
}


@pytest.mark.parametrize("name", NOT_LEFTOVERS)
def test_things_that_only_look_like_leftovers_are_kept(tmp_path: Path, name: str) -> None:
    live = tmp_path / "www" / "site"
    put(fake_site(tmp_path / "v1", "one"), live)
    NOT_LEFTOVERS[name](live.parent)
    before = {key: value for key, value in tree(live.parent).items() if not key.startswith("site")}
    put(fake_site(tmp_path / "v2", "two"), live)
    assert {key: value for key, value in tree(live.parent).items() if not key.startswith("site")} == before
    assert "two" in says(live)


# Failures the OS would rarely give on cue, simulated: the live site stays, the copy goes.


def _full_disk_at_third_file(monkeypatch: pytest.MonkeyPatch) -> None:
    copyfile, seen = shutil.copyfile, []

    def counting(src: str, dst: str, **kwargs: object) -> str:
        seen.append(src)
        if len(seen) == 3:
            raise OSError(errno.ENOSPC, "No space left on device", dst)
        return copyfile(src, dst, **kwargs)

    monkeypatch.setattr(shutil, "copyfile", counting)


def _full_disk_at_marker(monkeypatch: pytest.MonkeyPatch) -> None:
    write_text = Path.write_text

    def failing(self: Path, *args: object, **kwargs: object) -> int:
        if self.name == MARKER:
            raise OSError(errno.ENOSPC, "No space left on device", str(self))
        return write_text(self, *args, **kwargs)

    monkeypatch.setattr(Path, "write_text", failing)


def _exchange_fails(monkeypatch: pytest.MonkeyPatch, code: int) -> None:
    def failing(a: Path, b: Path) -> bool:
        raise OSError(code, os.strerror(code), str(b))

    monkeypatch.setattr(livedir, "_exchange", failing)


def _no_room_for_staging(monkeypatch: pytest.MonkeyPatch) -> None:
    def failing(**kwargs: object) -> str:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(tempfile, "mkdtemp", failing)


WRITE_ERRORS = {
    "disk full at the third file": (_full_disk_at_third_file, "No space left on device"),
    "disk full at the marker": (_full_disk_at_marker, "free some disk space"),
    "the exchange fails": (lambda mp: _exchange_fails(mp, errno.EIO), "could not swap the new copy"),
    "the target is a mount point": (lambda mp: _exchange_fails(mp, errno.EBUSY), "publish into a folder inside it"),
    "no room for the copy": (_no_room_for_staging, "No space left on device"),
}


@pytest.mark.parametrize("name", WRITE_ERRORS)
def test_errors_while_writing_keep_the_live_site_and_remove_the_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    live = tmp_path / "www" / "site"
    put(fake_site(tmp_path / "v1", "one"), live)
    before = tree(live)
    v2 = fake_site(tmp_path / "v2", "two")
    simulate, expected = WRITE_ERRORS[name]
    simulate(monkeypatch)
    with pytest.raises(PublishError, match=re.escape(expected)):
        put(v2, live)
    assert tree(live) == before and sorted(p.name for p in live.parent.iterdir()) == ["site"]


def test_an_interrupt_while_copying_removes_the_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    live = tmp_path / "www" / "site"
    put(fake_site(tmp_path / "v1", "one"), live)

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(shutil, "copyfile", interrupted)
    with pytest.raises(KeyboardInterrupt):
        put(fake_site(tmp_path / "v2", "two"), live)
    assert "one" in says(live) and sorted(p.name for p in live.parent.iterdir()) == ["site"]


def test_an_old_copy_that_cannot_be_deleted_is_reported_and_removed_next_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Publishing refuses before the swap what it can foresee (tests above); this is what it cannot,
    e.g. a permission changed during the swap, simulated by one failing deletion."""
    live = tmp_path / "www" / "site"
    put(fake_site(tmp_path / "v1", "one"), live)
    unlink, failed = Path.unlink, []

    def once(self: Path, missing_ok: bool = False) -> None:
        if ".site.creditsite-" in str(self) and self.name == "index.html" and not failed:
            failed.append(self)
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        unlink(self, missing_ok=missing_ok)

    monkeypatch.setattr(Path, "unlink", once)
    put(fake_site(tmp_path / "v2", "two"), live)
    assert failed and "two" in says(live)
    assert "CẢNH BÁO (warning)" in capsys.readouterr().err and len(list(live.parent.iterdir())) == 2
    put(fake_site(tmp_path / "v3", "three"), live)
    assert "three" in says(live) and sorted(p.name for p in live.parent.iterdir()) == ["site"]


def test_files_added_during_the_swap_are_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Only what the marker lists is deleted from the old tree, even if something arrived after the check."""
    live = tmp_path / "www" / "site"
    put(fake_site(tmp_path / "v1", "one"), live)
    swap = livedir._swap

    def late(fresh: Path, target: Path) -> Path | None:
        (target / "en/late.txt").write_text("arrived after the check")
        return swap(fresh, target)

    monkeypatch.setattr(livedir, "_swap", late)
    put(fake_site(tmp_path / "v2", "two"), live)
    kept = [p for p in live.parent.iterdir() if p.name != "site"]
    assert "two" in says(live) and len(kept) == 1 and "did not write" in capsys.readouterr().err
    assert tree(kept[0]) == {"en": tree(kept[0])["en"], "en/late.txt": tree(kept[0])["en/late.txt"]}
    put(fake_site(tmp_path / "v3", "three"), live)  # not ours: never cleaned up as a leftover
    assert (kept[0] / "en/late.txt").read_text() == "arrived after the check"


def test_a_leftover_with_our_marker_loses_only_our_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    live = tmp_path / "www" / "site"
    put(fake_site(tmp_path / "v1", "one"), live)
    leftover = live.parent / ".site.creditsite-old-abcd1234"
    shutil.copytree(live, leftover)
    (leftover / "mine.txt").write_text("someone's")
    (leftover / "forged").mkdir()
    marker = json.loads((leftover / MARKER).read_text())
    (leftover / MARKER).write_text(json.dumps({**marker, "files": [*marker["files"], "../../v1/index.html"]}))
    put(fake_site(tmp_path / "v2", "two"), live)
    assert sorted(p.name for p in leftover.iterdir()) == ["forged", "mine.txt"]
    assert "mine.txt" in capsys.readouterr().err
    assert "one" in says(tmp_path / "v1")  # a forged entry cannot reach outside


def test_without_an_atomic_exchange_two_renames_still_swap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    live = tmp_path / "www" / "site"
    put(fake_site(tmp_path / "v1", "one"), live)
    monkeypatch.setattr(livedir, "_exchange", lambda a, b: False)
    put(fake_site(tmp_path / "v2", "two"), live)
    assert "two" in says(live) and sorted(p.name for p in live.parent.iterdir()) == ["site"]


def test_a_second_publish_at_the_same_time_is_refused(tmp_path: Path) -> None:
    live = tmp_path / "www" / "site"
    put(fake_site(tmp_path / "v1", "one"), live)
    fd = os.open(live.parent, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # as a running publish holds it
        with pytest.raises(PublishError, match="another build or publish"):
            put(fake_site(tmp_path / "v2", "two"), live)
    finally:
        os.close(fd)
    assert "one" in says(live) and sorted(p.name for p in live.parent.iterdir()) == ["site"]


@pytest.mark.parametrize("kind", ["missing", "a file", "an empty folder"])
def test_a_missing_site_is_refused(tmp_path: Path, kind: str) -> None:
    site = tmp_path / "site"
    if kind == "a file":
        site.write_text("x")
    elif kind == "an empty folder":
        site.mkdir()
    reason = refused(cli("publish", str(site), str(tmp_path / "www")), str(site))
    assert ("run make build first" if kind != "an empty folder" else "is not a complete build") in reason
    assert not (tmp_path / "www").exists()


# The build's own swap of site/ follows the same rules (a tiny MkDocs project keeps it fast).


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    project = tmp_path / "tiny"
    (project / "docs").mkdir(parents=True)
    (project / "docs/index.md").write_text("# Tiny\n")
    (project / "mkdocs.yml").write_text("site_name: Tiny\n")
    return project


def build_cli(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return cli("build", *args, root=project, cwd=project)


def test_build_follows_a_symlinked_site_and_keeps_the_link(tiny: Path, tmp_path: Path) -> None:
    real = tmp_path / "ramdisk" / "site"
    (tiny / "site").symlink_to(real)
    for _ in range(2):
        result = build_cli(tiny)
        assert result.returncode == 0, result.stderr
    assert (tiny / "site").is_symlink() and os.readlink(tiny / "site") == str(real)
    assert (real / "index.html").is_file() and json.loads((real / MARKER).read_text())["kind"] == "build"
    assert sorted(p.name for p in real.parent.iterdir()) == ["site"]
    assert sorted(p.name for p in tiny.iterdir()) == ["docs", "mkdocs.yml", "site"]


def test_build_replaces_the_projects_own_site_whatever_it_holds(tiny: Path) -> None:
    """site/ is the build's output (as with MkDocs): a report written into it does not stop a build."""
    assert build_cli(tiny).returncode == 0
    (tiny / "site/bao-cao").mkdir()
    (tiny / "site/bao-cao/2025.pdf").write_bytes(b"%PDF")
    (tiny / ".site.new").mkdir()  # what an older version left when killed
    result = build_cli(tiny)
    assert result.returncode == 0, result.stderr
    assert not (tiny / "site/bao-cao").exists() and not (tiny / "site" / MARKER).exists()
    assert sorted(p.name for p in tiny.iterdir()) == ["docs", "mkdocs.yml", "site"]


def _someones(tiny: Path) -> Path:
    (tiny.parent / "mine").mkdir()
    (tiny.parent / "mine/notes.txt").write_text("x")
    return tiny.parent / "mine"


SITE_DIRS = {
    "a folder of someone's files": (_someones, "was not written by creditsite"),
    "the project": (lambda tiny: tiny, "is the project"),
    "the folder around the project": (lambda tiny: tiny.parent, "contains the project"),
    "the docs folder": (lambda tiny: tiny / "docs", "was not written by creditsite"),
    "a file": (lambda tiny: tiny / "mkdocs.yml", "is a file, not a folder"),
}


@pytest.mark.parametrize("name", SITE_DIRS)
def test_build_refuses_a_site_dir_that_is_not_its_own(tiny: Path, name: str) -> None:
    where, expected = SITE_DIRS[name]
    site_dir = where(tiny)
    before = tree(tiny.parent)
    result = build_cli(tiny, "--site-dir", str(site_dir))
    assert "Build failed" in result.stderr
    refused(result, expected)
    assert tree(tiny.parent) == before


def test_a_killed_build_is_cleaned_up_by_the_next(tiny: Path) -> None:
    assert build_cli(tiny).returncode == 0
    before = tree(tiny / "site")
    (tiny / "kill.py").write_text(
        "import os, signal\n\ndef on_post_build(config):\n"
        "    os.kill(os.getppid(), signal.SIGKILL)  # the creditsite process\n"
    )
    (tiny / "mkdocs.yml").write_text("site_name: Tiny\nhooks: [kill.py]\n")
    (tiny / "docs/index.md").write_text("# Changed\n")
    assert build_cli(tiny).returncode == -signal.SIGKILL
    left = [p.name for p in tiny.iterdir() if p.name.startswith(".site.")]
    assert len(left) == 1 and re.fullmatch(r"\.site\.creditsite-new-[a-z0-9_]{8}", left[0])
    assert tree(tiny / "site") == before  # the killed build never went live
    (tiny / "mkdocs.yml").write_text("site_name: Tiny\n")
    assert build_cli(tiny).returncode == 0
    assert "Changed" in says(tiny / "site") and not [p for p in tiny.iterdir() if p.name.startswith(".site.")]


def test_a_failed_build_leaves_the_site_and_no_copy(tiny: Path) -> None:
    assert build_cli(tiny).returncode == 0
    before = tree(tiny / "site")
    (tiny / "mkdocs.yml").write_text("site_name: Tiny\nnav: [missing.md]\n")  # strict: a warning fails
    result = build_cli(tiny)
    assert result.returncode != 0 and "Build failed" in result.stderr
    assert tree(tiny / "site") == before and sorted(p.name for p in tiny.iterdir()) == ["docs", "mkdocs.yml", "site"]
