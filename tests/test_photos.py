"""Published photos are pixels only, upright, and a phone's largest photos
either publish quickly or are refused with a message, never a traceback."""

import io
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from PIL import Image, ImageCms, ImageOps, PngImagePlugin

from creditsite.errors import DataError
from creditsite.load import photos
from creditsite.load.site import load_site_data

SECRET = b"SECRET-0912345678"  # what a phone or an editor might leave: a name, a phone number
XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    b'<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>' + SECRET + b"</dc:creator>"
    b"</rdf:Description></rdf:RDF></x:xmpmeta>"
)
SECRET_UTF16 = SECRET[:13].decode().encode("utf-16-be")  # as an ICC profile description holds it
SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def icc_with_text() -> bytes:
    """An sRGB profile whose description is a secret (13 UTF-16 characters, like the original)."""
    return SRGB.replace("sRGB built-in".encode("utf-16-be"), SECRET_UTF16)


def icc_red_is_green() -> bytes:
    """An RGB profile whose red primary is sRGB's green: only a real conversion turns red pixels green."""
    count = struct.unpack(">I", SRGB[128:132])[0]
    table = {SRGB[132 + 12 * i:136 + 12 * i]: 132 + 12 * i for i in range(count)}
    out = bytearray(SRGB)
    r, g = table[b"rXYZ"], table[b"gXYZ"]
    out[r + 4:r + 12], out[g + 4:g + 12] = SRGB[g + 4:g + 12], SRGB[r + 4:r + 12]
    return bytes(out)


def exif_with_gps() -> Image.Exif:
    exif = Image.Exif()
    exif[0x010F] = "SECRET-MAKE"  # camera make
    exif[0x013B] = SECRET.decode()  # artist
    exif.get_ifd(0x8825).update({1: "N", 2: (14.0, 41.0, 30.0), 3: "E", 4: (107.0, 44.0, 12.0)})  # GPS
    exif.get_ifd(0x8769)[0x927C] = SECRET  # maker note
    return exif


def photo() -> Image.Image:
    return Image.new("RGB", (1600, 1200), (200, 100, 50))


def saved(image: Image.Image, kind: str, **options: object) -> bytes:
    out = io.BytesIO()
    image.save(out, kind, **options)
    return out.getvalue()


def with_segment(jpeg: bytes, marker: int, payload: bytes) -> bytes:
    """`jpeg` with an extra APPn segment after SOI (IPTC is APP13, "Photoshop 3.0")."""
    return jpeg[:2] + bytes([0xFF, marker]) + struct.pack(">H", len(payload) + 2) + payload + jpeg[2:]


def png_with_chunk(png: bytes, kind: bytes, data: bytes) -> bytes:
    chunk = struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return png[:33] + chunk + png[33:]  # after the signature and IHDR


def png_text() -> PngImagePlugin.PngInfo:
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", SECRET.decode())
    info.add_text("Comment", SECRET.decode() * 3, zip=True)  # zTXt
    info.add_itxt("Description", SECRET.decode(), lang="vi", tkey="Mô tả")
    info.add_itxt("XML:com.adobe.xmp", XMP.decode())
    return info


