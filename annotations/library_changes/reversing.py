"""What a change did to a database file, record by record and field by field, and taking
just that back out of the file as it is now.

A library-wide change rewrites a few fields of many records: a merge the `actor` or
`speaker` of a thousand marks, a tag's deletion the `tags` of some. Between the change and
its undo the same files go on being edited: a new mark in one of the articles, a note on a
mark the merge moved. So the undo log keeps, for each record the change touched, the
fields it changed with their values before and after (`changes_of`), and the undo puts
back each field that still holds what the change left (`reversed_tables`), leaving
everything else as it is now.

A field edited since in what the change set keeps its later value (the person's later
work wins), and the record is counted as left so. Lists of names (tags, aliases, merged
ids) are taken back item by item instead: the change's additions leave, its removals come
back, in place of what replaced them where they can, and what was added since stays. A
dict field (the records of actors merged in) is taken back key by key. `updated` is put
back when nothing else changed the record since, and never counts as an edit of its own.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from annotations.atomic import NONCE_KEY

UPDATED = "updated"
"""A record's time of last change: every edit sets it, so it follows the other fields."""
WHOLE = "*"
"""In `touched`: the record as a whole (added or removed by the change)."""

_MISSING: Any = object()
"""A key a record or table does not have."""


def database_tables(loaded: Any) -> dict[str, dict[str, Any]] | None:
    """The tables of a parsed database file (without its write token), when it is tables
    of records by id; None for anything else (such a file is undone whole)."""
    if not isinstance(loaded, dict):
        return None
    tables = {name: table for name, table in loaded.items() if name != NONCE_KEY}
    if not all(isinstance(t, dict) and all(isinstance(r, dict) for r in t.values())
               for t in tables.values()):
        return None
    return tables


