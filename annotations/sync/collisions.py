"""Two different articles added under one id, one on each side (two teammates added two
sources with the same title offline): ours is given a new id before the merge.

Merged as they are, the two would become one article record made of both (its fields in
conflict) over two bodies, one of which git cannot keep. The same source added on both
sides has the same content hash and is left to the merge (one article with the marks of
both, annotations/sync/repair.py). Renaming our side is a commit of our own, so the
teammate's article keeps its id everywhere it already is; both teammates end with both
articles.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from annotations.atomic import NONCE_KEY, database_bytes, load_json
from annotations.store import Library
from annotations.sync.changes import tables
from annotations.sync.setup import is_library_path


def colliding_ids(base: bytes | None, ours: bytes | None, theirs: bytes | None) -> list[str]:
    """Article ids both sides added since `base` for different articles (library.json of
    each version)."""
    before, mine, other = (tables(raw).get("articles", {}) for raw in (base, ours, theirs))
    found = []
    for key in sorted((set(mine) & set(other)) - set(before)):
        one, two = mine[key], other[key]
        if isinstance(one, dict) and isinstance(two, dict) and _body(one) != _body(two):
            found.append(key)
    return found


def _body(record: dict[str, Any]) -> tuple[str, str]:
    return str(record.get("content_hash", "")), str(record.get("format", ""))


def free_id(wanted: str, taken: set[str], folder: Path) -> str:
    n = 2
    while f"{wanted}-{n}" in taken or (folder / "articles" / f"{wanted}-{n}").exists():
        n += 1
    return f"{wanted}-{n}"


def rename_article(library: Library, old: str, new: str) -> None:
    """Give our article `old` the id `new`: its record, its folder's shared files, its marks'
    `article`; all at once (a transaction). The lock is held."""
    folder = library.folder
    index = load_json(folder / "library.json") or {}
    index.pop(NONCE_KEY, None)
    articles = index.get("articles", {})
    record = dict(articles.pop(old))
    record["id"] = new
    articles[new] = record
    source, target = folder / "articles" / old, folder / "articles" / new
    with library.transaction(f"glossator sync: article {old} is now {new}") as change:
        change.write(folder / "library.json", database_bytes(index))
        for path in _shared_files(source, folder):
            relative = path.relative_to(source)
            if relative.as_posix() == "annotations.json":
                change.write(target / relative, _marks_moved(path, new))
            else:
                change.write_from(target / relative, path)
        change.remove(source, tree=True)


def _shared_files(source: Path, library_folder: Path) -> list[Path]:
    found = []
    for root, _folders, names in os.walk(source):
        for name in names:
            path = Path(root) / name
            if is_library_path(path.relative_to(library_folder).as_posix()):
                found.append(path)
    return sorted(found)


def _marks_moved(path: Path, article_id: str) -> bytes:
    data = load_json(path) or {}
    data.pop(NONCE_KEY, None)
    marks = data.get("annotations", {})
    for key, record in list(marks.items()):
        if isinstance(record, dict):
            marks[key] = {**record, "article": article_id}
    return database_bytes(data)