# IPTC in a Photoshop resource (APP13): record 2, dataset 80 (by-line) holds the secret.
IPTC_RECORD = b"\x1c\x02\x50" + struct.pack(">H", len(SECRET)) + SECRET
IPTC = b"Photoshop 3.0\x008BIM\x04\x04\x00\x00" + struct.pack(">I", len(IPTC_RECORD)) + IPTC_RECORD
CARRIERS = {
    "jpeg-comment": lambda: (saved(photo(), "JPEG", comment=SECRET), ".jpg"),
    "jpeg-xmp": lambda: (saved(photo(), "JPEG", xmp=XMP), ".jpg"),
    "jpeg-exif-gps-makernote": lambda: (saved(photo(), "JPEG", exif=exif_with_gps()), ".jpg"),
    "jpeg-iptc": lambda: (with_segment(saved(photo(), "JPEG"), 0xED, IPTC), ".jpg"),
    "jpeg-unknown-app15": lambda: (with_segment(saved(photo(), "JPEG"), 0xEF, SECRET), ".jpg"),
    "jpeg-icc-description": lambda: (saved(photo(), "JPEG", icc_profile=icc_with_text()), ".jpg"),
    "jpeg-everything": lambda: (with_segment(saved(photo(), "JPEG", comment=SECRET, xmp=XMP, exif=exif_with_gps(),
                                                   icc_profile=icc_with_text()), 0xED, IPTC), ".jpeg"),
    "png-text-itxt-ztxt-xmp": lambda: (saved(photo(), "PNG", pnginfo=png_text()), ".png"),
    "png-exif": lambda: (saved(photo(), "PNG", exif=exif_with_gps()), ".png"),
    "png-icc": lambda: (saved(photo(), "PNG", icc_profile=icc_with_text()), ".png"),
    "png-private-chunk": lambda: (png_with_chunk(saved(photo(), "PNG"), b"prVt", SECRET), ".png"),
    "png-palette-text": lambda: (saved(photo().convert("P"), "PNG", pnginfo=png_text()), ".png"),
    "webp-xmp": lambda: (saved(photo(), "WEBP", xmp=XMP), ".webp"),
    "webp-exif": lambda: (saved(photo(), "WEBP", exif=exif_with_gps()), ".webp"),
    "webp-icc": lambda: (saved(photo(), "WEBP", icc_profile=icc_with_text()), ".webp"),
    "png-named-jpg": lambda: (saved(photo(), "PNG", pnginfo=png_text()), ".jpg"),
    "jpeg-data-after-the-end": lambda: (saved(photo(), "JPEG") + SECRET, ".jpg"),  # as some phones append
    "png-data-after-the-end": lambda: (saved(photo(), "PNG") + SECRET, ".png"),
}


def jpeg_segments(data: bytes) -> list[tuple[int, bytes]]:
    """(marker, payload) of every segment before the scan data, plus COM/APPn anywhere after it."""
    out, pos = [], 2
    while pos < len(data):
        assert data[pos] == 0xFF, "segment expected"
        marker = data[pos + 1]
        length = struct.unpack(">H", data[pos + 2:pos + 4])[0]
        out.append((marker, data[pos + 4:pos + 2 + length]))
        pos += 2 + length
        if marker == 0xDA:  # start of scan: skip entropy-coded data to the next real marker
            while pos < len(data) and not (data[pos] == 0xFF and data[pos + 1] not in (0x00, *range(0xD0, 0xD8))):
                pos += 1
            if data[pos + 1] == 0xD9:
                break
    return out


def png_chunks(data: bytes) -> list[bytes]:
    out, pos = [], 8
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        out.append(kind)
        pos += 12 + length
    return out


def webp_chunks(data: bytes) -> list[bytes]:
    assert data[:4] == b"RIFF" and data[8:12] == b"WEBP"
    out, pos = [], 12
    while pos < len(data):
        kind, length = struct.unpack("<4sI", data[pos:pos + 8])
        out.append(kind)
        if kind == b"ANMF":  # a frame holds its own chunks
            out += webp_chunks(b"RIFF\0\0\0\0WEBP" + data[pos + 24:pos + 8 + length])
        pos += 8 + length + (length & 1)
    return out


def carries(raw: bytes) -> bool:
    """Whether the secret is in the file, as stored or once Pillow decompressed it (zTXt, iCCP)."""
    with Image.open(io.BytesIO(raw)) as image:
        found = b"".join(v if isinstance(v, bytes) else str(v).encode() for v in image.info.values())
    return any(secret in raw + found for secret in (SECRET, SECRET_UTF16))


# What an image needs to be an image; everything else is metadata.
PIXEL_SEGMENTS = {0xDB, 0xC0, 0xC2, 0xC4, 0xDA, 0xDD}  # DQT, SOF0, SOF2, DHT, SOS, DRI
PIXEL_CHUNKS = {b"IHDR", b"PLTE", b"tRNS", b"IDAT", b"IEND"}
WEBP_CHUNKS = {b"VP8 ", b"VP8L", b"VP8X", b"ALPH", b"ANIM", b"ANMF"}


