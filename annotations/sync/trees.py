"""Other versions of the library's files than the working folder's: the commits a merge
joined (each side's, and their common ancestor), which the repair after a merge reads
records and bodies back from.

A tree is a function from a path relative to the library folder (`library.json`,
`articles/<id>/body.md`, `/`-separated) to that file's bytes in the version, or None
when the version has no such file.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

Tree = Callable[[str], bytes | None]


def folder_tree(folder: Path) -> Tree:
    """The files of a library folder on disk (a checkout, a snapshot, a test's copy)."""

    def read(relative: str) -> bytes | None:
        try:
            return (folder / relative).read_bytes()
        except OSError:
            return None

    return read


def git_tree(repository: Path, revision: str, prefix: str = "") -> Tree:
    """The files as commit `revision` of the git repository holds them (`HEAD`,
    `MERGE_HEAD`, a merge base's hash); `prefix` is the library's folder inside the
    repository, "" when the library is its top."""

    def read(relative: str) -> bytes | None:
        done = subprocess.run(["git", "cat-file", "blob", f"{revision}:{prefix}{relative}"],
                              cwd=repository, capture_output=True, check=False)
        return done.stdout if done.returncode == 0 else None

    return read
