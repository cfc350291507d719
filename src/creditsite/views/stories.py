"""Ways to browse the stories: by village, by programme and by year."""

from __future__ import annotations

from dataclasses import dataclass

from creditsite.model.site import SiteData
from creditsite.model.stories import StoryEntry
from creditsite.routes import STORY_FACETS

Key = str | int


@dataclass(frozen=True)
class Facet:
    kind: str  # one of STORY_FACETS: thon, chuong-trinh, nam
    key: Key  # a village id, a programme id or a year
    stories: list[StoryEntry]  # newest first, as in SiteData


def keys(story: StoryEntry, kind: str) -> list[Key]:
    m = story.meta
    if kind == "thon":
        return [m.village]
    return list(m.programs) if kind == "chuong-trinh" else [m.year]


def facets(data: SiteData) -> dict[str, list[Facet]]:
    """For each way of browsing, the keys that have stories: years newest
    first, villages and programmes by id."""
    out: dict[str, list[Facet]] = {}
    for kind in STORY_FACETS:
        found = sorted(
            {key for story in data.stories for key in keys(story, kind)}, key=lambda k: -k if isinstance(k, int) else 0
        )
        if kind != "nam":
            found = sorted(found, key=str)
        out[kind] = [Facet(kind, key, [s for s in data.stories if key in keys(s, kind)]) for key in found]
    return out
