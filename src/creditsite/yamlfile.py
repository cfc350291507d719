"""Read a YAML file strictly and remember the line of every value.

PyYAML forgets positions once it builds Python objects, and it silently keeps
the last of two duplicate keys. We build the objects ourselves from the node
tree so that every error can name its line and duplicates are refused.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .errors import DataError, Problem

# libyaml's parser (bundled with PyYAML's wheels) is about ten times faster
# and gives the same node tree and line marks; build time matters (make bench).
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_BYTES = 2 * 1024 * 1024  # content files are small; a huge one is a mistake
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
        raise DataError([Problem(shown, "đây là tệp nhị phân, cần tệp văn bản UTF-8 (binary file, expected UTF-8 text)")])
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataError([Problem(shown, "tệp không phải mã UTF-8; hãy lưu lại với mã UTF-8 (expected UTF-8 text)", line)]) from None


def parse_yaml(text: str, shown: str) -> tuple[Any, LineMap]:
    """Parse YAML text into plain objects and a map of their lines."""
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
        raise DataError([Problem(shown, f"lỗi cú pháp YAML: {what} (YAML syntax error; check indentation, colons and quotes)", line)]) from None
    finally:
        loader.dispose()


def load_yaml(path: Path, shown: str) -> tuple[Any, LineMap]:
    return parse_yaml(read_text(path, shown), shown)


def _build(loader: yaml.SafeLoader, node: yaml.Node, path: Path_, lines: LineMap, shown: str) -> Any:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node)
            if not isinstance(key, str):
                key = str(key)
            if key in result:
                raise DataError([Problem(shown, f"khóa '{key}' bị lặp lại (duplicate key)", key_node.start_mark.line + 1, dotted(path + (key,)))])
            result[key] = _build(loader, value_node, path + (key,), lines, shown)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(loader, child, path + (i,), lines, shown) for i, child in enumerate(node.value)]
    try:
        return loader.construct_object(node)
    except (ValueError, OverflowError) as exc:  # e.g. 2024-13-45 looks like a date but is none
        raise DataError([Problem(shown, f"giá trị '{node.value}' không hợp lệ: {exc} (invalid value; a date looks like 2025-08-07)", node.start_mark.line + 1, dotted(path) or None)]) from None


def dotted(path: Path_) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out
