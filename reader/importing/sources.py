"""Reading a source file's bytes, with the checks every file kind shares."""

from __future__ import annotations

from pathlib import Path

from annotations.errors import SourceError

MAX_SOURCE_BYTES = 50 * 1024 * 1024
"""Larger text files are refused: no article is this long, and memory stays bounded."""
MAX_DOCUMENT_BYTES = 200 * 1024 * 1024
"""The cap for PDF, EPUB and Word files, whose images make them far larger than their text."""


def check_source_file(path: Path, limit: int = MAX_SOURCE_BYTES) -> int:
    """The size of `path` once it is known to be a readable regular file within `limit`."""
    if not path.exists():
        raise SourceError(f"{path} does not exist; check the path")
    if path.is_dir():
        raise SourceError(f"{path} is a folder; give a .md, .txt or .html file inside it")
    if not path.is_file():
        raise SourceError(f"{path} is not a regular file; give a .md, .txt or .html file")
    size = path.stat().st_size
    if size > limit:
        raise SourceError(
            f"{path} is {size / 1024 / 1024:.0f} MB, over the {limit // 1024 // 1024} MB "
            "limit; split it into smaller files"
        )
    return size


def read_source_file(path: Path, limit: int = MAX_SOURCE_BYTES) -> bytes:
    """The bytes of `path`, refused with one clear line when missing, empty or too big."""
    check_source_file(path, limit)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise SourceError(f"cannot read {path}: {error.strerror}") from error
    if not data.strip():
        raise SourceError(f"{path} is empty; there is nothing to read")
    return data
