"""MkDocs adapter for the `creditsite` package. It only adapts.

- on_config: validate plan_data/, stage docs/ + generated pages into
  .build/docs/ (real files, so static-i18n treats them like hand-written
  pages) and point MkDocs at it; take site name, URL and menu from the data.
- on_env: the theme's templates escape every value they print (data and
  front matter are plain text); `cs_t(key, lang)`, the interface words of
  strings.yml, for templates.
- on_page_content: only allow-listed HTML reaches a page (sanitize.py); the
  page's title and TOC titles become plain text.
- on_post_page: a Content-Security-Policy meta tag (csp.py).
- on_post_template: keep the Vietnamese 404 page.
- on_page_context: link-preview facts for each page (Open Graph, Twitter);
  the sanitised content is the one value templates print as HTML; the
  search index's titles are all HTML.
- on_post_build: write the open data and the leaflet PDFs once, on the
  default-language build;
  draw each language's preview cards; fold the merged search index once,
  after static-i18n has written it.

static-i18n runs every event once per language on the same config object
(the other languages inside the default one's on_post_build), so each
handler is idempotent, and staging runs once per build.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority

import creditsite
from creditsite import DEFAULT_LANGUAGE
from creditsite import build as pipeline
from creditsite.engine import csp, preview, sanitize, search
from creditsite.engine.i18n import i18n_state
from creditsite.engine.nav import navigation
from creditsite.errors import DataError
from creditsite.model.site import SiteData
from creditsite.render.context import print_labels
from creditsite.render.strings import t

log = logging.getLogger("mkdocs.hooks.creditsite")
# Advice for officers goes to a logger outside "mkdocs", so it shows without
# failing a strict build (samples and missing alt text are not errors).
advice = logging.getLogger("creditsite")
if not advice.handlers:
    advice.addHandler(logging.StreamHandler())
    advice.propagate = False


@dataclass
class BuildState:
    """What one build keeps between events. It lives as long as the module
    (across static-i18n's per-language passes and `mkdocs serve` reloads),
    and each `on_config` of an outermost build starts it afresh."""

    data: SiteData | None = None
    paths: list[str] = field(default_factory=list)  # every file of the staged docs tree
    docs_source: Path | None = None  # docs/ as mkdocs.yml names it, before we point MkDocs at the staged tree
    cards: dict[str, dict[str, preview.Card]] = field(default_factory=dict)  # language → kind of page → card

    def site(self) -> SiteData:
        if self.data is None:  # MkDocs runs on_config before any other event
            raise PluginError("creditsite: the data was not loaded (on_config did not run)")
        return self.data


_state = BuildState()


def _language(config: MkDocsConfig) -> str:
    return i18n_state(config).language


@event_priority(0)
def _stage(config: MkDocsConfig) -> MkDocsConfig:
    if i18n_state(config).nested and _state.data is not None:
        return config  # static-i18n's nested build of another language: staged already
    root = Path(config.config_file_path).parent
    staged = root / pipeline.STAGING_DIR
    if Path(config.docs_dir).resolve() != staged.resolve():
        _state.docs_source = Path(config.docs_dir)
    production = os.environ.get("CREDITSITE_PRODUCTION", "") not in ("", "0")
    try:
        prepared = pipeline.prepare(root, staged, _state.docs_source, production, config.use_directory_urls)
    except DataError as exc:
        raise PluginError(exc.report()) from None
    if prepared.result.changed:
        log.info("creditsite: staged %d changed file(s) in %s", prepared.result.changed, staged)
    if prepared.warnings:
        advice.warning("CẢNH BÁO (warnings):\n" + "\n".join(f"  - {w}" for w in prepared.warnings))
    _state.data, _state.paths, _state.cards = prepared.data, prepared.result.paths, {}
    config.docs_dir = str(staged)
    package = str(Path(creditsite.__file__).parent)
    if package not in config.watch:  # `mkdocs serve` reloads when the generator changes
        config.watch.append(package)
    config.site_url = prepared.data.commune.site.url
    return config


@event_priority(-110)  # after static-i18n (-100) has chosen this build's language
def _name_site(config: MkDocsConfig) -> MkDocsConfig:
    data = _state.site()
    lang = _language(config)
    config.site_name = data.commune.site.name.get(lang)
    config.site_description = data.commune.site.description.get(lang)
    config.nav = navigation(data, lang, _state.paths)
    config.extra["creditsite"] = print_labels(lang)  # the print footer in overrides/main.html
    return config


on_config = CombinedEvent(_stage, _name_site)


def on_env(env, config: MkDocsConfig, files):
    # MkDocs' environment does not escape and Material prints titles and
    # descriptions raw; with autoescape only Markup (the sanitised content,
    # macros, `tojson`, MkDocs' `script_tag`) is printed as HTML.
    env.autoescape = True
    env.globals["cs_t"] = lambda key, lang=None: t(key, lang or _language(config))
    return env


def on_page_content(html: str, page, **_: object) -> str:
    """Only allow-listed HTML is published (content comes from officers)."""
    sanitize.plain_titles(page)
    return sanitize.clean(html)


def on_post_page(output: str, page, config: MkDocsConfig) -> str:
    """Add the Content-Security-Policy, except in the offline copy, whose
    file:// pages Material serves through a frame (see mkdocs.offline.yml)."""
    offline = any(name.endswith("offline") for name in config.plugins)
    return output if offline else csp.with_policy(output)


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    """Keep the Vietnamese 404 page: static-i18n's later English build would
    overwrite the one file every static host serves (empty output is skipped)."""
    if template_name == "404.html" and _language(config) != DEFAULT_LANGUAGE:
        return ""
    return on_post_page(output, None, config) if template_name == "404.html" else output


@event_priority(-100)  # after every plugin that edits page.content (Material's search does, at 0)
def _trust_content(context, page, config: MkDocsConfig, nav):
    """The content passed the allow-list in on_page_content: the autoescaping
    theme prints it as HTML."""
    page.content = Markup(page.content)
    return context


def _preview(context, page, config: MkDocsConfig, nav):
    """Preview facts for the page's <head> (the choice of card is the core's)."""
    lang = _language(config)
    cards = _state.cards.setdefault(lang, {})
    context["cs_preview"] = preview.choose(cards, _state.site(), lang, page.url, page.title)
    return context


@event_priority(-100)  # after Material's search (0) has indexed the page
def _escape_index_title(context, page, config: MkDocsConfig, nav):
    index = getattr(config.plugins.get("material/search"), "search_index", None)
    if index is not None:
        search.escape_untitled(index.entries, page.url, str(page.meta.get("title", page.title)))
    return context


on_page_context = CombinedEvent(_preview, _trust_content, _escape_index_title)


@event_priority(0)
def _finish(config: MkDocsConfig) -> None:
    if _language(config) == DEFAULT_LANGUAGE:
        try:
            pipeline.finish(_state.site(), Path(config.site_dir))
        except DataError as exc:
            raise PluginError(exc.report()) from None


@event_priority(-50)  # every language's build, nested or not
def _draw_cards(config: MkDocsConfig) -> None:
    cache = pipeline.cache_dir(Path(config.config_file_path).parent) / "preview"
    preview.write_cards(_state.cards.get(_language(config), {}), _language(config), Path(config.site_dir), cache)


@event_priority(-200)  # after static-i18n (-100) merged the languages' index
def _fold_search(config: MkDocsConfig) -> None:
    if not i18n_state(config).nested:
        search.fold_site_index(Path(config.site_dir))


on_post_build = CombinedEvent(_finish, _draw_cards, _fold_search)
