"""One writer at a time per library, across processes and platforms.

The lock itself is `filelock`'s (fcntl on Linux and macOS, LockFileEx on Windows) on
`library.lock`, held only while a change is written, so a command line run beside the
TUI simply waits its turn; the operating system lets go of it when its holder dies, so a
lock is never left stale. Who holds it is written beside it, in `library.lock.owner`, so a
process that gives up waiting can say which process has the library, and the next holder
can tell that the last one was killed mid-change (its line is still there) and clean up.

filelock is imported when a change is first made, not when the reader starts.
"""

from __future__ import annotations

import errno
import os
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import datetime
from pathlib import Path
from typing import Any

from annotations.errors import LibraryBusyError, LibraryError

WAIT_ENV = "GLOSSATOR_LOCK_WAIT"
DEFAULT_WAIT_SECONDS = 10.0
_POLL_SECONDS = 0.01
OWNER_NAME = "library.lock.owner"


def wait_seconds_from_env() -> float:
    """How long to wait for a busy library: $GLOSSATOR_LOCK_WAIT seconds, read when used."""
    raw = os.environ.get(WAIT_ENV, "").strip()
    if not raw:
        return DEFAULT_WAIT_SECONDS
    try:
        seconds = float(raw)
    except ValueError:
        seconds = -1.0
    if not 0 <= seconds < float("inf"):
        raise LibraryError(f"{WAIT_ENV}={raw!r} is not a number of seconds; set it to e.g. 10")
    return seconds


def last_holder(folder: Path) -> str:
    """Who holds the library's lock, or held it last and died holding it; "" for nobody.
    Read without the lock: a hint, for deciding whether cleaning up is worth the lock."""
    try:
        return (folder / OWNER_NAME).read_text(encoding="utf-8", errors="replace").strip()
    except OSError:
        return ""


class LibraryLock:
    """A reentrant, inter-process lock on one library folder."""

    def __init__(self, folder: Path, wait_seconds: float | None = None) -> None:
        self.path = folder / "library.lock"
        self.owner_path = folder / OWNER_NAME
        self.wait_seconds = wait_seconds_from_env() if wait_seconds is None else wait_seconds
        self._thread_lock = threading.RLock()
        self._depth = 0
        self._lock: Any = None
        self.previous_holder_died = False
        """Whether the last holder was killed holding the lock: its writes may have left
        temp files. A clean release empties the owner file; a death leaves its line."""

    @property
    def held(self) -> bool:
        return self._depth > 0

    @contextmanager
    def hold(self, purpose: str = "") -> Iterator[bool]:
        """Hold the lock for the block; yields True the first time this process takes it."""
        with self._thread_lock:
            first = self._depth == 0
            if first:
                self._acquire(purpose)
            self._depth += 1
            try:
                yield first
            finally:
                self._depth -= 1
                if self._depth == 0:
                    self._release()

    def _acquire(self, purpose: str) -> None:
        from filelock import FileLock, Timeout

        lock = FileLock(self.path, thread_local=False)
        try:
            lock.acquire(timeout=self.wait_seconds, poll_interval=_POLL_SECONDS)
        except Timeout:
            holder = last_holder(self.path.parent) or "another process"
            raise LibraryBusyError(
                f"the library {self.path.parent} is busy: {holder} has held it for over "
                f"{self.wait_seconds:g} s; let it finish or close it, then try again"
            ) from None
        except OSError as error:
            if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
                raise LibraryError(
                    f"the library {self.path.parent} is not writable; "
                    "choose a writable folder with --library or GLOSSATOR_LIBRARY"
                ) from None
            raise LibraryError(f"cannot lock {self.path}: {error.strerror}") from None
        self._lock = lock
        self.previous_holder_died = bool(last_holder(self.path.parent))
        self._write_owner(purpose)

    def _release(self) -> None:
        if self._lock is None:
            return
        with suppress(OSError):
            self.owner_path.write_bytes(b"")
        self._lock.release()
        self._lock = None

    def _write_owner(self, purpose: str) -> None:
        command = purpose or " ".join(os.path.basename(a) for a in sys.argv[:2]) or "glossator"
        since = datetime.now().strftime("%H:%M:%S")
        line = f"process {os.getpid()} ({command}, since {since})"
        with suppress(OSError):  # who holds the lock is a courtesy; the lock is what matters
            self.owner_path.write_text(line, encoding="utf-8", errors="replace")