def changes_of(before: dict[str, dict[str, Any]],
               after: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """Each record `after` differs in from `before`: `{"table", "id", "fields": {name:
    {"before": …, "after": …}}}`, a side left out where the field was not there; a record
    added or removed whole as `{"table", "id", "before": …}` / `"after": …`."""
    found = []
    for table in sorted(before.keys() | after.keys()):
        old, new = before.get(table, {}), after.get(table, {})
        for record_id in sorted(old.keys() | new.keys()):
            was, now = old.get(record_id, _MISSING), new.get(record_id, _MISSING)
            if was == now:
                continue
            entry: dict[str, Any] = {"table": table, "id": record_id}
            if was is _MISSING or now is _MISSING:
                entry.update(_sides(was, now))
            else:
                entry["fields"] = {name: _sides(was.get(name, _MISSING), now.get(name, _MISSING))
                                   for name in sorted(was.keys() | now.keys())
                                   if was.get(name, _MISSING) != now.get(name, _MISSING)}
            found.append(entry)
    return found


def _sides(before: Any, after: Any) -> dict[str, Any]:
    sides = {}
    if before is not _MISSING:
        sides["before"] = before
    if after is not _MISSING:
        sides["after"] = after
    return sides


def touched(changes: list[dict[str, Any]]) -> set[tuple[str, str, str]]:
    """(table, id, field) of every field the change set, `WHOLE` for records it added or
    removed; `updated` left out, as every change sets it."""
    found = set()
    for entry in changes:
        names = entry.get("fields")
        for name in ([WHOLE] if names is None else names):
            if name != UPDATED:
                found.add((str(entry["table"]), str(entry["id"]), name))
    return found


def overlapping(mine: set[tuple[str, str, str]], theirs: set[tuple[str, str, str]]) -> bool:
    """Whether two changes set a field of the same record (or one added or removed it)."""
    if mine & theirs:
        return True
    whole_mine = {(t, i) for t, i, f in mine if f == WHOLE}
    whole_theirs = {(t, i) for t, i, f in theirs if f == WHOLE}
    return any((t, i) in whole_theirs for t, i, _ in mine) or \
        any((t, i) in whole_mine for t, i, _ in theirs)


@dataclass
class Reversal:
    """A file's tables with a change taken out, and what could not be taken back."""

    tables: dict[str, dict[str, Any]]
    changed: bool = False
    """Whether anything was put back (else the file need not be written)."""
    kept: Counter[str] = field(default_factory=Counter)
    """Records, by table, with a field edited since in what the change set: kept so."""
    gone: Counter[str] = field(default_factory=Counter)
    """Records, by table, the change changed and that were removed since."""


def reversed_tables(tables: dict[str, dict[str, Any]],
                    changes: list[dict[str, Any]]) -> Reversal:
    """`tables` (a file as it is now; changed in place) with `changes` taken back out."""
    result = Reversal(tables)
    for entry in changes:
        table_name = str(entry["table"])
        table = tables.setdefault(table_name, {})
        record_id = str(entry["id"])
        now = table.get(record_id, _MISSING)
        fields = entry.get("fields")
        if fields is None:
            value, clean = undone(entry.get("before", _MISSING), entry.get("after", _MISSING), now)
            if not clean:
                result.kept[table_name] += 1
            elif value is not now:
                _put(table, record_id, value)
                result.changed = True
            continue
        if now is _MISSING:
            result.gone[table_name] += 1
            continue
        edited = False
        for name, sides in fields.items():
            if name == UPDATED:
                continue
            current = now.get(name, _MISSING)
            value, clean = undone(sides.get("before", _MISSING), sides.get("after", _MISSING),
                                  current)
            edited |= not clean
            if value is not current:
                _put(now, name, value)
                result.changed = True
        if UPDATED in fields and not edited:
            sides = fields[UPDATED]
            if now.get(UPDATED, _MISSING) == sides.get("after", _MISSING):
                _put(now, UPDATED, sides.get("before", _MISSING))
                result.changed = True
        if edited:
            result.kept[table_name] += 1
    return result


def _put(holder: dict[str, Any], key: str, value: Any) -> None:
    if value is _MISSING:
        holder.pop(key, None)
    else:
        holder[key] = value


def undone(before: Any, after: Any, now: Any) -> tuple[Any, bool]:
    """The value `now` becomes once a change from `before` to `after` is taken back out of
    it, and whether that took back all of it (else `now` is kept: edited since)."""
    if now == after:
        return before, True
    if now == before:
        return now, True
    if _names(before) and _names(after) and _names(now):
        return _list_undone(before, after, now), True
    if all(isinstance(v, dict) for v in (before, after, now)):
        return _dict_undone(before, after, now)
    return now, False


def _names(value: Any) -> bool:
    """A list of plain values (tags, aliases, ids), taken back item by item."""
    return isinstance(value, list) and all(
        isinstance(v, str | int | float | bool) or v is None for v in value)


def _list_undone(before: list[Any], after: list[Any], now: list[Any]) -> list[Any]:
    """`now` without what the change added, with what it removed: each removed item in
    place of the one the change put there, or else back after the items it followed."""
    added = [v for v in after if v not in before]
    removed = [v for v in before if v not in after]
    in_place = dict(zip(added, removed, strict=False))
    kept: list[Any] = []
    for value in now:
        if value in added:
            value = in_place.get(value, _MISSING)
        if value is not _MISSING and value not in kept:
            kept.append(value)
    for value in removed:
        if value in kept:
            continue
        earlier = before[:before.index(value)]
        place = max((n + 1 for n, v in enumerate(kept) if v in earlier), default=0)
        kept.insert(place, value)
    return kept


def _dict_undone(before: dict[str, Any], after: dict[str, Any],
                 now: dict[str, Any]) -> tuple[dict[str, Any], bool]:
    result, clean = dict(now), True
    for key in before.keys() | after.keys():
        current = now.get(key, _MISSING)
        value, whole = undone(before.get(key, _MISSING), after.get(key, _MISSING), current)
        clean &= whole
        _put(result, key, value)
    return result, clean


def kept_notes(kept: Counter[str], gone: Counter[str]) -> list[str]:
    """"1 mark left as edited since", "2 marks removed since stay removed"."""
    from annotations.library_changes.plan import agreeing, counted

    notes = []
    for table, n in sorted(kept.items()):
        notes.append(f"{counted(n, _noun(table))} left as edited since "
                     f"({agreeing(n, 'its', 'their')} later values kept)")
    for table, n in sorted(gone.items()):
        notes.append(f"{counted(n, _noun(table))} removed since "
                     f"{agreeing(n, 'stays', 'stay')} removed")
    return notes


def _noun(table: str) -> str:
    return {"annotations": "mark", "actors": "actor", "tags": "tag"}.get(table, "record")
