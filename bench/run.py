"""`make bench`: page weight, Lighthouse, third-party requests and build time,
printed as one Markdown table (metric | measured | target | met?).

A benchmark, not a test: numbers vary with the machine and its load. Every
comparison ("against") is measured side by side in the same run. Lighthouse
comes from bench/package.json (npm, pinned with package-lock.json) and drives
Debian's Chromium (CHROME_PATH). Results also go to .build/bench.json.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from stories import write_stories

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
PARTS = ("docs", "plan_data", "overrides", "hooks", "mkdocs.yml")
CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROME_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
PROGRAM_PAGE = "vay-von/ho-ngheo/"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map")


# --- a static host, as GitHub Pages or nginx serve it: gzip for text -------------------------


class GzipHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not urlsplit(self.path).path.endswith("/"):
                return super().send_head()  # redirects dir → dir/
            path = path / "index.html"
        if (
            path.suffix not in COMPRESSIBLE
            or not path.is_file()
            or "gzip" not in self.headers.get("Accept-Encoding", "")
        ):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def serve(directory: Path) -> tuple[ThreadingHTTPServer, str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(GzipHandler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


# --- builds ------------------------------------------------------------------------------------


def copy_project(dest: Path) -> Path:
    dest.mkdir(parents=True)
    for part in PARTS:
        (shutil.copytree if (ROOT / part).is_dir() else shutil.copy2)(ROOT / part, dest / part)
    return dest


def timed_build(project: Path, config: str = "mkdocs.yml") -> float:
    site = project / ".bench-site"
    shutil.rmtree(site, ignore_errors=True)
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", config, "--site-dir", str(site)],
        cwd=project,
        env=ENV,
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"build failed in {project}:\n{result.stderr[-3000:]}")
    return elapsed


def median_build(project: Path, runs: int, config: str = "mkdocs.yml") -> float:
    timed_build(project, config)  # warm the file cache and the staging folder
    return statistics.median(timed_build(project, config) for _ in range(runs))


def top_level_block(yaml_text: str, key: str) -> str:
    """The text of one top-level key of a YAML file, as written."""
    match = re.search(rf"^{key}:.*?(?=^\S)", yaml_text + "\nend:", re.S | re.M)
    assert match, f"no {key} in mkdocs.yml"
    return match.group(0)


def bare_project(project: Path, dest: Path) -> Path:
    """The same Markdown (staged by the real pipeline: generated pages, data
    filled in) built by plain Material: no hooks, no template overrides, no
    extra CSS or JavaScript, an automatic menu (without the pages our menu
    leaves out too). Same Markdown extensions and the same plugins (search,
    static-i18n: both languages are built)."""
    subprocess.run(
        [sys.executable, "-m", "creditsite.cli", "--root", str(project), "stage", "--out", str(dest / "docs")],
        check=True,
        capture_output=True,
        env=ENV,
    )
    real = (project / "mkdocs.yml").read_text(encoding="utf-8")
    config = "\n".join(
        [
            "site_name: Bare Material",
            "docs_dir: docs",
            "use_directory_urls: true",
            "theme:\n  name: material\n  language: vi\n  font: false",
            top_level_block(real, "markdown_extensions"),
            top_level_block(real, "plugins"),
            top_level_block(real, "not_in_nav"),  # the same pages stay out of the automatic menu
        ]
    )
    (dest / "mkdocs.yml").write_text(config, encoding="utf-8")
    return dest


# --- the browser's view ------------------------------------------------------------------------


@dataclass
class Visit:
    total: int = 0
    images: int = 0
    external: list[str] = field(default_factory=list)
    resources: list[tuple[int, str]] = field(default_factory=list)


def first_visit(url: str, extra_pages: list[str]) -> tuple[Visit, list[str]]:
    """Bytes over the wire (gzip, with headers) for a first visit to `url`,
    and any request, on `url` and `extra_pages`, to a host other than ours."""
    from playwright.sync_api import sync_playwright

    own = urlsplit(url).netloc
    visit, foreign = Visit(), []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROME, args=CHROME_FLAGS[1:])
        context = browser.new_context(viewport={"width": 360, "height": 800})
        page = context.new_page()
        responses = []
        page.on("requestfinished", lambda request: responses.append(request))
        page.on(
            "request",
            lambda request: (
                foreign.append(request.url)
                if urlsplit(request.url).netloc not in (own, "") and not request.url.startswith("data:")
                else None
            ),
        )
        page.goto(url, wait_until="networkidle")
        page.wait_for_timeout(1500)  # the search worker fetches its index and language files
        for request in responses:
            sizes = request.sizes()
            size = sizes["responseBodySize"] + sizes["responseHeadersSize"]
            visit.total += size
            if request.resource_type == "image":
                visit.images += size
            visit.resources.append((size, urlsplit(request.url).path))
        for extra in extra_pages:
            page.goto(extra, wait_until="networkidle")
        browser.close()
    return visit, foreign


def lighthouse(url: str) -> dict[str, float]:
    binary = BENCH / "node_modules/.bin/lighthouse"
    if not binary.is_file():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=BENCH, check=True)
    with tempfile.TemporaryDirectory() as profile:
        flags = " ".join([*CHROME_FLAGS, f"--user-data-dir={profile}"])
        result = subprocess.run(
            [
                str(binary),
                url,
                "--only-categories=performance,accessibility",
                "--output=json",
                "--output-path=stdout",
                "--quiet",
                f"--chrome-flags={flags}",
                "--max-wait-for-load=60000",
            ],
            env={**os.environ, "CHROME_PATH": CHROME},
            capture_output=True,
            text=True,
            timeout=300,
        )
    if result.returncode != 0:
        sys.exit(f"lighthouse failed: {result.stderr[-2000:]}")
    report = json.loads(result.stdout)
    scores = {name: round(cat["score"] * 100) for name, cat in report["categories"].items()}
    audits = report["audits"]
    scores["fcp_ms"] = round(audits["first-contentful-paint"]["numericValue"])
    scores["lcp_ms"] = round(audits["largest-contentful-paint"]["numericValue"])
    return scores


# --- the table ---------------------------------------------------------------------------------


def fresh_clone_test_time(dest: Path) -> tuple[float, bool]:
    """`make test` as CI runs it: in a fresh clone of this commit, setting up its own environment."""
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(dest)], check=True)
    start = time.perf_counter()
    result = subprocess.run(["make", "test"], cwd=dest, capture_output=True, text=True, env=ENV)
    return time.perf_counter() - start, result.returncode == 0


def kb(n: float) -> str:
    return f"{n / 1024:.1f} KB"


def row(metric: str, measured: str, target: str, met: bool | None) -> str:
    return f"| {metric} | {measured} | {target} | {'—' if met is None else ('✅ yes' if met else '❌ no')} |"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="builds per median (default 3)")
    parser.add_argument("--skip-lighthouse", action="store_true")
    parser.add_argument("--skip-tests", action="store_true", help="do not time make test in a fresh clone")
    parser.add_argument("--stories", type=int, nargs=2, default=(100, 1000), metavar=("SMALL", "LARGE"))
    args = parser.parse_args()
    results: dict[str, object] = {}
    lines = ["| Metric | Measured | Target | Met? |", "|---|---|---|---|"]

    with tempfile.TemporaryDirectory(prefix="creditsite-bench-") as tmp:
        work = Path(tmp)
        print("• building the real site and a bare Material build of the same Markdown…", file=sys.stderr)
        real = copy_project(work / "real")
        real_time = median_build(real, args.runs)
        bare = bare_project(real, work / "bare")
        bare_time = median_build(bare, args.runs)
        site = real / ".bench-site"

        print("• first visit to a programme page, as a phone sees it…", file=sys.stderr)
        server, base = serve(site)
        try:
            others = [
                base + p for p in ("", "en/", "vay-von/", "ke-hoach/", "quy-vi-nguoi-ngheo/", "en/vay-von/ho-ngheo/")
            ]
            visit, foreign = first_visit(base + PROGRAM_PAGE, others)
            scores = {}
            if not args.skip_lighthouse:
                print("• Lighthouse (mobile preset)…", file=sys.stderr)
                scores = {page: lighthouse(base + page) for page in (PROGRAM_PAGE, "")}
        finally:
            server.shutdown()
        index_gz = len(gzip.compress((site / "search/search_index.json").read_bytes(), 6, mtime=0))

        print(f"• build time with {args.stories[0]} against {args.stories[1]} generated stories…", file=sys.stderr)
        small, large = copy_project(work / "small"), copy_project(work / "large")
        write_stories(small / "docs", args.stories[0])
        write_stories(large / "docs", args.stories[1])
        small_time = median_build(small, max(1, args.runs - 1))
        large_time = median_build(large, 1)

        tests = None
        if not args.skip_tests:
            print("• make test in a fresh clone (with its own environment)…", file=sys.stderr)
            tests = fresh_clone_test_time(work / "clone")

    no_images = visit.total - visit.images
    lines += [
        row(
            f"First visit to /{PROGRAM_PAGE}, bytes transferred (gzip), without images",
            kb(no_images),
            "≤ 150 KB",
            no_images <= 150 * 1024,
        ),
        row("… the same, with images", kb(visit.total), "≤ 300 KB", visit.total <= 300 * 1024),
        row("… of which the search index (loaded at start)", kb(index_gz), "—", None),
        row(f"Requests to other hosts ({1 + len(others)} pages)", str(len(foreign)), "0", not foreign),
    ]
    for page, s in scores.items():
        label = f"/{page}" if page else "/ (home)"
        lines += [
            row(
                f"Lighthouse performance, mobile, {label}",
                f"{s['performance']} (FCP {s['fcp_ms']} ms, LCP {s['lcp_ms']} ms)",
                "≥ 95",
                s["performance"] >= 95,
            ),
            row(
                f"Lighthouse accessibility, mobile, {label}", str(s["accessibility"]), "100", s["accessibility"] == 100
            ),
        ]
    ratio = real_time / bare_time
    growth = large_time / small_time
    lines += [
        row(
            "Build time: real site against bare Material (same Markdown, no hooks)",
            f"{real_time:.1f} s against {bare_time:.1f} s = ×{ratio:.2f}",
            "≤ ×1.3",
            ratio <= 1.3,
        ),
        row(
            f"Build time: {args.stories[1]} against {args.stories[0]} generated stories",
            f"{large_time:.1f} s against {small_time:.1f} s = ×{growth:.1f}",
            "≤ ×10 (linear)",
            growth <= 10,
        ),
    ]
    if tests:
        seconds, passed = tests
        lines.append(
            row(
                "make test in a fresh clone, environment included",
                f"{seconds / 60:.1f} min{'' if passed else ' (FAILED)'}",
                "≤ 5 min",
                passed and seconds <= 300,
            )
        )
    results.update(
        make_test_s=tests[0] if tests else None,
        page=PROGRAM_PAGE,
        bytes_total=visit.total,
        bytes_images=visit.images,
        bytes_no_images=no_images,
        search_index_gzip=index_gz,
        foreign_requests=foreign,
        lighthouse=scores,
        build_real_s=real_time,
        build_bare_s=bare_time,
        build_ratio=ratio,
        stories=args.stories,
        build_small_s=small_time,
        build_large_s=large_time,
        growth=growth,
        resources=sorted(visit.resources, reverse=True),
        machine={"cpus": os.cpu_count(), "load": os.getloadavg()},
    )
    (ROOT / ".build").mkdir(exist_ok=True)
    (ROOT / ".build/bench.json").write_text(json.dumps(results, indent=1, ensure_ascii=False), encoding="utf-8")
    print("\n".join(lines))
    print(
        "\nLargest transfers: "
        + ", ".join(f"{path} {kb(size)}" for size, path in sorted(visit.resources, reverse=True)[:6])
    )
    print(
        f"Machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the end. Details: .build/bench.json"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
