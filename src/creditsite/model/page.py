"""Front matter of a hand-written page in docs/ (stories have their own, see stories.py).

Only the settings the theme knows are allowed, so a typo (`titel:`) is an
error, not a setting silently ignored. Titles and descriptions are plain
text: the theme escapes them wherever it prints them.
"""

from __future__ import annotations

from typing import Literal

from pydantic import StrictBool

from creditsite.model.base import NonEmpty, Number, Strict

# What Material may hide on one page: the menu, the table of contents, the footer…
Hidden = Literal["navigation", "toc", "footer", "feedback", "path"]


class PageSearch(Strict):
    exclude: StrictBool = False
    boost: Number | None = None


class PageMeta(Strict):
    title: NonEmpty | None = None
    description: NonEmpty | None = None
    template: NonEmpty | None = None  # a template of overrides/ or the theme (load/pagemeta.py checks it)
    hide: list[Hidden] = []
    search: PageSearch | None = None
