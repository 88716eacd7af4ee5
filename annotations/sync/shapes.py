"""What the merge understands: which library files it merges, and the shape their
records must have. Anything else is refused, so that git keeps its own conflict (both
sides, nothing lost) rather than the merge guessing at data it does not know:

- a file that is not one of the library's JSON files (a body, a cache);
- a file that does not parse, or is not an object of tables of records (`versions.json`:
  a list of versions with whole-number `number`s);
- `library.json` of a newer schema than this glossator's;
- a record of a known table whose known field holds another type than the model's (a
  newer glossator changed what the field means), or `conflicts` / `history` that are not
  lists of objects. Fields the model does not know are kept as they are, whatever they
  hold, as records always keep them.
"""

from __future__ import annotations

import json
from dataclasses import fields
from functools import cache
from pathlib import PurePosixPath
from typing import Any

from annotations.database_files import RECORD_TABLES
from annotations.errors import GlossatorError
from annotations.sync.records import CONFLICTS

LIBRARY_FILE = "library.json"
VERSIONS_FILE = "versions.json"
TOKENED_FILES = frozenset({LIBRARY_FILE, "actors.json", "codebook.json", "annotations.json"})
"""Files written through the store's storage: their write token is made again."""
TABLE_FILES = TOKENED_FILES | {"rejected.json"}
_MODELS = {records.table: records.model for records in RECORD_TABLES.values()}


class MergeRefused(GlossatorError):
    """A file the merge does not understand; git keeps the conflict."""


def file_kind(path: str) -> str:
    """The library file `path` (relative, `/`-separated, as git names it) is: its name;
    MergeRefused for a file the merge does not merge."""
    name = PurePosixPath(path).name
    if name in TABLE_FILES or name == VERSIONS_FILE:
        return name
    raise MergeRefused(f"{path} is not a library file the merge understands (only the "
                       "library's JSON files); git keeps both sides")


def parse(data: bytes, path: str, side: str, may_be_empty: bool = False) -> Any:
    """The parsed file; None for an empty ancestor (a file added on both sides)."""
    if may_be_empty and not data.strip():
        return None
    try:
        return json.loads(data)
    except (ValueError, UnicodeDecodeError) as error:
        raise MergeRefused(f"{path}: {side} cannot be read ({error.__class__.__name__}); "
                           "git keeps both sides") from None


def tables_of(data: Any, path: str, side: str) -> dict[str, dict[str, Any]]:
    """The tables of a database file, write token left out; MergeRefused when it is not
    one this glossator knows."""
    from annotations.atomic import NONCE_KEY

    if data is None:
        return {}
    problem = _tables_problem(data)
    if problem:
        raise _unknown(path, side, problem)
    tables = {name: table for name, table in data.items() if name != NONCE_KEY}
    if PurePosixPath(path).name == LIBRARY_FILE:
        _check_schema(tables, path, side)
    return tables


def _tables_problem(data: Any) -> str:
    """What keeps `data` from being an object of tables of records, write token aside
    ("" when nothing)."""
    from annotations.atomic import NONCE_KEY

    if not isinstance(data, dict):
        return "it is not an object of tables"
    for name, table in data.items():
        if name == NONCE_KEY:
            continue
        if not isinstance(table, dict) or not all(isinstance(r, dict) for r in table.values()):
            return f"its table {name!r} is not a table of records"
    return ""


def versions_of(data: Any, path: str, side: str) -> list[dict[str, Any]]:
    if data is None:
        return []
    if not isinstance(data, list) or not all(
            isinstance(v, dict) and type(v.get("number")) is int for v in data):
        raise _unknown(path, side, "it is not a list of numbered versions")
    return data


def check_record(table: str, record: dict[str, Any], path: str, side: str) -> None:
    """MergeRefused when a known field of the record holds what the model never writes."""
    expected = _field_types(table)
    for key, value in record.items():
        allowed = expected.get(key)
        if allowed and type(value) not in allowed:
            raise _unknown(path, side, f"its {table} record {_short(record)} has a {key!r} of "
                           f"another kind ({type(value).__name__})")
    for key in (CONFLICTS, "history"):
        value = record.get(key)
        if value is not None and not (isinstance(value, list)
                                      and all(isinstance(e, dict) for e in value)):
            raise _unknown(path, side, f"its {table} record {_short(record)} has a {key!r} "
                           "that is not a list of entries")


