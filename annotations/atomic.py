"""Crash-safe file writes, the canonical JSON of library files, and the TinyDB storage
built on them.

A write never leaves a half-written file behind: the new content goes to a temp file
in the same folder, is fsynced, replaces the old file with `os.replace`, and then the
folder itself is fsynced so the rename survives a power cut.

Every JSON file the library writes is canonical (`dump_json`), so that a change to one
record changes only that record's lines and git merges stay local: UTF-8, LF line
endings, a final newline, keys sorted, and the layout of `json.dumps(indent=1,
sort_keys=True)` for the file, each table and each record, one key per line; what lies
deeper (a record's lists and objects: tags, history) is written on its field's line.

    {
     "_written": "5f0c9a7e12b3d4a6",
     "annotations": {
      "0b6e…": {
       "end": 212,
       "kind": "claim",
       "tags": ["funding", "transport"],
       …
      }
     }
    }

The same data always gives the same bytes. Files written before this layout (compact
JSON) read as before and are rewritten canonically on their next write.
"""

from __future__ import annotations

import errno
import json
import os
from collections.abc import Callable
from json.encoder import encode_basestring
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


_EXPANDED_LEVELS = 3
"""The file, its tables and their records are written one key per line; deeper values
on one line."""
_FIELD_INDENT = " " * _EXPANDED_LEVELS
_FIELD_SEPARATOR = ",\n" + _FIELD_INDENT
_RECORD_CLOSING = "\n" + " " * (_EXPANDED_LEVELS - 1) + "}"
_string = encode_basestring


def _not_json(value: Any) -> Any:
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def _c_encoder(item_separator: str) -> Callable[[Any], str]:
    """JSON text with sorted keys and raw UTF-8 from the C encoder, made once:
    `JSONEncoder.encode` makes it anew on every call, which a table of ten thousand
    records would pay ten thousand times."""
    try:
        from json.encoder import c_make_encoder

        made = c_make_encoder(None, _not_json, encode_basestring, None, ": ", item_separator,
                              True, False, True)  # type: ignore[misc]
    except (ImportError, TypeError):  # no C encoder (another Python): the same text, slower
        return json.JSONEncoder(ensure_ascii=False, sort_keys=True, check_circular=False,
                                separators=(item_separator, ": ")).encode
    return lambda value: "".join(made(value, 0))


_inline = _c_encoder(", ")
# A record's fields one per line in one call: the canonical text whenever no value inside
# it has two items or more (the separator would be used there too), which `_record`
# checks; a record where it is not so goes field by field.
_record_fields = _c_encoder(_FIELD_SEPARATOR)
_BETWEEN_RECORDS = "}" + _FIELD_SEPARATOR + "{"


def dump_json(data: Any) -> bytes:
    """`data` as canonical JSON (see the module's docstring)."""
    return (_canonical(data, 0) + "\n").encode("utf-8")


def _canonical(value: Any, level: int) -> str:
    if level >= _EXPANDED_LEVELS or not value or not isinstance(value, dict | list):
        return _inline(value)
    if level == _EXPANDED_LEVELS - 1:
        return _record(value) if isinstance(value, dict) else _fields_of_list(value)
    if isinstance(value, list):
        inner = " " * (level + 1)
        items = [inner + _canonical(item, level + 1) for item in value]
        return "[\n" + ",\n".join(items) + "\n" + " " * level + "]"
    return "{\n" + ",\n".join(_members(value, level)) + "\n" + " " * level + "}"


def _members(table: dict[str, Any], level: int) -> list[str]:
    """`"key": value` lines of one object at `level`, sorted by key."""
    inner = " " * (level + 1)
    keys = sorted(table)
    if level == _EXPANDED_LEVELS - 2:
        texts = _records_text([table[key] for key in keys])
        if texts is not None:
            return [f"{inner}{_string(key)}: {text}" for key, text in zip(keys, texts, strict=True)]
    return [f"{inner}{_string(key)}: {_canonical(table[key], level + 1)}" for key in keys]


def _records_text(records: list[Any]) -> list[str] | None:
    """A table's records, each as its canonical text; None unless every record is a
    non-empty object. The records with no value of two items or more inside (whose
    separators would be taken for fields') come from one call of the C encoder, an eighth
    cheaper than a call per record; the others (a mark with a history) one by one."""
    if not all(type(record) is dict and record for record in records):
        return None
    spread = [_record_spreads(record) for record in records]
    plain = [record for record, spreads in zip(records, spread, strict=True) if not spreads]
    batch = iter(_plain_records(plain))
    spread_batch = iter(_spread_records([record for record, spreads
                                         in zip(records, spread, strict=True) if spreads]))
    return [next(spread_batch) if spreads else next(batch)
            for record, spreads in zip(records, spread, strict=True)]


def _record_spreads(record: dict[str, Any]) -> bool:
    for value in record.values():
        if (type(value) is list or type(value) is dict) and value and _spreads(value):
            return True
    return False


def _spreads(value: Any) -> bool:
    """Whether `value` holds a list or object of two items or more, at any depth."""
    kind = type(value)
    if kind is not list and kind is not dict:
        return False
    if len(value) != 1:
        return len(value) > 1
    return _spreads(value[0] if kind is list else next(iter(value.values())))


