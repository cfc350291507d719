"""Third-party files we ship or test with, copied from npm packages.

`vendor.lock.json` records, for each file, the npm package and version, the
tarball's integrity (as npm reports it) and the file's sha256. A test checks
every file against its record, so no one edits a vendored file by accident.

Fonts are subset on the way in: a record with `subset` keeps only the code
points it lists (Latin and Vietnamese), with every OpenType feature, so the
files stay small. fontTools' subsetter does it, at the version the record
names (a different version may give other bytes: the record's sha256 then
changes, and the test says so until the lock is committed). With
`"precomposed": true` the font also stops splitting precomposed letters such
as ụ into u + dot below (its `ccmp` multiple substitutions): WeasyPrint maps
each glyph to the text of the first cluster it draws it in, so after a split
"ụ" the plain "u" glyph would map to nothing and every later "u" would be
lost from the PDF's text (copying, search, screen readers). The letters'
own glyphs draw the same marks.

    .venv/bin/python tools/vendor.py          # fetch each pinned package with `npm pack`, re-copy the files
    .venv/bin/python tools/vendor.py --check  # only compare the files with their records
"""

from __future__ import annotations

import hashlib
import io
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path
from typing import Any

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
            spec = f"{entry['package']}@{entry['version']}"
            found.append(f"{entry['path']}: differs from {spec} (sha256 in vendor.lock.json)")
    return found


def keep_precomposed(font: Any) -> None:
    """Take the multiple substitutions (lookup type 2) out of every `ccmp` feature."""
    gsub = font["GSUB"].table
    lookups = gsub.LookupList.Lookup

    def splits(index: int) -> bool:
        lookup = lookups[index]
        kinds = [sub.ExtSubTable.LookupType if lookup.LookupType == 7 else lookup.LookupType for sub in lookup.SubTable]
        return 2 in kinds

    for record in gsub.FeatureList.FeatureRecord:
        if record.FeatureTag == "ccmp":
            record.Feature.LookupListIndex = [i for i in record.Feature.LookupListIndex if not splits(i)]
            record.Feature.LookupCount = len(record.Feature.LookupListIndex)


def subset_font(raw: bytes, subset: dict[str, Any]) -> bytes:
    """The font with only `subset["unicodes"]` (e.g. "U+0000-00FF,U+1EA0-1EF9"),
    keeping all layout features (Vietnamese stacks its marks with them) and names."""
    import fontTools
    from fontTools import subset as ftsubset
    from fontTools.ttLib import TTFont

    if fontTools.version != subset["fonttools"]:
        print(f"fontTools {fontTools.version}, the record says {subset['fonttools']}: recording the new version")
        subset["fonttools"] = fontTools.version
    options = ftsubset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    font = TTFont(io.BytesIO(raw), recalcTimestamp=False)  # keep head.modified: the same bytes every time
    subsetter = ftsubset.Subsetter(options)
    subsetter.populate(unicodes=ftsubset.parse_unicodes(subset["unicodes"]))
    subsetter.subset(font)
    if subset.get("precomposed"):
        keep_precomposed(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def pack(spec: str, integrity: str, folder: Path, packed: dict[str, Path]) -> Path:
    """The package's tarball, fetched once per refresh."""
    if spec not in packed:
        info = json.loads(subprocess.run(["npm", "pack", spec, "--json", "--pack-destination", str(folder)],
                                         check=True, capture_output=True, text=True).stdout)[0]
        if info["integrity"] != integrity:
            sys.exit(f"{spec}: npm integrity {info['integrity']} differs from vendor.lock.json")
        packed[spec] = folder / info["filename"]
    return packed[spec]


def refresh() -> None:
    entries = json.loads(LOCK.read_text(encoding="utf-8"))
    packed: dict[str, Path] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for entry in entries:
            spec = f"{entry['package']}@{entry['version']}"
            with tarfile.open(pack(spec, entry["integrity"], Path(tmp), packed)) as tar:
                member = tar.extractfile(f"package/{entry['file']}")
                assert member is not None, f"{spec} has no {entry['file']}"
                raw = member.read()
            if "subset" in entry:
                raw = subset_font(raw, entry["subset"])
            target = ROOT / entry["path"]
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(raw)
            entry["sha256"] = sha256(target)
    LOCK.write_text(json.dumps(entries, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    if "--check" not in sys.argv:
        refresh()
    bad = problems()
    print("\n".join(bad) or "All vendored files match vendor.lock.json.")
    sys.exit(1 if bad else 0)
