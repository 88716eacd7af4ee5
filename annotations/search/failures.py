"""What can go wrong with the search index, and what each SQLite error means for it.

The index is derived data: a damaged file is made again, one that cannot be written moves
to a spare folder, a busy one (another process building it) is searched as it is; only
what the user must act on (a full disk, no FTS5) reaches them, in one line.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from annotations.errors import LibraryError


class SearchIndexError(LibraryError):
    """The index cannot be used at all (no FTS5 in this SQLite, nowhere to keep it)."""


class SearchIndexBusy(LibraryError):
    """Another process kept the index to itself for longer than the wait (a long build):
    the index can still be searched as it is."""


class Damaged(Exception):
    """The index file is not a usable index: made again from nothing."""


class Unwritable(Exception):
    """The index file cannot be written where it is: moved to a spare folder."""


class Busy(Exception):
    """Another process is writing the index."""


class Failed(Exception):
    """Anything else: said to the user."""


_BUSY = {"SQLITE_BUSY", "SQLITE_LOCKED"}
_UNWRITABLE = {"SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_PERM", "SQLITE_AUTH"}
_DAMAGED = {"SQLITE_CORRUPT", "SQLITE_NOTADB", "SQLITE_SCHEMA", "SQLITE_FORMAT", "SQLITE_MISMATCH"}


def classified(error: sqlite3.Error) -> Exception:
    """What an SQLite error means for the index: busy, not writable here, damaged (a
    missing table or column too: the file is not, or no longer, our index), or a failure to
    report (a full disk)."""
    name = getattr(error, "sqlite_errorname", "") or ""
    family = "_".join(name.split("_", 2)[:2])
    text = str(error).casefold()
    if family in _BUSY:
        return Busy(str(error))
    if family in _UNWRITABLE or "readonly" in text:
        return Unwritable(str(error))
    if family in _DAMAGED or "no such table" in text or "no such column" in text:
        return Damaged(str(error))
    return Failed(str(error))


def as_library_error(kind: Exception, path: Path) -> LibraryError:
    """The one line the user reads."""
    if isinstance(kind, Busy):
        return SearchIndexBusy(f"another glossator is writing the search index {path}; try "
                               "again in a moment")
    if isinstance(kind, Unwritable):
        return LibraryError(f"the search index {path} cannot be read ({kind}); delete it to have "
                            "it made again")
    return LibraryError(f"the search index {path} failed ({kind}); if the disk is full, free some "
                        "space; else delete the index to have it made again")
