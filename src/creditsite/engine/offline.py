"""The offline copy as one zip: unzip anywhere, open index.html, read and
search without a connection (for village heads without mobile data)."""

from __future__ import annotations

import json
import os
import time
import zipfile
from pathlib import Path

FOLDER = "trang-tin-dung-chinh-sach"
README = """\
TRANG THÔNG TIN — BẢN DÙNG KHÔNG CẦN MẠNG
==========================================

1. Giải nén tệp zip này vào điện thoại hoặc máy tính.
2. Mở thư mục vừa giải nén, bấm vào tệp index.html.
3. Trang mở trong trình duyệt. Không cần Internet. Ô tìm kiếm vẫn dùng được.

Bản tiếng Anh: mở tệp en/index.html.

---

OFFLINE COPY OF THE SITE

1. Unzip this file on a phone or a computer.
2. Open the new folder and tap index.html.
3. The site opens in the browser with no Internet connection. Search works.

English pages: open en/index.html.
"""


def _unused(site_dir: Path) -> set[Path]:
    """Files a reader never loads: source maps, the search's support for
    languages the site does not have (Material ships some thirty; Thai alone
    is 660 KB), and 404.html, which only a web server shows (its links start
    at the server's root, so from files they would leave the folder). Keeps
    the zip small for people on slow, paid data."""
    unused = set(site_dir.rglob("*.map")) | {site_dir / "404.html"}
    index = site_dir / "search" / "search_index.json"
    lunr = site_dir / "assets" / "javascripts" / "lunr"
    if index.is_file() and lunr.is_dir():
        langs = json.loads(index.read_text(encoding="utf-8"))["config"]["lang"]
        keep = {f"lunr.{name}.min.js" for name in [*langs, "stemmer.support", "multi"]}
        unused |= {p for p in lunr.rglob("*.js") if p.name not in keep}
    return unused


def zip_site(site_dir: Path, out: Path, folder: str = FOLDER) -> Path:
    """Zip `site_dir` under one top folder, with instructions, in a stable order
    and with stable dates (SOURCE_DATE_EPOCH), so two builds give the same zip."""
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "315532800"))  # default: 1980-01-01
    date_time = time.gmtime(max(epoch, 315532800))[:6]  # zip dates start in 1980
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".part")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        entries = [(f"{folder}/DOC-TRUOC-README.txt", README.encode("utf-8"))]
        unused = _unused(site_dir)
        entries += [
            (f"{folder}/{p.relative_to(site_dir).as_posix()}", p.read_bytes())
            for p in sorted(site_dir.rglob("*"))
            if p.is_file() and p not in unused
        ]
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    partial.replace(out)  # never leave a half-written zip under the real name
    return out
