"""Shared fixtures: a disposable copy of the project and real site builds."""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, Page, sync_playwright

from creditsite.build import CACHE_ENV

ROOT = Path(__file__).resolve().parent.parent
# The engine's tests run on a fictional commune of their own (xã Thử Nghiệm), never on
# the real commune's content, which `creditsite check` and a strict build check by rules.
FIXTURE = ROOT / "tests" / "fixture" / "commune"
ENGINE_PARTS = ("overrides", "hooks", "mkdocs.yml", "mkdocs.offline.yml")
CONTENT_PARTS = ("docs", "plan_data")


def copy_project(dest: Path, content: Path = FIXTURE) -> Path:
    """A project in `dest`: the engine's parts from the repository and the content from
    `content` (the fixture commune unless told), so tests can break it freely."""
    dest.mkdir(parents=True, exist_ok=True)
    for base, parts in ((ROOT, ENGINE_PARTS), (content, CONTENT_PARTS)):
        for part in parts:
            src = base / part
            if src.is_dir():
                shutil.copytree(src, dest / part)
            else:
                shutil.copy2(src, dest / part)
    return dest


def _commune() -> Path:
    """One read-only project of the fixture commune for tests that only load or render data
    (`load_site_data(COMMUNE)`); tests that change content make their own `copy_project`."""
    base = Path(tempfile.mkdtemp(prefix="commune-"))
    atexit.register(shutil.rmtree, base, True)
    return copy_project(base / "project")


COMMUNE = _commune()
# Every build of the session shares one cache of rendered PDFs and cards (keyed by content), as
# two builds of one project would: a test that changes one fact re-renders only what it changed.
os.environ.setdefault(CACHE_ENV, str(COMMUNE.parent / "cache"))


def _build_epoch() -> str:
    """The date `make build` builds with: SOURCE_DATE_EPOCH as the Makefile exports it (the last
    commit's date), or that same commit date when pytest runs on its own. A test that needs
    another date says so with `run_build(..., epoch=…)`."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return os.environ["SOURCE_DATE_EPOCH"]
    commit = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True)
    return commit.stdout.strip() or str(int(time.time()))


BUILD_EPOCH = _build_epoch()


def run_build(
    project: Path, site: Path, config: str = "mkdocs.yml", engine: str = "mkdocs", epoch: str = BUILD_EPOCH
) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict` as a user runs it, in a separate process
    (`engine="properdocs"`: the same build with the fallback engine)."""
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "DISABLE_MKDOCS_2_WARNING": "true",
        "SOURCE_DATE_EPOCH": epoch,
    }
    return subprocess.run(
        [sys.executable, "-m", engine, "build", "--strict", "-f", config, "--site-dir", str(site)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def run_cli(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "creditsite.cli", "--root", str(project), *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


# Fixtures that build a site of their own (a variant of the fixture commune): tests using them are `slow`.
OWN_BUILDS = {"hostile_site", "offline", "properdocs_site", "published"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """`browser`: the test drives Chromium; `slow`: it builds a site of its own (marked by hand where
    the build is in the test's body). `make test-quick` leaves both out; `make test` and CI run all."""
    for item in items:
        names = set(getattr(item, "fixturenames", ()))
        if "browser" in names:
            item.add_marker(pytest.mark.browser)
        if names & OWN_BUILDS:
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once from a copy of the project."""
    base = tmp_path_factory.mktemp("build")
    project = copy_project(base / "project")
    out = base / "site"
    result = run_build(project, out)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


def html(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def page(site: Path, url_path: str) -> BeautifulSoup:
    """The built page at a site path like `/en/ke-hoach/`."""
    target = site / url_path.strip("/") / "index.html"
    assert target.is_file(), f"missing page {url_path}"
    return html(target)


# --- The built site in a real browser (Debian's Chromium, driven by Playwright) ---

CHROMIUM = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def serve(directory: Path) -> tuple[ThreadingHTTPServer, str]:
    """A static server for `directory` on a free local port, in a thread."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_QuietHandler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


@pytest.fixture(scope="session")
def site_url(site: Path) -> Iterator[str]:
    """The session's built site, served over HTTP like a static host."""
    server, url = serve(site)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless Chromium for the whole session (tests open their own pages)."""
    assert Path(CHROMIUM).is_file(), f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def tab(browser: Browser) -> Iterator[Page]:
    """A fresh page at phone width (360 px). Playwright's own waiting helpers
    evaluate strings, which the site's CSP forbids: tests bypass it here, and
    tests/test_safety.py checks the policy in a context that enforces it."""
    context = browser.new_context(viewport={"width": 360, "height": 800}, bypass_csp=True)
    page = context.new_page()
    yield page
    context.close()
