"""The search index of a library: a derived SQLite FTS5 file, safe to delete.

    library/search-index.sqlite

It is made from the library and kept up to date with it: `catch_up` compares what the
index was made from with the library's files (see updating, freshness) and indexes what
changed, whoever changed it; a process that keeps the index open also hears of its own
changes through `Library.listeners` (`listen`). A missing, damaged or outdated index is
made again from nothing, with progress told to a callback; a library that cannot be
written (a read-only disk), or a folder where the index should be, gets the index in a
spare folder instead (the caller's, else the system's temporary folder), and `note` says so.

Damage is looked for cheaply. SQLite notices a damaged page only when a query reads it,
and FTS5 may then just find less; `PRAGMA quick_check` reads every page (85 ms for the
bench library's 60 MB), too much before every query. So each time glossator has written
the index it leaves the file's stamp (inode, size, mtime) beside it, in
`search-index.sqlite-checked`; a file whose stamp is not the one left there was changed by
something else (a disk error, a copy, a crash mid-write) and is checked in full before it
is used. Any SQLite error that says "damaged", whenever it comes, also has it made again.

Each thread gets its own connection, so a query can run while another thread catches up:
it sees what has been committed so far (the index commits every few articles).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import tempfile
import threading
import time
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path

from annotations.errors import GlossatorError
from annotations.model import Actor
from annotations.search import updating
from annotations.search.failures import (
    Busy,
    Damaged,
    Failed,
    SearchIndexBusy,
    SearchIndexError,
    Unwritable,
    as_library_error,
    classified,
)
from annotations.search.freshness import KnownFolders, changed_folders
from annotations.search.query import Query, parse_query
from annotations.search.schema import INDEX_VERSION, MARKS, TEXTS, TOKENIZERS, create_statements
from annotations.search.searching import Results, run_query
from annotations.store import Library

__all__ = ["INDEX_NAME", "CatchUp", "SearchIndex", "SearchIndexBusy", "SearchIndexError",
           "index_problem"]

INDEX_NAME = "search-index.sqlite"
CHECKED_SUFFIX = "-checked"
"""Beside the index: the stamp of the file as glossator last wrote or checked it."""
BUSY_WAIT = 20.0
"""Seconds to wait for another process that is writing the index (a full build of a
thousand articles takes a few)."""
COMMIT_EVERY = 0.5
"""Seconds of indexing between commits: a query on another connection sees the articles
done so far, and a process stopped half-way keeps them."""

OPTIMIZE_AFTER = 200
"""Articles indexed in one catch-up after which the index is merged into one segment."""

Progress = Callable[[int, int], None]
"""Told (articles done, articles to do) as indexing goes."""


@dataclass
class CatchUp:
    """What one `catch_up` did."""

    indexed: int = 0
    """Articles (re)indexed."""
    removed: int = 0
    rebuilt: str = ""
    """Why the index was made from nothing ("new", "damaged", "outdated"), or ""."""
    problems: list[str] = field(default_factory=list)
    """Articles whose body or marks could not be read, one line each (tried again next time)."""
    skipped: bool = False
    """Another thread of this process was catching up already."""
    stopped: bool = False
    """Stopped on request before the end (what was done is kept)."""


class SearchIndex:
    def __init__(self, library: Library, path: Path, spare_folder: Path | None = None) -> None:
        self.library = library
        self.path = path
        self.spare_folder = spare_folder
        self.note = ""
        """Why the index is not where it usually is ("" when it is in the library)."""
        self._local = threading.local()
        self._generation = 0
        """Bumped when the file is made again: every thread's connection is opened anew."""
        self._catching_up = threading.Lock()
        self._dirty: set[str] = set()
        self._everything_dirty = False
        self._dirty_lock = threading.Lock()
        self._pending_rebuild = ""
        self._inode: int | None = None
        self._trusted = ""
        """The file's stamp when this process last wrote or checked it."""
        self._found_damaged = False
        """A query met damage: the next catch-up makes the index again."""
        self._known: KnownFolders | None = None

    @classmethod
    def open(cls, library: Library, spare_folder: Path | None = None) -> SearchIndex:
        """The library's index, ready to query (maybe still empty: `catch_up` fills it)."""
        index = cls(library, library.folder / INDEX_NAME, spare_folder)
        try:
            index._prepare()
        except (Busy, Failed) as kind:
            raise as_library_error(kind, index.path) from None
        return index

    @property
    def rebuilding(self) -> str:
        """Why the next or current catch-up makes the index from nothing ("new", "damaged",
        "outdated"), or "": what its progress is to be called."""
        return "damaged" if self._found_damaged else self._pending_rebuild

    # -- listening ----------------------------------------------------------------------

    def listen(self) -> None:
        """Hear of this process's own changes to the library (`Library.listeners`)."""
        if self.note_change not in self.library.listeners:
            self.library.listeners.append(self.note_change)

    def stop_listening(self) -> None:
        with suppress(ValueError):
            self.library.listeners.remove(self.note_change)

    def note_change(self, what: str, article_id: str = "") -> None:
        """A listener: remember what changed, for the next catch-up to check file by file.
        Cheap, and safe from any thread: it runs inside the change that is being made."""
        with self._dirty_lock:
            if article_id:
                self._dirty.add(article_id)
            if what in ("many", "actors") or not article_id:
                self._everything_dirty = True

    def _take_dirty(self) -> tuple[set[str], bool]:
        with self._dirty_lock:
            dirty, everything = self._dirty, self._everything_dirty
            self._dirty, self._everything_dirty = set(), False
        return dirty, everything

    def _give_back_dirty(self, dirty: set[str], everything: bool) -> None:
        with self._dirty_lock:
            self._dirty |= dirty
            self._everything_dirty |= everything

    # -- connections --------------------------------------------------------------------

    def connection(self) -> sqlite3.Connection:
        """This thread's connection to the index."""
        local = self._local
        if getattr(local, "generation", None) != self._generation or local.conn is None:
            old = getattr(local, "conn", None)
            if old is not None:
                with suppress(sqlite3.Error):
                    old.close()
            local.conn = self._connect()
            local.generation = self._generation
        return local.conn

    def _connect(self) -> sqlite3.Connection:
        try:
            conn = sqlite3.connect(self.path, timeout=BUSY_WAIT, isolation_level=None,
                                   check_same_thread=False)
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("PRAGMA cache_size = -16000")
            conn.execute("PRAGMA temp_store = MEMORY")
        except sqlite3.Error as error:
            raise classified(error) from error
        return conn

    def _forget_connections(self) -> None:
        """Every thread's connection opened anew, and what was known through them let go:
        the file's stamp as trusted, the folders as recorded (a file moved, made again or
        replaced is checked and read afresh)."""
        local_conn = getattr(self._local, "conn", None)
        if local_conn is not None:
            with suppress(sqlite3.Error):
                local_conn.close()
            self._local.conn = None
        self._generation += 1
        self._trusted = ""
        self._known = None

    # -- the file -----------------------------------------------------------------------

    def _prepare(self) -> None:
        """A usable index file at `path`, made if need be; moved to a spare folder when the
        library cannot be written or something else is where the index should be."""
        try:
            self._prepare_here()
        except Unwritable as error:
            self._move_to_spare(str(error))

    def _prepare_here(self) -> None:
        if self.path.exists() and not self.path.is_file():
            raise Unwritable("in the way")
        for _ in range(2):
            try:
                self._check_or_create()
                self._inode = self.path.stat().st_ino
                return
            except Damaged:
                self._remove_file()
                self._pending_rebuild = "damaged"
        raise SearchIndexError(f"the search index {self.path} cannot be made again; delete it "
                               "and try again")

    def _check_or_create(self) -> None:
        conn = self.connection()
        try:
            tables = {name for (name,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
            if not tables:
                self._create(conn)
                self._pending_rebuild = self._pending_rebuild or "new"
                return
            version = conn.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
        except sqlite3.Error as error:
            raise classified(error) from error
        if version is None or version[0] != str(INDEX_VERSION):
            self._remove_file()
            self._pending_rebuild = "outdated"
            self._create(self.connection())
            return
        self._check_if_changed_elsewhere(conn)

    # -- damage ---------------------------------------------------------------------------

    def _stamp(self) -> str:
        try:
            info = os.stat(self.path)
        except OSError:
            return ""
        return f"{info.st_ino} {info.st_size} {info.st_mtime_ns}"

    def _checked_path(self) -> Path:
        return Path(f"{self.path}{CHECKED_SUFFIX}")

    def _check_if_changed_elsewhere(self, conn: sqlite3.Connection) -> None:
        """Check the whole file (`Damaged` if it is not sound) unless glossator wrote or
        checked it as it is now; one `stat` when nothing else touched it."""
        stamp = self._stamp()
        if not stamp or stamp == self._trusted:
            return
        try:
            recorded = self._checked_path().read_text(encoding="ascii").strip()
        except (OSError, UnicodeDecodeError):
            recorded = ""
        if stamp != recorded:
            try:
                found = [row[0] for row in conn.execute("PRAGMA quick_check").fetchall()]
            except sqlite3.Error as error:
                raise classified(error) from error
            if found != ["ok"]:
                raise Damaged(f"quick_check: {found[0] if found else 'no answer'}")
            self._vouch(stamp)
        self._trusted = stamp

    def _vouch(self, stamp: str | None = None) -> None:
        """Leave the file's stamp beside it: as it is now, glossator made it. A record
        that cannot be written only costs a check next time."""
        stamp = stamp or self._stamp()
        if not stamp:
            return
        checked = self._checked_path()
        spare = checked.with_name(f".{checked.name}.{os.getpid()}.tmp")
        try:
            spare.write_text(stamp + "\n", encoding="ascii")
            os.replace(spare, checked)
        except OSError:
            with suppress(OSError):
                spare.unlink()
            return
        self._trusted = stamp

    def _create(self, conn: sqlite3.Connection) -> None:
        last_error: sqlite3.Error | None = None
        for tokenizer in TOKENIZERS:
            try:
                conn.execute("BEGIN IMMEDIATE")
                for statement in create_statements(tokenizer):
                    conn.execute(statement)
                # OR IGNORE, IF NOT EXISTS: another process may have made it a moment ago.
                conn.execute("INSERT OR IGNORE INTO meta VALUES ('version', ?), ('tokenizer', ?)",
                             (str(INDEX_VERSION), tokenizer))
                conn.execute("COMMIT")
                self._vouch()
                return
            except sqlite3.Error as error:
                with suppress(sqlite3.Error):
                    conn.execute("ROLLBACK")
                if "fts5" in str(error).casefold() and "no such module" in str(error).casefold():
                    raise SearchIndexError(
                        "this Python's SQLite has no FTS5, which search needs; use a Python "
                        "built with it (python.org's and most systems' are)") from error
                if "tokeniz" not in str(error).casefold():
                    raise classified(error) from error
                last_error = error  # an SQLite too old for this tokenizer: the next one
        raise SearchIndexError(f"SQLite refused every tokenizer for the search index ({last_error})")

    def _remove_file(self) -> None:
        self._forget_connections()
        for suffix in ("", "-journal", "-wal", "-shm", CHECKED_SUFFIX):
            with suppress(OSError):
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)

    def _move_to_spare(self, error: str) -> None:
        """Keep the index outside the library, which cannot hold it: a copy of the
        library's own index when there is one (it may well be current: nothing changes a
        read-only library), else a new one."""
        original = self.path
        why = self._why_not_here(error)
        name = "glossator-search-" + hashlib.sha256(str(self.library.folder).encode()).hexdigest()[:16]
        tried = []
        for folder in (self.spare_folder, Path(tempfile.gettempdir())):
            if folder is None:
                continue
            tried.append(str(folder))
            candidate = folder / f"{name}.sqlite"
            try:
                folder.mkdir(parents=True, exist_ok=True)
                if original.is_file() and not candidate.exists():
                    shutil.copyfile(original, candidate)
            except OSError:
                continue
            self._forget_connections()
            self.path = candidate
            try:
                self._prepare_here()
            except Unwritable:
                continue
            self.note = f"{why}; the search index is kept in {candidate}"
            return
        raise SearchIndexError(f"{why}, and no search index can be kept in {' nor in '.join(tried)} "
                               "either; make one of them writable")

    def _why_not_here(self, error: str) -> str:
        """What keeps the index from its place in the library, in a few words."""
        path = self.path
        if path.exists() and not path.is_file():
            what = "a folder" if path.is_dir() else "not a file"
            return (f"{path} is {what}, not glossator's search index (move it away to have the "
                    "index back in the library)")
        if not os.access(path.parent, os.W_OK):
            return f"the library {self.library.folder} cannot be written"
        return f"the search index {path} cannot be written ({error})"

    def _file_replaced(self) -> bool:
        """Whether the file was deleted (or replaced) behind the open connections, which
        would go on reading and writing the old one."""
        try:
            return self.path.stat().st_ino != self._inode
        except OSError:
            return True

    # -- catching up --------------------------------------------------------------------

    def catch_up(self, text_of: updating.TextOf, progress: Progress | None = None,
                 should_stop: Callable[[], bool] | None = None, wait: bool = True) -> CatchUp:
        """Index whatever changed in the library since the index last looked.

        `text_of(article) -> (text, places)` gives an article's text; `progress` is told
        how far indexing is; `should_stop` is asked between articles. With `wait=False`,
        returns at once (`skipped`) when another thread is catching up already.
        """
        if not self._catching_up.acquire(blocking=wait):
            return CatchUp(skipped=True)
        try:
            for _ in range(3):
                try:
                    if self._found_damaged:
                        self._found_damaged = False
                        raise Damaged("found while searching")
                    return self._catch_up(text_of, progress, should_stop)
                except Damaged:
                    self._remove_file()
                    self._pending_rebuild = "damaged"
                    self._prepare_here()
                except Unwritable as error:
                    self._move_to_spare(str(error))
                except (Busy, Failed) as kind:
                    raise as_library_error(kind, self.path) from None
            raise SearchIndexError(f"the search index {self.path} keeps failing; delete it and "
                                   "try again")
        finally:
            self._catching_up.release()

    def _catch_up(self, text_of: updating.TextOf, progress: Progress | None,
                  should_stop: Callable[[], bool] | None) -> CatchUp:
        if self._file_replaced():
            self._forget_connections()
            self._prepare_here()
        done = CatchUp(rebuilt=self._pending_rebuild)
        dirty, everything = self._take_dirty()
        conn = self.connection()
        check_every_folder = everything or bool(done.rebuilt)

        def plan(suspects: set[str] | None) -> updating.Plan:
            return updating.plan(conn, self.library, dirty, check_every_folder, suspects)

        try:
            self._check_if_changed_elsewhere(conn)
            suspects = None if check_every_folder else self._changed_folders(conn)
            if suspects is not None and not suspects and not dirty \
                    and self._library_files_unchanged():
                self._pending_rebuild = ""
                return done  # nothing changed: a stat a folder, no row read
            if _has_work(conn, plan(suspects)):
                conn.execute("BEGIN IMMEDIATE")
                self._known = None
                # Again, now that no other process can write: one may have done part of it.
                self._write(conn, plan(suspects), text_of, progress, should_stop, done)
                self._vouch()
        except BaseException as error:
            self._give_back_dirty(dirty, everything)
            with suppress(sqlite3.Error):
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
            if isinstance(error, sqlite3.Error):
                raise classified(error) from error
            raise
        self._pending_rebuild = ""
        return done

    def _changed_folders(self, conn: sqlite3.Connection) -> set[str]:
        """The articles whose folder may have changed since the index recorded it."""
        if self._known is None or not self._known.current(conn):
            self._known = KnownFolders.read(conn, os.fspath(self.library.folder / "articles"))
        return changed_folders(self._known)

    def _library_files_unchanged(self) -> bool:
        """Whether library.json and actors.json are as the index last read them."""
        known = self._known
        folder = self.library.folder
        return known is not None and all(
            updating.stamp_text(folder / f"{key}.json") == known.meta.get(key)
            for key in ("library", "actors"))

    def _write(self, conn: sqlite3.Connection, plan: updating.Plan, text_of: updating.TextOf,
               progress: Progress | None, should_stop: Callable[[], bool] | None,
               done: CatchUp) -> None:
        """Index what `plan` says, inside the transaction the caller began."""
        to_index = plan.to_index
        actors: dict[str, Actor] | None = None

        def current_actors() -> dict[str, Actor]:
            nonlocal actors
            if actors is None:
                actors = {a.id: a for a in self.library.actors()}
            return actors

        for slot in plan.removed:
            updating.remove(conn, slot)
        done.removed = len(plan.removed)
        for work in plan.work:
            if not work.indexes_anything and work.folder:
                updating.keep_folder_stamp(conn, work)
        if progress and to_index:
            progress(0, len(to_index))
        since_commit = time.monotonic()
        for number, work in enumerate(to_index, 1):
            if should_stop and should_stop():
                conn.execute("COMMIT")
                done.stopped = True
                return  # the library-wide stamps stay old: the next catch-up looks again
            done.problems += updating.apply(conn, self.library, work, text_of, current_actors)
            done.indexed = number
            if time.monotonic() - since_commit > COMMIT_EVERY:
                conn.execute("COMMIT")
                conn.execute("BEGIN IMMEDIATE")
                since_commit = time.monotonic()
            if progress:
                progress(number, len(to_index))
        updating.keep_meta(conn, plan)
        conn.execute("COMMIT")
        if done.rebuilt or done.indexed > OPTIMIZE_AFTER:
            # One b-tree per word instead of one per batch: a common word's hits are read
            # from one place (a query of the bench library is a third quicker).
            for table in (TEXTS, MARKS):
                conn.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")

    # -- searching ----------------------------------------------------------------------

    def search(self, query: str | Query, limit: int = 50) -> Results:
        """The hits of `query`, best first, at most `limit` (`Results.more` says whether
        there were more). Searches the index as it is: `catch_up` first for the latest."""
        parsed = parse_query(query) if isinstance(query, str) else query
        codebook = self._codebook_names() if any(f.key in ("kind", "tag") for f in parsed.filters) \
            else None
        try:
            return run_query(self.connection(), parsed, limit, codebook)
        except sqlite3.Error as error:
            kind: Exception = classified(error)
        except (Busy, Damaged, Failed, Unwritable) as error:
            kind = error
        if not isinstance(kind, Damaged):
            raise as_library_error(kind, self.path) from None
        # Made again by the catch-up that holds the file, not under its feet from here.
        self._found_damaged = True
        return Results(parsed, [], False, damaged=True)

    def _codebook_names(self) -> list[str] | None:
        """The codebook's tag names, to tell a kind or tag that does not exist; None when
        the codebook cannot be read (the filters are then taken as they are)."""
        try:
            return [tag.name for tag in self.library.codebook()]
        except GlossatorError:
            return None

    def close(self) -> None:
        self.stop_listening()
        self._forget_connections()


def index_problem(library_folder: Path) -> str:
    """What is wrong with a library's search index, in one line; "" when it is sound or
    there is none. For `glossator doctor`: it reads every page (a tenth of a second for a
    thousand articles) and changes nothing. The index is derived data: the next search
    makes a damaged one again, and deleting it is always safe."""
    path = library_folder / INDEX_NAME
    if not path.exists():
        return ""
    if not path.is_file():
        return f"{path} is not a file, so the search index is kept elsewhere; move it away"
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
        try:
            found = [row[0] for row in conn.execute("PRAGMA quick_check")]
        finally:
            conn.close()
    except sqlite3.Error as error:
        found = [str(error)]
    if found == ["ok"]:
        return ""
    return (f"the search index {path} is damaged ({found[0].splitlines()[-1] if found else '?'}); "
            "the next search makes it again, or delete it")


def _has_work(conn: sqlite3.Connection, plan: updating.Plan) -> bool:
    """Whether the plan writes anything: articles to index or remove, folders checked file
    by file to vouch for again, library-wide stamps that changed."""
    if plan.to_index or plan.removed or plan.actors is not None:
        return True
    if any(w.folder for w in plan.work):
        return True
    stored = dict(conn.execute("SELECT key, value FROM meta").fetchall())
    return any(stored.get(k) != v for k, v in plan.meta.items())
