"""Shared fixtures: a disposable copy of the project and real site builds."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, Page, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
PROJECT_PARTS = ("docs", "plan_data", "overrides", "hooks", "mkdocs.yml", "mkdocs.offline.yml")


def copy_project(dest: Path) -> Path:
    """Copy what a build reads into `dest`, so tests can break it freely."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part)
        else:
            shutil.copy2(src, dest / part)
    return dest


def run_build(
    project: Path, site: Path, config: str = "mkdocs.yml", engine: str = "mkdocs"
) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict` as a user runs it, in a separate process
    (`engine="properdocs"`: the same build with the fallback engine)."""
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "DISABLE_MKDOCS_2_WARNING": "true",
        "SOURCE_DATE_EPOCH": "1764028800",
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
