"""Third-party browser files we ship or test with, copied from npm packages.

`vendor.lock.json` records, for each file, the npm package and version, the
tarball's integrity (as npm reports it) and the file's sha256. A test checks
every file against its record, so no one edits a vendored file by accident.

    python tools/vendor.py          # fetch each pinned package with `npm pack`, re-copy the files
    python tools/vendor.py --check  # only compare the files with their records
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "vendor.lock.json"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def problems() -> list[str]:
    found = []
    for entry in json.loads(LOCK.read_text(encoding="utf-8")):
        path = ROOT / entry["path"]
        if not path.is_file():
            found.append(f"{entry['path']}: missing")
        elif sha256(path) != entry["sha256"]:
            found.append(f"{entry['path']}: differs from {entry['package']}@{entry['version']} (sha256 in vendor.lock.json)")
    return found


def refresh() -> None:
    entries = json.loads(LOCK.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        for entry in entries:
            spec = f"{entry['package']}@{entry['version']}"
            packed = json.loads(subprocess.run(["npm", "pack", spec, "--json", "--pack-destination", tmp],
                                               check=True, capture_output=True, text=True).stdout)[0]
            if packed["integrity"] != entry["integrity"]:
                sys.exit(f"{spec}: npm integrity {packed['integrity']} differs from vendor.lock.json")
            with tarfile.open(Path(tmp) / packed["filename"]) as tar:
                member = tar.extractfile(f"package/{entry['file']}")
                assert member is not None, f"{spec} has no {entry['file']}"
                (ROOT / entry["path"]).write_bytes(member.read())
            entry["sha256"] = sha256(ROOT / entry["path"])
    LOCK.write_text(json.dumps(entries, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    if "--check" not in sys.argv:
        refresh()
    bad = problems()
    print("\n".join(bad) or "All vendored files match vendor.lock.json.")
    sys.exit(1 if bad else 0)
