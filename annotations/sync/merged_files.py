"""The merged library's files, as the repair after a merge (repair.py) holds them: their
names, how they are read raw, the records a side or the common ancestor had, and the one
transaction that writes every change at once.
"""

from __future__ import annotations

import copy
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from annotations.atomic import NONCE_KEY, database_bytes, load_json
from annotations.errors import CorruptFileError
from annotations.sync.records import canonical_text
from annotations.sync.trees import Tree
from annotations.transaction import Transaction

LIBRARY_FILE, ACTORS_FILE, CODEBOOK_FILE = "library.json", "actors.json", "codebook.json"
MARKS_FILE, VERSIONS_FILE, REJECTED_FILE = "annotations.json", "versions.json", "rejected.json"
BODY_NAMES = ("body.md", "body.txt", "body.pages.json")
_TABLES = {LIBRARY_FILE: "articles", ACTORS_FILE: "actors", CODEBOOK_FILE: "tags"}


class MergedFiles:
    """The merged library's files, read raw and changed in memory, then written at once."""

    def __init__(self, folder: Path, sides: list[Tree], base: Tree | None) -> None:
        self.folder = folder
        self.sides, self.base = sides, base
        self.data = {name: read_tables(folder / name) for name in _TABLES}
        self.marks: dict[str, dict[str, Any]] = {}
        self.folders = _article_folders(folder)
        for article_id in self.folders:
            self.marks[article_id] = read_tables(folder / "articles" / article_id / MARKS_FILE)
        self.writes: dict[str, bytes] = {}
        self.changed: set[str] = set()
        self.removed: list[str] = []
        """Article folders to remove."""
        self.dropped: list[str] = []
        """Single files to remove."""
        self._earlier: dict[tuple[int, str, str], dict[str, Any]] = {}

    # -- tables --------------------------------------------------------------------------

    def table(self, name: str) -> dict[str, Any]:
        return self.data[name].setdefault(_TABLES[name], {})

    def earlier_table(self, tree: Tree, name: str, table: str) -> dict[str, Any]:
        """`table` of the file `name` as `tree` has it, parsed once per merge (a side's
        library.json is asked for once per article): copy a record before changing it."""
        key = (id(tree), name, table)
        if key not in self._earlier:
            self._earlier[key] = table_in(tree(name), table)
        return self._earlier[key]

    def earlier_article(self, tree: Tree, article_id: str) -> Any:
        """The article's record in `tree`'s library.json (None when it has none)."""
        return self.earlier_table(tree, LIBRARY_FILE, "articles").get(article_id)

    def marks_of(self, article_id: str) -> dict[str, Any]:
        return self.marks.setdefault(article_id, {}).setdefault("annotations", {})

    def marked_articles(self) -> Iterator[tuple[str, dict[str, Any], dict[str, Any]]]:
        """`(id, record, marks)` of each merged article that has marks, in id order."""
        articles = self.table(LIBRARY_FILE)
        for article_id in sorted(articles):
            record = articles[article_id]
            marks = self.marks.get(article_id, {}).get("annotations", {})
            if marks and isinstance(record, dict):
                yield article_id, record, marks

    def touch(self, relative: str) -> None:
        self.changed.add(relative)

    # -- earlier versions ------------------------------------------------------------------

    def trees(self) -> list[Tree]:
        return [*self.sides, *([self.base] if self.base else [])]

    def earlier_record(self, name: str, key: str) -> tuple[dict[str, Any], Tree] | None:
        """The record as a side had it (the later-sorting if both did), else as the common
        ancestor had it; with the tree it came from."""
        table = _TABLES[name]
        found = []
        for tree in self.sides:
            record = self.earlier_table(tree, name, table).get(key)
            if isinstance(record, dict):
                found.append((copy.deepcopy(record), tree))
        if found:
            return max(found, key=lambda pair: canonical_text(pair[0]))
        if self.base is not None:
            record = self.earlier_table(self.base, name, table).get(key)
            if isinstance(record, dict):
                return copy.deepcopy(record), self.base
        return None

    # -- writing -------------------------------------------------------------------------

    def commit(self) -> None:
        if not (self.changed or self.writes or self.removed or self.dropped):
            return
        with Transaction(self.folder, "repair after a merge") as change:
            for relative in sorted(self.changed):
                if relative in self.removed or any(relative.startswith(f"{r}/")
                                                   for r in self.removed):
                    continue
                data = self.data[relative] if relative in _TABLES else \
                    self.marks[relative.split("/")[1]]  # articles/<id>/annotations.json
                change.write(self.folder / relative, database_bytes(data))
            for relative in sorted(self.writes):
                change.write(self.folder / relative, self.writes[relative])
            for relative in sorted(self.dropped):
                change.remove(self.folder / relative)
            for relative in sorted(self.removed):
                change.remove(self.folder / relative, tree=True)


def read_tables(path: Path) -> dict[str, Any]:
    data = load_json(path)
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise CorruptFileError(f"{path} does not hold a glossator database after the merge; "
                               "run `glossator doctor --repair`")
    data.pop(NONCE_KEY, None)
    return data


def bytes_of(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def parsed_json(content: bytes | None) -> Any:
    if not content:
        return None
    try:
        return json.loads(content)
    except ValueError:
        return None


def tables_in(content: bytes) -> dict[str, Any]:
    data = parsed_json(content)
    if not isinstance(data, dict):
        return {}
    data.pop(NONCE_KEY, None)
    return data


def table_in(content: bytes | None, table: str) -> dict[str, Any]:
    data = parsed_json(content)
    found = data.get(table) if isinstance(data, dict) else None
    return found if isinstance(found, dict) else {}


def _article_folders(folder: Path) -> list[str]:
    root = folder / "articles"
    if not root.is_dir():
        return []
    return sorted(e.name for e in os.scandir(root) if e.is_dir() and not e.name.startswith("."))


def holds_library_files(folder: Path) -> bool:
    names = (*BODY_NAMES, VERSIONS_FILE, REJECTED_FILE, "versions")
    return any((folder / name).exists() for name in names)
