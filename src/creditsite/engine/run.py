"""Run the site engine (MkDocs today) and publish its output safely.

This is the only module that starts the engine. A build goes into a fresh
folder beside the target; the target is replaced only when the build has
succeeded, so a failed build never loses what is already published. How the
target is replaced (atomically, symlinks followed, only if it is ours) is in
livedir.py.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from creditsite.engine.livedir import Protected, replace


def build(root: Path, site_dir: Path, production: bool = False) -> int:
    """Strict build of `root` into `site_dir`. Returns the engine's exit code.

    The project's own `site/` is replaced whatever it holds (it is the build's output, as with
    MkDocs); any other folder only if it is missing, empty or was written by us. Raises
    livedir.Refused, with `site_dir` untouched, when it may not be replaced."""
    root = root.resolve()
    trusted = site_dir.name == "site" and site_dir.absolute().parent.resolve() == root and not site_dir.is_symlink()
    if trusted:  # what earlier versions left behind when killed, under their fixed name
        shutil.rmtree(root / ".site.new", ignore_errors=True)
    env = {**os.environ, "CREDITSITE_PRODUCTION": "1" if production else ""}
    code = 0

    def run(fresh: Path) -> bool:
        nonlocal code
        command = [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "--config-file",
            str(root / "mkdocs.yml"),
            "--site-dir",
            str(fresh),
        ]
        code = subprocess.run(command, cwd=root, env=env).returncode
        return code == 0

    replace(
        site_dir,
        run,
        kind="build",
        protected=(Protected(root, "dự án", "the project", inside_ok=True),),
        trusted=trusted,
    )
    return code
