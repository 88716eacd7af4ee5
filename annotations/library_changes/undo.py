"""The undo log of library-wide changes: each change's files as they were before it.

    undo/<id>/record.json   what the change was, and each file it rewrote: its path, the
                            name of its before-image here (null: the file did not exist)
                            and the SHA-256 of the bytes the change left in it
    undo/<id>/0, 1, …       the before-images

The record is written by the change's own transaction, so a change and its undo record
exist together or not at all. Before-images cost almost nothing: each is a hard link to
the file the change replaces (a replaced file keeps its inode), copied only where the file
system cannot link.

Undo puts the before-images back, in a transaction, and drops the record. It refuses
while any of those files is not as the change left it (a mark edited since in one of the
articles, an actor added since): putting the old file back would lose that later work.
Undoing the later library-wide change first makes the earlier one undoable again, so the
log works as a stack. The newest `KEEP` records are kept.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from annotations.atomic import describe_os_error
from annotations.errors import GlossatorError, LibraryError, NotFoundError
from annotations.library_changes.draft import ACTORS_FILE, CODEBOOK_FILE
from annotations.library_changes.plan import Plan
from annotations.store import Library
from annotations.transaction import Transaction

UNDO_FOLDER = "undo"
RECORD_NAME = "record.json"
KEEP = 20
"""Undo records kept, newest first: a day's tidying of the actors and the codebook. Each
holds links, not copies, so the cost is what the old files keep alive on disk."""


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

    def record(self) -> dict[str, Any]:
        """The `--json` shape of `undo --list`."""
        return {"id": self.id, "group": self.group, "action": self.action,
                "summary": self.summary, "at": self.at, "files": len(self.files)}


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


def stage_undo(library: Library, change: Transaction, plan: Plan, keep: int = KEEP) -> str:
    """Stage, in the change's own transaction, the undo record of `plan`; its id."""
    record_id = _new_id()
    folder = library.folder / UNDO_FOLDER / record_id
    files = []
    for n, (path, data) in enumerate(plan.writes.items()):
        before = None
        if path.exists():
            change.write_from(folder / str(n), path)
            before = str(n)
        relative = path.relative_to(library.folder).as_posix()
        files.append({"path": relative, "before": before, "after": _digest(data)})
    record = {"id": record_id, "group": plan.group, "action": plan.action,
              "summary": plan.summary, "at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
              "files": files}
    change.write(folder / RECORD_NAME, json.dumps(record, ensure_ascii=False, indent=1).encode())
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
    """Why `record` cannot be undone now, in one line; None when it can."""
    lost = [f for f in record.files
            if f["before"] is not None and not (record.folder / f["before"]).is_file()]
    if lost:
        raise UndoError(f"cannot undo “{record.summary}”: its copy of {lost[0]['path']} is "
                        f"missing from {record.folder}; restore a snapshot instead "
                        "(`glossator restore --list`)")
    now = {f["path"]: _file_digest(library.folder / f["path"]) for f in record.files}
    changed = [f for f in record.files if now[f["path"]] != f["after"]]
    if not changed:
        return None
    first = changed[0]
    happened = "was removed" if now[first["path"]] is None else "changed"
    more = f" (and {len(changed) - 1} more file(s))" if len(changed) > 1 else ""
    later = _later_change_of(library, record, first)
    if later is not None:
        because = f"the later change “{later.summary}” rewrote it: undo that first"
    else:
        because = "putting back the earlier file would lose that"
    return (f"cannot undo “{record.summary}”: {_described(library, first['path'])} {happened} "
            f"since{more}; {because}")


def _later_change_of(library: Library, record: UndoRecord,
                     file: dict[str, Any]) -> UndoRecord | None:
    """The newer undo record that left `file` as it is now, if one did."""
    now = _file_digest(library.folder / file["path"])
    for later in reversed(undo_records(library.folder)):
        if later.id <= record.id:
            return None
        if any(f["path"] == file["path"] and f["after"] == now for f in later.files):
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


def undo_change(library: Library, reference: str | None = None,
                group: str | None = None) -> UndoRecord:
    """Put back the files of the newest change (of `group`, or the one named); the record
    undone. Refused, with the reason, when those files changed since."""
    with library.writing("glossator undo"):
        record = find_record(library.folder, reference, group)
        problem = what_changed_since(library, record)
        if problem:
            raise UndoError(problem)
        with library.transaction(f"undo {record.summary}") as change:
            for file in record.files:
                target = library.folder / file["path"]
                if file["before"] is None:
                    change.remove(target)
                else:
                    change.write_from(target, record.folder / file["before"])
            change.remove(record.folder, tree=True)
    return record