def _plain_records(records: list[dict[str, Any]]) -> list[str]:
    texts = _one_call(records)
    if texts is None:
        return [_record(record) for record in records]  # `_spreads` missed one: the sure way
    return texts


def _one_call(records: list[dict[str, Any]]) -> list[str] | None:
    """Records with no value that spreads, each as its text, from one call of the C
    encoder; None when a separator came from inside a value after all."""
    if not records:
        return []
    text = _record_fields(records)
    if text.count("\n") != sum(len(record) for record in records) - 1:
        return None
    return ["{\n" + _FIELD_INDENT + fields + _RECORD_CLOSING
            for fields in text[2:-2].split(_BETWEEN_RECORDS)]


def _record(record: dict[str, Any]) -> str:
    text = _record_fields(record)
    if text.count("\n") == len(record) - 1:  # no separator came from inside a value
        return "{\n" + _FIELD_INDENT + text[1:-1] + _RECORD_CLOSING
    return _spread_records([record])[0]


def _spread_records(records: list[dict[str, Any]]) -> list[str]:
    """Records holding values that spread (a history, two tags): those values on one line
    each, and the rest of every record in one call for them all, holding a token where
    each of those goes (a call per field, or per record, cost a refresh of 10,000 marks a
    fifth, then a tenth, of a second)."""
    standings, tokened = [], []
    for record in records:
        standing, values = dict(record), {}
        for key, value in record.items():
            if (type(value) is list or type(value) is dict) and value and _spreads(value):
                token = f"\x00{len(values)}\x00"
                standing[key] = token
                values[_string(token)] = _inline(value)
        standings.append(standing)
        tokened.append(values)
    batch = _one_call(standings)
    if batch is None:  # a value `_spreads` missed: the sure way for all of them
        return [_field_by_field(record) for record in records]
    texts = []
    for text, record, values in zip(batch, records, tokened, strict=True):
        if all(text.count(token) == 1 for token in values):
            for token, value in values.items():
                text = text.replace(token, value, 1)
        else:  # a value that is itself a token's text
            text = _field_by_field(record)
        texts.append(text)
    return texts


def _field_by_field(record: dict[str, Any]) -> str:
    """A record's canonical text the sure way: each field encoded on its own."""
    fields = [f"{_FIELD_INDENT}{_string(key)}: {_inline(record[key])}" for key in sorted(record)]
    return "{\n" + ",\n".join(fields) + _RECORD_CLOSING


def _fields_of_list(items: list[Any]) -> str:
    lines = [_FIELD_INDENT + _inline(item) for item in items]
    return "[\n" + ",\n".join(lines) + "\n" + " " * (_EXPANDED_LEVELS - 1) + "]"


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
    """A database file's bytes, canonical: its write token first (see `AtomicJSONStorage`),
    then the tables. Also what a transaction stages for a database file.

    The token is a hash of the tables as written, not a random number: the same tables
    always give the same bytes, so a write that changes nothing is no change to git, and
    both sides of a merge write the same file. It still tells two versions of a file
    apart (what the stamp check needs), since two different contents have different
    hashes; a file rewritten with the same content is read again for nothing at worst.
    """
    import hashlib  # loaded by the reader already; a headless read need not pay for it

    tables = {key: value for key, value in data.items() if key != NONCE_KEY}
    body = ",\n".join(_members(tables, 0)).encode("utf-8")
    token = hashlib.sha256(body).hexdigest()[: 2 * _TOKEN_BYTES]
    head = _token_line(token)
    if not tables:
        return head + b"\n}\n"
    return head + b",\n" + body + b"\n}\n"


_TOKEN_BYTES = 8


def _token_line(token: str) -> bytes:
    return f'{{\n "{NONCE_KEY}": "{token}"'.encode()


class AtomicJSONStorage(Storage):
    """TinyDB storage: atomic durable writes, and a parse only when the file changed.

    TinyDB asks its storage for the whole database on every operation. Parsing the file
    each time would make every read cost as much as the file is big, so the parsed data
    is kept and reused while the file is the one we last read or wrote. Every write puts
    a token at the very start of the file, a hash of what follows; reading those few
    bytes tells whether another process has replaced the file with other content since
    (inode, size and mtime alone can repeat when two writes land within one clock tick).
    The merge (annotations/sync) writes the same token for the content it writes, so a
    file a merge rewrote is told apart like any other. Inode, size and mtime are
    compared too, so a file changed in place (truncated, edited by hand) is read again,
    and refused if damaged, rather than silently overwritten from the cache.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self._data: dict[str, Any] | None = None
        self._token: list[str | int] | None = None
        self.before_write: Callable[[], None] | None = None
        """Called just before the file is written (the library's daily snapshot)."""
        self.check: Callable[[dict[str, Any]], str] | None = None
        """What is wrong with freshly read data, in a few words ("" when nothing): records
        of the wrong shape are refused when read, not where they would break."""

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
            problem = self.check(data) if self.check is not None else ""
            if problem:
                raise CorruptFileError(f"{self.path}: {problem}; it was left untouched: run "
                                       "`glossator doctor --repair`")
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


_TOKEN_PREFIX_LENGTH = len(_token_line("0" * 2 * _TOKEN_BYTES))