SHARED_JSON = frozenset({*TABLE_FILES, VERSIONS_FILE, "body.pages.json"})
"""Every JSON file a synced library shares."""
_RECORDS = {name: (records.table, records.noun) for name, records in RECORD_TABLES.items()}


def shared_json(path: str, raw: bytes) -> tuple[Any, str]:
    """A shared JSON file of the library, parsed, and what makes it unfit to take in from
    a teammate ("" when nothing; see `shared_json_problem`)."""
    if not raw.strip():
        return None, "it is empty"
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as error:
        return None, f"it is not JSON: {error.__class__.__name__}, cut short or edited by hand"
    return data, _shape_problem(path, data)


def shared_json_problem(path: str, raw: bytes) -> str:
    """What makes a shared JSON file of the library unfit to take in from a teammate, in a
    few words ("" when nothing): it does not parse, it is not the glossator file its name
    says, or one of its records has not the model's shape (the store would refuse to open
    it, annotations/store.py)."""
    return shared_json(path, raw)[1]


def _shape_problem(path: str, data: Any) -> str:
    name = PurePosixPath(path).name
    if name == VERSIONS_FILE:
        try:
            versions_of(data, path, "")
        except MergeRefused:
            return "it is not a list of numbered versions"
        return ""
    if name not in TABLE_FILES:
        return ""  # a paged body: the reader checks the rest when it builds the document
    problem = _tables_problem(data)
    if problem:
        return problem
    table_name, noun = _RECORDS.get(name, ("", ""))
    model = _MODELS.get(table_name)
    if model is not None:
        for key, record in data.get(table_name, {}).items():
            wrong = model.record_problem(record)
            if wrong:
                return f"its {noun} {str(key)[:36]!r} {wrong}"
    return ""


def schema_of(library_json: bytes) -> int | None:
    """The schema version a library.json was written with (None: none recorded, or not a
    library.json). For a sync to check what it fetched before it merges anything."""
    try:
        data = json.loads(library_json)
        return int(data["meta"]["schema"]["version"])
    except (ValueError, TypeError, KeyError, UnicodeDecodeError):
        return None


def _check_schema(tables: dict[str, dict[str, Any]], path: str, side: str) -> None:
    from annotations.store import SCHEMA_VERSION

    version = tables.get("meta", {}).get("schema", {}).get("version")
    if isinstance(version, int) and version > SCHEMA_VERSION:
        raise MergeRefused(f"{path}: {side} was written by a newer glossator (schema {version}, "
                           f"this one knows {SCHEMA_VERSION}); upgrade glossator, then sync "
                           "again (git keeps both sides meanwhile)")


@cache
def _field_types(table: str) -> dict[str, tuple[type, ...]]:
    model = _MODELS.get(table)
    if model is None:
        return {}
    return {f.name: _types(str(f.type)) for f in fields(model) if f.name != "extra"}


def _types(annotation: str) -> tuple[type, ...]:
    """The JSON types a field declared as `annotation` is stored as ("str | None", …)."""
    found: list[type] = []
    for part in (p.strip() for p in annotation.split("|")):
        base = part.split("[", 1)[0]
        found += {"str": [str], "int": [int], "float": [int, float], "bool": [bool],
                  "None": [type(None)], "list": [list], "dict": [dict]}.get(base, [])
    return tuple(found)  # empty: a type the merge does not check


def _short(record: dict[str, Any]) -> str:
    return repr(str(record.get("id") or record.get("name") or "?")[:36])


def _unknown(path: str, side: str, why: str) -> MergeRefused:
    return MergeRefused(f"{path}: {side} has a shape this glossator does not know ({why}); "
                        "upgrade glossator if a teammate runs a newer one (git keeps both "
                        "sides meanwhile)")
