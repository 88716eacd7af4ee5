"""The library's database files and the records each holds, in one place: the store's
storage refuses a file whose records are of the wrong shape when it reads it, the doctor
(annotations/backup/shapes.py) and the sync's check of incoming files
(annotations/sync/shapes.py) say what is wrong with one; all three know the files by this.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

from annotations.model import Actor, Annotation, Article, Tag


class Records(NamedTuple):
    """What a database file holds."""

    table: str
    model: type[Article | Annotation | Actor | Tag]
    noun: str
    """What one of its records is called ("mark")."""


RECORD_TABLES: dict[str, Records] = {
    "library.json": Records("articles", Article, "article"),
    "actors.json": Records("actors", Actor, "actor"),
    "codebook.json": Records("tags", Tag, "tag"),
    "annotations.json": Records("annotations", Annotation, "mark"),
}
"""Database file name → the table of records it holds, the model of those records, and
what one is called."""


def shape_check(file_name: str) -> Callable[[dict[str, Any]], str] | None:
    """The check of a database file's records, for its storage (AtomicJSONStorage.check)."""
    records = RECORD_TABLES.get(file_name)
    if records is None:
        return None
    table_name, record_class = records.table, records.model

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
