"""What a sound library JSON file holds, for `doctor` and its repair.

The doctor reports what is wrong, one line each; the repair brings a snapshot's copy back
only when it is sound, since a daily snapshot may have kept a file that was already
damaged. Both read a file through `read_file`, so they agree on what "sound" means.

Database files (library.json, actors.json, codebook.json, annotations.json) are an
object of tables whose records have the model's shape (`record_problem`); rejected.json
is a table of rejections; versions.json is a list of versions, each naming its file in
versions/.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, fields
from pathlib import PurePosixPath
from typing import Any

from annotations.database_files import RECORD_TABLES
from annotations.model import Actor, Annotation, Article, Tag

VERSIONS_FILE = "versions.json"

_NAMED_AS_RECORDS = frozenset({"article", "actor"})
"""Nouns a line about a damaged record says "record" after ("the article record …"): the
record is broken, not the article."""
_TABLES: dict[str, tuple[str, type[Article | Annotation | Actor | Tag] | None, str]] = {
    **{name: (records.table, records.model,
              f"{records.noun} record" if records.noun in _NAMED_AS_RECORDS else records.noun)
       for name, records in RECORD_TABLES.items()},
    "rejected.json": ("rejected", None, "rejection"),
}
"""File name → its table, the model of its records (None: any record), what one is called."""

_NOUNS = {**{name: records.noun for name, records in RECORD_TABLES.items()},
          "rejected.json": "rejection", VERSIONS_FILE: "version"}


@dataclass
class Reading:
    """A library JSON file as read."""

    records: Any = None
    """Its table (versions.json: its list of versions); None when the file as a whole
    cannot be used."""
    problem: str = ""
    """What makes the whole file unusable ("" when it can be read)."""
    bad: dict[str, str] = field(default_factory=dict)
    """Key of each record that is not whole (versions: its number) → what is wrong."""
    good: Any = None
    """The records that are whole, in the shape of `records`: what further checks read."""
    data: Any = None
    """The whole file as parsed, when it could be (a repair writes it back mended)."""

    @property
    def sound(self) -> bool:
        return not self.problem and not self.bad

    def lines(self, name: str) -> list[str]:
        """What is wrong, one line each."""
        if self.problem:
            return [self.problem]
        if name == VERSIONS_FILE:
            return [f"version {key} is not whole: {why}" for key, why in self.bad.items()]
        noun = _TABLES[name][2]
        return [f"the {noun} {key!r} is not whole: {why}" for key, why in self.bad.items()]


def read_file(name: str, raw: bytes) -> Reading:
    """The library JSON file called `name` (library.json, annotations.json, …) whose bytes
    are `raw`, and what is wrong with it."""
    if not raw.strip():
        return Reading(problem="is empty (cut short?)")
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as error:
        where = f" at byte {error.pos}" if isinstance(error, json.JSONDecodeError) else ""
        return Reading(problem=f"is damaged ({error.__class__.__name__}{where})")
    reading = _versions(data) if name == VERSIONS_FILE else _database(name, data)
    reading.data = data
    return reading


def _database(name: str, data: Any) -> Reading:
    """A parsed database file (library.json, rejected.json, …) as read."""
    table_name, model, _ = _TABLES[name]
    if not isinstance(data, dict):
        return Reading(problem="does not hold a glossator database (not an object of tables)")
    table = data.get(table_name, {})
    if not isinstance(table, dict):
        return Reading(problem=f"does not hold a glossator database (its {table_name} table "
                       "is not a table of records)")
    wrong = _schema_problem(data.get("meta", {})) if name == "library.json" else ""
    if wrong:
        return Reading(problem=f"does not hold a glossator database ({wrong})")
    bad = {}
    for key, record in table.items():
        why = (model.record_problem(record) if model is not None
               else "" if isinstance(record, dict) else f"is {type(record).__name__}, not a record")
        if why:
            bad[key] = why
    good = {k: v for k, v in table.items() if k not in bad} if bad else table
    return Reading(records=table, bad=bad, good=good)


def count_of(name: str, reading: Reading) -> str:
    """How many records the file holds, in words ("3 marks"), for saying what a restored
    copy brings back."""
    noun = _NOUNS.get(name, "record")
    n = len(reading.records or ())
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _schema_problem(meta: Any) -> str:
    if not isinstance(meta, dict):
        return "its meta table is not a table of records"
    schema = meta.get("schema")
    if schema is None:
        return ""  # a library nothing was written to yet
    if not isinstance(schema, dict) or type(schema.get("version")) is not int:
        return "its schema version is not a whole number"
    return ""


def _version_fields() -> dict[str, type]:
    # Read from the Version dataclass, so a field added there is checked here too; imported
    # here, not at the top: annotations.versions imports the store, which imports backup.
    from annotations.versions import Version

    return {f.name: int if f.type == "int" else str for f in fields(Version)}


def _versions(data: Any) -> Reading:
    if not isinstance(data, list):
        return Reading(problem="does not hold a list of versions")
    expected = _version_fields()
    bad: dict[str, str] = {}
    good = []
    numbers: set[int] = set()
    for position, record in enumerate(data, 1):
        number = record.get("number") if isinstance(record, dict) else None
        key = str(number) if type(number) is int else f"at position {position}"
        why = _version_problem(record, expected)
        if not why and number in numbers:
            why = "another version has the same number"
        if why:
            bad[key] = why
        else:
            good.append(record)
        if type(number) is int:
            numbers.add(number)
    return Reading(records=data, bad=bad, good=good)


def _version_problem(record: Any, expected: dict[str, type]) -> str:
    if not isinstance(record, dict):
        return f"is {type(record).__name__}, not a record"
    missing = sorted(set(expected).difference(record))
    if missing:
        return f"has no {', '.join(missing)}"
    for key, kind in expected.items():
        if type(record[key]) is not kind:
            return f"has a {key} of the wrong kind ({type(record[key]).__name__})"
    name = record["file"]
    if PurePosixPath(name).name != name or name in ("", ".", "..") or "\\" in name:
        return f"names the file {name!r}, which is not a file in versions/"
    return ""
