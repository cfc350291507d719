"""Building blocks shared by all models."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints

# ASCII ids: they become URLs and anchors, so no diacritics and no spaces.
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


def unique_ids(items: list, what: str) -> list:
    """Refuse two records with one id: links and pages would collide."""
    seen: set[str] = set()
    for item in items:
        if item.id in seen:
            raise ValueError(f"mã '{item.id}' bị trùng trong {what} (duplicate id)")
        seen.add(item.id)
    return items


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
