"""The merge of one library file changed on both sides: `glossator merge-file`, git's merge
driver, and the same merge for a caller that has the three versions at hand.

Each table of the file is merged by record id (annotations/sync/records.py has the rules),
then the file is written canonically (annotations/atomic.py), with the write token made
from the merged content: the merge of the same three versions is the same bytes on
every machine, whichever side is "ours". It never writes a conflict marker: a clash is
settled and kept in the record's `conflicts`; a file the merge does not understand is
refused (annotations/sync/shapes.py) and left to git.

    versions.json   merged by version number; a number both sides gave to different
                    bodies is kept for the one that sorts first, the other is numbered
                    after the last (both are kept)
    rejected.json   merged by rejection key, silently (a rejection is a rejection)
    library.json    also its schema record: the higher version (a newer one is refused)

What one file's merge cannot see (a mark whose article the other side deleted, one
source added twice under two ids) is mended afterwards by annotations/sync/repair.py.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from annotations.atomic import database_bytes, describe_os_error, dump_json, write_atomically
from annotations.sync.records import canonical_text, merge_record, rules_for
from annotations.sync.shapes import (
    TOKENED_FILES,
    VERSIONS_FILE,
    MergeRefused,
    check_record,
    file_kind,
    parse,
    tables_of,
    versions_of,
)

OURS_NAME_ENV = "GLOSSATOR_MERGE_OURS"
THEIRS_NAME_ENV = "GLOSSATOR_MERGE_THEIRS"
"""Who made each side's changes, for the conflicts the merge lists; set by the sync around
`git merge` (optional: without them, conflicts name nobody)."""

_SIDES = ("the common ancestor", "our version", "their version")


def merge_bytes(path: str, ancestor: bytes, ours: bytes, theirs: bytes,
                names: Sequence[str] = ("", ""), theirs_parsed: Any = None) -> bytes:
    """The merged content of the library file `path` (relative, as git names it) from its
    three versions; `ancestor` empty when the file was added on both sides. MergeRefused
    when the merge does not understand one of them. `theirs_parsed`: `theirs` parsed
    already (the sync checks what comes in first), not parsed again."""
    kind = file_kind(path)
    data = [parse(raw, path, side, may_be_empty=side == _SIDES[0])
            for raw, side in zip((ancestor, ours), _SIDES[:2], strict=True)]
    data.append(parse(theirs, path, _SIDES[2]) if theirs_parsed is None else theirs_parsed)
    if kind == VERSIONS_FILE:
        versions = [versions_of(d, path, side) for d, side in zip(data, _SIDES, strict=True)]
        return dump_json(merge_versions(*versions))
    tables = [tables_of(d, path, side) for d, side in zip(data, _SIDES, strict=True)]
    merged = merge_tables(*tables, path=path, names=names)
    return database_bytes(merged) if kind in TOKENED_FILES else dump_json(merged)


def merge_tables(base: dict[str, dict[str, Any]], ours: dict[str, dict[str, Any]],
                 theirs: dict[str, dict[str, Any]], path: str = "",
                 names: Sequence[str] = ("", "")) -> dict[str, dict[str, Any]]:
    """Every table of a database file, merged record by record."""
    merged = {}
    for name in set(ours) | set(theirs):
        merged[name] = merge_table(name, base.get(name, {}), ours.get(name, {}),
                                   theirs.get(name, {}), path, names)
    schema = merged.get("meta", {}).get("schema")
    if schema is not None:
        versions = [t.get("meta", {}).get("schema", {}).get("version") for t in (ours, theirs)]
        known = [v for v in versions if isinstance(v, int)]
        if known:
            merged["meta"]["schema"] = {**schema, "version": max(known)}
    return merged


def merge_table(name: str, base: dict[str, Any], ours: dict[str, Any], theirs: dict[str, Any],
                path: str = "", names: Sequence[str] = ("", "")) -> dict[str, Any]:
    if ours == theirs or theirs == base:
        return ours
    if ours == base:
        return theirs
    rules = rules_for(name)
    merged = {}
    for key in set(ours) | set(theirs) | set(base):
        mine, other, before = ours.get(key), theirs.get(key), base.get(key)
        if mine != other and mine is not None and other is not None:
            for record, side in ((before, _SIDES[0]), (mine, _SIDES[1]), (other, _SIDES[2])):
                if record is not None:
                    check_record(name, record, path, side)
        record = merge_record(before, mine, other, rules, names)
        if record is not None:
            merged[key] = record
    return merged


def merge_versions(base: list[dict[str, Any]], ours: list[dict[str, Any]],
                   theirs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """An article's earlier bodies, merged by number; oldest first."""
    by_number = [{v["number"]: v for v in side} for side in (base, ours, theirs)]
    merged: dict[int, dict[str, Any]] = {}
    moved: list[dict[str, Any]] = []
    for number in set(by_number[1]) | set(by_number[2]) | set(by_number[0]):
        before, mine, other = (side.get(number) for side in by_number)
        if before is None and mine and other and mine.get("content_hash") != other.get(
                "content_hash"):
            # Both refreshed the article into different bodies: both are versions.
            first, second = sorted((mine, other), key=canonical_text)
            merged[number] = first
            moved.append(second)
            continue
        record = merge_record(before, mine, other)
        if record is not None:
            merged[number] = record
    for version in sorted(moved, key=lambda v: (v["number"], canonical_text(v))):
        number = max(merged) + 1
        merged[number] = {**version, "number": number}
    return [merged[n] for n in sorted(merged)]


def merge_files(ancestor: Path, ours: Path, theirs: Path, path: str,
                names: Sequence[str] | None = None) -> None:
    """git's merge driver: merge the three files, the result written over `ours`."""
    contents = []
    for file, side in zip((ancestor, ours, theirs), _SIDES, strict=True):
        try:
            contents.append(file.read_bytes())
        except OSError as error:
            raise MergeRefused(f"{path}: {side} cannot be read ({file}: "
                               f"{describe_os_error(error)}); git keeps both sides") from None
    if names is None:
        names = (os.environ.get(OURS_NAME_ENV, ""), os.environ.get(THEIRS_NAME_ENV, ""))
    merged = merge_bytes(path, *contents, names=names)
    # Not fsynced: git reads the file back at once, and a merge cut short is made again.
    write_atomically(ours, merged, durable=False)
