"""The library's database files and the records each holds, in one place: the store's
storage refuses a file whose records are of the wrong shape when it reads it, the doctor
(annotations/backup/shapes.py) and the sync's check of incoming files
(annotations/sync/shapes.py) say what is wrong with one; all three know the files by this.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from annotations.model import Actor, Annotation, Article, Tag

RECORD_TABLES: dict[str, tuple[str, type[Article | Annotation | Actor | Tag]]] = {
    "library.json": ("articles", Article), "actors.json": ("actors", Actor),
    "codebook.json": ("tags", Tag), "annotations.json": ("annotations", Annotation),
}
"""Database file name → the table of records it holds, and the model of those records."""


def shape_check(file_name: str) -> Callable[[dict[str, Any]], str] | None:
    """The check of a database file's records, for its storage (AtomicJSONStorage.check)."""
    table_name, record_class = RECORD_TABLES.get(file_name, ("", None))  # type: ignore[assignment]
    if record_class is None:
        return None

    checked: dict[str, Any] = {}
    """The records as last found sound: a record equal to its copy there needs no second
    look (a file rewritten for one new record is read again whole; checking every record
    each time made adding many articles cost the square of their number)."""

    def problem(data: dict[str, Any]) -> str:
        nonlocal checked
        for name, table in data.items():
            if not isinstance(table, dict):  # TinyDB would trip over it, whichever it is
                return f"its {name!r} is not a table of records"
        table = data.get(table_name, {})
        earlier = checked.get
        for key, record in table.items():
            if earlier(key) == record:
                continue
            wrong = record_class.record_problem(record)
            if wrong:
                return f"the record {key!r} {wrong}"
        checked = table
        return ""

    return problem
