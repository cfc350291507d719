"""The bodies responsible for the plan's tasks. Tasks refer to them by id."""

from __future__ import annotations

from pydantic import field_validator

from .base import LocalText, Slug, Strict, unique_ids


class Unit(Strict):
    id: Slug
    name: LocalText
    short: LocalText | None = None
    description: LocalText | None = None
    members: list[LocalText] = []

    def label(self, lang: str) -> str:
        return (self.short or self.name).get(lang)


class Units(Strict):
    units: list[Unit]

    @field_validator("units")
    @classmethod
    def _unique(cls, units: list[Unit]) -> list[Unit]:
        return unique_ids(units, "units")

    def by_id(self) -> dict[str, Unit]:
        return {unit.id: unit for unit in self.units}
