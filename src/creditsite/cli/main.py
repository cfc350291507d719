"""Command line: `creditsite check`, `stage`, `linkcheck` and `publish`.

Problems are printed one per line, naming file, line and field, with no
traceback, and the exit code is 1.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from creditsite.build import prepare
from creditsite.cli import newstory
from creditsite.engine import run as engine
from creditsite.engine.linkcheck import check_site
from creditsite.engine.livedir import Refused, explain
from creditsite.engine.offline import zip_site
from creditsite.errors import DataError
from creditsite.load.site import load_site_data
from creditsite.publish import PublishError
from creditsite.publish import check_target as probe
from creditsite.publish import publish as deploy
from creditsite.render.print.report import default_out, write_report
from creditsite.render.print.report_docx import write_docx


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="creditsite", description="Kiểm tra và chuẩn bị nội dung trang (check and stage the site's content)."
    )
    parser.add_argument("--root", type=Path, default=Path("."), help="project folder (default: .)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="kiểm tra toàn bộ dữ liệu, không dựng trang (validate all data, no build)")
    stage = sub.add_parser("stage", help="tạo thư mục trang hoàn chỉnh (write the full docs tree)")
    stage.add_argument("--out", type=Path, default=None)
    build = sub.add_parser(
        "build", help="dựng trang; chỉ thay site/ khi dựng thành công (build; replace site/ only on success)"
    )
    build.add_argument("--site-dir", type=Path, default=None)
    build.add_argument("--production", action="store_true", help="từ chối nội dung mẫu (refuse sample content)")
    story = sub.add_parser("new-story", help="tạo khung một câu chuyện mới (write a new story skeleton)")
    for name, _ in newstory.FIELDS:
        story.add_argument(f"--{name.replace('_', '-')}", dest=name, default=None)
    report = sub.add_parser("report", help="in báo cáo năm ra PDF (write the annual report as a PDF)")
    report.add_argument(
        "--year", type=int, default=None, help="năm báo cáo; mặc định năm mới nhất (default: the latest year)"
    )
    report.add_argument(
        "--out",
        type=Path,
        default=None,
        help="tệp PDF; mặc định site/bao-cao/<năm>.pdf (bản .docx để sửa ghi bên cạnh)",
    )
    links = sub.add_parser(
        "linkcheck", help="kiểm tra mọi liên kết trong trang đã dựng (check every internal link of a built site)"
    )
    links.add_argument("site", type=Path, nargs="?", default=Path("site"))
    links.add_argument("--offline", action="store_true",
                       help="bản dùng không cần mạng, mở từ tệp (an offline copy, opened from files: make offline)")
    pack = sub.add_parser("zip", help="đóng gói bản dùng không cần mạng (zip the offline copy)")
    pack.add_argument("site", type=Path)
    pack.add_argument("out", type=Path)
    deploy = sub.add_parser("publish", help="đăng trang đã dựng lên nơi lưu trữ (deploy the built site)")
    deploy.add_argument("site", type=Path)
    deploy.add_argument("target", help="git remote (→ gh-pages) hoặc thư mục (or a directory)")
    probe = sub.add_parser(
        "check-target", help="kiểm tra nơi đăng trang, không đăng gì (check a publish target, publish nothing)"
    )
    probe.add_argument("target")
    probe.add_argument(
        "--site", type=Path, default=None, help="thư mục trang sẽ đăng (the site to publish; default: site/)"
    )
    args = parser.parse_args(argv)
    try:
        if args.command == "report":
            return write_report_cli(args.root, args.year, args.out)
        if args.command == "publish":
            return publish(args.root, args.site, args.target)
        if args.command == "check-target":
            return check_target(args.root, args.site or args.root / "site", args.target)
        if args.command == "linkcheck":
            return linkcheck(args.root, args.site, args.offline)
        if args.command == "zip":
            print(f"Đã đóng gói (written): {zip_site(args.site, args.out)}")
            return 0
        if args.command == "check":
            with tempfile.TemporaryDirectory() as scratch:  # checks docs/ too, publishes nothing
                prepared = prepare(args.root, Path(scratch))
            for warning in prepared.warnings:
                print(f"CẢNH BÁO (warning): {warning}", file=sys.stderr)
            print("Dữ liệu hợp lệ. (All data is valid.)")
        elif args.command == "build":
            return build_site(args.root, args.site_dir, args.production)
        elif args.command == "new-story":
            answers = {name: getattr(args, name) for name, _ in newstory.FIELDS}
            path = newstory.create(args.root, answers, newstory.ask_terminal if sys.stdin.isatty() else None)
            print(f"Đã tạo {path.relative_to(args.root)}. Sửa các chỗ '{newstory.TODO}', rồi chạy: make check")
        else:
            result = prepare(args.root, args.out).result
            print(f"Đã chuẩn bị {result.changed} tệp thay đổi. ({result.changed} file(s) changed.)")
    except DataError as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    return 0


def write_report_cli(root: Path, year: int | None, out: Path | None) -> int:
    data = load_site_data(root)
    if year is None:
        if not data.progress:
            print("Chưa có tệp plan_data/progress/<năm>.yml nào. (No progress files yet.)", file=sys.stderr)
            return 1
        year = max(data.progress)
    path = write_report(data, year, out or default_out(root, year))
    docx = write_docx(data, year, path.with_suffix(".docx"))
    print(f"Đã in báo cáo năm {year} vào {path}; bản để sửa: {docx} (report written, editable copy beside it)")
    return 0


BUILD_FAILED = "Dựng trang thất bại; trang cũ vẫn giữ nguyên. (Build failed; the previous site is unchanged.)"
NOT_PUBLISHED = "Không đăng trang; trang đang chạy giữ nguyên. (Not published; the live site is unchanged.)"


def build_site(root: Path, site_dir: Path | None, production: bool) -> int:
    try:
        code = engine.build(root, (site_dir or root.resolve() / "site").absolute(), production)
    except Refused as exc:
        print(f"{BUILD_FAILED}\n  {exc}", file=sys.stderr)
        return 1
    except OSError as exc:  # anything livedir did not foresee, still without a traceback
        print(f"{BUILD_FAILED}\n  {explain(exc)}", file=sys.stderr)
        return 1
    if code:
        print(BUILD_FAILED, file=sys.stderr)
    return code


def publish(root: Path, site: Path, target: str) -> int:
    try:
        where = deploy(site, target, load_site_data(root).commune.site.url, project=root.resolve())
    except PublishError as exc:
        print(f"{NOT_PUBLISHED}\n  {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"{NOT_PUBLISHED}\n  {explain(exc)}", file=sys.stderr)
        return 1
    print(f"Đã đăng trang lên (published to): {where}")
    return 0


def check_target(root: Path, site: Path, target: str) -> int:
    try:
        where = probe(site, target, project=root.resolve())
    except (PublishError, OSError) as exc:
        reason = explain(exc) if isinstance(exc, OSError) else exc
        print(
            f"Không thể đăng vào đây; chưa thay đổi gì. (Cannot publish there; nothing was changed.)\n  {reason}",
            file=sys.stderr,
        )
        return 1
    print(f"Có thể đăng lên (can publish to): {where}")
    return 0


def linkcheck(root: Path, site: Path, offline: bool = False) -> int:
    problems = check_site(site, load_site_data(root).commune.site.url, directory_urls=not offline)
    for problem in problems:
        print(f"  - {problem}", file=sys.stderr)
    if problems:
        print(f"Có {len(problems)} liên kết hỏng (found {len(problems)} broken link(s)).", file=sys.stderr)
        return 1
    print("Mọi liên kết đều đúng. (No broken links or anchors.)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
