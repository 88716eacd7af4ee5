"""The undo log of library-wide changes: what each change did, record by record.

    undo/<id>/record.json   what the change was, and each file it rewrote: its path, the
                            SHA-256 of the bytes the change left in it, and `records`:
                            each record it changed, with the fields it set, before and
                            after (annotations/library_changes/reversing.py)
    undo/<id>/0, 1, …       before-images, only of a file that is not a database of
                            records (none that glossator's changes write today)

The record is written by the change's own transaction, so a change and its undo record
exist together or not at all.

Undo takes back out of each file, as it is now, what the change did there, in one
transaction that also drops the record: a kill leaves the change undone whole or not at
all. Later work in the same files stays (a new mark in one of the articles, a note on a
mark a merge moved); a field edited since in what the change set keeps its later value,
and the undo says how many records were left so. A later library-wide change still in
the log that set the same fields of the same records must be undone first (the log works
as a stack), since taking back the earlier one under it would undo part of the later.
Records written by glossators before this one hold before-images of whole files instead,
and are undone as they were: refused while a file is not as the change left it. The
newest `KEEP` records are kept.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from annotations.atomic import database_bytes, describe_os_error, load_json
from annotations.errors import GlossatorError, LibraryError, NotFoundError
from annotations.library_changes.draft import ACTORS_FILE, CODEBOOK_FILE
from annotations.library_changes.plan import Plan
from annotations.library_changes.reversing import (
    changes_of,
    database_tables,
    kept_notes,
    overlapping,
    reversed_tables,
    touched,
)
from annotations.store import Library
from annotations.transaction import Transaction

UNDO_FOLDER = "undo"
RECORD_NAME = "record.json"
KEEP = 20
"""Undo records kept, newest first: a day's tidying of the actors and the codebook. Each
holds the fields a change set, not copies of files."""


class UndoError(GlossatorError):
    """A change that cannot be undone (any more)."""


@dataclass
class UndoRecord:
    id: str
    group: str
    action: str
    summary: str
    at: str
    files: list[dict[str, Any]]
    folder: Path
    notes: list[str] = field(default_factory=list)
    """Once undone (or previewed): what was left as it is now ("1 mark left as edited
    since …")."""

    def record(self) -> dict[str, Any]:
        """The `--json` shape of `undo --list` (stable: keys are added, never removed)."""
        return {"id": self.id, "group": self.group, "action": self.action,
                "summary": self.summary, "at": self.at, "files": len(self.files),
                "notes": list(self.notes)}

    def touched(self) -> dict[str, set[tuple[str, str, str]] | None]:
        """The fields this change set, by file; a file undone whole maps to None."""
        return {f["path"]: touched(f["records"]) if _by_record(f) else None
                for f in self.files}


def _by_record(file: dict[str, Any]) -> bool:
    """Whether the change to `file` is undone record by record (else: the file put back)."""
    return isinstance(file.get("records"), list)


def _new_id() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f") + "-" + os.urandom(2).hex()


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _file_digest(path: Path) -> str | None:
    try:
        return _digest(path.read_bytes())
    except FileNotFoundError:
        return None
    except OSError as error:
        raise LibraryError(f"cannot read {path}: {describe_os_error(error)}") from error


def _tables_at(path: Path) -> dict[str, dict[str, Any]] | None:
    """The file's tables as on disk ({} when there is no file); None when it is not a
    database of records."""
    loaded = load_json(path)
    return {} if loaded is None else database_tables(loaded)


def stage_undo(library: Library, change: Transaction, plan: Plan, keep: int = KEEP) -> str:
    """Stage, in the change's own transaction, the undo record of `plan`; its id. Called
    under the lock, before the plan's files are staged: they are still as it found them."""
    record_id = _new_id()
    folder = library.folder / UNDO_FOLDER / record_id
    files = []
    for n, (path, data) in enumerate(plan.writes.items()):
        entry: dict[str, Any] = {"path": path.relative_to(library.folder).as_posix(),
                                 "after": _digest(data)}
        changes = (plan.changes or {}).get(path)
        if changes is None:
            before, after = _tables_at(path), database_tables(json.loads(data))
            if before is not None and after is not None:
                changes = changes_of(before, after)
        if changes is not None:
            entry["records"] = changes
            entry["created"] = not path.exists()
        else:  # not a database of records: kept whole, undone whole
            entry["before"] = None
            if path.exists():
                change.write_from(folder / str(n), path)
                entry["before"] = str(n)
        files.append(entry)
    record = {"id": record_id, "group": plan.group, "action": plan.action,
              "summary": plan.summary, "at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
              "files": files}
    change.write(folder / RECORD_NAME, json.dumps(record, ensure_ascii=False,
                                                  separators=(",", ":")).encode())
    kept = undo_records(library.folder)
    for old in kept[: max(0, len(kept) - keep + 1)]:
        change.remove(old.folder, tree=True)
    return record_id


def undo_records(library_folder: Path, group: str | None = None) -> list[UndoRecord]:
    """The undo records, oldest first; of one group ("actors", "codebook") if given."""
    root = library_folder / UNDO_FOLDER
    if not root.is_dir():
        return []
    found = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        try:
            data = json.loads((folder / RECORD_NAME).read_bytes())
            record = UndoRecord(data["id"], data["group"], data["action"], data["summary"],
                                data["at"], list(data["files"]), folder)
        except (OSError, ValueError, KeyError, TypeError):
            continue  # not a record this glossator wrote; left alone
        if group is None or record.group == group:
            found.append(record)
    return found


def find_record(library_folder: Path, reference: str | None = None,
                group: str | None = None) -> UndoRecord:
    """The newest record (of `group`), or the one whose id is or begins with `reference`."""
    records = undo_records(library_folder, group)
    what = {"actors": "actor change", "codebook": "codebook change",
            "claims": "status change"}.get(group or "", "change")
    if not records:
        raise NotFoundError(f"no library-wide {what} to undo in {library_folder}")
    if not reference:
        return records[-1]
    matches = [r for r in records if r.id.startswith(reference.strip())]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise NotFoundError(f"no undo record {reference!r}; `glossator undo --list` shows them")
    raise UndoError(f"{reference!r} begins {len(matches)} undo records; type more of the id")


def what_changed_since(library: Library, record: UndoRecord) -> str | None:
    """Why `record` cannot be undone now, in one line; None when it can (edits made
    since in its files do not stop it: they are kept)."""
    lost = [f for f in record.files if not _by_record(f) and f.get("before") is not None
            and not (record.folder / f["before"]).is_file()]
    if lost:
        raise UndoError(f"cannot undo “{record.summary}”: its copy of {lost[0]['path']} is "
                        f"missing from {record.folder}; restore a snapshot instead "
                        "(`glossator restore --list`)")
    later = _later_change_over(library, record)
    if later is not None:
        return (f"cannot undo “{record.summary}”: the later change “{later.summary}” changed "
                "the same records since: undo that first")
    whole = [f for f in record.files if not _by_record(f)]
    now = {f["path"]: _file_digest(library.folder / f["path"]) for f in whole}
    changed = [f for f in whole if now[f["path"]] != f["after"]]
    if not changed:
        return None
    first = changed[0]
    happened = "was removed" if now[first["path"]] is None else "changed"
    more = f" (and {len(changed) - 1} more file(s))" if len(changed) > 1 else ""
    return (f"cannot undo “{record.summary}”: {_described(library, first['path'])} {happened} "
            f"since{more}; putting back the earlier file would lose that")


def _later_change_over(library: Library, record: UndoRecord) -> UndoRecord | None:
    """The oldest newer change still in the log that set what `record` set (the same
    fields of the same records; for a change undone whole, the same file)."""
    mine = record.touched()
    for later in undo_records(library.folder):
        if later.id <= record.id:
            continue
        for path, theirs in later.touched().items():
            if path not in mine:
                continue
            own = mine[path]
            if own is None or theirs is None or overlapping(own, theirs):
                return later
    return None


def _described(library: Library, path: str) -> str:
    if path == ACTORS_FILE:
        return "the actors"
    if path == CODEBOOK_FILE:
        return "the codebook"
    parts = path.split("/")
    if len(parts) == 3 and parts[0] == "articles":
        try:
            title = library.article(parts[1]).title
        except GlossatorError:
            title = parts[1]
        return f"the marks of “{title}”"
    return path


@dataclass
class _Outcome:
    writes: dict[Path, bytes | None] = field(default_factory=dict)
    """New bytes by file; None to remove a file the change created, left empty again."""
    kept: Counter[str] = field(default_factory=Counter)
    gone: Counter[str] = field(default_factory=Counter)


def _taken_back(library: Library, record: UndoRecord) -> _Outcome:
    """The new bytes of each file with `record`'s change taken out of it as it is now."""
    outcome = _Outcome()
    for file in record.files:
        if not _by_record(file):
            continue
        target = library.folder / file["path"]
        changes = file["records"]
        parts = file["path"].split("/")
        if parts[0] == "articles" and not target.parent.is_dir():
            # The article was removed since: its marks are gone, nothing to put back.
            for entry in changes:
                outcome.gone[str(entry["table"])] += 1
            continue
        tables = _tables_at(target)
        if tables is None:
            raise UndoError(f"cannot undo “{record.summary}”: {target} does not hold a "
                            "glossator database; run `glossator doctor --repair`")
        reversal = reversed_tables(tables, changes)
        outcome.kept.update(reversal.kept)
        outcome.gone.update(reversal.gone)
        if reversal.changed and file.get("created") and not any(reversal.tables.values()):
            outcome.writes[target] = None
        elif reversal.changed:
            outcome.writes[target] = database_bytes(reversal.tables)
    return outcome


def undo_preview(library: Library, record: UndoRecord) -> UndoRecord:
    """`record` with the notes its undo would have now; nothing is written."""
    outcome = _taken_back(library, record)
    record.notes = kept_notes(outcome.kept, outcome.gone)
    return record


def undo_change(library: Library, reference: str | None = None,
                group: str | None = None) -> UndoRecord:
    """Take the newest change (of `group`, or the one named) back out of the library; the
    record undone, its `notes` saying what was left as edited since. Refused, with the
    reason, while a later change over the same records is in the log."""
    with library.writing("glossator undo"):
        record = find_record(library.folder, reference, group)
        problem = what_changed_since(library, record)
        if problem:
            raise UndoError(problem)
        outcome = _taken_back(library, record)
        with library.transaction(f"undo {record.summary}") as change:
            for file in record.files:
                if _by_record(file):
                    continue
                target = library.folder / file["path"]
                if file["before"] is None:
                    change.remove(target)
                else:
                    change.write_from(target, record.folder / file["before"])
            for target, data in outcome.writes.items():
                if data is None:
                    change.remove(target)
                else:
                    change.write(target, data)
            change.remove(record.folder, tree=True)
    record.notes = kept_notes(outcome.kept, outcome.gone)
    return record
