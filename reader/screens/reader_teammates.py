"""The reader's side of working as a team: `ctrl+s` syncs, the library's files are watched
so what another process changes shows (a teammate's marks arriving with a sync, a command
line beside the reader), and a mark with a conflict is settled in a dialog.

A mixin of `ReaderScreen` (reader/screens/reader.py), whose columns, pane and saving it
uses: `library`, `columns`, `active`, `_save`, `_save_all`, `_edit`, `_reopen` and
`_refresh_pane`.
"""

from __future__ import annotations

from textual import work

from annotations.errors import GlossatorError
from annotations.model import Annotation
from annotations.textsafety import excerpt
from reader.widgets.article_column import ArticleColumn
from reader.widgets.library_watch import LOOK_SECONDS, Stamps, shared_files


class TeammatesInReader:
    """Sync, changes from other processes, conflicts (see the module's docstring)."""

    def start_watching(self) -> None:
        """Note the library's files as they are now, and look at them every few seconds."""
        self._stamps = Stamps()
        self._rereading: set[int] = set()
        """Columns (by id) whose marks are being read again after another process's change."""
        self._stamps.changed(shared_files(self.library.folder))
        self.set_interval(LOOK_SECONDS, self.look_for_changes)

    def action_sync(self) -> None:
        """Commit, fetch, merge and push the library (`glossator sync`); report what came in."""
        from reader.widgets.library_sync import start_sync

        self._save_all()  # what is on screen goes into the commit
        start_sync(self, self.library.folder, self.look_for_changes)

    def look_for_changes(self) -> None:
        """Show what another process changed: an open article's marks, its details, actors."""
        if self.app.screen is not self:
            return  # a dialog is open on a mark: not now (the next look will do)
        changed = self._stamps.changed(shared_files(self.library.folder))
        if self.library.folder / "library.json" in changed:
            self._articles_changed()
        for column in self.columns:
            if id(column) not in self._rereading and column.session.changed_on_disk():
                self._rereading.add(id(column))
                self._reread_marks(column)
        if changed - {self.library.folder / "library.json"}:
            self._refresh_pane()

    def _articles_changed(self) -> None:
        for column in self.columns:
            session = column.session
            try:
                fresh = self.library.article(session.article.id)
            except GlossatorError:
                self.notify(f"“{excerpt(session.article.title, 40)}” is no longer in the library "
                            "(removed by another process); it stays open until you close it.",
                            severity="warning", timeout=8, markup=False)
                continue
            body = ("content_hash", "format", "page_offset")
            if any(getattr(fresh, f) != getattr(session.article, f) for f in body):
                self.notify(f"“{excerpt(fresh.title, 40)}” changed on disk: opened again.",
                            timeout=4, markup=False)
                self._reopen(column)
            elif fresh != session.article:
                session.article = fresh
                column.refresh_title()

    @work(thread=True, exclusive=False, group="watch")
    def _reread_marks(self, column: ArticleColumn) -> None:
        try:
            fresh = column.session.read_marks()
        except GlossatorError:
            fresh = None  # being replaced, or damaged (the doctor says): look again later
        self.app.call_from_thread(self._take_fresh, column, fresh)

    def _take_fresh(self, column: ArticleColumn, fresh) -> None:
        self._rereading.discard(id(column))
        if fresh is None or column not in self.columns or not column.session.take_fresh(fresh):
            return
        column.sync_marks()
        if column is self.active:
            self._refresh_pane()

    def _settle(self, column: ArticleColumn, mark: Annotation) -> None:
        """The resolve dialog: per field, keep the value kept or the other one."""
        from annotations.sync.conflicts import mark_conflicts
        from reader.screens.resolve_conflict import ResolveConflict

        def chosen(choice) -> None:
            if choice == "edit":
                self._edit(column, mark)
            elif choice is not None and column in self.columns:
                self._resolve(column, *choice)

        current = column.session.marks.get(mark.id) or mark
        self.app.push_screen(ResolveConflict(current, mark_conflicts(current), self.library.actors()),
                             chosen)

    def _resolve(self, column: ArticleColumn, conflict, keep: str) -> None:
        from annotations.sync.conflicts import resolve

        session = column.session
        self._save(session)
        before = session.marks.get(conflict.record)
        try:
            done = resolve(self.library, conflict, keep)  # type: ignore[arg-type]
        except GlossatorError as error:
            self.notify(str(error), title="Not settled", severity="error", markup=False)
            return
        after = next((m for m in self.library.annotations(session.article.id)
                      if m.id == conflict.record), None)
        session.record_saved(before, after, "settle a conflict")
        column.sync_marks()
        self._refresh_pane(keep=conflict.record)
        self.notify(f"{done} (u undoes)", timeout=4, markup=False)
