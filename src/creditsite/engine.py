"""Run the site engine (MkDocs today) and publish its output safely.

This is the only module that starts the engine. A build goes into a fresh
folder beside the target; the target is replaced only when the build has
succeeded, so a failed build never loses what is already published.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path


def build(root: Path, site_dir: Path, production: bool = False) -> int:
    """Strict build of `root` into `site_dir`. Returns the engine's exit code."""
    fresh = site_dir.parent / f".{site_dir.name}.new"
    shutil.rmtree(fresh, ignore_errors=True)
    env = {**os.environ, "CREDITSITE_PRODUCTION": "1" if production else ""}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(root / "mkdocs.yml"), "--site-dir", str(fresh)]
    code = subprocess.run(command, cwd=root, env=env).returncode
    if code != 0:
        shutil.rmtree(fresh, ignore_errors=True)
        return code
    swap_in(fresh, site_dir)
    return 0


def swap_in(fresh: Path, target: Path) -> None:
    """Replace `target` with `fresh` (same filesystem), leaving no half state:
    the old tree is moved aside first and removed only after the swap."""
    old = target.parent / f".{target.name}.old"
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        os.replace(target, old)
    os.replace(fresh, target)
    shutil.rmtree(old, ignore_errors=True)
