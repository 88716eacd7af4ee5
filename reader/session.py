"""One open article: its document, its marks, and the undo history of changes to them.

Every change is applied to the in-memory marks at once (so the screen can repaint) and
queued for the library; `flush` writes the queue in order and durably. The reader calls
`flush` right after the repaint, so a mark is on disk a frame after it is on screen.
"""

from __future__ import annotations

import copy
from contextlib import suppress
from dataclasses import dataclass

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
        self._marks: MarkIndex | None = None if defer_marks else self.read_marks()
        self._undo: list[Change] = []
        self._redo: list[Change] = []
        self._pending: list[Change] = []
        self.suggestions: list | None = None
        """What the rules suggest for this article, once found (annotations/suggestions)."""

    def read_marks(self) -> MarkIndex:
        """The article's marks from the library (safe to call from a worker thread)."""
        return MarkIndex(self.library.annotations(self.article.id))

    def adopt_marks(self, marks: MarkIndex) -> bool:
        """Take marks read in the background, unless the session has read them since."""
        if self._marks is not None:
            return False
        self._marks = marks
        return True

    @property
    def marks_loaded(self) -> bool:
        return self._marks is not None

    @property
    def marks(self) -> MarkIndex:
        if self._marks is None:
            self._marks = self.read_marks()
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
        while self._pending:
            change = self._pending[0]
            if change.after is None:
                assert change.before is not None
                with suppress(NotFoundError):  # already gone: deleting twice is no error
                    self.library.delete_annotation(self.article.id, change.before.id)
            else:
                self.library.save_annotation(change.after, touch=False)
            self._pending.pop(0)
