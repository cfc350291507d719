"""Make phone photos fit to publish: right way up, at most 1200 px on the
longest side, and pixels only.

Phones and editors hide text in many places besides EXIF (GPS location, maker
notes): the JPEG comment, XMP, IPTC, ICC profile descriptions, PNG text chunks,
WebP metadata chunks. Rather than strip each kind we know of, the published
copy is a new image made from the pixels alone, so nothing else can follow.
Colours are first converted to sRGB, which browsers assume when no profile is
attached.
"""

from __future__ import annotations

import io
import struct
import warnings
from functools import lru_cache
from typing import Any

from PIL import ExifTags, Image, ImageCms, IptcImagePlugin, JpegImagePlugin, UnidentifiedImageError

MAX_SIDE = 1200
TYPES = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WEBP"}

# Pixel limits, by what the file really is. A baseline JPEG, as every phone
# camera writes, is decoded straight to 1/2, 1/4 or 1/8 of its size (draft
# mode), so a 200-megapixel phone photo (16320×12240) costs about 10 MB, not
# 600 MB: 250 MP leaves room above the largest phone cameras. Pillow's own
# limit (179 MP in Pillow 13) would refuse those, so ours replaces it for JPEG.
# Progressive JPEGs (keep every coefficient while decoding), PNG and WebP are
# decoded whole: 50 MP (about 200 MB) is far above any screenshot or export.
MAX_BASELINE_JPEG_PIXELS = 250_000_000
MAX_PIXELS = 50_000_000
_SRGB = ImageCms.createProfile("sRGB")
_OPTIONS: dict[str, dict[str, Any]] = {
    "JPEG": {"quality": 82, "optimize": True, "progressive": True},
    "PNG": {"optimize": True},
    "WEBP": {"quality": 80},
}


class PhotoError(ValueError):
    """A photo that cannot be published; the message says why and what to do."""


@lru_cache(maxsize=256)  # static-i18n stages once per language; do the work once
def publishable(raw: bytes, suffix: str) -> bytes:
    """The published copy of an image: oriented, resized, metadata-free.
    Raises PhotoError (a ValueError) for a photo too large to decode."""
    kind = TYPES[suffix.lower()]
    with _open(raw) as image:
        _check_size(image)
        if image.format == "JPEG":
            wide = image.width >= image.height  # only the longest side must stay ≥ MAX_SIDE
            image.draft(None, (MAX_SIDE, 1) if wide else (1, MAX_SIDE))
        profile, turn = image.info.get("icc_profile"), _turn(image)
        image = image.transpose(turn) if turn is not None else image  # keep it upright once EXIF is gone
        image.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
        image = _pixels_only(_to_srgb(image, profile), kind)
        out = io.BytesIO()
        image.save(out, kind, **_OPTIONS[kind])  # a fresh image: no exif, comment, xmp or profile to carry over
        return out.getvalue()


def size(raw: bytes) -> tuple[int, int]:
    with _open(raw) as image:
        return image.size


def _open(raw: bytes) -> Image.Image:
    """The image, opened lazily (pixels are decoded later, once `_check_size` agreed)."""
    with warnings.catch_warnings():  # "Corrupt EXIF data", a pixel count above Pillow's warning level: noise to
        warnings.simplefilter("ignore")  # an officer, since EXIF is dropped and _check_size applies our own limit
        if raw[:3] == b"\xff\xd8\xff":  # a JPEG: Image.open minus Pillow's pixel limit, which _check_size replaces
            try:
                return JpegImagePlugin.JpegImageFile(io.BytesIO(raw))
            except (SyntaxError, IndexError, TypeError, struct.error) as exc:  # what Image.open calls unreadable
                raise UnidentifiedImageError(f"cannot identify image file: {exc}") from None
        try:
            return Image.open(io.BytesIO(raw))
        except Image.DecompressionBombError:  # above Pillow's limit, so far above ours
            raise PhotoError(_too_large(f"hơn {2 * (Image.MAX_IMAGE_PIXELS or 0) / 1e6:.0f}")) from None


def _check_size(image: Image.Image) -> None:
    baseline = image.format == "JPEG" and not image.info.get("progressive")
    limit = MAX_BASELINE_JPEG_PIXELS if baseline else MAX_PIXELS
    pixels = image.width * image.height
    if pixels > limit:
        raise PhotoError(_too_large(f"{image.width}×{image.height}, {pixels / 1e6:.0f}"))


def _too_large(megapixels: str) -> str:
    jpeg, other = f"{MAX_BASELINE_JPEG_PIXELS / 1e6:.0f}", f"{MAX_PIXELS / 1e6:.0f}"
    return (
        f"ảnh quá lớn ({megapixels} triệu điểm ảnh; tối đa {jpeg} triệu với ảnh chụp JPEG, {other} triệu với "
        "ảnh khác): hãy thu nhỏ ảnh, ví dụ còn 4000 điểm ảnh ở cạnh dài, rồi lưu dạng JPEG "
        f"(photo too large: {megapixels.replace('hơn', 'over')} megapixels; the limit is {jpeg} for a camera JPEG, "
        f"{other} for other images; resize it, e.g. to 4000 pixels on the long side, and save it as JPEG)"
    )


