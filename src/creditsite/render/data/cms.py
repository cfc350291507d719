"""The web editor's configuration, generated from the same pydantic models
that validate content, so the editor and the validator cannot drift apart.

Officers edit stories (with photos) and the fund's yearly ledger in Sveltia
CMS; every save becomes a Git commit that CI builds.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from typing import Any, Literal

from pydantic import BaseModel

from creditsite.model.base import LocalText
from creditsite.model.fund import LedgerYear
from creditsite.model.site import SiteData
from creditsite.model.stories import STORIES_DIR, Story, StoryTranslation

VENDOR_JS = "../assets/vendor/sveltia-cms/sveltia-cms.js"
LONG_TEXT = {"summary", "before", "after", "what"}
LABELS = {  # Vietnamese labels: the editor is for officers
    "title": "Tiêu đề",
    "summary": "Tóm tắt (một câu)",
    "village": "Thôn",
    "programs": "Chương trình vay",
    "loan_amount_vnd": "Số tiền vay (đồng)",
    "year": "Năm",
    "before": "Trước khi vay",
    "after": "Sau khi vay",
    "consent": "Sự đồng ý của gia đình",
    "given": "Gia đình đã đồng ý đăng",
    "date": "Ngày",
    "recorded_by": "Người ghi nhận (chức vụ)",
    "photos": "Ảnh",
    "file": "Tệp ảnh",
    "alt": "Mô tả ảnh (tiếng Việt)",
    "alt_en": "Mô tả ảnh (tiếng Anh)",
    "caption": "Chú thích",
    "sample": "Nội dung mẫu",
    "body": "Câu chuyện",
    "opening_balance_vnd": "Số dư đầu năm (đồng)",
    "receipts": "Các khoản thu",
    "spending": "Các khoản chi",
    "donor": "Người ủng hộ",
    "purpose": "Nội dung chi",
    "amount_vnd": "Số tiền (đồng)",
    "category": "Nhóm",
    "reference": "Số chứng từ",
    "vi": "Tiếng Việt",
    "en": "Tiếng Anh",
}


def config(data: SiteData) -> dict[str, Any]:
    settings = data.cms
    backend: dict[str, Any] = {"name": settings.backend, "repo": settings.repo, "branch": settings.branch}
    if settings.base_url:
        backend["base_url"] = settings.base_url
    choices = {
        "village": [(v.id, v.name) for v in data.commune.villages],
        "programs": [(p.id, p.name.vi) for p in data.programs.values()],
        "receipts.category": [(c.id, c.name.vi) for c in data.fund.receipt_categories],
        "spending.category": [(c.id, c.name.vi) for c in data.fund.spending_categories],
    }
    translated = set(StoryTranslation.model_fields)
    story_fields = fields(Story, choices, translated=translated)
    story_fields.append({"name": "body", "label": LABELS["body"], "widget": "markdown", "i18n": True})
    return {
        "backend": backend,
        # File names of new stories (and their photos) from the title, ASCII only, as the build requires
        # (model/base.py Slug): accents are removed first (Sveltia knows Vietnamese letters, đ → d).
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-", "lowercase": True},
        "media_folder": STORIES_DIR,
        "public_folder": "",
        "i18n": {
            "structure": "multiple_files",
            "locales": ["vi", "en"],
            "default_locale": "vi",
            "omit_default_locale_from_filename": True,
        },
        "collections": [
            {
                "name": "stories",
                "label": "Gương điển hình",
                "label_singular": "Câu chuyện",
                "folder": STORIES_DIR,
                "extension": "md",
                "format": "frontmatter",
                "create": True,
                "slug": "{{slug}}",
                "identifier_field": "title",
                "i18n": True,
                "fields": story_fields,
            },
            {
                "name": "fund-ledger",
                "label": "Sổ thu chi Quỹ \"Vì người nghèo\"",
                "label_singular": "Sổ quỹ một năm",
                "folder": "plan_data/fund",
                "extension": "yml",
                "format": "yaml",
                "create": True,
                "slug": "{{year}}",
                "identifier_field": "year",
                "fields": fields(LedgerYear, choices),
            },
        ],
    }


def fields(
    model: type[BaseModel],
    choices: dict[str, list[tuple[str, str]]],
    prefix: str = "",
    translated: set[str] | None = None,
) -> list[dict[str, Any]]:
    out = []
    for name, info in model.model_fields.items():
        field = widget(name, info.annotation, choices, f"{prefix}{name}")
        field.update({"name": name, "label": LABELS.get(name, name), "required": info.is_required()})
        if not info.is_required() and info.default not in (None, [], {}):
            field["default"] = info.default
        if translated is not None:
            field["i18n"] = name in translated
        out.append(field)
    return out


def widget(name: str, annotation: Any, choices: dict[str, list[tuple[str, str]]], path: str) -> dict[str, Any]:
    """The editor widget for one annotated field."""
    annotation = _strip_optional(annotation)
    origin = typing.get_origin(annotation)
    if path in choices or name in choices:
        options = [{"value": v, "label": f"{label} ({v})"} for v, label in choices.get(path) or choices[name]]
        return {"widget": "select", "options": options, "multiple": origin is list}
    if origin is Literal:
        return {"widget": "boolean", "default": True}
    if origin is list:
        (item,) = typing.get_args(annotation)
        if isinstance(item, type) and issubclass(item, BaseModel):
            return {"widget": "list", "fields": fields(item, choices, f"{path}.")}
        return {"widget": "list"}
    if annotation is LocalText:
        return {
            "widget": "object",
            "fields": [
                {"name": "vi", "label": LABELS["vi"], "widget": "string"},
                {"name": "en", "label": LABELS["en"], "widget": "string", "required": False},
            ],
        }
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return {"widget": "object", "fields": fields(annotation, choices, f"{path}.")}
    if annotation is bool:
        return {"widget": "boolean"}
    if annotation is int:
        return {"widget": "number", "value_type": "int"}
    if annotation is dt.date:
        return {"widget": "datetime", "time_format": False, "format": "YYYY-MM-DD", "date_format": "DD/MM/YYYY"}
    if name == "file":
        return {"widget": "image"}
    return {"widget": "text" if name in LONG_TEXT else "string"}


def _strip_optional(annotation: Any) -> Any:
    """`X | None` → X; `Annotated[X, ...]` → X."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = args[0]
        else:
            return annotation


def admin_page() -> str:
    return f"""<!doctype html>
<html lang="vi">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="robots" content="noindex">
  <title>Soạn nội dung</title>
  <link href="config.yml" type="application/yaml" rel="cms-config-url">
</head>
<body>
  <script src="{VENDOR_JS}"></script>
</body>
</html>
"""
