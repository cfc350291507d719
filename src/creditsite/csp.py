"""A Content-Security-Policy for every built page, as a <meta> tag.

Pages may run only the site's own script files and the inline scripts that
the theme itself writes, each allowed by its exact SHA-256 hash; nothing may
load from another host. The same policy can be sent as an HTTP header (README,
"Security headers"), which also allows `frame-ancestors`.
"""

from __future__ import annotations

import base64
import hashlib
import re

_INLINE = re.compile(r"<script(?![^>]*\bsrc=)(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S | re.I)
_DATA_TYPES = ("application/json", "application/ld+json")

BASE = {
    "default-src": ["'self'"],
    "img-src": ["'self'", "data:"],  # the theme's icons are data: SVGs in its CSS
    "style-src": ["'self'", "'unsafe-inline'"],  # column alignment in tables; sanitize.py limits style attributes
    "font-src": ["'self'"],
    "connect-src": ["'self'"],  # the search index
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
}


def script_hashes(html: str) -> list[str]:
    """'sha256-…' sources for each inline script that a browser would run."""
    hashes = []
    for match in _INLINE.finditer(html):
        if any(kind in match.group("attrs") for kind in _DATA_TYPES):
            continue
        digest = hashlib.sha256(match.group("body").encode("utf-8")).digest()
        hashes.append(f"'sha256-{base64.b64encode(digest).decode()}'")
    return sorted(set(hashes))


def policy(html: str) -> str:
    directives = {**BASE, "script-src": ["'self'", *script_hashes(html)]}
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives.items())


def with_policy(html: str) -> str:
    """The page with its policy as the first element of <head>."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(html)}">'
    return re.sub(r"<head>", "<head>\n" + meta, html, count=1, flags=re.I)
