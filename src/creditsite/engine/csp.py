"""A Content-Security-Policy for every built page, as a <meta> tag.

Pages may run only the site's own script files: no inline script and nothing
from another host. The policy is the same for every page and never depends on
what a page contains: a policy computed from the finished page would allow
whatever script had been slipped into it. Material's own inline scripts run
from a file of the site instead (overrides/partials/javascripts/,
assets/javascripts/theme-inline.js). The same policy can be sent as an HTTP
header (README, "Security headers"), which also allows `frame-ancestors`.
"""

from __future__ import annotations

import re

DIRECTIVES = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],  # script files of the site only, no inline script
    "img-src": ["'self'", "data:"],  # the theme's icons are data: SVGs in its CSS
    "style-src": ["'self'", "'unsafe-inline'"],  # column alignment in tables; sanitize.py limits style attributes
    "font-src": ["'self'"],
    "connect-src": ["'self'"],  # the search index
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
}
POLICY = "; ".join(f"{name} {' '.join(sources)}" for name, sources in DIRECTIVES.items())
_HEAD = re.compile(r"<head>", re.I)


def with_policy(html: str) -> str:
    """The page with the policy as the first element of <head>."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">'
    return _HEAD.sub(lambda _: "<head>\n" + meta, html, count=1)
