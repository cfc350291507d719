"""The one place templates are found and Jinja is set up.

Two flavours share the loader and the helpers: Markdown pages, where data is
escaped as Markdown by the `md` filter, and HTML (leaflets, the report),
which is autoescaped. Templates and their CSS live in `render/templates/`.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from typing import Literal

import jinja2

from creditsite.render.markdown import escape

Kind = Literal["markdown", "html"]


@cache
def environment(kind: Kind) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("creditsite.render", "templates"),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=kind == "markdown",
        autoescape=kind == "html",  # Markdown: the `md` filter escapes data
        extensions=["jinja2.ext.do"],
    )
    env.filters["md"] = escape
    env.filters["capfirst"] = lambda s: s[:1].upper() + s[1:]
    return env


def asset(name: str) -> str:
    """A stylesheet beside the templates, e.g. `leaflet.css`."""
    return files("creditsite.render").joinpath("templates", name).read_text(encoding="utf-8")
