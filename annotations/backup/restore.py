"""Bringing a snapshot back: the whole library as it was, in one transaction.

The current state is snapshotted first, so a restore can itself be undone (`glossator
restore` again, naming the "before restore" snapshot). Files the snapshot does not hold
(articles added since) are removed; caches rebuild themselves from what is restored.
"""

from __future__ import annotations

from pathlib import Path

from annotations.backup.snapshots import (
    Snapshot,
    SnapshotError,
    library_files,
    take_snapshot,
    verify,
)
from annotations.errors import LibraryError
from annotations.transaction import Transaction


def check_restorable(snapshot: Snapshot, schema: int) -> None:
    """Refuse a snapshot written by a newer glossator, or one whose files are damaged."""
    if snapshot.schema > schema:
        raise LibraryError(
            f"the snapshot {snapshot.name} was written by a newer glossator (schema "
            f"{snapshot.schema}, this one knows {schema}); upgrade glossator to restore it"
        )
    problems = verify(snapshot)
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise SnapshotError(f"the snapshot {snapshot.name} is damaged: {problems[0]}{more}; "
                            "choose another with `glossator restore --list`")


def restore_snapshot(folder: Path, snapshot: Snapshot, schema: int,
                     keep: int | None = None) -> Snapshot:
    """Make the library what `snapshot` holds; returns the snapshot of what it was before.
    The caller holds the library lock."""
    check_restorable(snapshot, schema)
    before = take_snapshot(folder, schema, reason=f"before restoring {snapshot.name}", keep=None)
    wanted = set(snapshot.files)
    with Transaction(folder, f"restore {snapshot.name}") as change:
        for relative in sorted(wanted):
            change.write_from(folder / relative, snapshot.file(relative))
        kept_articles = {r.split("/")[1] for r in wanted if r.startswith("articles/")}
        for relative, _ in library_files(folder):
            if relative not in wanted:
                change.remove(folder / relative)
        articles = folder / "articles"
        if articles.is_dir():
            for entry in sorted(articles.iterdir()):
                if entry.is_dir() and entry.name not in kept_articles:
                    change.remove(entry, tree=True)
    if keep is not None:
        from annotations.backup.snapshots import prune

        prune(folder, keep)
    return before
