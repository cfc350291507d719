"""Building blocks shared by all models."""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
)
from pydantic import Strict as StrictType
from pydantic_core import PydanticCustomError

# ASCII ids: they become URLs and anchors, so no diacritics and no spaces.
SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]
NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


def slug_for(text: str) -> str:
    """The slug a name should have: `Nuôi Bò_Đăk Glei` → `nuoi-bo-dak-glei`.
    `đ` has no decomposed form in Unicode, so it is mapped by hand."""
    decomposed = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
    return "-".join(re.findall(r"[a-z0-9]+", bare))

# Numbers are strict: no text, no true/false, and no float where a whole number
# belongs. Vietnamese write a dot between thousands, so YAML reads `30.000` as
# 30.0 and `30,000` as text; yamlfile.py keeps `30.000` as the text it is, and
# these types refuse every such value with a hint instead of publishing "30 đồng".
MONEY_HINT = (
    "số tiền là số nguyên viết liền, ví dụ 30000000, không dùng dấu chấm hay dấu phẩy "
    "(write 30000000 without separators)"
)
WHOLE_HINT = (
    "cần một số nguyên viết liền, ví dụ 2025 hoặc 15, không dùng dấu chấm, dấu phẩy hay dấu nháy "
    "(expected a whole number like 2025, without separators or quotes)"
)
NUMBER_HINT = (
    "cần một số, dùng dấu chấm cho phần thập phân, ví dụ 6.6 hoặc 1250.5; không dùng dấu phẩy, dấu nháy "
    "hay dấu chấm giữa hàng nghìn; số như 1.250 dễ nhầm với một nghìn hai trăm năm mươi: viết 1250, hoặc 1.25 "
    "(expected a number with a decimal point and no thousands separators, e.g. 6.6 or 1250.5; "
    "1.250 is ambiguous: write 1250 or 1.25)"
)
MILLION_HINT = (
    "số tiền tính bằng triệu đồng, viết liền, dấu chấm chỉ dùng cho phần thập phân: 60000 hoặc 1250.5, "
    "không viết 60.000 hay 1.250,5; nếu đúng là 45 triệu 678 nghìn đồng, viết 45.6780 "
    "(millions of đồng without thousands separators: write 60000 or 1250.5; 60.000 is ambiguous)"
)


def _refuse(kind: str, hint: str, allowed: tuple[type, ...]) -> BeforeValidator:
    def check(value: object) -> object:
        if type(value) not in allowed:  # `type`, not isinstance: bool is an int to Python
            raise PydanticCustomError(kind, hint)
        return value

    return BeforeValidator(check)


# An amount in đồng: `Annotated[Money, Field(gt=0)]`.
Money = Annotated[int, StrictType(), _refuse("money_type", MONEY_HINT, (int,))]
# A year, month, day, count or order.
WholeNumber = Annotated[int, StrictType(), _refuse("whole_number_type", WHOLE_HINT, (int,))]
# A rate or a percentage: decimals allowed, text refused.
Number = Annotated[float, StrictType(), _refuse("number_type", NUMBER_HINT, (int, float))]
# An amount in millions of đồng, as VBSP reports give them.
MillionVnd = Annotated[float, StrictType(), _refuse("money_type", MILLION_HINT, (int, float))]
Year = Annotated[WholeNumber, Field(ge=2000, le=2100)]


def _unique_ids(items: list) -> list:
    """Refuse two records with one id: links and pages would collide."""
    seen: set[str] = set()
    for item in items:
        if item.id in seen:
            raise ValueError(f"mã '{item.id}' bị trùng (duplicate id)")
        seen.add(item.id)
    return items


# Use as `Annotated[list[Record], Unique]` for any list of records with ids.
Unique = AfterValidator(_unique_ids)


class Strict(BaseModel):
    """A model that refuses unknown keys, so a typo never vanishes silently."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class LocalText(Strict):
    """A text in Vietnamese, with its English translation when there is one."""

    vi: NonEmpty
    en: NonEmpty | None = None

    def get(self, lang: str) -> str:
        """The text in `lang`, or the Vietnamese text when it is not translated."""
        return (self.en if lang == "en" else None) or self.vi

    def translated(self, lang: str) -> bool:
        return lang == "vi" or self.en is not None


class Source(Strict):
    """Where a fact comes from."""

    title: NonEmpty
    url: NonEmpty | None = None
