"""The personal-data guard: content must not publish ID numbers, phone
numbers or bank accounts, unless a field is public by design (a schema field
marked `json_schema_extra={"public": True}`, like the fund's own account).

Numbers are shown masked in messages, so build logs do not leak them either.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from creditsite.errors import Problem
from creditsite.load.yamlfile import LineMap, dotted, load_yaml

_EDGE_L, _EDGE_R = r"(?<![\w.,/+-])", r"(?![\w/-]|[.,]\d)"
PATTERNS = [
    ("số điện thoại (phone number)", re.compile(_EDGE_L + r"(?:\+84[ .-]?|0)[1-9](?:[ .-]?\d){8,9}" + _EDGE_R)),
    ("số CCCD (citizen ID number)", re.compile(_EDGE_L + r"\d{12}" + _EDGE_R)),
    ("số CMND (ID card number)", re.compile(_EDGE_L + r"\d{9}" + _EDGE_R + r"(?!\s*(?:đồng|đ\b|vnđ|vnd))", re.I)),
    ("số tài khoản ngân hàng (bank account number)", re.compile(r"(?i)(?:số tài khoản|tài khoản số|\bstk\b|account (?:number|no\.?))\s*[:#]?\s*(\d[\d .-]{4,}\d)")),
]


def mask(number: str) -> str:
    digits = re.sub(r"\D", "", number)
    return digits[:2] + "…" + digits[-3:] if len(digits) > 5 else "…"


def find(text: str) -> Iterator[tuple[str, str, int]]:
    """(what, masked value, line offset) for each personal number in `text`."""
    for what, pattern in PATTERNS:
        for match in pattern.finditer(text):
            value = match.group(match.lastindex or 0)
            yield what, mask(value), text.count("\n", 0, match.start())


def public_fields(model: type[BaseModel]) -> set[str]:
    """Names of fields marked public anywhere in `model`."""
    out: set[str] = set()
    for name, field in model.model_fields.items():
        extra = field.json_schema_extra
        if isinstance(extra, dict) and extra.get("public"):
            out.add(name)
        for arg in getattr(field.annotation, "__args__", ()) + (field.annotation,):
            if isinstance(arg, type) and issubclass(arg, BaseModel):
                out |= public_fields(arg)
    return out


def _strings(value: Any, path: tuple[str | int, ...]) -> Iterator[tuple[tuple[str | int, ...], str]]:
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(v, (*path, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _strings(v, (*path, i))
    elif isinstance(value, str):
        yield path, value


def scan_yaml(path: Path, rel: str, public: set[str]) -> list[Problem]:
    raw, lines = load_yaml(path, rel)
    return _problems(raw, lines, rel, public)


def _problems(raw: Any, lines: LineMap, rel: str, public: set[str]) -> list[Problem]:
    problems = []
    for field_path, text in _strings(raw, ()):
        if field_path and field_path[-1] in public:
            continue
        for what, masked, _ in find(text):
            problems.append(Problem(rel, _message(what, masked), lines.line_of(field_path), dotted(field_path)))
    return problems


def scan_text(text: str, rel: str) -> list[Problem]:
    return [Problem(rel, _message(what, masked), offset + 1) for what, masked, offset in find(text)]


def _message(what: str, masked: str) -> str:
    return (
        f"có vẻ là {what} ({masked}); không được đăng thông tin cá nhân. Hãy xóa số này "
        "(looks like personal data; remove it — only fields meant to be public may hold such numbers)"
    )


def scan_content(root: Path, public_by_file: dict[str, set[str]]) -> list[Problem]:
    """Every YAML file in plan_data/ and every text file in docs/."""
    problems: list[Problem] = []
    for path in sorted((root / "plan_data").rglob("*.yml")):
        rel = path.relative_to(root).as_posix()
        problems += scan_yaml(path, rel, public_by_file.get(rel, set()))
    for path in sorted((root / "docs").rglob("*.md")):
        rel = path.relative_to(root).as_posix()
        problems += scan_text(path.read_text(encoding="utf-8", errors="replace"), rel)
    return problems
