"""One open article: its document, its marks, and the undo history of changes to them.

Every change is applied to the in-memory marks at once (so the screen can repaint) and
queued for the library; `flush` writes the queue in order and durably. The reader calls
`flush` right after the repaint, so a mark is on disk a frame after it is on screen.

Another process may change the article's marks meanwhile (a teammate's marks arriving
with a sync, a command line): the session knows the stamp of the file as it last read or
wrote it, so the reader can tell (`changed_on_disk`), read the marks again in the
background and `take_fresh` ones, with this session's unsaved changes laid over them. A
save of a mark someone else changed since it was read merges the two, field by field, as
a sync would (annotations/sync/records.py), so neither change silently undoes the other.
"""

from __future__ import annotations

import copy
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

from annotations.atomic import file_stamp
from annotations.authors import current_author
from annotations.errors import NotFoundError
from annotations.marking import build_annotation
from annotations.model import Annotation, Article, now_iso
from annotations.store import Library
from reader.document.cache import load_document
from reader.document.mark_index import MarkIndex
from reader.document.model import Document


@dataclass
class Change:
    """One undoable step: a mark before and after (None: it did not exist)."""

    before: Annotation | None
    after: Annotation | None
    description: str

    def inverse(self) -> Change:
        return Change(self.after, self.before, self.description)

    def touches(self, ids: set[str]) -> bool:
        return any(m is not None and m.id in ids for m in (self.before, self.after))


class StampedMarks(MarkIndex):
    """Marks as read from the library: with the stamp their file had just before the read,
    and how many saves the session had made by then."""

    def __init__(self, annotations: list[Annotation], stamp: object, saves: int) -> None:
        super().__init__(annotations)
        self.stamp = stamp
        self.saves = saves


