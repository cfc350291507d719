"""Validate parsed YAML against a model; say what is wrong in plain words.

Every problem names the file, the line, the field and what was expected, in
Vietnamese first (officers) and English second.
"""

from __future__ import annotations

import difflib
import typing
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from creditsite.errors import DataError, Problem
from creditsite.load.yamlfile import LineMap, dotted, load_yaml

M = TypeVar("M", bound=BaseModel)

# What pydantic's error types mean, said plainly. Unlisted types keep pydantic's text.
_EXPECTED = {
    "missing": "thiếu trường bắt buộc (required field is missing)",
    "extra_forbidden": "trường không được biết; kiểm tra lỗi chính tả (unknown field; check the spelling)",
    "string_type": "cần một đoạn chữ (expected text)",
    "string_too_short": "không được để trống (must not be empty)",
    "string_pattern_mismatch": "sai định dạng (wrong format)",
    "int_type": "cần một số nguyên (expected a whole number)",
    "int_parsing": "cần một số nguyên (expected a whole number)",
    "int_from_float": "cần một số nguyên (expected a whole number)",
    "float_type": "cần một số (expected a number)",
    "float_parsing": "cần một số (expected a number)",
    "bool_type": "cần true hoặc false (expected true or false)",
    "bool_parsing": "cần true hoặc false (expected true or false)",
    "date_type": "cần ngày dạng NĂM-THÁNG-NGÀY, ví dụ 2025-08-07 (expected a date like 2025-08-07)",
    "date_parsing": "cần ngày dạng NĂM-THÁNG-NGÀY, ví dụ 2025-08-07 (expected a date like 2025-08-07)",
    "date_from_datetime_parsing": "cần ngày dạng NĂM-THÁNG-NGÀY, ví dụ 2025-08-07 (expected a date like 2025-08-07)",
    "list_type": "cần một danh sách (expected a list)",
    "dict_type": "cần một nhóm trường khóa: giá trị (expected a mapping of key: value)",
    "model_type": "cần một nhóm trường khóa: giá trị (expected a mapping of key: value)",
    "literal_error": "giá trị không hợp lệ (value not allowed)",
    "greater_than_equal": "giá trị quá nhỏ (value too small)",
    "less_than_equal": "giá trị quá lớn (value too large)",
}


def load_model(root: Path, rel: str, model: type[M]) -> M:
    """Read one YAML file and validate it against `model`."""
    path = root / rel
    if not path.is_file():
        raise DataError([Problem(rel, "không tìm thấy tệp (file not found)")])
    raw, lines = load_yaml(path, rel)
    return validate(raw, lines, rel, model)


def validate(raw: Any, lines: LineMap, rel: str, model: type[M]) -> M:
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        errors = [_hint_unknown(err, model) for err in _merge_typos(exc.errors())]
        raise DataError([_problem(err, lines, rel) for err in errors]) from None


def _hint_unknown(err: Any, model: type[BaseModel]) -> Any:
    """An unknown key: the closest known one, or the list of known ones."""
    loc = tuple(err["loc"])
    if err["type"] != "extra_forbidden" or not loc or not isinstance(loc[-1], str):
        return err
    known = _fields_at(model, loc[:-1])
    match = difflib.get_close_matches(loc[-1], known, n=1, cutoff=0.6)
    if match:
        return {**err, "type": "typo", "msg": _typo(match[0])}
    hint = f"; các trường có thể dùng (known fields): {', '.join(known)}" if known else ""
    return {**err, "type": "unknown", "msg": _EXPECTED["extra_forbidden"] + hint}


def _typo(name: str) -> str:
    return f"tên trường lạ, có phải là '{name}'? (unknown field: did you mean '{name}'?)"


def _fields_at(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The field names of the model found at `loc` inside `model`."""
    current: type[BaseModel] | None = model
    for part in loc:
        if isinstance(part, int) or current is None:
            continue
        field = current.model_fields.get(part)
        current = _model_in(field.annotation) if field else None
    return list(current.model_fields) if current else []


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return next((m for arg in typing.get_args(annotation) if (m := _model_in(arg))), None)


def _merge_typos(errors: list[Any]) -> list[Any]:
    """An unknown key that looks like a missing one is a typo: say that once
    ("did you mean 'summary'?") instead of reporting two problems."""
    missing = {tuple(e["loc"]): e for e in errors if e["type"] == "missing"}
    merged, used = [], set()
    for err in errors:
        loc = tuple(err["loc"])
        if err["type"] == "extra_forbidden" and loc and isinstance(loc[-1], str):
            siblings = [m[-1] for m in missing if m[:-1] == loc[:-1] and m not in used and isinstance(m[-1], str)]
            match = difflib.get_close_matches(loc[-1], siblings, n=1, cutoff=0.75)
            if match:
                used.add((*loc[:-1], match[0]))
                merged.append(
                    {
                        **err,
                        "type": "typo",
                        "msg": _typo(match[0]),
                    }
                )
                continue
        merged.append(err)
    return [e for e in merged if not (e["type"] == "missing" and tuple(e["loc"]) in used)]


def _problem(err: Any, lines: LineMap, rel: str) -> Problem:
    loc = tuple(err["loc"])
    expected = _EXPECTED.get(err["type"])
    if err["type"] in ("typo", "unknown"):
        expected = err["msg"]
    elif err["type"] in ("value_error", "assertion_error"):
        expected = str(err["ctx"].get("error", err["msg"]))
    elif err["type"] == "literal_error":
        expected = f"{expected}; chọn một trong (choose one of): {err['ctx']['expected']}"
    elif expected is None:
        expected = err["msg"]
    got = err.get("input")
    shown = err["type"] not in ("missing", "extra_forbidden", "unknown")  # the value of an unknown key says nothing
    if shown and not isinstance(got, (dict, list)) and got is not None:
        expected += f"; nhận được (got) {got!r}"
    return Problem(rel, expected, lines.line_of(loc), dotted(loc) or None)
