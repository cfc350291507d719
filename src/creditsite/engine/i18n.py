"""The one place that reads mkdocs-static-i18n's state.

static-i18n 1.3 builds the default language, then, inside that build's
`on_post_build`, every other language on the same config object. It keeps
which language is being built, and whether such a nested build is running,
on its plugin object (`current_language`, `building`). These are not a
documented API: if a release renames them, this function is what changes.
See ../shared/research/mkdocs-stack.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from creditsite import DEFAULT_LANGUAGE


@dataclass(frozen=True)
class I18nState:
    language: str  # the language this pass builds
    nested: bool  # a pass static-i18n runs inside the default language's build


def i18n_state(config: Any) -> I18nState:
    """What static-i18n is doing now; the default language when it is absent."""
    plugin = config.plugins.get("i18n")
    language = getattr(plugin, "current_language", None) or DEFAULT_LANGUAGE
    return I18nState(language=language, nested=bool(getattr(plugin, "building", False)))
