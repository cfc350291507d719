"""A model household's story: Markdown with YAML front matter under
docs/guong-dien-hinh/. The facts live in the Vietnamese file; an English
file (`<slug>.en.md`) may translate the texts.

A story builds only with the family's recorded consent.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import Field, field_validator

from creditsite.model.base import LocalText, Money, NonEmpty, Slug, Strict, Year

PHOTO_TYPES = (".jpg", ".jpeg", ".png", ".webp")


class Consent(Strict):
    given: Literal[True] = Field(description="The family agreed to publication")
    date: dt.date
    recorded_by: NonEmpty

    @field_validator("given", mode="before")
    @classmethod
    def _must_be_given(cls, value: object) -> object:
        if value is not True:
            raise ValueError(
                "gia đình chưa đồng ý đăng câu chuyện: cần 'given: true' (no recorded consent: the story cannot be "
                "published)"
            )
        return value


class Photo(Strict):
    file: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*\.(jpg|jpeg|png|webp)$")]
    alt: NonEmpty | None = None
    alt_en: NonEmpty | None = None
    caption: LocalText | None = None


class Story(Strict):
    """Front matter of the Vietnamese story file."""

    title: NonEmpty
    summary: NonEmpty
    village: Slug
    programs: list[Slug] = Field(min_length=1)
    loan_amount_vnd: Annotated[Money, Field(gt=0, le=10_000_000_000)]
    year: Year
    before: NonEmpty
    after: NonEmpty
    consent: Consent
    photos: list[Photo] = []
    sample: bool = False


class StoryTranslation(Strict):
    """Front matter of the optional English file: texts only, no facts."""

    title: NonEmpty
    summary: NonEmpty
    before: NonEmpty
    after: NonEmpty


STORIES_DIR = "docs/guong-dien-hinh"
TODO = "VIẾT Ở ĐÂY"  # what `creditsite new-story` leaves to fill in; builds warn while a story holds it


@dataclass(frozen=True)
class StoryEntry:
    """A story: its slug, validated facts, body, and English text if any."""

    slug: str
    meta: Story
    body: str
    source: str  # docs-relative path, for messages
    en: StoryTranslation | None = None
    en_body: str | None = None
