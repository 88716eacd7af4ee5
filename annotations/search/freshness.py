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
"""

from __future__ import annotations

import json
import os
import time
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
