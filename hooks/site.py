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
from pathlib import Path

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority

import creditsite
from creditsite import DEFAULT_LANGUAGE, LANGUAGES
from creditsite import build as pipeline
from creditsite.engine import csp, preview, sanitize, search
from creditsite.engine.nav import navigation
from creditsite.errors import DataError
from creditsite.render.context import print_labels
from creditsite.render.strings import t

log = logging.getLogger("mkdocs.hooks.creditsite")
# Advice for officers goes to a logger outside "mkdocs", so it shows without
# failing a strict build (samples and missing alt text are not errors).
advice = logging.getLogger("creditsite")
if not advice.handlers:
    advice.addHandler(logging.StreamHandler())
    advice.propagate = False
_build: dict[str, object] = {}  # module state survives language rebuilds and serve reloads
_cards: dict[str, dict[str, preview.Card]] = {}  # language → kind of page → its preview card


def _language(config: MkDocsConfig) -> str:
    i18n = config.plugins.get("i18n")
    return getattr(i18n, "current_language", None) or DEFAULT_LANGUAGE


@event_priority(0)
def _stage(config: MkDocsConfig) -> MkDocsConfig:
    if not _outermost(config) and "data" in _build:
        return config  # static-i18n's nested build of another language: staged already
    root = Path(config.config_file_path).parent
    staged = root / pipeline.STAGING_DIR
    if Path(config.docs_dir).resolve() != staged.resolve():
        _build["docs_source"] = Path(config.docs_dir)
    production = os.environ.get("CREDITSITE_PRODUCTION", "") not in ("", "0")
    try:
        prepared = pipeline.prepare(root, staged, _build["docs_source"], production, config.use_directory_urls)  # type: ignore[arg-type]
    except DataError as exc:
        raise PluginError(exc.report()) from None
    if prepared.result.changed:
        log.info("creditsite: staged %d changed file(s) in %s", prepared.result.changed, staged)
    if prepared.warnings:
        advice.warning("CẢNH BÁO (warnings):\n" + "\n".join(f"  - {w}" for w in prepared.warnings))
    _build["data"] = prepared.data
    _build["paths"] = prepared.result.paths
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


def on_env(env, config: MkDocsConfig, files):  # type: ignore[no-untyped-def]
    # MkDocs' environment does not escape and Material prints titles and
    # descriptions raw; with autoescape only Markup (the sanitised content,
    # macros, `tojson`, MkDocs' `script_tag`) is printed as HTML.
    env.autoescape = True
    env.globals["cs_t"] = lambda key, lang=None: t(key, lang or _language(config))
    return env


def on_page_content(html: str, page, **_: object) -> str:  # type: ignore[no-untyped-def]
    """Only allow-listed HTML is published (content comes from officers)."""
    sanitize.plain_titles(page)
    return sanitize.clean(html)


def on_post_page(output: str, page, config: MkDocsConfig) -> str:  # type: ignore[no-untyped-def]
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
def _trust_content(context, page, config: MkDocsConfig, nav):  # type: ignore[no-untyped-def]
    """The content passed the allow-list in on_page_content: the autoescaping
    theme prints it as HTML."""
    page.content = Markup(page.content)
    return context


def _preview(context, page, config: MkDocsConfig, nav):  # type: ignore[no-untyped-def]
    """Preview facts for the page's <head>; remember its kind's card."""
    data = _build["data"]
    lang = _language(config)
    site_url = data.commune.site.url  # type: ignore[attr-defined]
    site_name = data.commune.site.name.get(lang)  # type: ignore[attr-defined]
    kind = preview.page_kind(page.url, lang)
    cards = _cards.setdefault(lang, {})
    if kind == preview.HOME:
        place = f"{data.commune.name.get(lang)}, {data.commune.province.get(lang)}"  # type: ignore[attr-defined]
        cards[kind] = preview.Card(place, site_name, preview.host(site_url))
    elif page.url.removeprefix(f"{lang}/") in (f"{kind}/", f"{kind}/index.html") or kind not in cards:
        cards[kind] = preview.Card(site_name, page.title, preview.host(site_url))
    context["cs_preview"] = {
        "image": site_url + preview.card_path(lang, kind),
        "alt": site_name,
        "locale": preview.locale(lang),
        "alternates": [preview.locale(other) for other in LANGUAGES if other != lang],
    }
    return context


@event_priority(-100)  # after Material's search (0) has indexed the page
def _escape_index_title(context, page, config: MkDocsConfig, nav):  # type: ignore[no-untyped-def]
    index = getattr(config.plugins.get("material/search"), "search_index", None)
    if index is not None:
        search.escape_untitled(index.entries, page.url, str(page.meta.get("title", page.title)))
    return context


on_page_context = CombinedEvent(_preview, _trust_content, _escape_index_title)


def _outermost(config: MkDocsConfig) -> bool:
    """True in the build that static-i18n does not nest (it builds the other
    languages inside the default one's on_post_build, with `building` set)."""
    i18n = config.plugins.get("i18n")
    return not getattr(i18n, "building", False)


@event_priority(0)
def _finish(config: MkDocsConfig) -> None:
    if _language(config) == DEFAULT_LANGUAGE:
        try:
            pipeline.finish(_build["data"], Path(config.site_dir))  # type: ignore[arg-type]
        except DataError as exc:
            raise PluginError(exc.report()) from None


@event_priority(-50)  # every language's build, nested or not
def _draw_cards(config: MkDocsConfig) -> None:
    cache = Path(config.config_file_path).parent / ".build/cache/preview"
    preview.write_cards(_cards.get(_language(config), {}), _language(config), Path(config.site_dir), cache)


@event_priority(-200)  # after static-i18n (-100) merged the languages' index
def _fold_search(config: MkDocsConfig) -> None:
    if _outermost(config):
        search.fold_site_index(Path(config.site_dir))


on_post_build = CombinedEvent(_finish, _draw_cards, _fold_search)
