"""The three-way merge of one record (a mark, an article, an actor, a tag, …), field by
field: the rules of the merge in one place.

- A record added on one side is kept; added on both under one key, it is merged field by
  field from nothing.
- Deleted on one side and unchanged on the other, it is deleted; deleted on one side and
  changed on the other, it is kept as changed, with a `deleted` conflict (the deletion
  was overruled, and a person should know).
- Changed on both sides: a field changed on one side only takes that side's value; a
  field changed on both to different values takes the value of the side whose record
  has the later `updated`, and the other value goes into the record's `conflicts` list.
  Records without `updated` (articles, actors, tags) give the win to the side whose
  record, written as canonical JSON, sorts later: arbitrary, but the same on every
  machine, and the other value is kept all the same.
- Some fields never conflict: `updated` takes the later time, `created` and `added` the
  earlier; `tags`, `aliases`, `keywords` and `merged_ids` are merged as sets (what either
  side added is added, what either side removed is removed; the winner's order first);
  `history` and `conflicts` are merged as sets kept in time order.
- A mark's place (its quote, prefix, suffix, offsets, paragraph, page, chapter, orphan
  flag and score) is one value: taking the offsets of one side and the words of the other
  would make a mark that fits neither. Likewise an article's body (`content_hash`,
  `text_hash`, `format`, and `body_added` and `source`: when and from where that body was
  read). Both sides refreshed it into different texts: one body wins, and the other is
  kept as a version of the article by the repair (repair.py), so `glossator conflicts`
  can bring it back.
- Lists whose order means something (an article's `authors`, `editors`) are values.

Every rule is symmetric, so both sides of a merge compute the same record whichever of
them is "ours". A conflict entry:

    {"field": "status", "value": "disputed",   the value that did not win ("value" absent:
                                               that side had no such field)
     "base": "unverified",                     what both started from, when there was one
     "updated": "2026-03-02T10:00:00Z",        the `updated` of the side it came from
     "at": "2026-03-02T10:05:00Z",             the winning side's `updated`: when they met
     "author": "ana", "kept_by": "ben"}        who made each side's change, when the merge
                                               was told (GLOSSATOR_MERGE_OURS / _THEIRS)

For a group the value is an object of its fields; for `deleted` it is `true`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

CONFLICTS = "conflicts"
DELETED = "deleted"
"""The conflict of a record deleted on one side and changed on the other."""
UPDATED = "updated"
EARLIEST = frozenset({"created", "added"})
SET_FIELDS = frozenset({"tags", "aliases", "keywords", "merged_ids"})
LOG_FIELDS = frozenset({"history", CONFLICTS})
PLACE = ("exact", "prefix", "suffix", "start", "end", "paragraph", "page", "page_end",
         "chapter", "orphaned", "anchor_score")
BODY = ("content_hash", "text_hash", "format", "body_added", "source")


class _Missing:
    """A field a record does not have (not the same as a field holding null)."""

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()

Record = dict[str, Any]


@dataclass(frozen=True)
class TableRules:
    keeps_conflicts: bool
    """Whether a clash is listed in the record's `conflicts` (the library's own records),
    or settled without a word (rejections, the schema record, versions)."""
    groups: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """Fields that change together, merged as one value under the group's name."""


TABLE_RULES = {
    "annotations": TableRules(True, (("place", PLACE),)),
    "articles": TableRules(True, (("body", BODY),)),
    "actors": TableRules(True),
    "tags": TableRules(True),
}
SILENT = TableRules(False)


def rules_for(table: str) -> TableRules:
    return TABLE_RULES.get(table, SILENT)


