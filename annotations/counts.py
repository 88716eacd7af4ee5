"""Marks per kind of every article, for listings, kept in a derived cache file.

A library of a thousand articles holds tens of megabytes of annotations; parsing them all
for a listing takes most of a second. The counts are kept in `counts-cache.json` beside
the index, each entry with the stamp (write token, inode, size, mtime) of the annotation
file it was counted from: only files written since are parsed again. The cache is a
convenience: unreadable, it is rebuilt; unwritable (busy or read-only library), skipped.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from annotations.atomic import dump_json, file_stamp, load_json, write_atomically
from annotations.errors import CorruptFileError, LibraryError
from annotations.locking import LibraryLock

COUNTS_CACHE = "counts-cache.json"


def all_counts(folder: Path, article_ids: list[str]) -> dict[str, Counter[str]]:
    """Marks per kind of each of `article_ids` in the library in `folder`."""
    cached = _read_cache(folder)
    fresh: dict[str, dict[str, Any]] = {}
    result: dict[str, Counter[str]] = {}
    for doc_id in article_ids:
        path = folder / "articles" / doc_id / "annotations.json"
        stamp = file_stamp(path)
        entry = cached.get(doc_id)
        if stamp is None:
            counts: Counter[str] = Counter()
        elif isinstance(entry, dict) and entry.get("stamp") == stamp:
            counts = Counter(entry.get("counts", {}))
        else:
            counts = count_kinds(path)
        result[doc_id] = counts
        fresh[doc_id] = {"stamp": stamp, "counts": dict(counts)}
    if fresh != cached:
        _write_cache(folder, fresh)
    return result


def count_kinds(path: Path) -> Counter[str]:
    """Marks per kind in one annotation file, parsed and let go.

    Not through the article's TinyDB: that would keep every parsed file of a
    thousand-article library in memory, and parsing takes twice as long with the
    garbage collector walking all of it.
    """
    data = load_json(path) or {}
    table = data.get("annotations", {}) if isinstance(data, dict) else None
    if not isinstance(table, dict):
        raise CorruptFileError(f"{path} does not hold a glossator database; it was left untouched: "
                               "run `glossator doctor --repair`")
    return Counter(r.get("kind", "") for r in table.values() if isinstance(r, dict))


def _read_cache(folder: Path) -> dict[str, Any]:
    try:
        data = json.loads((folder / COUNTS_CACHE).read_bytes())
    except (OSError, ValueError):
        return {}
    return data.get("articles", {}) if isinstance(data, dict) else {}


def _write_cache(folder: Path, entries: dict[str, dict[str, Any]]) -> None:
    try:
        # Without waiting: a listing never queues behind a writer for its cache.
        with LibraryLock(folder, wait_seconds=0).hold("glossator list"):
            write_atomically(folder / COUNTS_CACHE, dump_json({"articles": entries}), durable=False)
    except LibraryError:
        pass