@pytest.mark.parametrize("name", CARRIERS)
def test_published_photo_holds_pixels_only(name: str) -> None:
    raw, suffix = CARRIERS[name]()
    assert carries(raw), "the input must carry the secret"
    out = photos.publishable(raw, suffix)
    assert SECRET not in out and SECRET_UTF16 not in out
    for marker in (b"Exif", b"http://ns.adobe.com", b"Photoshop", b"xmpmeta", b"GPS", b"acsp", b"8BIM"):
        assert marker not in out, marker
    kind = photos.TYPES[suffix]
    if kind == "JPEG":
        segments = jpeg_segments(out)
        jfif = [(m, p) for m, p in segments if m == 0xE0 and p.startswith(b"JFIF")]
        extra = [(hex(m), p[:12]) for m, p in segments if m not in PIXEL_SEGMENTS and (m, p) not in jfif]
        assert not extra, extra
    elif kind == "PNG":
        assert set(png_chunks(out)) <= PIXEL_CHUNKS, png_chunks(out)
    else:
        assert set(webp_chunks(out)) <= WEBP_CHUNKS, webp_chunks(out)
    with Image.open(io.BytesIO(out)) as image:
        assert not image.getexif()
        assert not set(image.info) & {"exif", "xmp", "icc_profile", "comment", "photoshop", "dpi"}, image.info
        assert image.size == (1200, 900)


def test_colours_are_converted_to_srgb_before_the_profile_is_dropped() -> None:
    raw = saved(Image.new("RGB", (64, 64), (255, 0, 0)), "PNG", icc_profile=icc_red_is_green())
    with Image.open(io.BytesIO(photos.publishable(raw, ".png"))) as image:
        r, g, b = image.convert("RGB").getpixel((32, 32))
    assert g > 200 and r < 60 and b < 60, (r, g, b)  # dropped without converting, it would stay red
    raw = saved(Image.new("RGB", (64, 64), (200, 100, 50)), "JPEG", icc_profile=icc_with_text(), quality=95)
    with Image.open(io.BytesIO(photos.publishable(raw, ".jpg"))) as image:
        assert all(abs(a - b) <= 3 for a, b in zip(image.getpixel((32, 32)), (200, 100, 50)))


