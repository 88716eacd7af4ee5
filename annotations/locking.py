"""One writer at a time per library, across processes.

An exclusive `flock` on `library.lock`, held only while a change is written, so a
command line run beside the TUI simply waits its turn. The holder writes who it is into
the lock file, so a process that gives up waiting can say which process has the library.
"""

from __future__ import annotations

import errno
import fcntl
import os
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import datetime
from pathlib import Path

from annotations.errors import LibraryBusyError, LibraryError

WAIT_ENV = "GLOSSATOR_LOCK_WAIT"
DEFAULT_WAIT_SECONDS = 10.0
_POLL_SECONDS = 0.01


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


class LibraryLock:
    """A reentrant, inter-process lock on one library folder."""

    def __init__(self, folder: Path, wait_seconds: float | None = None) -> None:
        self.path = folder / "library.lock"
        self.wait_seconds = wait_seconds_from_env() if wait_seconds is None else wait_seconds
        self._thread_lock = threading.RLock()
        self._depth = 0
        self._fd: int | None = None
        self.previous_holder_died = False
        """Whether the last holder was killed holding the lock: its writes may have left
        temp files. A clean release empties the lock file; a death leaves the holder's line."""

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
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as error:
            if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
                raise LibraryError(
                    f"the library {self.path.parent} is not writable; "
                    "choose a writable folder with --library or GLOSSATOR_LIBRARY"
                ) from error
            raise LibraryError(f"cannot lock {self.path}: {error.strerror}") from error
        deadline = time.monotonic() + self.wait_seconds
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = _read_holder(fd)
                    os.close(fd)
                    raise LibraryBusyError(
                        f"the library {self.path.parent} is busy: {holder} has held it for "
                        f"over {self.wait_seconds:g} s; let it finish or close it, then "
                        "try again"
                    ) from None
                time.sleep(_POLL_SECONDS)
        self._fd = fd
        self.previous_holder_died = bool(_read_holder(fd, default=""))
        _write_holder(fd, purpose)

    def _release(self) -> None:
        if self._fd is None:
            return
        with suppress(OSError):
            os.ftruncate(self._fd, 0)
        fcntl.flock(self._fd, fcntl.LOCK_UN)
        os.close(self._fd)
        self._fd = None


def _write_holder(fd: int, purpose: str) -> None:
    command = purpose or " ".join(os.path.basename(a) for a in sys.argv[:2]) or "glossator"
    since = datetime.now().strftime("%H:%M:%S")
    line = f"process {os.getpid()} ({command}, since {since})"
    try:
        os.ftruncate(fd, 0)
        os.pwrite(fd, line.encode("utf-8", "replace"), 0)
    except OSError:
        pass  # who holds the lock is a courtesy; the lock itself is what matters


def _read_holder(fd: int, default: str = "another process") -> str:
    try:
        text = os.pread(fd, 300, 0).decode("utf-8", "replace").strip()
    except OSError:
        text = ""
    return text or default