class ArticleSession:
    """The document now; the marks now, or (`defer_marks`) when `read_marks` is done.

    The reader defers: a book with 10,000 marks shows its first page at once and its
    highlights a moment later, read by a worker thread. Anything that changes a mark
    first makes sure the marks are there (reading them on the spot if need be).
    """

    def __init__(self, library: Library, article: Article,
                 document: Document | None = None, *, defer_marks: bool = False) -> None:
        self.library = library
        self.article = article
        self.document = document or load_document(library, article)
        if article.text_hash != self.document.text_hash:
            library.reanchor(article, self.document.text, self.document.text_hash,
                             self.document.places)
        self.disk_stamp: object = None
        """The stamp of the marks' file as this session last read or wrote it (None: read
        it again)."""
        self._saves = 0
        self._undo: list[Change] = []
        self._redo: list[Change] = []
        self._pending: list[Change] = []
        self._marks: MarkIndex | None = None
        if not defer_marks:
            self.adopt_marks(self.read_marks())
        self.suggestions: list | None = None
        """What the rules suggest for this article, once found (annotations/suggestions)."""

    @property
    def marks_path(self) -> Path:
        return self.library.article_folder(self.article.id) / "annotations.json"

    def read_marks(self) -> StampedMarks:
        """The article's marks from the library (safe to call from a worker thread)."""
        # The stamp first: a write landing during the read shows as a change next time.
        saves, stamp = self._saves, file_stamp(self.marks_path)
        return StampedMarks(self.library.annotations(self.article.id), stamp, saves)

    def adopt_marks(self, marks: MarkIndex) -> bool:
        """Take marks read in the background, unless the session has read them since."""
        if self._marks is not None:
            return False
        self._marks = marks
        self._note_read(marks)
        return True

    def _note_read(self, marks: MarkIndex) -> None:
        fresh = isinstance(marks, StampedMarks) and marks.saves == self._saves
        self.disk_stamp = marks.stamp if fresh else None  # type: ignore[attr-defined]

    def changed_on_disk(self) -> bool:
        """Whether the marks' file is not as this session last read or wrote it."""
        return self._marks is not None and file_stamp(self.marks_path) != self.disk_stamp

    def take_fresh(self, fresh: StampedMarks) -> bool:
        """Marks read again after another process changed them: they become the session's,
        with its unsaved changes laid over them; the undo history forgets the marks someone
        else changed (undoing would overwrite their change). Whether any mark differs."""
        if self._marks is None:
            return self.adopt_marks(fresh)
        if fresh.saves != self._saves:
            self.disk_stamp = None  # a save of ours landed while they were read: again
            return False
        merged = {m.id: m for m in fresh}
        for change in self._pending:
            if change.after is None:
                merged.pop(change.before.id if change.before else "", None)
            else:
                merged[change.after.id] = change.after
        current = {m.id: m for m in self._marks}
        differ = {i for i in current.keys() | merged.keys() if current.get(i) != merged.get(i)}
        self.disk_stamp = fresh.stamp
        if not differ:
            return False
        self._undo = [c for c in self._undo if not c.touches(differ)]
        self._redo = [c for c in self._redo if not c.touches(differ)]
        self._marks = MarkIndex(merged.values())
        return True

    def record_saved(self, before: Annotation | None, after: Annotation | None,
                     description: str) -> None:
        """A change already written by someone acting for this session (a conflict settled):
        shown, and undoable like the others."""
        change = Change(before, after, description)
        if after is None:
            if before is not None:
                self.marks.remove(before.id)
        else:
            self.marks.add(after)
        self._undo.append(change)
        self._redo.clear()
        self.disk_stamp = None

    @property
    def marks_loaded(self) -> bool:
        return self._marks is not None

    @property
    def marks(self) -> MarkIndex:
        if self._marks is None:
            self.adopt_marks(self.read_marks())
        assert self._marks is not None
        return self._marks

    # -- changes -------------------------------------------------------------------------

    def mark(self, start: int, end: int, kind: str, tags: tuple[str, ...] = ()) -> Annotation:
        annotation = build_annotation(self.library, self.article, self.document.text,
                                      self.document.places, start, end, kind,
                                      tags=tags)
        self._apply(Change(None, annotation, f"mark {kind}"), record=True)
        return annotation

    def update(self, annotation: Annotation, **changes: object) -> Annotation:
        before = self.marks.get(annotation.id) or annotation
        after = copy.deepcopy(before)
        for key, value in changes.items():
            setattr(after, key, value)
        after.updated = now_iso()
        self._apply(Change(copy.deepcopy(before), after, f"edit {after.kind}"), record=True)
        return after

    def add(self, annotation: Annotation, description: str) -> Annotation:
        """A mark made elsewhere (an accepted suggestion), as one undoable change."""
        self._apply(Change(None, annotation, description), record=True)
        return annotation

    def reattach(self, annotation: Annotation, start: int, end: int) -> Annotation:
        """Put a mark (an orphan, or any) on text[start:end]; its old words go to its history."""
        from annotations.refreshing import place_mark

        before = self.marks.get(annotation.id) or annotation
        after = copy.deepcopy(before)
        after.history.append({"at": now_iso(), "quote": before.exact, "start": before.start,
                              "end": before.end, "why": "reattach"})
        place_mark(after, self.document.text, start, end, self.document.places)
        after.anchor_score = None
        after.updated = now_iso()
        self._apply(Change(copy.deepcopy(before), after, f"re-attach {after.kind}"), record=True)
        return after

    def delete(self, annotation: Annotation) -> None:
        before = self.marks.get(annotation.id) or annotation
        self._apply(Change(before, None, f"delete {before.kind}"), record=True)

    def undo(self) -> str | None:
        """Undo the last change; its description, or None when there is nothing to undo."""
        if not self._undo:
            return None
        change = self._undo.pop()
        self._apply(change.inverse(), record=False)
        self._redo.append(change)
        return change.description

    def redo(self) -> str | None:
        if not self._redo:
            return None
        change = self._redo.pop()
        self._apply(change, record=False)
        self._undo.append(change)
        return change.description

    def _apply(self, change: Change, record: bool) -> None:
        if change.after is None:
            assert change.before is not None
            self.marks.remove(change.before.id)
        else:
            self.marks.add(change.after)
        self._pending.append(change)
        if record:
            self._undo.append(change)
            self._redo.clear()

    # -- saving ----------------------------------------------------------------------------

    @property
    def dirty(self) -> bool:
        return bool(self._pending)

    def flush(self) -> None:
        """Write every queued change, in order; raises `LibraryError` and keeps the rest."""
        if not self._pending:
            return
        with self.library.writing("glossator reader"):
            # Whether the file is as we last saw it: if not, someone else's change is in it
            # too, and the reader must read it again after this save.
            ours = file_stamp(self.marks_path) == self.disk_stamp
            try:
                while self._pending:
                    change = self._pending[0]
                    if change.after is None:
                        assert change.before is not None
                        with suppress(NotFoundError):  # already gone: deleting twice is no error
                            self.library.delete_annotation(self.article.id, change.before.id)
                    else:
                        mark = change.after if ours else self._merged_with_disk(change)
                        self.library.save_annotation(mark, touch=False)
                    self._pending.pop(0)
                    self._saves += 1
            finally:
                self.disk_stamp = file_stamp(self.marks_path) if ours else None

    def _merged_with_disk(self, change: Change) -> Annotation:
        """The change's mark, merged with the one on disk when someone else changed it since
        this session read it: their fields kept, a field both changed in its `conflicts`."""
        from annotations.sync.records import merge_record, rules_for

        assert change.after is not None
        if change.before is None:
            return change.after
        disk = next((m for m in self.library.annotations(self.article.id)
                     if m.id == change.after.id), None)
        if disk == change.before:
            return change.after
        merged = merge_record(change.before.to_record(), change.after.to_record(),
                              disk.to_record() if disk else None, rules_for("annotations"),
                              (current_author(), ""))
        return Annotation.from_record(merged) if merged else change.after
