"""Every article's marks read straight from its annotation file: for views of the library.

Not through the article's TinyDB: that keeps every parsed file of a thousand-article
library in memory (`Library.all_counts` reads its counts the same way). A file that cannot
be read is reported, not fatal: one damaged article must not hide the other 999 from a
library-wide view, and `glossator doctor` is the place that mends it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotations.atomic import load_json
from annotations.errors import LibraryError
from annotations.model import Annotation, Article
from annotations.store import Library

ANNOTATIONS_FILE = "annotations.json"


def annotations_path(library: Library, article_id: str) -> Path:
    return library.article_folder(article_id) / ANNOTATIONS_FILE


def raw_records(path: Path) -> dict[str, dict[str, Any]]:
    """The records of one annotation file by id ({} when it does not exist); raises
    `LibraryError` (one line, naming the file) when it cannot be read."""
    data = load_json(path)
    if data is None:
        return {}
    table = data.get("annotations", {}) if isinstance(data, dict) else None
    if not isinstance(table, dict):
        raise LibraryError(f"{path} does not hold a glossator database; "
                           "run `glossator doctor --repair`")
    return {k: v for k, v in table.items() if isinstance(v, dict)}


@dataclass
class Problems:
    """Articles whose marks could not be read, each with its one-line reason."""

    lines: list[str] = field(default_factory=list)

    def add(self, error: LibraryError) -> None:
        self.lines.append(" ".join(str(error).split()))


def marks_of_kinds(library: Library, articles: Iterable[Article], kinds: frozenset[str],
                   problems: Problems) -> Iterator[tuple[Article, Annotation]]:
    """The marks of `kinds` of each article, the article's in reading order."""
    for article in articles:
        try:
            records = raw_records(annotations_path(library, article.id))
        except LibraryError as error:
            problems.add(error)
            continue
        found = [Annotation.from_record(r) for r in records.values() if r.get("kind") in kinds]
        found.sort(key=lambda a: (a.start, a.end, a.created, a.id))
        for mark in found:
            yield article, mark
