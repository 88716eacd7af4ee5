"""Bringing a snapshot back: the whole library as it was, in one transaction.

The current state is snapshotted first, so a restore can itself be undone (`glossator
restore` again, naming the "before restore" snapshot); a restore that fails removes that
snapshot again, since nothing changed. Files the snapshot does not hold (articles added
since) are removed; caches rebuild themselves from what is restored.

JSON files are copied back, never linked: a link would make the library's copy and the
snapshot's one file, and a later edit in place (by another program) would change the
snapshot too. Bodies stay linked, as snapshots keep them. A body's snapshot copy that no
longer matches the manifest (edited in place since: every linked copy changed) cannot be
brought back as it was; it is left as the library has it, and said so. JSON that no
longer matches is refused outright: the marks and metadata are what a restore is for.
"""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from annotations.backup.snapshots import (
    Snapshot,
    SnapshotError,
    is_data_file,
    library_files,
    prune,
    take_snapshot,
    verify,
)
from annotations.errors import LibraryError
from annotations.transaction import Transaction


@dataclass
class Restored:
    before: Snapshot
    """The library as it was before: restoring it undoes this."""
    notes: list[str] = field(default_factory=list)
    """One line for each body the snapshot could not bring back as it was."""


def check_restorable(snapshot: Snapshot, schema: int) -> dict[str, str]:
    """Refuse a snapshot written by a newer glossator, or one whose JSON files are damaged;
    the bodies whose copies are no longer as they were taken (path → what is wrong)."""
    if snapshot.schema > schema:
        raise LibraryError(
            f"the snapshot {snapshot.name} was written by a newer glossator (schema "
            f"{snapshot.schema}, this one knows {schema}); upgrade glossator to restore it"
        )
    problems = verify(snapshot)
    damaged = [f"{relative} {why}" for relative, why in problems.items() if is_data_file(relative)]
    if damaged:
        more = f" (and {len(damaged) - 1} more)" if len(damaged) > 1 else ""
        raise SnapshotError(f"the snapshot {snapshot.name} is damaged: {damaged[0]}{more}; "
                            "choose another with `glossator restore --list`")
    return {relative: why for relative, why in problems.items() if not is_data_file(relative)}


def restore_snapshot(folder: Path, snapshot: Snapshot, schema: int,
                     keep: int | None = None) -> Restored:
    """Make the library what `snapshot` holds. The caller holds the library lock."""
    changed_bodies = check_restorable(snapshot, schema)
    before = take_snapshot(folder, schema, reason=f"before restoring {snapshot.name}", keep=None)
    change = Transaction(folder, f"restore {snapshot.name}")
    try:
        notes = _stage(change, folder, snapshot, changed_bodies)
    except BaseException:
        change.discard()
        shutil.rmtree(before.path, ignore_errors=True)  # nothing changed: nothing to undo
        raise
    change.commit()
    if keep is not None:
        prune(folder, keep)
    return Restored(before, notes)


def _stage(change: Transaction, folder: Path, snapshot: Snapshot,
           changed_bodies: dict[str, str]) -> list[str]:
    notes = []
    wanted = set(snapshot.files)
    for relative in sorted(wanted):
        target = folder / relative
        if is_data_file(relative):
            change.write(target, _intact_bytes(snapshot, relative))
        elif relative not in changed_bodies:
            change.write_from(target, snapshot.file(relative))
        else:
            notes.append(_changed_body(change, target, snapshot, relative,
                                       changed_bodies[relative]))
    kept_articles = {r.split("/")[1] for r in wanted if r.startswith("articles/")}
    for relative, _ in library_files(folder):
        if relative not in wanted:
            change.remove(folder / relative)
    articles = folder / "articles"
    if articles.is_dir():
        for entry in sorted(articles.iterdir()):
            if entry.is_dir() and entry.name not in kept_articles:
                change.remove(entry, tree=True)
    return notes


def _intact_bytes(snapshot: Snapshot, relative: str) -> bytes:
    """The snapshot's copy of a JSON file, checked again as it is staged."""
    try:
        data = snapshot.file(relative).read_bytes()
    except OSError as error:
        raise SnapshotError(f"the snapshot {snapshot.name} cannot be read ({relative}: "
                            f"{error.strerror}); nothing was changed") from None
    if hashlib.sha256(data).hexdigest() != snapshot.files[relative].get("sha256"):
        raise SnapshotError(f"the snapshot {snapshot.name} changed while it was restored "
                            f"({relative}); nothing was changed: try again")
    return data


def _changed_body(change: Transaction, target: Path, snapshot: Snapshot, relative: str,
                  why: str) -> str:
    """Leave the library's own copy of a body whose snapshot copy changed; what to say."""
    parts = relative.split("/")
    advice = (f"`glossator refresh {parts[1]}` reads it again from its source"
              if len(parts) == 3 else "`glossator doctor` checks it")
    if target.exists():
        return f"{relative}: its copy in the snapshot {why} (edited in place?); the " \
               f"library's own copy is kept: {advice}"
    if why == "is missing":
        return f"{relative}: the snapshot has no copy of it any more; {advice}"
    change.write_from(target, snapshot.file(relative))  # changed, but the only copy there is
    return f"{relative}: its copy in the snapshot {why} (edited in place?) and the library " \
           f"has none, so it was brought back as it is now: {advice}"
