"""The plan (Kế hoạch): sections, numbered groups, lettered items, bullets.

The Vietnamese text is the signed text, word for word. Each group and item has
a stable anchor (e.g. `nhiem-vu-6-dd` for II.6.đ) that pages and leaflets link to.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import model_validator

from creditsite.model.base import LocalText, NonEmpty, Slug, Strict, Unique

Letter = Literal["a", "b", "c", "d", "đ", "e", "g", "h", "i", "k"]


def letter_slug(letter: str) -> str:
    """ASCII form of a Vietnamese list letter, as used in anchors: đ → dd."""
    return "dd" if letter == "đ" else letter


class Assigned(Strict):
    """Something the plan gives to units: who leads and who supports."""

    lead: list[Slug] = []
    support: list[Slug] = []


class Item(Assigned):
    letter: Letter
    text: LocalText
    bullets: list[LocalText] = []


class Group(Assigned):
    """A numbered part of a section, e.g. II.6. It has a title with lettered
    items under it, or (in section III) a numbered paragraph of text."""

    id: Slug
    number: NonEmpty
    title: LocalText | None = None
    intro: LocalText | None = None
    text: LocalText | None = None
    items: list[Item] = []

    @model_validator(mode="after")
    def _title_or_text(self) -> Group:
        if (self.title is None) == (self.text is None):
            raise ValueError("cần đúng một trong hai trường 'title' hoặc 'text' (expected either a title or a text)")
        return self


class Section(Strict):
    id: Slug
    number: NonEmpty
    title: LocalText
    groups: list[Group]
    closing: LocalText | None = None


class LegalBasis(Strict):
    id: Slug
    kind: LocalText
    number: NonEmpty
    date: dt.date
    issuer: LocalText
    summary: LocalText
    note: LocalText | None = None


@dataclass(frozen=True)
class Task:
    """A unit of work in the plan that units are responsible for."""

    anchor: str
    label: str  # e.g. "II.6.đ"
    section: Section
    group: Group
    item: Item | None

    @property
    def assigned(self) -> Assigned:
        return self.item or self.group

    @property
    def text(self) -> LocalText:
        return self.item.text if self.item else (self.group.text or self.group.title)  # type: ignore[return-value]


class Plan(Strict):
    id: Slug
    issuer: Slug
    number: NonEmpty | None = None
    date: dt.date | None = None
    unconfirmed_note: LocalText | None = None
    title: LocalText
    subtitle: LocalText
    legal_bases: Annotated[list[LegalBasis], Unique]
    assignment_note: LocalText | None = None
    preamble: LocalText
    sections: list[Section]

    @model_validator(mode="after")
    def _unique_anchors(self) -> Plan:
        anchors = self.anchors()
        dupes = sorted({a for a in anchors if anchors.count(a) > 1})
        if dupes:
            raise ValueError(f"mã neo bị trùng (duplicate anchors): {', '.join(dupes)}")
        return self

    def tasks(self) -> Iterator[Task]:
        """Every group and item that names responsible units, in plan order."""
        for section in self.sections:
            for group in section.groups:
                label = f"{section.number}.{group.number}"
                if group.lead or group.support:
                    yield Task(group.id, label, section, group, None)
                for item in group.items:
                    if item.lead or item.support:
                        yield Task(item_anchor(group, item), f"{label}.{item.letter}", section, group, item)

    def anchors(self) -> list[str]:
        """Every anchor the plan page carries, in order."""
        out: list[str] = []
        for section in self.sections:
            out.append(section.id)
            for group in section.groups:
                out.append(group.id)
                for item in group.items:
                    anchor = item_anchor(group, item)
                    out.append(anchor)
                    out.extend(f"{anchor}-{n}" for n in range(1, len(item.bullets) + 1))
        return out

    def signed_lines(self) -> list[str]:
        """The Vietnamese text, line by line as the signed plan lays it out, whitespace normalised."""
        out = [self.title.vi, self.subtitle.vi, self.preamble.vi]
        for section in self.sections:
            out.append(f"{section.number}. {section.title.vi}")
            for group in section.groups:
                out.append(f"{group.number}. {(group.title or group.text).vi}")  # type: ignore[union-attr]
                if group.intro:
                    out.append(group.intro.vi)
                for item in group.items:
                    out.append(f"{item.letter}) {item.text.vi}")
                    out += [f"- {b.vi}" for b in item.bullets]
            if section.closing:
                out.append(section.closing.vi)
        return [normalise(line) for line in out]


def normalise(text: str) -> str:
    """One space between words, none at the ends: how two copies of a text are compared."""
    return " ".join(text.split())


def item_anchor(group: Group, item: Item) -> str:
    return f"{group.id}-{letter_slug(item.letter)}"
