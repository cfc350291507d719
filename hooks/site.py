"""MkDocs adapter for the `creditsite` package. It only adapts.

- on_config: validate plan_data/, stage docs/ + generated pages into
  .build/docs/ (real files, so static-i18n treats them like hand-written
  pages) and point MkDocs at it; take site name, URL and menu from the data.
- on_post_build: write the open data and the leaflet PDFs once, on the
  default-language build.

static-i18n runs every event once per language on the same config object,
so each handler is idempotent and remembers the original docs folder.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority

import creditsite
from creditsite import DEFAULT_LANGUAGE, pipeline, sanitize
from creditsite.errors import DataError
from creditsite.nav import navigation
from creditsite.context import print_labels

log = logging.getLogger("mkdocs.hooks.creditsite")
# Advice for officers goes to a logger outside "mkdocs", so it shows without
# failing a strict build (samples and missing alt text are not errors).
advice = logging.getLogger("creditsite")
if not advice.handlers:
    advice.addHandler(logging.StreamHandler())
    advice.propagate = False
_build: dict[str, object] = {}  # module state survives language rebuilds and serve reloads


def _language(config: MkDocsConfig) -> str:
    i18n = config.plugins.get("i18n")
    return getattr(i18n, "current_language", None) or DEFAULT_LANGUAGE


@event_priority(0)
def _stage(config: MkDocsConfig) -> MkDocsConfig:
    root = Path(config.config_file_path).parent
    staged = root / pipeline.STAGING_DIR
    if Path(config.docs_dir).resolve() != staged.resolve():
        _build["docs_source"] = Path(config.docs_dir)
    try:
        production = os.environ.get("CREDITSITE_PRODUCTION", "") not in ("", "0")
        prepared = pipeline.prepare(root, staged, _build["docs_source"], production)  # type: ignore[arg-type]
    except DataError as exc:
        raise PluginError(exc.report()) from None
    if prepared.result.changed:
        log.info("creditsite: staged %d changed file(s) in %s", prepared.result.changed, staged)
    _build["data"] = prepared.data
    _build["paths"] = prepared.result.paths
    if prepared.warnings and _language(config) == DEFAULT_LANGUAGE:
        advice.warning("CẢNH BÁO (warnings):\n" + "\n".join(f"  - {w}" for w in prepared.warnings))
    config.docs_dir = str(staged)
    package = str(Path(creditsite.__file__).parent)
    if package not in config.watch:  # `mkdocs serve` reloads when the generator changes
        config.watch.append(package)
    config.site_url = prepared.data.commune.site.url
    return config


@event_priority(-110)  # after static-i18n (-100) has chosen this build's language
def _name_site(config: MkDocsConfig) -> MkDocsConfig:
    data = _build["data"]
    lang = _language(config)
    config.site_name = data.commune.site.name.get(lang)  # type: ignore[attr-defined]
    config.site_description = data.commune.site.description.get(lang)  # type: ignore[attr-defined]
    config.nav = navigation(data, lang, _build["paths"])  # type: ignore[arg-type]
    config.extra["creditsite"] = print_labels(lang)  # the print footer in overrides/main.html
    return config


on_config = CombinedEvent(_stage, _name_site)


def on_page_content(html: str, **_: object) -> str:
    """Only allow-listed HTML is published (content comes from officers)."""
    return sanitize.clean(html)


def on_post_build(config: MkDocsConfig) -> None:
    if _language(config) == DEFAULT_LANGUAGE:
        try:
            pipeline.finish(_build["data"], Path(config.site_dir))  # type: ignore[arg-type]
        except DataError as exc:
            raise PluginError(exc.report()) from None
