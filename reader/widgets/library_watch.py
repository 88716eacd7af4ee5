"""Watching the library's files for changes another process makes: a teammate's marks
arriving with a sync, a command line run beside the reader, another glossator open on the
same library.

A light poll, not a file-system notifier: every `LOOK_SECONDS` the screens compare the
stamps of the few files they show (the library's index, actors and codebook; the open
articles' marks; on the library screen, every article's marks by `os.stat`, which costs
a few milliseconds for a thousand articles). Every library write replaces its file
(annotations/atomic.py), so a changed file always has a new stamp; a poll needs nothing
installed, works on every platform and on network drives, and costs nothing while
nothing changes. What changed is read again and compared with what is shown, so a write
of this process's own is noticed and found to change nothing.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from annotations.atomic import file_stamp
from annotations.errors import LibraryError

LOOK_SECONDS = 1.5
"""How often the reader and the library screen look for changes."""
SHARED_FILES = ("library.json", "actors.json", "codebook.json")


class Stamps:
    """The stamps of some files as last looked at, and which changed since."""

    def __init__(self) -> None:
        self._seen: dict[Path, object] = {}

    def changed(self, paths: Iterable[Path]) -> set[Path]:
        """Which of `paths` changed since the last look (a path seen for the first time has
        not: what it holds is what was shown)."""
        found = set()
        for path in paths:
            try:
                stamp = file_stamp(path)
            except LibraryError:
                continue  # unreadable for a moment (a network drive): look again later
            if path in self._seen and self._seen[path] != stamp:
                found.add(path)
            self._seen[path] = stamp
        return found


def shared_files(folder: Path) -> list[Path]:
    return [folder / name for name in SHARED_FILES]


def library_state(folder: Path) -> tuple:
    """Something that changes whenever the index or any article's marks change: their
    inode, size and modification time, by `os.stat` alone (no file is opened)."""
    parts: list[tuple] = []
    for name in SHARED_FILES[:1]:
        parts.append(_stat(folder / name))
    articles = folder / "articles"
    try:
        entries = sorted(os.scandir(articles), key=lambda e: e.name)
    except OSError:
        return tuple(parts)
    for entry in entries:
        if entry.is_dir():
            parts.append((entry.name, _stat(Path(entry.path) / "annotations.json")))
    return tuple(parts)


def _stat(path: Path) -> tuple:
    try:
        info = os.stat(path)
    except OSError:
        return ()
    return (info.st_ino, info.st_size, info.st_mtime_ns)
