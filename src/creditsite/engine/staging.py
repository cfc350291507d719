"""Stage a complete docs tree: hand-written pages plus generated ones.

The staged tree holds real files with static-i18n suffixes (`x.md`,
`x.en.md`), so the engine treats generated pages exactly like hand-written
ones: language switcher, sitemap alternates, search. Files are written only
when their bytes change, so a live-reload server settles instead of looping
(see ../shared/research/mkdocs-stack.md §7).
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from pathlib import Path

from creditsite.errors import DataError, Problem
from creditsite.load import docfiles, doclinks, pagemeta, photos
from creditsite.load.content import UNREADABLE
from creditsite.load.yamlfile import read_text
from creditsite.render.pages import Page
from creditsite.render.placeholders import fill_page
from creditsite.render.strings import t

_FRONT_MATTER = re.compile(r"\A(---\s*\n.*?\n---\s*\n)(.*)\Z", re.S)
_EN = re.compile(r"\.en\.md$")


@dataclass(frozen=True)
class StageResult:
    written: list[str]
    removed: list[str]
    paths: list[str]  # everything now in the staged tree

    @property
    def changed(self) -> int:
        return len(self.written) + len(self.removed)


def stage(
    docs_dir: Path,
    out_dir: Path,
    generated: list[Page],
    context: Callable[[str], Mapping[str, object]],
    appendix: Callable[[str], str] = lambda lang: "",
    consumed: Collection[str] = (),
    root: Path | None = None,
) -> StageResult:
    """Write `docs_dir` + `generated` into `out_dir`; remove what has no source.

    `context(lang)` gives the values hand-written pages may use as `{{ … }}`;
    `appendix(lang)` is added to the end of every page in that language
    (the glossary's abbreviation definitions). `consumed` files (stories)
    are sources of generated pages and are not copied as they are. `root`
    (default: the folder holding `docs_dir`) holds mkdocs.yml and the theme.
    """
    root = root or docs_dir.parent
    wanted = handwritten(docs_dir, context, consumed, root)
    pages = {rel: content.decode("utf-8") for rel, content in wanted.items() if rel.endswith(".md")}
    clashes = sorted(page.path for page in generated if page.path in wanted)
    if clashes:
        raise DataError(
            [
                Problem(
                    f"docs/{p}",
                    "trang này trùng đường dẫn với một trang tạo từ dữ liệu; hãy đổi tên hoặc xóa tệp (this path is "
                    "generated from data)",
                )
                for p in clashes
            ]
        )
    wanted.update({page.path: page.markdown.encode("utf-8") for page in generated})
    wanted.update(fallbacks(wanted))
    written = [rel for rel in sorted(consumed) if (docs_dir / rel).is_file()]
    stories = {rel: _body_only(read_text(docs_dir / rel, f"docs/{rel}")) for rel in written}
    published = {page.path: page.markdown for page in generated if page.path in stories}
    # As the strict build would, before it starts: stories' links are the officers' too (their own path is
    # the page's, so relative links resolve alike).
    problems = doclinks.check_links({**pages, **stories}, wanted, root, published=published)
    if problems:
        raise DataError(problems)
    for rel, content in wanted.items():
        if rel.endswith(".md"):
            wanted[rel] = content + appendix("en" if _EN.search(rel) else "vi").encode("utf-8")
    return sync(wanted, out_dir)


def handwritten(
    docs_dir: Path,
    context: Callable[[str], Mapping[str, object]],
    consumed: Collection[str] = (),
    root: Path | None = None,
) -> dict[str, bytes]:
    """Every publishable file under `docs_dir` (docfiles.py): Markdown pages
    with their front matter checked and rendered with the data context,
    images made publishable (resized, pixels only)."""
    templates = pagemeta.page_templates(root or docs_dir.parent)
    out: dict[str, bytes] = {}
    problems: list[Problem] = []
    for file in docfiles.listing(docs_dir):
        rel, path = file.rel, file.path
        if rel in consumed:
            continue
        if not file.is_page:
            try:
                out[rel] = photos.publishable(path.read_bytes(), path.suffix)
            except (OSError, ValueError):
                problems.append(Problem(f"docs/{rel}", UNREADABLE))
            continue
        shown = f"docs/{rel}"
        try:
            text = read_text(path, shown)
            meta = pagemeta.check_page(text, shown, templates)
            if meta:
                problems.extend(meta)
                continue
            out[rel] = fill_page(text, context(file.lang), shown).encode("utf-8")
        except DataError as exc:
            problems.extend(exc.problems)
    if problems:
        raise DataError(problems)
    return out


def _body_only(text: str) -> str:
    """A story's text with its front matter blanked: same line numbers, and
    the facts (checked by their model) are not read as Markdown."""
    match = _FRONT_MATTER.match(text)
    return "\n" * match.group(1).count("\n") + match.group(2) if match else text


def fallbacks(files: Mapping[str, bytes]) -> dict[str, bytes]:
    """An English page for every Vietnamese page that has none: the
    Vietnamese text, marked as Vietnamese, under a "not translated" note."""
    out: dict[str, bytes] = {}
    for rel, raw in files.items():
        if not rel.endswith(".md") or re.search(r"\.[a-z]{2}\.md$", rel):  # only pages without a language suffix
            continue
        en = rel[:-3] + ".en.md"
        if en in files:
            continue
        match = _FRONT_MATTER.match(raw.decode("utf-8"))
        head, body = (match.group(1), match.group(2)) if match else ("", raw.decode("utf-8"))
        note = f'!!! info "Not yet translated"\n\n    {t("not_translated", "en")}\n\n'
        out[en] = f'{head}{note}<div lang="vi" markdown>\n\n{body}\n\n</div>\n'.encode("utf-8")
    return out


def sync(wanted: Mapping[str, bytes], out_dir: Path) -> StageResult:
    """Make `out_dir` hold exactly `wanted`, touching only what differs."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written, removed = [], []
    for rel, content in sorted(wanted.items()):
        target = out_dir / rel
        if target.is_file() and target.read_bytes() == content:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        written.append(rel)
    for path in sorted(out_dir.rglob("*"), reverse=True):
        rel = path.relative_to(out_dir).as_posix()
        if path.is_file() and rel not in wanted:
            path.unlink()
            removed.append(rel)
        elif path.is_dir() and not any(path.iterdir()):
            shutil.rmtree(path)
    return StageResult(written, removed, sorted(wanted))