# EXIF orientation → the transpose that puts the picture upright (as ImageOps.exif_transpose does).
_UPRIGHT = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}


def _turn(image: Image.Image) -> Image.Transpose | None:
    try:
        with warnings.catch_warnings():  # "Corrupt EXIF data" means nothing to an officer: the block is dropped
            warnings.simplefilter("ignore")
            orientation = image.getexif().get(0x0112)
    except Exception:  # a broken EXIF block (any error of the TIFF parser): it is dropped anyway, upright unknown
        return None
    return _UPRIGHT.get(orientation) if isinstance(orientation, int) else None


def _to_srgb(image: Image.Image, profile: bytes | None) -> Image.Image:
    """The image in sRGB, so that dropping its colour profile keeps its colours."""
    if not profile:
        return image
    try:
        mode = "RGBA" if image.mode in ("RGBA", "LA", "PA") else "RGB"
        converted = ImageCms.profileToProfile(
            image, ImageCms.ImageCmsProfile(io.BytesIO(profile)), _SRGB, outputMode=mode
        )
        return converted or image
    except (ImageCms.PyCMSError, OSError, ValueError):  # a broken or unusual profile: keep the pixels as they are
        return image


def _pixels_only(image: Image.Image, kind: str) -> Image.Image:
    """A new image holding only `image`'s pixels, in a mode `kind` can store."""
    gray = image.mode in ("1", "L", "LA", "I", "I;16", "F")
    alpha = kind != "JPEG" and image.has_transparency_data
    mode = ("LA" if alpha else "L") if gray else ("RGBA" if alpha else "RGB")
    if image.mode != mode:
        image = image.convert(mode)
    return Image.frombytes(mode, image.size, image.tobytes())  # info, palette and chunks stay behind


# Pillow's `info` keys that hold numbers, flags or binary blocks, not text someone typed.
_NOT_TEXT = {"exif", "icc_profile", "photoshop", "adobe", "adobe_transform", "progression", "progressive", "jfif",
             "jfif_version", "jfif_unit", "jfif_density", "dpi", "transparency", "gamma", "aspect", "interlace",
             "srgb", "chromaticity", "loop", "duration", "background", "mp", "mpoffset", "flashpix", "xres", "yres"}
_EXIF_IFD, _XP_TAGS, _USER_COMMENT = 0x8769, range(0x9C9B, 0x9CA0), 0x9286


def hidden_texts(raw: bytes) -> list[tuple[str, str]]:
    """(where, text) for each text a photo carries besides its pixels: JPEG
    comments, EXIF texts, XMP, IPTC, PNG and WebP text chunks. These are never
    published (see `publishable`); the personal-data guard reads them because
    an officer who typed a phone number into a photo may expect it to show."""
    try:
        image = _open(raw)
    except (PhotoError, UnidentifiedImageError, OSError, ValueError):
        return []  # an unreadable photo is refused by `publishable` with its own message
    with image:
        out = [("JPEG COM", _text(data)) for marker, data in getattr(image, "applist", []) if marker == "COM"]
        out += [(str(key), _text(value)) for key, value in image.info.items()
                if key not in _NOT_TEXT and key != "comment" and isinstance(value, (str, bytes))]
        out += _exif_texts(image) + _iptc_texts(image)
    return [(where, text) for where, text in out if text.strip()]


def _text(value: str | bytes) -> str:
    if isinstance(value, str):
        return value
    if value[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return value.decode("utf-16", errors="replace")
    return value.decode("utf-8", errors="replace").replace("<", "\n<").replace(">", ">\n")  # XMP: one value a line


def _exif_texts(image: Image.Image) -> list[tuple[str, str]]:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            exif = image.getexif()
            tags = {**dict(exif.items()), **dict(exif.get_ifd(_EXIF_IFD).items())}
    except Exception:  # a broken EXIF block: dropped on publishing, and nothing to read
        return []
    out = []
    for tag, value in tags.items():
        name = "EXIF " + ExifTags.TAGS.get(tag, hex(tag))
        if tag in _XP_TAGS and isinstance(value, (bytes, tuple)):  # Windows' Title, Comment…: UTF-16LE
            out.append((name, bytes(value).decode("utf-16-le", errors="replace")))
        elif tag == _USER_COMMENT and isinstance(value, bytes):  # 8 bytes naming the encoding, then the text
            out.append((name, value[8:].decode("utf-16" if value.startswith(b"UNICODE") else "utf-8", "replace")))
        elif isinstance(value, (str, bytes)):
            out.append((name, _text(value)))
    return out


def _iptc_texts(image: Image.Image) -> list[tuple[str, str]]:
    try:
        info = IptcImagePlugin.getiptcinfo(image) or {}  # type: ignore[arg-type]
    except Exception:  # a broken IPTC block is dropped on publishing
        return []
    out = []
    for key, value in info.items():
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, bytes):
                out.append((f"IPTC {key[0]}:{key[1]}", item.decode("utf-8", errors="replace")))
    return out
