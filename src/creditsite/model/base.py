"""Building blocks shared by all models."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, StringConstraints

# ASCII ids: they become URLs and anchors, so no diacritics and no spaces.
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


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
