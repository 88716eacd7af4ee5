"""The library: one folder of TinyDB files and article bodies.

    library/
      library.json                    schema version and the article index
      actors.json                     actors across the library
      codebook.json                   user tags (the three kinds are built in)
      library.lock, library.lock.owner  the writers' lock, and who holds it
      articles/<id>/body.md|body.txt  the article body, kept whole
      articles/<id>/annotations.json  that article's annotations

Annotations live beside their article, so saving one rewrites only that article's
file: a save costs the same in a library of ten articles or of ten thousand.
Every write holds the library lock and goes through `write_atomically`.
"""

from __future__ import annotations

import os
import shutil
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from operator import attrgetter
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.table import Document, Table

from annotations.atomic import (
    AtomicJSONStorage,
    database_bytes,
    describe_os_error,
    is_temp_file,
    write_atomically,
)
from annotations.backup.snapshots import DEFAULT_KEEP
from annotations.collection_pause import collection_paused
from annotations.counts import all_counts
from annotations.database_files import shape_check
from annotations.errors import AmbiguousError, CorruptFileError, LibraryError, NotFoundError
from annotations.locking import LibraryLock, last_holder
from annotations.model import (
    BUILTIN_KINDS,
    BUILTIN_TAGS,
    Actor,
    Annotation,
    Article,
    Tag,
    normalise_name,
    now_iso,
)
from annotations.places import TextPlaces, as_places
from annotations.transaction import Transaction

SCHEMA_VERSION = 1

Migration = Callable[["Library"], None]
MIGRATIONS: dict[int, Migration] = {}
"""`MIGRATIONS[n]` upgrades a library from schema n to n + 1, holding the lock."""

BODY_FILES = {"markdown": "body.md", "text": "body.txt", "pages": "body.pages.json",
              "chapters": "body.md"}
"""Derived data for fast listings (see `Library.all_counts`); safe to delete."""


class _KeyedTable(Table):
    """A TinyDB table keyed by our own string ids (UUIDs, slugs), not TinyDB's counters."""

    document_id_class = str  # type: ignore[assignment]


class _Database(TinyDB):
    table_class = _KeyedTable


def _open_db(path: Path) -> _Database:
    return _Database(path, storage=AtomicJSONStorage)


_READING_ORDER = attrgetter("start", "end", "created", "id")
"""Marks in reading order; two on the same span, the older first."""


def _put(table: Table, doc_id: str, record: dict[str, Any]) -> None:
    """Insert or wholly replace one record in one write.

    TinyDB's `upsert` merges into the stored record, so a key the new record no longer
    has (an `orphaned` flag cleared, a field a newer version dropped) would live on.
    """

    def replace(docs: dict[str, Any]) -> None:
        docs[doc_id] = record

    table._update_table(replace)


