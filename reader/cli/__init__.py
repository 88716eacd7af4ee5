"""The command line: `glossator` and its commands, one module per group of commands.

`main` is the click group (reader/cli/main.py); importing this package registers every
command on it. Each command module imports only click at start: what a command needs
is imported when it runs, so `glossator` opens the reader as fast as before.
"""

from reader.cli import (  # noqa: F401  (importing a module registers its commands)
    actors,
    agreement,
    articles,
    changes,
    codebook,
    interchange,
    library_care,
    library_changes,
    mark_command,
    marks,
    output,
    searching,
    suggesting,
    sync_merge,
    syncing,
    views,
)
from reader.cli.main import main

__all__ = ["main"]
