"""Make phone photos fit to publish: right way up, at most 1200 px on the
longest side, and with every EXIF field (GPS location included) removed."""

from __future__ import annotations

import io
from functools import lru_cache

from PIL import Image, ImageOps

MAX_SIDE = 1200
TYPES = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WEBP"}


@lru_cache(maxsize=256)  # static-i18n stages once per language; do the work once
def publishable(raw: bytes, suffix: str) -> bytes:
    """The published copy of an image: oriented, resized, metadata-free."""
    with Image.open(io.BytesIO(raw)) as image:
        image = ImageOps.exif_transpose(image)  # keep the picture upright once EXIF is gone
        image.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
        kind = TYPES[suffix.lower()]
        if kind == "JPEG" and image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        out = io.BytesIO()
        options = {"JPEG": {"quality": 82, "optimize": True, "progressive": True}, "PNG": {"optimize": True}, "WEBP": {"quality": 80}}
        image.save(out, kind, **options[kind])  # no exif= argument: nothing is carried over
        return out.getvalue()


def size(raw: bytes) -> tuple[int, int]:
    with Image.open(io.BytesIO(raw)) as image:
        return image.size
