"""Third-party files are pinned: each matches the hash in vendor.json."""

import base64
import hashlib
import json

from conftest import ROOT


def test_every_vendored_file_matches_its_record() -> None:
    records = json.loads((ROOT / "vendor.json").read_text(encoding="utf-8"))["files"]
    assert records
    for record in records:
        raw = (ROOT / record["file"]).read_bytes()
        assert hashlib.sha256(raw).hexdigest() == record["sha256"], f"{record['file']} changed without its record"
        assert record["integrity"] == "sha384-" + base64.b64encode(hashlib.sha384(raw).digest()).decode()
        assert record["version"] and record["package"] and record["registry"] in ("npm", "pypi")


def test_every_file_under_vendor_folders_is_recorded() -> None:
    recorded = {r["file"] for r in json.loads((ROOT / "vendor.json").read_text(encoding="utf-8"))["files"]}
    on_disk = {p.relative_to(ROOT).as_posix() for folder in ("overrides/assets/vendor", "tests/vendor") for p in (ROOT / folder).rglob("*") if p.is_file()}
    assert on_disk == recorded