class Library:
    """A glossator library folder. Reads need no lock; every change takes it briefly."""

    def __init__(self, folder: Path, lock_wait: float | None = None) -> None:
        self.folder = folder
        self.lock = LibraryLock(folder, lock_wait)
        self.listeners: list[Callable[[str, str], None]] = []
        """Told of each change this process makes, after it is on disk: (what, article id),
        what one of "article", "marks", "removed", "actors", "codebook", "many" (a change
        across files). For derived data kept up to date as the library changes (the
        search index); a listener that fails is ignored."""
        self.snapshots_to_keep = DEFAULT_KEEP
        """How many daily snapshots to keep (`[backup] keep` in the config)."""
        self._snapshot_day = ""
        self._index = self._open_db(folder / "library.json")
        self._actors_db = self._open_db(folder / "actors.json")
        self._codebook_db = self._open_db(folder / "codebook.json")
        self._annotation_dbs: dict[str, _Database] = {}
        self._prepared = False

    def _open_db(self, path: Path) -> _Database:
        db = _open_db(path)
        db.storage.before_write = self.about_to_change  # type: ignore[attr-defined]
        db.storage.check = shape_check(path.name)  # type: ignore[attr-defined]
        return db

    # -- opening ---------------------------------------------------------------------

    @classmethod
    def open(cls, folder: str | os.PathLike[str], lock_wait: float | None = None,
             mending: bool = False) -> Library:
        """The library in `folder`, created when there is none. With `mending` (doctor,
        restore, backup) a damaged library.json does not stop it: mending it is what they
        are for, and every other command's message sends the user to them."""
        path = Path(folder).expanduser()
        if path.exists() and not path.is_dir():
            raise LibraryError(f"the library {path} is a file, not a folder; pass a folder")
        if not path.exists():
            try:
                path.mkdir(parents=True)
            except OSError as error:
                raise LibraryError(
                    f"cannot create the library folder {path}: {error.strerror}; "
                    "choose another with --library or GLOSSATOR_LIBRARY"
                ) from error
        library = cls(path.resolve(), lock_wait)
        try:
            library._check_schema()
        except (CorruptFileError, ValueError, TypeError, AttributeError):
            # Damaged, or of a shape TinyDB trips over: the doctor says which, itself.
            if not mending:
                raise
        library._clean_up_after_dead_writers()
        return library

    def _stored_schema(self) -> int | None:
        meta = self._index.table("meta").get(doc_id="schema")
        return int(meta["version"]) if meta else None

    def _check_schema(self) -> None:
        version = self._stored_schema()
        if version is not None and version > SCHEMA_VERSION:
            raise LibraryError(
                f"the library {self.folder} was written by a newer glossator "
                f"(schema {version}, this one knows {SCHEMA_VERSION}); upgrade glossator"
            )

    @contextmanager
    def writing(self, purpose: str = "") -> Iterator[None]:
        """Hold the library lock for a group of changes."""
        with self.lock.hold(purpose) as first:
            if first and not self._prepared:
                self._prepare_for_writing()
            yield

    def about_to_change(self) -> None:
        """Called before any library file is written (the lock is held): the first change
        of each day snapshots the library as it was (annotations/backup). A command that
        fails before it writes anything leaves no snapshot behind."""
        today = datetime.now(UTC).strftime("%Y-%m-%d")
        if self._snapshot_day == today:
            return
        self._snapshot_day = today
        if not (self.folder / "library.json").exists():
            return  # a new library: nothing to keep yet
        from annotations.backup.snapshots import snapshots, take_snapshot

        taken = snapshots(self.folder)
        if taken and taken[-1].created.startswith(today):
            return
        with suppress(LibraryError):
            # A safety net, not the change itself: a full or read-only backups folder must
            # not cost the reader the mark they are making. `glossator backup` says why.
            take_snapshot(self.folder, SCHEMA_VERSION, reason="daily",
                          keep=self.snapshots_to_keep)

    def transaction(self, purpose: str) -> Transaction:
        """A change across files (annotations/transaction.py), snapshotting first as any
        change does."""
        return Transaction(self.folder, purpose, before_commit=self.about_to_change,
                           after_commit=lambda: self.changed("many"))

    def changed(self, what: str, article_id: str = "") -> None:
        """Tell the listeners what just changed."""
        for listener in list(self.listeners):
            try:
                listener(what, article_id)
            except Exception:  # noqa: BLE001 - derived data must never fail a change
                continue

    def finish_interrupted_changes(self) -> list[str]:
        """Complete what a killed process committed but did not finish (a refresh, a
        restore, a merge); the lock is held. What was finished, by purpose."""
        from annotations.transaction import pending, recover

        if not pending(self.folder):
            return []
        finished = recover(self.folder)
        for db in (self._index, self._actors_db, self._codebook_db,
                   *self._annotation_dbs.values()):
            db.storage.close()  # type: ignore[attr-defined]  # read again from disk
        return finished

    def _clean_up_after_dead_writers(self) -> None:
        """Remove temp files a killed writer left, when no live writer could own them.

        Only while holding the lock is a temp file surely stale, so this takes it without
        waiting; a busy or read-only library is simply left as it is.
        """
        if not last_holder(self.folder) and not (self.folder / "journal").exists():
            return  # nobody was cut short: no lock to take (and filelock not to import)
        lock = LibraryLock(self.folder, wait_seconds=0)
        try:
            with lock.hold("glossator open"):
                if lock.previous_holder_died:
                    self._remove_stale_temp_files()
                    self.finish_interrupted_changes()
        except LibraryError:
            pass

    def _prepare_for_writing(self) -> None:
        if self.lock.previous_holder_died:
            self._remove_stale_temp_files()
        self.finish_interrupted_changes()
        version = self._stored_schema()
        if version is None:
            self._index.table("meta").upsert(
                Document({"version": SCHEMA_VERSION, "created": now_iso()}, doc_id="schema")
            )
        else:
            while version < SCHEMA_VERSION:
                MIGRATIONS[version](self)
                version += 1
                self._index.table("meta").update({"version": version}, doc_ids=["schema"])
        self._prepared = True

    def _remove_stale_temp_files(self) -> None:
        """Temp files left by a writer that died; only the lock holder may do this."""
        folders = [self.folder]
        articles = self.folder / "articles"
        if articles.is_dir():
            folders += [Path(e.path) for e in os.scandir(articles) if e.is_dir()]
        for folder in folders:
            with suppress(OSError):  # a folder we cannot clean is one we cannot write either
                for entry in os.scandir(folder):
                    if is_temp_file(entry.name) and entry.is_file():
                        Path(entry.path).unlink(missing_ok=True)

    # -- articles --------------------------------------------------------------------

    def _articles(self) -> _KeyedTable:
        return self._index.table("articles")  # type: ignore[return-value]

    def article_ids(self) -> list[str]:
        """Every article's id, without reading the records into objects (for caches that
        check each article's files)."""
        return [str(doc_id) for doc_id in self._articles()._read_table()]

    def articles(self) -> list[Article]:
        """Every article, oldest first."""
        found = [Article.from_record(dict(doc)) for doc in self._articles().all()]
        # `added` counts microseconds (whole seconds in libraries from before): the order
        # articles were added in, whatever order the index file keeps its records in.
        return sorted(found, key=lambda a: (a.added, a.id))

    def article(self, article_id: str) -> Article:
        doc = self._articles().get(doc_id=article_id)
        if doc is None:
            raise NotFoundError(
                f"no article {article_id!r} in {self.folder}; `glossator list` shows the ids"
            )
        return Article.from_record(dict(doc))

    def resolve(self, reference: str) -> Article:
        """The article whose id is `reference` or starts with it."""
        reference = reference.strip()
        ids = [str(doc.doc_id) for doc in self._articles().all()]
        if reference in ids:
            return self.article(reference)
        matches = [i for i in ids if reference and i.startswith(reference)]
        if len(matches) == 1:
            return self.article(matches[0])
        if not matches:
            raise NotFoundError(
                f"no article {reference!r} in {self.folder}; `glossator list` shows the ids"
            )
        shown = ", ".join(sorted(matches)[:5]) + (", …" if len(matches) > 5 else "")
        raise AmbiguousError(
            f"{reference!r} matches {len(matches)} articles ({shown}); type more of the id"
        )

    def find_duplicate(self, content_hash: str, source: str = "") -> Article | None:
        for article in self.articles():
            if article.content_hash == content_hash or (source and article.source == source):
                return article
        return None

    def unique_article_id(self, wanted: str) -> str:
        taken = {str(doc.doc_id) for doc in self._articles().all()}
        candidate, n = wanted, 2
        while candidate in taken:
            candidate, n = f"{wanted}-{n}", n + 1
        return candidate

    def article_folder(self, article_id: str) -> Path:
        return self.folder / "articles" / article_id

    def body_path(self, article: Article) -> Path:
        return self.article_folder(article.id) / BODY_FILES.get(article.format, "body.md")

    def add_article(self, article: Article, body: str) -> Article:
        """Store a new article and its body; its id is made unique if it is taken."""
        with self.writing("glossator add"):
            article.id = self.unique_article_id(article.id)
            folder = self.article_folder(article.id)
            try:
                if folder.exists():
                    # Left behind by a removal that was cut short: not this article's data.
                    shutil.rmtree(folder)
                folder.mkdir(parents=True)
            except OSError as error:
                raise LibraryError(f"cannot write {folder}: {describe_os_error(error)}") from error
            self.about_to_change()
            write_atomically(self.body_path(article), body.encode("utf-8"))
            self._articles().insert(Document(article.to_record(), doc_id=article.id))
        self.changed("article", article.id)
        return article

    def update_article(self, article: Article) -> None:
        with self.writing("glossator meta"):
            if self._articles().get(doc_id=article.id) is None:
                raise NotFoundError(f"no article {article.id!r} in {self.folder}")
            _put(self._articles(), article.id, article.to_record())
        self.changed("article", article.id)

    def stage_article(self, change: Transaction, article: Article,
                      annotations: Sequence[Annotation] = ()) -> None:
        """Stage, in `change`, the article's record and the given marks of it (replacing
        those with the same ids): written when the transaction commits, with the rest of it.
        The lock is held."""
        index = dict(self._index.storage.read() or {})
        index["articles"] = {**index.get("articles", {}), article.id: article.to_record()}
        change.write(self.folder / "library.json", database_bytes(index))
        if annotations:
            table = self._annotation_table(article.id)
            data = {"annotations": {**table._read_table(),
                                    **{a.id: a.to_record() for a in annotations}}}
            change.write(self.article_folder(article.id) / "annotations.json",
                         database_bytes(data))

    def stage_actors(self, change: Transaction, actors: Sequence[Actor]) -> None:
        """Stage these actors (new or changed) into `change`, with every other actor kept."""
        data = dict(self._actors_db.storage.read() or {})
        data["actors"] = {**data.get("actors", {}), **{a.id: a.to_record() for a in actors}}
        change.write(self.folder / "actors.json", database_bytes(data))

    def stage_tags(self, change: Transaction, tags: Sequence[Tag]) -> None:
        """Stage these codebook tags into `change`, with every other tag kept."""
        data = dict(self._codebook_db.storage.read() or {})
        data["tags"] = {**data.get("tags", {}), **{t.name: t.to_record() for t in tags}}
        change.write(self.folder / "codebook.json", database_bytes(data))

    def remove_article(self, article_id: str) -> None:
        with self.writing("glossator rm"):
            self._articles().remove(doc_ids=[article_id])
            db = self._annotation_dbs.pop(article_id, None)
            if db is not None:
                db.close()
            shutil.rmtree(self.article_folder(article_id), ignore_errors=True)
        self.changed("removed", article_id)

    def body(self, article: Article) -> str:
        path = self.body_path(article)
        try:
            return path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise LibraryError(
                f"the body of {article.id!r} is missing ({path}); "
                f"remove it with `glossator rm {article.id}` and add the source again"
            ) from None
        except (OSError, UnicodeDecodeError) as error:
            raise LibraryError(
                f"the body of {article.id!r} cannot be read ({path}: {error}); "
                f"remove it with `glossator rm {article.id}` and add the source again"
            ) from None

    # -- annotations -----------------------------------------------------------------

    def _annotation_table(self, article_id: str) -> _KeyedTable:
        db = self._annotation_dbs.get(article_id)
        if db is None:
            path = self.article_folder(article_id) / "annotations.json"
            db = self._annotation_dbs[article_id] = self._open_db(path)
        return db.table("annotations")  # type: ignore[return-value]

    def check_annotations_readable(self, article_id: str) -> None:
        """Raise `CorruptFileError` now if the article's annotation file is damaged.

        For changes that write other files first (a new actor, a new tag): finding the
        damage only at the last write would leave those half-done.
        """
        if self.article_folder(article_id).is_dir():
            self._annotation_table(article_id)._read_table()

    def annotations(self, article_id: str) -> list[Annotation]:
        """An article's annotations in reading order."""
        if not self.article_folder(article_id).is_dir():
            return []
        # The raw table, not `.all()`: TinyDB would copy every record into a Document first,
        # which doubles the cost of opening an article with thousands of marks.
        with collection_paused():
            raw = self._annotation_table(article_id)._read_table().values()
            found = [Annotation.from_record(d) for d in raw]
        return sorted(found, key=_READING_ORDER)

    def all_annotations(self) -> Iterator[Annotation]:
        for article in self.articles():
            yield from self.annotations(article.id)

    def annotation(self, article_id: str, reference: str) -> Annotation:
        """An annotation of the article by id or unique id prefix."""
        matches = [a for a in self.annotations(article_id) if a.id.startswith(reference.strip())]
        exact = [a for a in matches if a.id == reference.strip()]
        if exact:
            return exact[0]
        if len(matches) == 1 and reference.strip():
            return matches[0]
        if not matches or not reference.strip():
            raise NotFoundError(
                f"no annotation {reference!r} in article {article_id!r}; "
                f"`glossator annotations {article_id}` shows the ids"
            )
        raise AmbiguousError(f"{reference!r} matches {len(matches)} annotations; type more of it")

    def counts(self, article_id: str) -> Counter[str]:
        if not self.article_folder(article_id).is_dir():
            return Counter()
        # Straight from the stored records: building 50 Document objects per article
        # would double what `glossator list` spends on a library of a thousand.
        records = self._annotation_table(article_id)._read_table().values()
        return Counter(record.get("kind", "") for record in records)

    def all_counts(self) -> dict[str, Counter[str]]:
        """Marks per kind of every article, for listings (annotations/counts.py: from a
        cache of the counts, each file parsed again only once it changed)."""
        return all_counts(self.folder, list(self._articles()._read_table()))

    def save_annotation(self, annotation: Annotation, touch: bool = True) -> Annotation:
        """Insert or replace one annotation; durable when this returns."""
        if touch:
            annotation.updated = now_iso()
        with self.writing("glossator annotate"):
            if self._articles().get(doc_id=annotation.article) is None:
                raise NotFoundError(f"no article {annotation.article!r} in {self.folder}")
            table = self._annotation_table(annotation.article)
            _put(table, annotation.id, annotation.to_record())
        self.changed("marks", annotation.article)
        return annotation

    def save_annotations(self, article_id: str, annotations: Sequence[Annotation]) -> None:
        """Replace several annotations of one article in a single write."""
        with self.writing("glossator annotate"):
            table = self._annotation_table(article_id)
            records = {a.id: a.to_record() for a in annotations}

            def replace(docs: dict[str, Any]) -> None:
                docs.update(records)

            table._update_table(replace)  # one file write for the whole batch
        self.changed("marks", article_id)

    def delete_annotation(self, article_id: str, annotation_id: str) -> None:
        with self.writing("glossator delete"):
            table = self._annotation_table(article_id)
            if table.get(doc_id=annotation_id) is None:
                raise NotFoundError(f"no annotation {annotation_id!r} in article {article_id!r}")
            table.remove(doc_ids=[annotation_id])
        self.changed("marks", article_id)

    def reanchor(self, article: Article, text: str, text_hash: str,
                 places: TextPlaces | Sequence[int], force: bool = False) -> int:
        """Find every mark again after the article text changed; returns how many changed.

        The matcher a refresh uses finds them (annotations/matching): kept, moved, fuzzy
        (with its score, and its old quote in its history, "repair" saying why), or
        orphaned (flagged, kept, never deleted); an orphan found again loses the flag. It
        all happens under the lock, from the stored marks and metadata, so an edit made
        meanwhile by another process is not undone.
        """
        if article.text_hash == text_hash and not force:
            return 0
        with self.writing("glossator reanchor"):
            from annotations.found_again import marks_found_again

            changed = marks_found_again(self.annotations(article.id), text, as_places(places),
                                        "repair")
            if changed:
                self.save_annotations(article.id, changed)
            current = self.article(article.id)
            current.text_hash = article.text_hash = text_hash
            self.update_article(current)
        return len(changed)

    # -- actors ----------------------------------------------------------------------

    def _actors(self) -> _KeyedTable:
        return self._actors_db.table("actors")  # type: ignore[return-value]

    def actors(self) -> list[Actor]:
        found = [Actor.from_record(dict(d)) for d in self._actors().all()]
        return sorted(found, key=lambda a: normalise_name(a.name))

    def actor(self, actor_id: str) -> Actor | None:
        doc = self._actors().get(doc_id=actor_id) if actor_id else None
        return Actor.from_record(dict(doc)) if doc else None

    def find_actor(self, name_or_id: str) -> Actor | None:
        """The actor with this id, name or alias (case- and whitespace-insensitive)."""
        by_id = self.actor(name_or_id.strip())
        if by_id:
            return by_id
        for actor in self.actors():
            if actor.answers_to(name_or_id):
                return actor
        return None

    def actor_named(self, name: str, type: str = "person") -> tuple[Actor, bool]:
        """The actor this name refers to, created on first use; and whether it is new."""
        with self.writing("glossator actor"):
            found = self.find_actor(name)
            if found:
                return found, False
            from annotations.library_changes.printable import name_of_words

            actor = Actor(name=name_of_words(name), type=type)
            self.save_actor(actor)
            return actor, True

    def save_actor(self, actor: Actor) -> None:
        with self.writing("glossator actor"):
            _put(self._actors(), actor.id, actor.to_record())
        self.changed("actors")

    # -- codebook --------------------------------------------------------------------

    def codebook(self) -> list[Tag]:
        stored = {d["name"]: Tag.from_record(dict(d)) for d in self._codebook_db.table("tags").all()}
        builtin = [stored.pop(t.name, t) for t in BUILTIN_TAGS]
        return builtin + sorted(stored.values(), key=lambda t: t.name)

    def tag(self, name: str) -> Tag | None:
        return next((t for t in self.codebook() if t.name == name), None)

    def save_tag(self, tag: Tag) -> None:
        name = tag.name.strip().strip("/")
        if not name:
            raise LibraryError("a tag needs a name")
        tag.name = name
        with self.writing("glossator codebook"):
            _put(self._codebook_db.table("tags"), name, tag.to_record())
        self.changed("codebook")

    def known_kinds(self) -> list[str]:
        return [t.name for t in self.codebook()]

    def is_known_kind(self, kind: str) -> bool:
        return kind in BUILTIN_KINDS or self.tag(kind) is not None
