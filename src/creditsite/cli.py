"""Command line: `creditsite check`, `stage`, `linkcheck` and `publish`.

Problems are printed one per line, naming file, line and field, with no
traceback, and the exit code is 1.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from .errors import DataError
from .pipeline import prepare


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="creditsite", description="Kiểm tra và chuẩn bị nội dung trang (check and stage the site's content).")
    parser.add_argument("--root", type=Path, default=Path("."), help="project folder (default: .)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="kiểm tra toàn bộ dữ liệu, không dựng trang (validate all data, no build)")
    stage = sub.add_parser("stage", help="tạo thư mục trang hoàn chỉnh (write the full docs tree)")
    stage.add_argument("--out", type=Path, default=None)
    links = sub.add_parser("linkcheck", help="kiểm tra mọi liên kết trong trang đã dựng (check every internal link of a built site)")
    links.add_argument("site", type=Path, nargs="?", default=Path("site"))
    pack = sub.add_parser("zip", help="đóng gói bản dùng không cần mạng (zip the offline copy)")
    pack.add_argument("site", type=Path)
    pack.add_argument("out", type=Path)
    deploy = sub.add_parser("publish", help="đăng trang đã dựng lên nơi lưu trữ (deploy the built site)")
    deploy.add_argument("site", type=Path)
    deploy.add_argument("target", help="git remote (→ gh-pages) hoặc thư mục (or a directory)")
    args = parser.parse_args(argv)
    try:
        if args.command == "publish":
            return publish(args.root, args.site, args.target)
        if args.command == "linkcheck":
            return linkcheck(args.root, args.site)
        if args.command == "zip":
            from .offline import zip_site

            print(f"Đã đóng gói (written): {zip_site(args.site, args.out)}")
            return 0
        if args.command == "check":
            with tempfile.TemporaryDirectory() as scratch:  # checks docs/ too, publishes nothing
                prepare(args.root, Path(scratch))
            print("Dữ liệu hợp lệ. (All data is valid.)")
        else:
            result = prepare(args.root, args.out).result
            print(f"Đã chuẩn bị {result.changed} tệp thay đổi. ({result.changed} file(s) changed.)")
    except DataError as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    return 0


def publish(root: Path, site: Path, target: str) -> int:
    from .load import load_site_data
    from .publish import PublishError, publish as deploy

    try:
        where = deploy(site, target, load_site_data(root).commune.site.url)
    except PublishError as exc:
        print(f"Không đăng trang; trang đang chạy giữ nguyên. (Not published; the live site is unchanged.)\n  {exc}", file=sys.stderr)
        return 1
    print(f"Đã đăng trang lên (published to): {where}")
    return 0


def linkcheck(root: Path, site: Path) -> int:
    from .linkcheck import check_site
    from .load import load_site_data

    problems = check_site(site, load_site_data(root).commune.site.url)
    for problem in problems:
        print(f"  - {problem}", file=sys.stderr)
    if problems:
        print(f"Có {len(problems)} liên kết hỏng (found {len(problems)} broken link(s)).", file=sys.stderr)
        return 1
    print("Mọi liên kết đều đúng. (No broken links or anchors.)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
