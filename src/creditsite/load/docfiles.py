"""What may be published from docs/: pages and photos, nothing else.

Every file under docs/ is copied into the site, so an allow-list decides, not
a list of known dangers: an SVG can carry a script, an HTML file skips the
sanitiser, a `.txt` or `.markdown` file skips the personal-data guard, and a
symlink publishes whatever it points at (`/etc/passwd`). Pages are `x.md`
(Vietnamese) and `x.en.md` (English), photos are JPEG, PNG or WebP (made
pixels-only by photos.py). Hidden files (dot-names) are never published.
Symlinks are never followed, here or in plan_data/.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from creditsite.errors import DataError, Problem
from creditsite.load.photos import TYPES as PHOTO_TYPES

HOME = "index.md"
_MARKDOWN = {".markdown", ".mdown", ".mkd", ".mkdn", ".mdwn", ".mdtxt", ".mdtext", ".txt", ".text"}
_OTHER_IMAGES = {".gif", ".bmp", ".tif", ".tiff", ".heic", ".heif", ".avif", ".jfif", ".ico"}
_DOCUMENTS = {".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".odt", ".ods", ".odp", ".rtf", ".zip",
              ".rar", ".7z", ".csv"}
_CODE = {".html", ".htm", ".xhtml", ".js", ".mjs", ".css", ".json", ".xml", ".php", ".py", ".sh", ".wasm"}
_SYMLINK = (
    "đây là liên kết tượng trưng (symlink), không bao giờ được dùng; hãy chép chính tệp vào đây "
    "(a symlink is never followed: copy the file in instead)"
)


_IRREGULAR = "đây không phải một tệp bình thường; hãy xóa nó (not a regular file, e.g. a named pipe: remove it)"


@dataclass(frozen=True)
class DocFile:
    rel: str  # the path inside docs/, as published
    path: Path

    @property
    def is_page(self) -> bool:
        return self.rel.endswith(".md")

    @property
    def lang(self) -> str:
        return "en" if re.search(r"\.en\.[^./]+$", self.rel) else "vi"


def listing(docs_dir: Path, shown: str = "docs") -> list[DocFile]:
    """Every file that may be published from `docs_dir`, sorted. Raises a
    DataError naming each other file (and a missing home page)."""
    files: list[DocFile] = []
    problems = symlinks(docs_dir, shown)
    for rel in _regular_files(docs_dir):
        reason = refusal(rel) if (docs_dir / rel).is_file() else _IRREGULAR
        if reason:
            problems.append(Problem(f"{shown}/{rel}", reason))
        else:
            files.append(DocFile(rel, docs_dir / rel))
    if docs_dir.is_dir() and not docs_dir.is_symlink() and not (docs_dir / HOME).is_file():
        problems.append(
            Problem(f"{shown}/{HOME}", "thiếu trang chủ; hãy tạo lại tệp này (the home page is missing: restore it)")
        )
    if problems:
        raise DataError(problems)
    return files


def symlinks(folder: Path, shown: str) -> list[Problem]:
    """A problem for each symlink in `folder` (hidden ones are ignored, as
    nothing hidden is read), and for `folder` itself if it is one."""
    if folder.is_symlink():
        return [Problem(shown, _SYMLINK)]
    problems = []
    for top, dirs, names in os.walk(folder):  # never follows a linked folder
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(dirs + [n for n in names if not n.startswith(".")]):
            path = Path(top, name)
            if path.is_symlink():
                problems.append(Problem(f"{shown}/{path.relative_to(folder).as_posix()}", _SYMLINK))
    return problems


def _regular_files(folder: Path) -> list[str]:
    out = []
    for top, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not Path(top, d).is_symlink())
        for name in names:
            path = Path(top, name)
            if not name.startswith(".") and not path.is_symlink():
                out.append(path.relative_to(folder).as_posix())
    return sorted(out)


def refusal(rel: str) -> str | None:
    """Why the file at `rel` may not be published, with what to do, or None."""
    name = rel.rsplit("/", 1)[-1]
    parts = name.split(".")
    if len(parts) == 1:
        return _not_published(name)
    stem, lang, ext = (parts[0], "", "." + parts[1]) if len(parts) == 2 else (
        ".".join(parts[:-2]), "." + parts[-2], "." + parts[-1])
    kind = ext.lower()
    if kind == ".md" or kind in _MARKDOWN:
        return _page_name(stem, lang, ext)
    if kind in PHOTO_TYPES:
        return _photo_name(stem, lang, ext)
    return _not_published(name, kind)


def _page_name(stem: str, lang: str, ext: str) -> str | None:
    if ext == ".md" and lang in ("", ".en") and "." not in stem:
        return None
    right = f"{stem.replace('.', '-')}{_language(lang)}.md"
    other_language = re.fullmatch(r"\.[a-zA-Z]{2}", lang) and lang.lower() not in (".en", ".vi")
    if other_language and ext.lower() == ".md":
        joined = f"{stem}-{lang[1:]}.md"
        return (
            f"trang chỉ có tiếng Việt (x.md) và tiếng Anh (x.en.md): hãy đổi tên thành {stem}.md, {stem}.en.md, "
            f"hoặc {joined} nếu '{lang[1:]}' là một phần của tên (the site has Vietnamese pages x.md and English "
            f"pages x.en.md only: rename it to {stem}.md, {stem}.en.md, or {joined})"
        )
    return f"hãy đổi tên thành {right} (pages are named x.md, or x.en.md in English: rename it to {right})"


def _photo_name(stem: str, lang: str, ext: str) -> str | None:
    if lang in ("", ".en") and "." not in stem:
        return None
    right = f"{stem.replace('.', '-')}{_language(lang)}{ext}"
    return f"hãy đổi tên thành {right} (photos are named x.jpg, or x.en.jpg for English: rename it to {right})"


def _language(lang: str) -> str:
    """The right language part of a name: `.en`, nothing for Vietnamese, else the dots become hyphens."""
    low = lang.lower()
    if low in (".en", ".vi", ""):
        return ".en" if low == ".en" else ""
    return "-" + lang[1:]


def _not_published(name: str, kind: str = "") -> str:
    vi, en = _ADVICE.get(kind, (f"hãy chuyển tệp '{name}' ra khỏi docs/", "move it out of docs/"))
    return (
        f"{vi}; từ docs/ chỉ đăng trang .md và ảnh jpg, jpeg, png, webp "
        f"({en}; only .md pages and jpg, jpeg, png or webp photos are published from docs/)"
    )


_ASK = "hỏi người quản trị trang", "ask the site's maintainer"
_ADVICE: dict[str, tuple[str, str]] = {
    ".svg": ("ảnh SVG có thể chứa mã chạy được: hãy lưu lại dạng PNG", "an SVG can hold scripts: save it as PNG"),
    **dict.fromkeys(_OTHER_IMAGES, ("hãy lưu ảnh lại dạng JPEG hoặc PNG", "save the image as JPEG or PNG")),
    **dict.fromkeys(
        _DOCUMENTS,
        (
            f"tài liệu không đăng từ docs/: hãy đưa tệp lên nơi khác rồi dẫn liên kết tới đó, hoặc {_ASK[0]}",
            f"documents are not published from here: put it elsewhere and link to it, or {_ASK[1]}",
        ),
    ),
    **dict.fromkeys((".yml", ".yaml"), ("tệp dữ liệu đặt trong plan_data/", "data files belong in plan_data/")),
    **dict.fromkeys(
        _CODE,
        (
            f"HTML, mã chạy và kiểu trình bày không đăng từ docs/: hãy viết thành trang .md, hoặc {_ASK[0]}",
            f"HTML, scripts and styles skip the checks: write a .md page, or {_ASK[1]}, who keeps the site's "
            "own styles and scripts in overrides/",
        ),
    ),
}
