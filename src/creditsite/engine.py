"""Run the site engine (MkDocs today) and publish its output safely.

This is the only module that starts the engine. A build goes into a fresh
folder beside the target; the target is replaced only when the build has
succeeded, so a failed build never loses what is already published.
"""

from __future__ import annotations

import ctypes
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
    """Put `fresh` where `target` is (same filesystem) so that readers see the
    old tree or the new one, never half of each, then delete the old tree."""
    if not target.exists():
        fresh.rename(target)
        return
    old = fresh
    if not _exchange(fresh, target):  # other systems: two quick renames
        old = target.parent / f".{target.name}.old"
        shutil.rmtree(old, ignore_errors=True)
        target.rename(old)
        fresh.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two directories in one step (Linux renameat2 RENAME_EXCHANGE)."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    return renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0