def two_halves(size: tuple[int, int]) -> Image.Image:
    """Red on the left, blue on the right."""
    image = Image.new("RGB", size, (0, 0, 255))
    image.paste((255, 0, 0), (0, 0, size[0] // 2, size[1]))
    return image


@pytest.mark.parametrize("orientation", range(1, 9))
def test_orientation_is_applied_then_dropped(orientation: int) -> None:
    exif = Image.Exif()
    exif[0x0112] = orientation
    raw = saved(two_halves((400, 200)), "JPEG", exif=exif, quality=95)
    with Image.open(io.BytesIO(raw)) as original:
        expected = ImageOps.exif_transpose(original)
    with Image.open(io.BytesIO(photos.publishable(raw, ".jpg"))) as image:
        assert image.size == expected.size and not image.getexif()
        for x, y in ((10, 10), (image.width - 10, image.height - 10)):
            assert all(abs(a - b) < 40 for a, b in zip(image.getpixel((x, y)), expected.getpixel((x, y)))), (x, y)
    if orientation == 6:  # a phone held upright: the left half of the sensor is the top of the picture
        assert expected.size == (200, 400) and expected.getpixel((100, 10))[0] > 200


BROKEN_EXIF = [b"Exif\x00\x00SECRET-EXIF", b"Exif\x00\x00MM\x00*\x00\x00\x00\x08\x00\x40\x01\x12", b"Exif\x00\x00"]


@pytest.mark.parametrize("exif", BROKEN_EXIF, ids=["not-tiff", "truncated", "empty"])
def test_a_broken_exif_block_is_dropped_without_a_traceback(exif: bytes) -> None:
    for kind, suffix in (("JPEG", ".jpg"), ("WEBP", ".webp"), ("PNG", ".png")):
        out = photos.publishable(saved(photo(), kind, exif=exif), suffix)
        assert b"SECRET" not in out and Image.open(io.BytesIO(out)).size == (1200, 900)


def huge_jpeg(width: int, height: int, progressive: bool = False) -> bytes:
    """A real baseline JPEG of any size at 4 bytes per 16×16 block: mid-grey has
    only zero coefficients, so every block's entropy code is the same 4 bytes."""
    raw = saved(Image.new("RGB", (16, 16), (128, 128, 128)), "JPEG", quality=75, subsampling=2)
    sos = raw.index(b"\xff\xda")
    scan = sos + 2 + struct.unpack(">H", raw[sos + 2:sos + 4])[0]
    sof = raw.index(b"\xff\xc0")
    marker = b"\xff\xc2" if progressive else b"\xff\xc0"
    head = raw[:sof] + marker + raw[sof + 2:sof + 5] + struct.pack(">HH", height, width)
    return head + raw[sof + 9:scan] + raw[scan:-2] * ((width // 16) * (height // 16)) + b"\xff\xd9"


def huge_png(width: int, height: int) -> bytes:
    """A PNG header claiming `width`×`height`; only the header is ever read."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = struct.pack(">I", 13) + b"IHDR" + ihdr + struct.pack(">I", zlib.crc32(b"IHDR" + ihdr))
    return b"\x89PNG\r\n\x1a\n" + chunk + struct.pack(">I", 1000) + b"IDAT" + b"\x00" * 64


def test_a_200_megapixel_phone_photo_publishes_quickly_in_little_memory() -> None:
    """16320×12240 is the 200 MP mode of recent phones. Decoded whole it needs 600 MB;
    decoded at 1/8 scale (JPEG draft mode) about 10 MB."""
    script = (
        "import io, resource, sys\n"
        "sys.path[:0] = [sys.argv[1]]\n"
        "from test_photos import huge_jpeg\n"
        "from creditsite.load import photos\n"
        "from PIL import Image\n"
        "raw = huge_jpeg(16320, 12240)\n"
        "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "out = photos.publishable(raw, '.jpg')\n"
        "grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) // 1024\n"
        "print(Image.open(io.BytesIO(out)).size, grown)\n"
    )
    command = [sys.executable, "-c", script, str(Path(__file__).parent)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    size, grown_mb = result.stdout.rsplit(" ", 1)
    assert size == "(1200, 900)" and int(grown_mb) < 150, result.stdout
    assert result.stderr == ""  # not even Pillow's DecompressionBombWarning


@pytest.mark.parametrize("raw,suffix,what", [
    (huge_jpeg(20000, 13000), ".jpg", "20000×13000, 260"),  # above the baseline JPEG limit
    (huge_jpeg(9000, 6000, progressive=True), ".jpg", "9000×6000, 54"),  # progressive: decoded whole
    (huge_png(10000, 8000), ".png", "10000×8000, 80"),
    (huge_png(10000, 8000), ".jpg", "10000×8000, 80"),  # the real format decides, not the name
    (huge_png(30000, 30000), ".png", "hơn 179"),  # Pillow's own limit trips first
    (huge_png(100_000, 100_000), ".webp", "hơn 179"),
], ids=["jpeg-260mp", "progressive-54mp", "png-80mp", "png-named-jpg", "png-900mp", "png-named-webp"])
def test_too_large_photos_are_refused_with_a_message(raw: bytes, suffix: str, what: str) -> None:
    with pytest.raises(photos.PhotoError) as exc:
        photos.publishable(raw, suffix)
    message = str(exc.value)
    assert f"({what} triệu điểm ảnh" in message and "photo too large" in message and "resize it" in message


def test_a_story_with_a_too_large_photo_names_the_photo(project: Path) -> None:
    (project / "docs/guong-dien-hinh/trong-ca-phe-thon-mot-1.jpg").write_bytes(huge_jpeg(20000, 13000))
    with pytest.raises(DataError) as exc:
        load_site_data(project)
    [problem] = exc.value.problems
    assert problem.file == "docs/guong-dien-hinh/trong-ca-phe-thon-mot-1.jpg" and "photo too large" in problem.message

