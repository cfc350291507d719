"""Third-party files are pinned: each matches its record in vendor.lock.json,
and nothing sits in a vendor folder without a record."""

import json

from conftest import ROOT

RECORDS = json.loads((ROOT / "vendor.lock.json").read_text(encoding="utf-8"))


def test_every_vendored_file_matches_its_record() -> None:
    import hashlib

    assert RECORDS
    for record in RECORDS:
        raw = (ROOT / record["path"]).read_bytes()
        assert hashlib.sha256(raw).hexdigest() == record["sha256"], f"{record['path']} changed without its record"
        assert record["package"] and record["version"] and record["integrity"].startswith("sha512-")


def test_every_file_in_a_vendor_folder_is_recorded() -> None:
    folders = ("overrides/assets/vendor", "overrides/assets/javascripts/vendor", "tests/vendor")
    on_disk = {p.relative_to(ROOT).as_posix() for f in folders for p in (ROOT / f).rglob("*") if p.is_file()}
    fonts = ROOT / "src/creditsite/render/fonts"  # a Python package: its module is ours, the rest vendored
    on_disk |= {p.relative_to(ROOT).as_posix() for p in fonts.iterdir() if p.is_file() and p.suffix != ".py"}
    assert on_disk == {r["path"] for r in RECORDS}


def test_vendored_fonts_are_subset_and_licensed() -> None:
    fonts = [r for r in RECORDS if r["path"].endswith(".ttf")]
    assert len(fonts) == 6 and all(r["license"] == "OFL-1.1" and r["subset"]["unicodes"] for r in fonts)
    assert all((ROOT / r["path"]).stat().st_size < 250_000 for r in fonts)  # Latin + Vietnamese only
    assert any(r["path"] == "src/creditsite/render/fonts/OFL.txt" for r in RECORDS)
