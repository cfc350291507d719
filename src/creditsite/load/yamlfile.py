"""Read a YAML file strictly and remember the line of every value.

PyYAML forgets positions once it builds Python objects, and it silently keeps
the last of two duplicate keys. We build the objects ourselves from the node
tree so that every error can name its line and duplicates are refused.

Officers write plain YAML, so what only a programmer would write is refused
before any object is built: anchors and aliases (`&a`, `*a`: "billion laughs"
and self-referencing files) and nesting deeper than any of our files need.
Numbers in YAML 1.1 forms that look like something else (`030` is octal 24,
`1:30` is 90, `30.000` is 30.0 to YAML but thirty thousand to a Vietnamese
reader) stay the text that was typed, so a number field refuses them.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from creditsite.errors import DataError, Problem

# libyaml's parser (bundled with PyYAML's wheels) is about ten times faster
# and gives the same node tree and line marks; build time matters (make bench).
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_BYTES = 2 * 1024 * 1024  # content files are small; a huge one is a mistake
MAX_DEPTH = 20  # the deepest file, plan.yml (sections → groups → items → bullets → texts), nests 9 levels
_NUMBER_TAGS = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")
# Numbers as people write them: 30000000, -5, 6.6, 0.125, 1e-3 (no octal, hex, 1:30 or 1_000).
_PLAIN_NUMBER = re.compile(r"[-+]?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?")
# A dot before each group of three digits: thousands as Vietnamese write them.
_GROUPED = re.compile(r"[-+]?[1-9][0-9]{0,2}(\.[0-9]{3})+")
_NO_ALIASES = (
    "không dùng neo '&' và bí danh '*' của YAML; hãy viết đầy đủ từng giá trị "
    "(YAML anchors and aliases are not allowed; write each value out)"
)
Path_ = tuple[str | int, ...]


class LineMap(dict[Path_, int]):
    """Maps a path of keys and indexes, like ('groups', 0, 'title'), to a line."""

    def line_of(self, path: Path_) -> int | None:
        # Fall back to the nearest parent that has a line (e.g. a missing key).
        for end in range(len(path), -1, -1):
            if path[:end] in self:
                return self[path[:end]]
        return None


def read_text(path: Path, shown: str) -> str:
    """Read a UTF-8 text file, refusing binary, oversized or mis-encoded files."""
    raw = path.read_bytes()
    if len(raw) > MAX_BYTES:
        raise DataError([Problem(shown, f"tệp quá lớn ({len(raw)} byte); tối đa {MAX_BYTES} byte (file too large)")])
    if b"\x00" in raw:
        raise DataError(
            [Problem(shown, "đây là tệp nhị phân, cần tệp văn bản UTF-8 (binary file, expected UTF-8 text)")]
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataError(
            [Problem(shown, "tệp không phải mã UTF-8; hãy lưu lại với mã UTF-8 (expected UTF-8 text)", line)]
        ) from None


def parse_yaml(text: str, shown: str) -> tuple[Any, LineMap]:
    """Parse YAML text into plain objects and a map of their lines."""
    _refuse_aliases_and_depth(text, shown)
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise DataError([Problem(shown, "tệp trống (the file is empty)")])
        lines = LineMap()
        return _build(loader, node, (), lines, shown), lines
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        what = exc.problem or "cú pháp YAML sai"
        raise DataError(
            [
                Problem(
                    shown, f"lỗi cú pháp YAML: {what} (YAML syntax error; check indentation, colons and quotes)", line
                )
            ]
        ) from None
    finally:
        loader.dispose()


def load_yaml(path: Path, shown: str) -> tuple[Any, LineMap]:
    return parse_yaml(read_text(path, shown), shown)


def yml_files(folder: Path, shown: str) -> tuple[list[Path], list[Problem]]:
    """The data files of `folder` (`*.yml`), and a problem for each YAML file
    named otherwise (`x.yaml`, `x.YML`): the loaders would skip it silently.
    Data files end in `.yml` everywhere, so one name is right, not two."""
    files: list[Path] = []
    problems: list[Problem] = []
    for path in sorted(folder.iterdir()) if folder.is_dir() else []:
        if not path.is_file() or path.suffix.lower() not in (".yml", ".yaml"):
            continue
        if path.suffix == ".yml":
            files.append(path)
        else:
            right = f"{path.stem}.yml"
            message = f"tệp dữ liệu phải có đuôi .yml: đổi tên thành {right} "
            message += f"(data files end in .yml: rename it to {right})"
            problems.append(Problem(f"{shown}/{path.name}", message))
    return files, problems


def _refuse_aliases_and_depth(text: str, shown: str) -> None:
    """Scan the event stream before composing: aliases would be expanded by
    `_build` (exponentially, or forever when a node contains itself), and the
    composer recurses once per level of nesting."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            line = event.start_mark.line + 1 if event.start_mark else None
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
                raise DataError([Problem(shown, _NO_ALIASES, line)])
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    raise _too_deep(shown, line)
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.MarkedYAMLError as exc:
        if "nesting depth" in (exc.problem or ""):  # libyaml's own limit (1000 levels) trips first
            raise _too_deep(shown, exc.problem_mark.line + 1 if exc.problem_mark else None) from None
        # any other syntax error: parse_yaml reports it with its line


def _too_deep(shown: str, line: int | None) -> DataError:
    message = f"lồng nhau quá sâu (hơn {MAX_DEPTH} cấp) (nested more than {MAX_DEPTH} levels deep)"
    return DataError([Problem(shown, message, line)])


def _build(loader: yaml.SafeLoader, node: yaml.Node, path: Path_, lines: LineMap, shown: str) -> Any:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node)
            if not isinstance(key, str):
                key = str(key)
            if key in result:
                raise DataError(
                    [
                        Problem(
                            shown,
                            f"khóa '{key}' bị lặp lại (duplicate key)",
                            key_node.start_mark.line + 1,
                            dotted(path + (key,)),
                        )
                    ]
                )
            result[key] = _build(loader, value_node, path + (key,), lines, shown)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(loader, child, path + (i,), lines, shown) for i, child in enumerate(node.value)]
    plain = isinstance(node, yaml.ScalarNode) and not node.style  # style "" or None: plain
    if node.tag in _NUMBER_TAGS and plain and _unusual_number(node.value):
        return node.value  # as typed: a number field refuses it with a hint, a text field keeps it
    try:
        return loader.construct_object(node)
    except (ValueError, OverflowError) as exc:  # e.g. 2024-13-45 looks like a date but is none
        raise DataError(
            [
                Problem(
                    shown,
                    f"giá trị '{node.value}' không hợp lệ: {exc} (invalid value; a date looks like 2025-08-07)",
                    node.start_mark.line + 1,
                    dotted(path) or None,
                )
            ]
        ) from None


def _unusual_number(text: str) -> bool:
    return bool(_GROUPED.fullmatch(text)) or not _PLAIN_NUMBER.fullmatch(text)


def dotted(path: Path_) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out
