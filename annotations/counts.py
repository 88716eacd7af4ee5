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
from annotations.errors import CorruptFileError, GlossatorError, LibraryError
from annotations.locking import LibraryLock

COUNTS_CACHE = "counts-cache.json"


def all_counts(folder: Path, article_ids: list[str],
               damaged: dict[str, str] | None = None) -> dict[str, Counter[str]]:
    """Marks per kind of each of `article_ids` in the library in `folder`.

    Without `damaged`, the first file that cannot be read stops the count. With it, that
    article is left out (of the counts and of the cache, so it is read again next time)
    and why it cannot be read goes into `damaged`, by article id, as one line.
    """
    cached = _read_cache(folder)
    fresh: dict[str, dict[str, Any]] = {}
    result: dict[str, Counter[str]] = {}
    for doc_id in article_ids:
        path = folder / "articles" / doc_id / "annotations.json"
        try:
            stamp, counts = _counted(path, cached.get(doc_id))
        except GlossatorError as error:
            if damaged is None:
                raise
            damaged[doc_id] = " ".join(str(error).split())
            continue
        result[doc_id] = counts
        fresh[doc_id] = {"stamp": stamp, "counts": dict(counts)}
    if fresh != cached:
        _write_cache(folder, fresh)
    return result


def _counted(path: Path, entry: Any) -> tuple[list[str | int] | None, Counter[str]]:
    """The file's stamp and its marks per kind: from its cache `entry` while the stamp
    matches, else parsed."""
    stamp = file_stamp(path)
    if stamp is None:
        return stamp, Counter()
    if isinstance(entry, dict) and entry.get("stamp") == stamp:
        return stamp, Counter(entry.get("counts", {}))
    return stamp, count_kinds(path)


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
