"""Every name and alias of the library's actors belongs to one actor: which ones two
actors share, and how that is mended.

`glossator actors rename` and `actors merge` refuse a name another actor answers to,
but two teammates can each make a share alone: one merges "Regulators" into "The
company" while the other renames "Regulators" to "The regulators", keeping the old name
as an alias. After the merge of their libraries both actors answer to "Regulators", and
`annotate --speaker Regulators` would pick one without a word.

The mending is the same after a sync's merge (annotations/sync/repair.py) and in
`glossator doctor --repair`, and reads the actors alone, never which side had what: both
teammates' merges of one library write the same bytes.

- Two actors of one name are one actor (two teammates marked the same person offline):
  the one made first (then the smaller id) takes the other in, as `actors merge` does,
  and the marks naming the other follow it (`folded`).
- A name one actor has as its name and another as an alias stays the name; an alias two
  actors share stays with the one someone merged the other into (`actors merge` on one
  side, while the other side kept the actor merged away), else with the one made first
  (then the smaller id). The other loses it, and its aliases as they were are kept in its
  `conflicts`, so a person sees the clash (`glossator conflicts`) and can make the two one
  actor with `actors merge`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotations.errors import GlossatorError
from annotations.model import Actor, normalise_name

ALIASES = "aliases"
CONFLICTS = "conflicts"
MERGED_FROM = "merged_from"
"""A mark's field: the id of the actor it named before a merge moved it (as in
annotations/library_changes/merge_actors.py)."""


@dataclass(frozen=True)
class Shared:
    """One name two or more actors answer to."""

    name: str
    holders: tuple[str, ...]
    """The actors' ids, the one that keeps the name first."""
    as_name: frozenset[str]
    """Those whose name it is (the others have it as an alias)."""


def shared_names(actors: dict[str, Any]) -> list[Shared]:
    """The names (and aliases) more than one actor answers to, sorted by name. `actors`:
    the records of actors.json, by id (records that are not objects are left out)."""
    holders: dict[str, dict[str, bool]] = {}
    spelled: dict[tuple[str, str], str] = {}
    for actor_id in sorted(actors):
        record = actors[actor_id]
        if not isinstance(record, dict):
            continue
        for n, name in enumerate(_names(record)):
            key = normalise_name(name)
            if key:
                spelled.setdefault((key, actor_id), " ".join(name.split()))
                held = holders.setdefault(key, {})
                held[actor_id] = held.get(actor_id, False) or n == 0
    found = []
    for key in sorted(holders):
        held = holders[key]
        if len(held) < 2:
            continue
        order = sorted(held, key=lambda i: (not held[i], not _took_in(actors[i], held),
                                            _made(actors[i]), i))
        found.append(Shared(spelled[key, order[0]], tuple(order),
                            frozenset(i for i in held if held[i])))
    return found


@dataclass
class Settled:
    """The actors with every name theirs alone."""

    actors: dict[str, Any]
    folded: dict[str, str] = field(default_factory=dict)
    """Actors taken into another of the same name: old id → the id that took it in."""
    lines: list[str] = field(default_factory=list)
    """What was done, one line each (none: nothing was shared)."""


def settle_shared_names(actors: dict[str, Any]) -> Settled:
    """The actors of `actors` (records by id) with no name shared: see the module's
    docstring. `actors` itself is left as it was."""
    from annotations.library_changes.merge_actors import merged_actor

    records = {key: dict(value) for key, value in actors.items()}
    settled = Settled(records)
    for shared in shared_names(records):
        named = [i for i in shared.holders if i in shared.as_name and i in records]
        if len(named) < 2:
            continue
        keeper, *others = named
        for other in others:
            merged = merged_actor(Actor.from_record(records[keeper]),
                                  Actor.from_record(records.pop(other)))
            records[keeper] = merged.to_record()
            settled.folded[other] = keeper
        settled.lines.append(f"actors: {len(named)} actors were named {_quoted(shared.name)}; "
                             "they are one actor now, and the marks of each name it")
    for shared in shared_names(records):
        keeper, *others = shared.holders
        for other in others:
            _drop_alias(records[other], shared.name)
        kept_by = _name_of(records[keeper])
        losers = ", ".join(_name_of(records[i]) for i in others)
        settled.lines.append(f"actors: {_quoted(shared.name)} was a name of {kept_by} and of "
                             f"{losers}; {kept_by} keeps it, the other's alias is set aside as "
                             "a conflict (`glossator conflicts`)")
    return settled


