"""Making a planned change: planned again under the lock, written in one transaction with
its undo record."""

from __future__ import annotations

from annotations.library_changes.plan import LibraryChange, Plan
from annotations.library_changes.undo import stage_undo
from annotations.store import Library


def apply_change(library: Library, change: LibraryChange) -> Plan:
    """Make `change`; what was done (with its undo record's id), or a plan that changes
    nothing when there was nothing to do.

    The plan shown to the person was made without the lock; another process (the reader
    beside a command line) may have written since. So it is made again here, holding the
    lock, from the files as they are: the counts returned are the counts of what was done.
    The transaction tells the library's listeners ("many") once it is on disk.
    """
    with library.writing(f"glossator {change.group} {change.action}"):
        plan = change.plan(library)
        if plan.changes_nothing:
            return plan
        with library.transaction(f"{change.group} {plan.summary}") as transaction:
            plan.undo_id = stage_undo(library, transaction, plan)
            for path, data in plan.writes.items():
                transaction.write(path, data)
    return plan
