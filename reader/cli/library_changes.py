"""Library-wide changes from the command line: the plan shown, confirmed, made; and undo.

A change that rewrites marks (a merge, a split, a tag renamed, merged or deleted) prints
its plan first. In a terminal it then asks before going on (`--yes` answers for you); in
a script or a pipe it goes on, the plan printed above what was done. `--dry-run` only
prints the plan. Changes that rewrite no mark (renaming an actor, a colour) are simply
made. Every change can be undone, and so can `set-status`: `glossator undo` (the newest),
`actors undo` and `codebook undo` (the newest of theirs), `undo --list`.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from reader.cli.main import emit, emit_json, library_option, main, open_library


def change_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """--yes, --dry-run and --json, as every library-wide change takes them."""
    command = click.option("--json", "as_json", is_flag=True,
                           help="Print what was (or would be) done as JSON.")(command)
    command = click.option("--dry-run", is_flag=True,
                           help="Only show what would change (counts first); change nothing.")(command)
    command = click.option("--yes", "-y", is_flag=True,
                           help="Do not ask before rewriting marks (a terminal asks).")(command)
    return command


def run_change(library: Any, change: Any, yes: bool, dry_run: bool, as_json: bool) -> None:
    """Plan, show, ask where a person can answer, make the change, say what was done."""
    from annotations.library_changes.applying import apply_change

    if dry_run or (not yes and _interactive()):
        plan = _planned(library, change, dry_run, as_json)
        if dry_run or plan.changes_nothing:
            _report(plan, as_json, applied=False, dry_run=dry_run)
            return
        if plan.touches_marks:
            _show(plan)
            if not click.confirm("apply?", default=False):
                emit("nothing changed")
                return
    done = apply_change(library, change)
    _report(done, as_json, applied=not done.changes_nothing)


def _planned(library: Any, change: Any, dry_run: bool, as_json: bool) -> Any:
    """The change's plan. A change refused for want of something (a deletion that needs
    --kind) that can still count what it would do shows the counts on a dry run first,
    then the refusal."""
    from annotations.errors import GlossatorError

    try:
        return change.plan(library)
    except GlossatorError as error:
        counts = getattr(error, "plan", None)
        if dry_run and counts is not None:
            _report(counts, as_json, applied=False, dry_run=True)
        raise


def _interactive() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def _show(plan: Any) -> None:
    emit(plan.summary)
    for note in plan.notes:
        emit(f"  {note}")


def _report(plan: Any, as_json: bool, applied: bool, dry_run: bool = False) -> None:
    if as_json:
        emit_json({**plan.record(), "applied": applied})
        return
    _show(plan)
    if dry_run:
        emit("dry run: nothing changed")
    elif applied:
        emit(f"done; `glossator undo` undoes it (record {plan.undo_id})")


def run_undo(ctx: click.Context, reference: str | None, group: str | None, dry_run: bool,
             as_json: bool) -> None:
    from annotations.library_changes.undo import (
        UndoError,
        find_record,
        undo_change,
        undo_preview,
        what_changed_since,
    )

    library = open_library(ctx)
    if dry_run:
        record = find_record(library.folder, reference, group)
        problem = what_changed_since(library, record)
        if problem:
            raise UndoError(problem)
        undo_preview(library, record)
        if as_json:
            emit_json({**record.record(), "undone": False})
        else:
            emit(f"would undo: {record.summary} ({record.at})")
            for note in record.notes:
                emit(f"  {note}")
        return
    record = undo_change(library, reference, group)
    if as_json:
        emit_json({**record.record(), "undone": True})
    else:
        emit(f"undone: {record.summary}")
        for note in record.notes:
            emit(f"  {note}")


def list_undo(ctx: click.Context, group: str | None, as_json: bool) -> None:
    from annotations.library_changes.undo import undo_records, what_changed_since

    library = open_library(ctx)
    records = undo_records(library.folder, group)
    if as_json:
        emit_json([{**r.record(), "undoable": what_changed_since(library, r) is None}
                   for r in records])
        return
    if not records:
        emit("no library-wide changes to undo")
    for record in records:
        blocked = "" if what_changed_since(library, record) is None else \
            "  (not now: `glossator undo ID --dry-run` says why)"
        emit(f"{record.id}  {record.at}  {record.group:<8}  {record.summary}{blocked}")


@main.command("undo")
@click.argument("record", required=False)
@click.option("--list", "listing", is_flag=True,
              help="List the changes that can be undone, newest last.")
@click.option("--dry-run", is_flag=True, help="Say what would be undone; change nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@library_option
@click.pass_context
def undo(ctx: click.Context, record: str | None, listing: bool, dry_run: bool, as_json: bool,
         library: Path | None) -> None:
    """Undo the newest library-wide change (a merge, a rename, a tag deleted, a status set
    by set-status…), or RECORD (an id from --list): what it changed, record by record, is
    put back; later edits in the same articles stay, and a field edited since keeps its
    later value (the undo says how many)."""
    if listing:
        list_undo(ctx, None, as_json)
    else:
        run_undo(ctx, record, None, dry_run, as_json)
