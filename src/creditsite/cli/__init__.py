"""The `creditsite` command: one function per subcommand in `main.py`."""

from creditsite.cli.main import main

__all__ = ["main"]
