"""Settings for the web editor (Sveltia CMS) at /admin/."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from creditsite.model.base import NonEmpty, Strict


class CmsSettings(Strict):
    backend: Literal["github", "gitea"]
    repo: NonEmpty = Field(pattern=r"^[\w.-]+/[\w.-]+$")
    branch: NonEmpty = "main"
    base_url: NonEmpty | None = None