def canonical_text(value: Any) -> str:
    """A stable text of a value, to compare and order values the same way everywhere."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                      default=str)


def first_wins(first: Record, second: Record) -> bool:
    """Whether `first` wins a clash over `second`: the later `updated`, else the record that
    sorts later as canonical JSON."""
    one, other = str(first.get(UPDATED) or ""), str(second.get(UPDATED) or "")
    if one != other:
        return one > other
    return canonical_text(first) > canonical_text(second)


def merge_record(base: Record | None, ours: Record | None, theirs: Record | None,
                 rules: TableRules = SILENT, names: Sequence[str] = ("", "")) -> Record | None:
    """The merged record (None: deleted). `names`: who made our and their changes, or ""."""
    if ours == theirs:
        return ours
    if base is None:
        if ours is None or theirs is None:
            return ours if theirs is None else theirs
        return _merge_fields({}, ours, theirs, rules, names)
    if ours is None or theirs is None:
        return _deleted_on_one_side(base, ours, theirs, rules, names)
    if ours == base:
        return theirs
    if theirs == base:
        return ours
    return _merge_fields(base, ours, theirs, rules, names)


def _deleted_on_one_side(base: Record, ours: Record | None, theirs: Record | None,
                         rules: TableRules, names: Sequence[str]) -> Record | None:
    kept, kept_by, deleted_by = (ours, names[0], names[1]) if theirs is None else \
        (theirs, names[1], names[0])
    if kept is None or kept == base:
        return None
    if not rules.keeps_conflicts:
        return kept
    entry: Record = {"field": DELETED, "value": True}
    if kept.get(UPDATED):
        entry["at"] = kept[UPDATED]
    _name(entry, deleted_by, kept_by)
    merged = dict(kept)
    merged[CONFLICTS] = _in_time_order([*_list(kept.get(CONFLICTS, MISSING)), entry])
    return merged


def _merge_fields(base: Record, ours: Record, theirs: Record, rules: TableRules,
                  names: Sequence[str]) -> Record:
    ours_wins = first_wins(ours, theirs)
    clash = _Clash(base, ours, theirs, ours_wins, names)
    merged: Record = {}
    grouped = set()
    for group, fields in rules.groups:
        grouped.update(fields)
        values = [tuple(record.get(f, MISSING) for f in fields) for record in (base, ours, theirs)]
        value = _three_way(*values)
        if value is _CLASHED:
            value = values[1] if ours_wins else values[2]
            if rules.keeps_conflicts:
                clash.note(group, _fields_of(fields, values[2] if ours_wins else values[1]),
                           _fields_of(fields, values[0]) if base else MISSING)
        merged.update((f, v) for f, v in zip(fields, value, strict=True) if v is not MISSING)
    for key in set(base) | set(ours) | set(theirs):
        if key in grouped or key == CONFLICTS:
            continue
        value = _field(key, base.get(key, MISSING), ours.get(key, MISSING),
                       theirs.get(key, MISSING), clash, rules.keeps_conflicts)
        if value is not MISSING:
            merged[key] = value
    kept = _merge_log(*(record.get(CONFLICTS, MISSING) for record in (base, ours, theirs)))
    conflicts = _in_time_order([*_list(kept), *clash.entries])
    if conflicts:
        merged[CONFLICTS] = conflicts
    return merged


_CLASHED: Any = object()


def _three_way(base: Any, ours: Any, theirs: Any) -> Any:
    if ours == theirs or theirs == base:
        return ours
    if ours == base:
        return theirs
    return _CLASHED


def _field(key: str, base: Any, ours: Any, theirs: Any, clash: _Clash, listed: bool) -> Any:
    value = _three_way(base, ours, theirs)
    if value is not _CLASHED:
        return value
    both = [v for v in (ours, theirs) if v is not MISSING]
    if key == UPDATED:
        return max(both, key=str)
    if key in EARLIEST:
        return min(both, key=str)
    if key in SET_FIELDS and _all_lists(base, ours, theirs):
        return _merge_set(base, ours, theirs, clash.ours_wins)
    if key in LOG_FIELDS and _all_lists(base, ours, theirs):
        return _merge_log(base, ours, theirs)
    winner, loser = (ours, theirs) if clash.ours_wins else (theirs, ours)
    if listed:
        clash.note(key, loser, base)
    return winner


class _Clash:
    """The conflict entries of one record's merge, each naming the losing side."""

    def __init__(self, base: Record, ours: Record, theirs: Record, ours_wins: bool,
                 names: Sequence[str]) -> None:
        self.ours_wins = ours_wins
        self.winner, self.loser = (ours, theirs) if ours_wins else (theirs, ours)
        self.winner_name, self.loser_name = (names[0], names[1]) if ours_wins else \
            (names[1], names[0])
        self.entries: list[Record] = []

    def note(self, field: str, value: Any, base: Any) -> None:
        entry: Record = {"field": field}
        if value is not MISSING:
            entry["value"] = value
        if base is not MISSING:
            entry["base"] = base
        if self.loser.get(UPDATED):
            entry["updated"] = self.loser[UPDATED]
        if self.winner.get(UPDATED):
            entry["at"] = self.winner[UPDATED]
        _name(entry, self.loser_name, self.winner_name)
        self.entries.append(entry)


def _name(entry: Record, author: str, kept_by: str) -> None:
    if author:
        entry["author"] = author
    if kept_by:
        entry["kept_by"] = kept_by


def _fields_of(fields: Sequence[str], values: Sequence[Any]) -> Record:
    return {f: v for f, v in zip(fields, values, strict=True) if v is not MISSING}


def _all_lists(*values: Any) -> bool:
    return all(v is MISSING or isinstance(v, list) for v in values)


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _merge_set(base: Any, ours: Any, theirs: Any, ours_wins: bool) -> list[Any]:
    """Items both sides keep, and those either added; the winner's order, then the other's."""
    in_base = {canonical_text(v) for v in _list(base)}
    in_ours = {canonical_text(v) for v in _list(ours)}
    in_theirs = {canonical_text(v) for v in _list(theirs)}
    first, second = (ours, theirs) if ours_wins else (theirs, ours)
    merged, seen = [], set()
    for item in [*_list(first), *_list(second)]:
        key = canonical_text(item)
        if key in seen:
            continue
        seen.add(key)
        if (key in in_ours and key in in_theirs) or key not in in_base:
            merged.append(item)
    return merged


def _merge_log(base: Any, ours: Any, theirs: Any) -> Any:
    """`_merge_set` of entries kept in time order (`at`), so either side gives one order."""
    value = _three_way(base, ours, theirs)
    if value is not _CLASHED:
        return value
    if not _all_lists(base, ours, theirs):  # refused before a merge gets here (shapes.py)
        return max(ours, theirs, key=canonical_text)
    return _in_time_order(_merge_set(base, ours, theirs, True))


def _in_time_order(entries: list[Any]) -> list[Any]:
    unique = {canonical_text(e): e for e in entries}
    return [unique[k] for k in sorted(unique, key=lambda k: (_at(unique[k]), k))]


def _at(entry: Any) -> str:
    return str(entry.get("at") or "") if isinstance(entry, dict) else ""