def follow_folded(mark: dict[str, Any], folded: dict[str, str]) -> bool:
    """Point a mark (its record) that names an actor taken into another at that one, as
    `actors merge` does; whether it changed."""
    moved = False
    for role in ("speaker", "actor"):
        actor_id = mark.get(role)
        if isinstance(actor_id, str) and actor_id in folded:
            mark[role] = folded[actor_id]
            mark.setdefault(MERGED_FROM, actor_id)
            moved = True
    return moved


def shared_name_lines(actors: dict[str, Any]) -> list[str]:
    """For `glossator doctor`: each name more than one actor answers to, in words."""
    lines = []
    for shared in shared_names(actors):
        names = ", ".join(_name_of(actors[i]) for i in shared.holders)
        lines.append(f"{_quoted(shared.name)} is a name or alias of {len(shared.holders)} actors "
                     f"({names}), so a mark made with `--speaker {shared.name}` cannot tell "
                     f"which; `glossator doctor --repair` leaves it to "
                     f"{_name_of(actors[shared.holders[0]])}")
    return lines


def mend_shared_names(folder: Path) -> list[str]:
    """`glossator doctor --repair`: actors.json with no name shared, and the marks of an
    actor taken into another following it, in one transaction; what was done. The
    caller holds the lock."""
    from annotations.atomic import NONCE_KEY, database_bytes, load_json
    from annotations.backup.shapes import read_file
    from annotations.transaction import Transaction

    path = folder / "actors.json"
    try:
        raw = path.read_bytes()
    except OSError:
        return []
    reading = read_file("actors.json", raw)
    if not reading.sound:
        return []  # damaged: restored from a snapshot, or mended by hand, first
    data = reading.data
    table = data.get("actors") if isinstance(data, dict) else None
    if not isinstance(table, dict):
        return []
    settled = settle_shared_names(table)
    if not settled.lines:
        return []
    data.pop(NONCE_KEY, None)
    data["actors"] = settled.actors
    with Transaction(folder, "doctor --repair: actors sharing a name") as change:
        change.write(path, database_bytes(data))
        for marks_path in _marks_files(folder) if settled.folded else []:
            try:
                marks = load_json(marks_path)
            except GlossatorError:
                continue  # damaged: the doctor says so; its marks are mended with it
            found = marks.get("annotations") if isinstance(marks, dict) else None
            if not isinstance(found, dict):
                continue
            moved = [follow_folded(r, settled.folded) for r in found.values()
                     if isinstance(r, dict)]
            if any(moved):
                marks.pop(NONCE_KEY, None)
                change.write(marks_path, database_bytes(marks))
    return settled.lines


def _marks_files(folder: Path) -> Iterable[Path]:
    root = folder / "articles"
    return sorted(root.glob("*/annotations.json")) if root.is_dir() else []


def _names(record: dict[str, Any]) -> list[str]:
    aliases = record.get(ALIASES)
    return [str(record.get("name") or ""),
            *(a for a in (aliases if isinstance(aliases, list) else []) if isinstance(a, str))]


def _took_in(record: dict[str, Any], others: Iterable[str]) -> bool:
    """Whether the actor was merged with one of `others` (`actors merge`): it has the
    name by a choice someone made, which the other's keeping it undid."""
    merged = record.get("merged_ids")
    return isinstance(merged, list) and any(other in merged for other in others)


def _made(record: dict[str, Any]) -> str:
    return str(record.get("created") or "")


def _drop_alias(record: dict[str, Any], name: str) -> None:
    """Take `name` out of the actor's aliases; its aliases as they were go in its
    conflicts, once."""
    key = normalise_name(name)
    before = [a for a in record.get(ALIASES) or [] if isinstance(a, str)]
    kept = [a for a in before if normalise_name(a) != key]
    if kept == before:
        return
    record[ALIASES] = kept
    entry = {"field": ALIASES, "value": before}
    entries = [e for e in record.get(CONFLICTS) or [] if isinstance(e, dict)]
    if entry not in entries:
        record[CONFLICTS] = [*entries, entry]


def _name_of(record: dict[str, Any]) -> str:
    return _quoted(str(record.get("name") or ""))


def _quoted(name: str) -> str:
    return f"“{' '.join(name.split())}”"
