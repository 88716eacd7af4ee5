"""Other versions of the library's files than the working folder's: the commits a merge
joined (each side's, and their common ancestor), which the repair after a merge reads
records and bodies back from.

A tree is a function from a path relative to the library folder (`library.json`,
`articles/<id>/body.md`, `/`-separated) to that file's bytes in the version, or None
when the version has no such file. A commit's tree is `BlobReader.tree`
(annotations/sync/git.py); a folder on disk is `folder_tree`.
"""

from __future__ import annotations

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

