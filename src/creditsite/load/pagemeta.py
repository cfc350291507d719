"""Front matter of hand-written pages, checked as the engine will read it.

MkDocs reads front matter only when it is well formed YAML between two
`---` lines at the very top (mkdocs/utils/meta.py); otherwise it silently
shows it as page text. And without `---` lines, it takes the page's first
lines as settings when they look like `word: text` (MultiMarkdown style), so
a first line `Hotline: …` vanishes from the page. Both are refused here with
the line, as are unknown settings and a `template:` the theme does not have,
which would stop the build after every page was rendered.
"""

from __future__ import annotations

import difflib
import importlib.metadata
import importlib.util
import re
from collections.abc import Collection
from functools import lru_cache
from pathlib import Path

from creditsite.errors import DataError, Problem
from creditsite.load.markup import read_engine_config
from creditsite.load.validation import validate
from creditsite.load.yamlfile import LineMap, parse_yaml
from creditsite.model.page import PageMeta

# mkdocs/utils/meta.py: YAML_RE and META_RE, as MkDocs 1.6 reads a page.
_YAML = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.S)
_OPENING = re.compile(r"-{3}[ \t]*\n")
_NEAR_OPENING = re.compile(r"[ \t]*(?:-{2}|-{4,}|[—–][-—–]*|-[—–][-—–]*)[ \t]*(?:\n|\Z)")
_MULTIMARKDOWN = re.compile(r"[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")
_SETTINGS = "các dòng khóa: giá trị giữa hai dòng '---'"  # how front matter is written, for messages


def check_page(text: str, shown: str, templates: Collection[str]) -> list[Problem]:
    """Problems with the front matter of the page `text` (file `shown`)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # MkDocs reads with universal newlines
    match = _YAML.match(text)
    if match:
        return _check_settings(match.group(1), shown, templates)
    first = text.split("\n", 1)[0]
    if re.match(r"-{3}[ \t]*\n(?:-{3}|\.{3})[ \t]*(?:\n|\Z)", text):
        return [_empty(shown)]
    if _OPENING.match(text):
        return [Problem(shown, "phần thông tin đầu trang mở bằng '---' nhưng không có dòng '---' đóng lại; hãy thêm "
                               "dòng '---' sau thông tin trang (front matter not closed: add a '---' line after it)",
                        1)]
    if _NEAR_OPENING.match(text):
        return [Problem(shown, f"phần thông tin đầu trang mở và đóng bằng đúng ba dấu gạch '---', không phải "
                               f"'{first.strip()}' (front matter starts and ends with exactly three hyphens '---')", 1)]
    if _MULTIMARKDOWN.match(first):
        key = _MULTIMARKDOWN.match(first)["key"]  # type: ignore[index]
        return [Problem(shown, f"dòng đầu '{key}: …' sẽ bị hiểu là thông tin trang và không hiện ra; hãy viết thông "
                               f"tin trang thành {_SETTINGS}, hoặc bắt đầu trang bằng một tiêu đề '# …' (the first "
                               f"line reads as a page setting and would vanish: put settings between two '---' "
                               f"lines, or start the page with a '# …' heading)", 1)]
    return []


def _check_settings(head: str, shown: str, templates: Collection[str]) -> list[Problem]:
    try:
        raw, lines = parse_yaml(head, shown)
    except DataError as exc:
        return [_shifted(p) for p in exc.problems]
    shifted = LineMap({k: v + 1 for k, v in lines.items()})  # the opening '---' is line 1
    if not isinstance(raw, dict):
        return [Problem(shown, f"thông tin đầu trang phải là {_SETTINGS} (front matter must be key: value lines)", 2)]
    problems: list[Problem] = []
    try:
        validate(raw, shifted, shown, PageMeta)
    except DataError as exc:
        problems += exc.problems
    template = raw.get("template")
    if isinstance(template, str) and template not in templates:
        problems.append(_unknown_template(template, shown, shifted.line_of(("template",)), templates))
    return problems


def _shifted(problem: Problem) -> Problem:
    line = problem.line + 1 if problem.line else 2
    if "trống" in problem.message:  # parse_yaml's "the file is empty": here, the front matter is
        return _empty(problem.file)
    return Problem(problem.file, problem.message, line, problem.field)


def _empty(shown: str) -> Problem:
    message = f"thông tin đầu trang trống; hãy xóa hai dòng '---' hoặc viết {_SETTINGS} "
    return Problem(shown, message + "(empty front matter: remove the '---' lines or add settings)", 1)


def _unknown_template(name: str, shown: str, line: int | None, templates: Collection[str]) -> Problem:
    close = difflib.get_close_matches(name, sorted(templates), n=1, cutoff=0.5)
    vi, en = (f", có phải là '{close[0]}'?", f"; did you mean '{close[0]}'?") if close else (".", "")
    return Problem(
        shown,
        f"không có mẫu trang '{name}'{vi} Có thể dùng: {', '.join(sorted(templates))} "
        f"(template not found in overrides/ or the theme{en})",
        line,
        "template",
    )


def page_templates(root: Path) -> frozenset[str]:
    """The page templates `template:` may name: the top-level `.html` files of
    the theme's custom folder (overrides/) and of the theme itself."""
    return frozenset(p.name for folder in theme_dirs(root) for p in folder.glob("*.html") if p.is_file())


def theme_dirs(root: Path) -> list[Path]:
    """The theme's folders, first match first, as MkDocs searches them."""
    theme = read_engine_config(root).get("theme") or {}
    theme = {"name": theme} if isinstance(theme, str) else theme
    dirs = [root / theme["custom_dir"]] if theme.get("custom_dir") else []
    if theme.get("name"):
        dirs += _installed_theme(theme["name"])
    return [d for d in dirs if d.is_dir()]


@lru_cache(maxsize=4)
def _installed_theme(name: str) -> list[Path]:
    """A theme's folder, found through its `mkdocs.themes` entry point without importing MkDocs."""
    for entry in importlib.metadata.entry_points(group="mkdocs.themes", name=name):
        spec = importlib.util.find_spec(entry.value)
        if spec and spec.submodule_search_locations:
            return [Path(next(iter(spec.submodule_search_locations)))]
    return []
