"""Whether an article's files changed since the index last read them, found cheaply.

The files' own stamps (`annotations.atomic.file_stamp`: write token, inode, size, mtime)
say it for sure, as they do for the counts cache, but reading them for every article
costs ~50 ms in a library of a thousand: too much before every query. Every write to a
library file is a rename into its folder (`write_atomically`, transactions), which
changes the folder's mtime and ctime; so one `stat` of the folder says "nothing in here
changed" in a few microseconds — once the folder's last change is old enough that a
later one cannot share its clock tick (file systems stamp times from a coarse clock).
A folder changed less than SETTLE_NS before it was looked at is checked file by file
until it has settled.

`KnownFolders` keeps what the index recorded of every folder in memory, read again only
when the index changed (`PRAGMA data_version`): the check before each query is then one
`stat` a folder (1–2 ms for a thousand), with nothing parsed and no row read.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path

from annotations.atomic import file_stamp

SETTLE_NS = 3_000_000_000


def now_ns() -> int:
    return time.time_ns()


def folder_stamp(folder: str, checked_ns: int) -> str:
    """The folder's inode, mtime and ctime, and when they were read ("" when it is gone).
    Plain strings throughout: this runs for every article before every query, and a
    `Path` or a JSON parse a time would cost more than the `stat` itself."""
    try:
        info = os.stat(folder)
    except OSError:
        return ""
    return f"{info.st_ino} {info.st_mtime_ns} {info.st_ctime_ns} {checked_ns}"


def folder_unchanged(folder: str, recorded: str) -> bool:
    """Whether nothing in the folder can have changed since `recorded` was taken."""
    try:
        inode, mtime, ctime, checked = map(int, recorded.split())
        info = os.stat(folder)
    except (OSError, ValueError):
        return False
    settled = max(mtime, ctime) < checked - SETTLE_NS
    return settled and (info.st_ino, info.st_mtime_ns, info.st_ctime_ns) == (inode, mtime, ctime)


def stamp_text(path: Path) -> str:
    """A file's stamp as the index keeps it; "" when the file does not exist."""
    stamp = file_stamp(path)
    return json.dumps(stamp) if stamp is not None else ""


@dataclass
class KnownFolders:
    """What the index holds of every article's folder, as of one state of the index."""

    conn: sqlite3.Connection
    version: int
    """The connection's `PRAGMA data_version` when read: another value, another state."""
    root: str
    """The library's articles folder."""
    meta: dict[str, str]
    settled: list[tuple[str, int, int, int]] = field(default_factory=list)
    """(id, inode, mtime, ctime) of the folders whose recorded stamp vouches for them."""
    unsettled: set[str] = field(default_factory=set)
    """Articles whose folder changed just before it was stamped (or was never stamped)."""

    @classmethod
    def read(cls, conn: sqlite3.Connection, root: str) -> KnownFolders:
        version = data_version(conn)
        known = cls(conn, version, root, dict(conn.execute("SELECT key, value FROM meta").fetchall()))
        settled, unsettled, settle = known.settled, known.unsettled, SETTLE_NS
        for article_id, recorded in conn.execute("SELECT id, folder FROM articles").fetchall():
            try:
                inode, mtime, ctime, checked = map(int, recorded.split())
            except ValueError:
                unsettled.add(article_id)
                continue
            if max(mtime, ctime) < checked - settle:
                settled.append((article_id, inode, mtime, ctime))
            else:
                unsettled.add(article_id)
        return known

    def current(self, conn: sqlite3.Connection) -> bool:
        """Whether the index is as it was when this was read, as seen through `conn`."""
        return conn is self.conn and data_version(conn) == self.version


def data_version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA data_version").fetchone()[0]


_BY_FOLDER = os.stat in os.supports_dir_fd


def changed_folders(known: KnownFolders) -> set[str]:
    """The articles whose folder may have changed since the index recorded it. Each folder
    is named relative to the articles folder where the system allows: one step of path to
    look up rather than the whole path, a third of the time a `stat` takes."""
    suspects = set(known.unsettled)
    try:
        where = os.open(known.root, os.O_RDONLY) if _BY_FOLDER else None
    except OSError:
        return suspects | {article_id for article_id, *_ in known.settled}
    stat = os.stat
    try:
        for article_id, inode, mtime, ctime in known.settled:
            try:
                info = stat(article_id, dir_fd=where) if where is not None \
                    else stat(os.path.join(known.root, article_id))
            except OSError:
                suspects.add(article_id)
                continue
            if info.st_mtime_ns != mtime or info.st_ctime_ns != ctime or info.st_ino != inode:
                suspects.add(article_id)
    finally:
        if where is not None:
            os.close(where)
    return suspects
