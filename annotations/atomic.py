"""Crash-safe file writes and the TinyDB storage built on them.

A write never leaves a half-written file behind: the new content goes to a temp file
in the same folder, is fsynced, replaces the old file with `os.replace`, and then the
folder itself is fsynced so the rename survives a power cut.
"""

from __future__ import annotations

import errno
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from annotations.errors import CorruptFileError, LibraryError

TEMP_SUFFIX = ".tmp"


def temp_path_for(path: Path) -> Path:
    """The one temp file a writer uses for `path`; only the lock holder writes it."""
    return path.with_name(f".{path.name}{TEMP_SUFFIX}")


def is_temp_file(name: str) -> bool:
    return name.startswith(".") and name.endswith(TEMP_SUFFIX)


def fsync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_atomically(path: Path, data: bytes, durable: bool = True) -> None:
    """Replace `path` with `data` so that a crash leaves either the old or the new file.

    `durable=False` skips the fsyncs: still all-or-nothing if the process dies, but a
    power cut may lose the write. Only for files that can be made again (exports).
    """
    temp = temp_path_for(path)
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            if durable:
                os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, path)
        if durable:
            fsync_folder(path.parent)
    except OSError as error:
        temp.unlink(missing_ok=True)
        raise LibraryError(f"cannot write {path}: {describe_os_error(error)}") from error


def describe_os_error(error: OSError) -> str:
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "the folder is not writable; choose a writable library with --library"
    if error.errno == errno.ENOSPC:
        return "the disk is full; free some space and try again"
    return error.strerror or str(error)


def dump_json(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def load_json(path: Path) -> Any:
    """Parse a JSON file; a file that is not JSON is reported, never overwritten."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise LibraryError(f"cannot read {path}: {describe_os_error(error)}") from error
    if not raw.strip():
        raise CorruptFileError(
            f"{path} is empty or truncated; it was left untouched: run `glossator doctor --repair`"
        )
    try:
        return json.loads(raw)
    except (ValueError, UnicodeDecodeError) as error:
        raise CorruptFileError(
            f"{path} is damaged ({error.__class__.__name__} at byte "
            f"{getattr(error, 'pos', '?')}); it was left untouched: "
            "run `glossator doctor --repair`"
        ) from error


NONCE_KEY = "_written"


def file_stamp(path: Path) -> list[str | int] | None:
    """What identifies one version of a database file: its write token, inode, size and
    mtime (JSON-friendly). None when the file does not exist."""
    try:
        with open(path, "rb") as file:
            info = os.fstat(file.fileno())
            prefix = file.read(_TOKEN_PREFIX_LENGTH)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise LibraryError(f"cannot read {path}: {describe_os_error(error)}") from error
    return [prefix.hex(), info.st_ino, info.st_size, info.st_mtime_ns]


def database_bytes(data: dict[str, Any]) -> bytes:
    """A database file's bytes: a fresh write token first (see `AtomicJSONStorage`), then
    the tables. Also what a transaction stages for a database file."""
    nonce = os.urandom(8).hex()  # `secrets` would cost the reader 3 ms to import
    return dump_json({NONCE_KEY: nonce, **data})


class AtomicJSONStorage(Storage):
    """TinyDB storage: atomic durable writes, and a parse only when the file changed.

    TinyDB asks its storage for the whole database on every operation. Parsing the file
    each time would make every read cost as much as the file is big, so the parsed data
    is kept and reused while the file is the one we last read or wrote. Every write puts
    a fresh random token at the very start of the file; reading those few bytes tells
    whether another process has replaced the file since (inode, size and mtime alone can
    repeat when two writes land within one clock tick). Inode, size and mtime are
    compared too, so a file changed in place (truncated, edited by hand) is read again,
    and refused if damaged, rather than silently overwritten from the cache.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self._data: dict[str, Any] | None = None
        self._token: list[str | int] | None = None
        self.before_write: Callable[[], None] | None = None
        """Called just before the file is written (the library's daily snapshot)."""

    def _current_token(self) -> list[str | int] | None:
        return file_stamp(self.path)

    def read(self) -> dict[str, Any] | None:
        token = self._current_token()
        if token is None:
            self._data, self._token = None, None
            return None
        if token != self._token or self._data is None:
            data = load_json(self.path)
            if not isinstance(data, dict):
                raise CorruptFileError(
                    f"{self.path} does not hold a glossator database; it was left untouched: "
                    "run `glossator doctor --repair`"
                )
            data.pop(NONCE_KEY, None)
            self._data, self._token = data, token
        return self._data

    def write(self, data: dict[str, Any]) -> None:
        payload = database_bytes(data)
        if self.before_write is not None:
            try:
                self.before_write()
            except BaseException:
                self._data, self._token = None, None  # TinyDB has already changed `data`
                raise
        try:
            write_atomically(self.path, payload)
        except BaseException:
            # TinyDB changed the dict we handed out before asking us to write it.
            self._data, self._token = None, None
            raise
        self._data, self._token = data, self._current_token()

    def close(self) -> None:
        self._data, self._token = None, None


_TOKEN_PREFIX_LENGTH = len(dump_json({NONCE_KEY: "0" * 16})) - 1
