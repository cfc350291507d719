"""The bodies responsible for the plan's tasks. Tasks refer to them by id."""

from __future__ import annotations

from typing import Annotated

from creditsite.model.base import LocalText, Slug, Strict, Unique


class Unit(Strict):
    id: Slug
    name: LocalText
    short: LocalText | None = None
    description: LocalText | None = None
    members: list[LocalText] = []

    def label(self, lang: str) -> str:
        return (self.short or self.name).get(lang)


class Units(Strict):
    units: Annotated[list[Unit], Unique]


    def by_id(self) -> dict[str, Unit]:
        return {unit.id: unit for unit in self.units}
