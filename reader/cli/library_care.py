"""Commands that look after the library itself: backup, restore, doctor.

They open the library even when library.json is damaged (`Library.open(mending=True)`):
that is when they are needed, and the advice every other command gives then is
`glossator doctor --repair`.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click

from annotations.errors import GlossatorError
from reader.cli.main import emit, library_option, main, open_library

if TYPE_CHECKING:
    from annotations.backup.doctor import Checkup, Problem
    from annotations.model import Article
    from annotations.store import Library


@contextmanager
def _mending(lib: Library, purpose: str) -> Iterator[list[str]]:
    """The library lock, with any change a killed process left finished first (yields
    their purposes). Not `Library.writing`: that reads the schema from library.json,
    which may be what is to be mended."""
    with lib.lock.hold(purpose):
        yield lib.finish_interrupted_changes()


def _configured_keep() -> int:
    """`[backup] keep`, strictly: a command that prunes snapshots must not guess how many
    the user meant to keep (reader/config.py: a wrong value is one clear line)."""
    from reader.config import backup_config

    return backup_config().keep


@main.command()
@click.option("--to", "target", type=click.Path(file_okay=False, path_type=Path),
              help="Write the snapshot into this folder (another drive) instead of backups/.")
@library_option
@click.pass_context
def backup(ctx: click.Context, target: Path | None, library: Path | None) -> None:
    """Snapshot the library now (one is also taken on the first change of each day)."""
    from annotations.backup.snapshots import take_snapshot
    from annotations.store import SCHEMA_VERSION

    keep = _configured_keep() if target is None else None  # --to prunes nothing
    lib = open_library(ctx, mending=True)
    with _mending(lib, "glossator backup"):
        snapshot = take_snapshot(lib.folder, SCHEMA_VERSION, reason="backup",
                                 into=target.expanduser().resolve() if target else None,
                                 keep=keep)
    emit(f"snapshot {snapshot.name}: {len(snapshot.files)} file(s) in {snapshot.path}")


@main.command()
@click.argument("snapshot", required=False)
@click.option("--list", "listing", is_flag=True, help="List the snapshots, newest last.")
@library_option
@click.pass_context
def restore(ctx: click.Context, snapshot: str | None, listing: bool, library: Path | None) -> None:
    """Bring back a snapshot (the newest unless named); the current state is snapshotted
    first, so a restore can be undone."""
    from annotations.backup.restore import restore_snapshot
    from annotations.backup.snapshots import find_snapshot, snapshots
    from annotations.store import SCHEMA_VERSION

    lib = open_library(ctx, mending=True)
    if listing:
        every = snapshots(lib.folder)
        if not every:
            emit(f"no snapshots yet in {lib.folder / 'backups'}; make one with `glossator backup`")
        for item in every:
            emit(f"{item.name}  {item.created}  {item.reason:<30} {len(item.files)} file(s)")
        return
    keep = _configured_keep()
    chosen = find_snapshot(lib.folder, snapshot)
    with _mending(lib, "glossator restore"):
        done = restore_snapshot(lib.folder, chosen, SCHEMA_VERSION, keep=keep)
    for note in done.notes:
        emit(note)
    emit(f"restored {chosen.name} ({chosen.created}); the library as it was is kept as "
         f"{done.before.name}: `glossator restore {done.before.name}` undoes this")


@main.command()
@click.option("--repair", is_flag=True, help="Mend what can be mended (from snapshots).")
@library_option
@click.pass_context
def doctor(ctx: click.Context, repair: bool, library: Path | None) -> None:
    """Check every file of the library; one line per problem. Exit status 1 if any."""

    lib = open_library(ctx, mending=True)
    checkup = _examined(lib)
    unmended = [] if repair else _without_a_sound_copy(lib, checkup)
    if repair and checkup.problems:
        for line in _repair(lib, checkup):
            emit(line)
        checkup = _examined(lib)
    for problem in checkup.problems:
        emit(problem.line())
    if checkup.problems:
        emit(f"{len(checkup.problems)} problem(s) in {lib.folder}"
             f"{'' if repair else _way_out(checkup, unmended)}")
        sys.exit(1)
    emit(f"the library is healthy: {checkup.checked} file(s) checked in {lib.folder}")


def _way_out(checkup: Checkup, unmended: list[Problem]) -> str:
    """What the count line of a checkup advises: `--repair` only when it can do something
    (else each run of it would advise the next), or what to do instead."""
    if any(problem.repair for problem in checkup.problems):
        return "; `glossator doctor --repair` mends what it can"
    return "; none of them can be mended by `glossator doctor --repair`" \
        + "".join(f"; {problem.path}: {problem.unmended}" for problem in unmended)


def _without_a_sound_copy(lib: Library, checkup: Checkup) -> list[Problem]:
    """The damaged files no snapshot holds a sound copy of, which `--repair` cannot mend:
    no longer marked for it, so that it is not advised for them (a run of it would only
    say so, and the doctor would advise it again)."""
    from annotations.backup.repair import sound_copy
    from annotations.store import SCHEMA_VERSION

    found = []
    for problem in checkup.problems:
        if problem.repair == "restore" and sound_copy(lib.folder, problem.path, problem.sha256,
                                                      SCHEMA_VERSION) is None:
            problem.repair = ""
            found.append(problem)
    return found


def _text_reader(lib: Library) -> Callable[[Article], str]:
    from reader.document.cache import decode_document, document_of, model_key

    def text_of(article: Article) -> str:
        path = lib.article_folder(article.id) / "document.cache"
        try:
            kept = decode_document(path.read_bytes(), model_key(article))
        except OSError:
            kept = None
        return (kept or document_of(lib.body(article), article)).text

    return text_of


def _examined(lib: Library) -> Checkup:
    """The library's files checked (annotations/backup/doctor.py), and its search index:
    derived data, so a damaged one is mended by removing it (the next search rebuilds it)."""
    from annotations.backup.doctor import examine
    from annotations.search.index import INDEX_NAME, index_problem

    checkup = examine(lib.folder, _text_reader(lib))
    problem = index_problem(lib.folder)
    if problem:
        checkup.add(INDEX_NAME, problem, repair="derived")
    return checkup


def _index_damaged(checkup: Checkup) -> bool:
    """Whether `_examined` found the search index damaged."""
    return any(problem.repair == "derived" for problem in checkup.problems)


def _without_damaged_index(lib: Library, damaged: bool) -> list[str]:
    from annotations.search.index import INDEX_NAME

    if not damaged:
        return []
    index = lib.folder / INDEX_NAME
    if not index.is_file():
        return [f"{INDEX_NAME}: not a file; move it away by hand (glossator keeps its index "
                "elsewhere meanwhile)"]
    for path in (index, index.with_name(INDEX_NAME + "-checked")):
        path.unlink(missing_ok=True)
    return [f"{INDEX_NAME}: removed (derived data); the next search builds it again"]


def _repair(lib: Library, checkup: Checkup) -> list[str]:
    """Mend what can be, after a snapshot of the library as it was (so the repair can be
    undone); `checkup`: what `_examined` found (a quick check of the search index is a
    read of the whole index, not to be made twice)."""
    from annotations.backup.doctor import examine
    from annotations.backup.repair import mend_from_snapshots, snapshot_before_repair
    from annotations.store import SCHEMA_VERSION

    with _mending(lib, "glossator doctor --repair") as finished:
        done = [f"finished a change that was cut short: {purpose}" for purpose in finished]
        undo = snapshot_before_repair(lib.folder, SCHEMA_VERSION, checkup.problems)
        done += mend_from_snapshots(lib.folder, SCHEMA_VERSION)
        done += _without_damaged_index(lib, _index_damaged(checkup))
    done += _texts_known_again(lib)
    for problem in examine(lib.folder, _text_reader(lib)).problems:
        if problem.repair == "reanchor":
            done.append(_reanchor(lib, problem.article))
    with _mending(lib, "glossator doctor --repair"):
        return done + undo.lines(lib.folder)  # how to undo it all, said last


def _texts_known_again(lib: Library) -> list[str]:
    """The text hash of each article whose body a repair kept while bringing back an older
    library.json (annotations/backup/repair.py leaves it empty: the domain builds no
    text), taken from its text; its marks are found again if they no longer fit it."""
    from reader.document.cache import load_document

    done = []
    try:
        articles = [article for article in lib.articles() if not article.text_hash]
    except GlossatorError:
        return []  # library.json is still damaged: the problem lines say so
    for article in articles:
        try:
            document = load_document(lib, article)
            moved = lib.reanchor(article, document.text, document.text_hash, document.places)
        except GlossatorError as error:
            done.append(f"articles/{article.id}: cannot read its text: {error}")
            continue
        if moved:
            done.append(_found_again_line(article.id, moved))
    return done


def _reanchor(lib: Library, article_id: str) -> str:
    from reader.document.cache import load_document

    try:
        article = lib.article(article_id)
        document = load_document(lib, article)
        moved = lib.reanchor(article, document.text, document.text_hash, document.places,
                             force=True)
    except GlossatorError as error:
        return f"articles/{article_id}: cannot find its marks again: {error}"
    return _found_again_line(article_id, moved)


def _found_again_line(article_id: str, moved: int) -> str:
    return f"articles/{article_id}/annotations.json: {moved} mark(s) found again, by their " \
           "words or the closest words there are (a fuzzy match keeps its score, and its old " \
           "words in its history); those whose words are gone are kept as orphans"
