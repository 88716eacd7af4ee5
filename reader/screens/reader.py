"""The reader: one or two articles side by side and the annotation pane.

Widgets post Messages (mark this, edit that, copy…); this screen acts on the article's
`ArticleSession`, which keeps the marks, the undo history and the library in step.
"""

from __future__ import annotations

import gc
import re

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer

from annotations.errors import GlossatorError
from annotations.model import Annotation
from annotations.store import Library
from annotations.textsafety import excerpt
from reader.screens.marks_by import follow_authors
from reader.screens.reader_refreshing import RefreshingInReader
from reader.screens.reader_side_by_side import SideBySideInReader
from reader.screens.reader_suggestions import SuggestionsInReader
from reader.screens.reader_teammates import TeammatesInReader
from reader.session import ArticleSession
from reader.widgets.annotation_pane import AnnotationPane
from reader.widgets.article_column import ArticleColumn, ProblemColumn
from reader.widgets.article_view import ArticleView
from reader.widgets.damage_notice import read_or_say
from reader.widgets.search_bar import SearchBar

FILL_IN_DELAY = 0.05
SAVE_DELAY = 0.04


class ReaderScreen(RefreshingInReader, SideBySideInReader, SuggestionsInReader, TeammatesInReader,
                   Screen):
    BINDINGS = [
        Binding("escape", "back", "Library", id="reader.back"),
        Binding("u", "undo", "Undo", show=False, id="reader.undo"),
        Binding("ctrl+r", "redo", "Redo", show=False, id="reader.redo"),
        Binding("/", "search", "Search", id="reader.search"),
        Binding("n", "search_step(1)", "Next match", show=False, id="reader.search-next"),
        Binding("N", "search_step(-1)", "Previous match", show=False,
                id="reader.search-previous"),
        Binding("tab", "cycle_focus(1)", "Switch", show=False, id="reader.focus-next"),
        Binding("shift+tab", "cycle_focus(-1)", "Switch back", show=False,
                id="reader.focus-previous"),
        Binding("ctrl+o", "open_beside", "Open beside", show=False, id="reader.open-beside"),
        Binding("ctrl+w", "close_beside", "Close beside", show=False, id="reader.close-beside"),
        Binding("p", "toggle_pane", "Pane", show=False, id="reader.toggle-pane"),
        Binding("m", "metadata", "Details", show=False, id="reader.metadata"),
        Binding("ctrl+g", "go_to_page", "Go to page", show=False, id="reader.go-to-page"),
        Binding("r", "reattach", "Re-attach a mark here", show=False, id="reader.reattach"),
        Binding("f5", "refresh_article", "Refresh from the source", show=False,
                id="reader.refresh"),
        Binding("F", "refresh_from", "Refresh from another source…", show=False,
                id="reader.refresh-from"),
        Binding("V", "versions", "Versions of this article", show=False, id="reader.versions"),
        Binding("ctrl+f", "app.open_view('search')", "Search the library", show=False,
                id="reader.search-library"),
        Binding("ctrl+k", "compare", "Compare the two articles", show=False, id="reader.compare"),
        Binding("at", "authors", "Whose marks: mine, all…", show=False, id="reader.authors"),
        Binding("C", "author_colours", "Colours by author", show=False, id="reader.author-colours"),
        Binding("K", "coders", "Compare two coders", show=False, id="reader.coders"),
        Binding("ctrl+s", "sync", "Sync with the team", show=False, id="reader.sync"),
    ]

    def __init__(self, library: Library, article_id: str, at: int | None = None) -> None:
        super().__init__()
        self.library = library
        self.first_article_id = article_id
        self.first_offset = at
        """Where to put the cursor first: a search hit, a mark opened from a library view."""
        self.active: ArticleColumn | None = None
        self.query_text = ""

    # -- building ----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal(id="columns"):
            # Active from the start: setting the class once mounted restyles the column.
            yield self._column_for(self.first_article_id, classes="-active")
            yield AnnotationPane(id="pane")
        # The footer and the search field are mounted after the first paint
        # (`_fill_in`): the article shows first, the footer's keys a moment later.

    def _column_for(self, article_id: str,
                    classes: str | None = None) -> ArticleColumn | ProblemColumn:
        try:
            article = self.library.article(article_id)
        except GlossatorError as error:
            return ProblemColumn(article_id, str(error))
        try:
            session = ArticleSession(self.library, article, defer_marks=True)
        except GlossatorError as error:
            return ProblemColumn(article.title, str(error))
        return ArticleColumn(session, self._tag_colours(), classes=classes)

    def _tag_colours(self) -> dict[str, str]:
        tags = read_or_say(self, self.library.codebook, [])
        return {t.name: t.colour for t in tags if t.colour and not t.builtin}

    def on_mount(self) -> None:
        self.set_timer(FILL_IN_DELAY, self._fill_in)
        self.start_watching()
        columns = list(self.query(ArticleColumn))
        if columns:
            self._activate(columns[0])
            columns[0].view.focus()
            if self.first_offset is not None:
                at, view = self.first_offset, columns[0].view
                self.call_after_refresh(lambda: view.go_to(at))
        else:
            self.query_one(AnnotationPane).show([], {})

    async def _fill_in(self) -> None:
        if not self.query(Footer):
            await self.mount(SearchBar(), Footer())
            # The bindings were announced before this footer was there to hear it: again,
            # or it stays empty until something (a key, a focus change) announces them.
            self.refresh_bindings()

    @property
    def columns(self) -> list[ArticleColumn]:
        return list(self.query(ArticleColumn))

    @property
    def view(self) -> ArticleView | None:
        return self.active.view if self.active else None

    @property
    def session(self) -> ArticleSession | None:
        return self.active.session if self.active else None

    def _activate(self, column: ArticleColumn) -> None:
        if column is self.active:
            return
        for other in self.columns:
            other.set_class(other is column, "-active")
        self.active = column
        self._refresh_pane()

    def _refresh_pane(self, keep: str | None = None) -> None:
        pane = self.query_one(AnnotationPane)
        actors = {a.id: a for a in read_or_say(self, self.library.actors, [])}
        session = self.session
        # Marks still being read show when they arrive (MarksLoaded), not by waiting here.
        marks = session.marks if session is not None and session.marks_loaded else []
        view = self.view
        offered = view.suggestions if view is not None and view.show_suggestions else ()
        follow_authors(pane, [c.view for c in self.columns], self.app.current_theme.dark)
        pane.show(marks, actors, keep=keep, suggestions=offered)
        # The document, its marks and the pane's entries (10,000 of each on a big article)
        # live as long as the reader: move them out of the garbage collector's way, or
        # every collection while scrolling walks them all again.
        gc.freeze()

    def on_descendant_focus(self, event) -> None:
        for column in self.columns:
            if event.widget is column.view:
                self._activate(column)

    def _column_of(self, view: ArticleView) -> ArticleColumn | None:
        return next((c for c in self.columns if c.view is view), None)

    # -- marking -----------------------------------------------------------------------

    @on(ArticleView.MarkRequested)
    def _mark_requested(self, event: ArticleView.MarkRequested) -> None:
        column = self._column_of(event.view)
        if column is None:
            return
        if event.kind:
            self._mark(column, event.start, event.end, event.kind)
            return
        from reader.screens.tag_picker import TagPicker

        def picked(tag: str | None) -> None:
            if tag:
                self._mark(column, event.start, event.end, tag)

        self.app.push_screen(TagPicker(self.library), picked)

    def _mark(self, column: ArticleColumn, start: int, end: int, kind: str) -> None:
        try:
            annotation = column.session.mark(start, end, kind)
        except GlossatorError as error:
            self.notify(str(error), severity="error")
            return
        column.view.clear_selection()
        column.sync_marks()
        message = f"Marked as {kind}: “{excerpt(annotation.exact, 40)}” (e edits, u undoes)"

        def after_the_paint() -> None:
            # The pane's rebuild and the toast need not delay the mark on screen.
            if column is self.active:
                self._refresh_pane(annotation.id)
            self.notify(message, timeout=2.5)

        self.set_timer(SAVE_DELAY / 2, after_the_paint)
        self._save_soon(column.session)

    def _save_soon(self, session: ArticleSession) -> None:
        """Save just after the repaint: the mark shows first and is on disk a moment later.

        `call_after_refresh` runs before Textual paints the frame, and a save of an article
        with 10,000 marks takes longer than the paint, so wait out one frame (Textual paints
        at most 60 times a second). Leaving the reader flushes whatever is still queued.
        """
        self.set_timer(SAVE_DELAY, lambda: self._save(session))

    def _save(self, session: ArticleSession) -> None:
        try:
            session.flush()
        except GlossatorError as error:
            self.notify(f"Not saved: {error}", severity="error", timeout=10)

    @on(ArticleView.EditRequested)
    def _edit_requested(self, event: ArticleView.EditRequested) -> None:
        column = self._column_of(event.view)
        if column is not None:
            self._edit(column, event.annotation)

    @on(AnnotationPane.Chosen)
    def _pane_chosen(self, event: AnnotationPane.Chosen) -> None:
        if self.active is None:
            return
        suggestion = event.annotation.extra.get("suggestion")
        if suggestion is not None:
            self._choose_suggestion(self.active, suggestion, accept=True)
            return
        if event.annotation.extra.get("conflicts"):
            self._settle(self.active, event.annotation)
            return
        self._edit(self.active, event.annotation)

    def _edit(self, column: ArticleColumn, annotation: Annotation) -> None:
        from reader.screens.edit_annotation import EditAnnotation

        def edited(changes: dict | None) -> None:
            if not changes:
                return
            column.session.update(annotation, **changes)
            column.sync_marks()
            self._refresh_pane(keep=annotation.id)
            self._save_soon(column.session)
            self.notify("Saved.", timeout=1.5)

        self.app.push_screen(EditAnnotation(self.library, column.session.marks.get(annotation.id)
                                            or annotation), edited)

    @on(ArticleView.DeleteRequested)
    def _delete_requested(self, event: ArticleView.DeleteRequested) -> None:
        column = self._column_of(event.view)
        if column is not None:
            self._delete(column, event.annotation)

    @on(AnnotationPane.DeleteRequested)
    def _pane_delete(self, event: AnnotationPane.DeleteRequested) -> None:
        if self.active is None:
            return
        suggestion = event.annotation.extra.get("suggestion")
        if suggestion is not None:
            self._choose_suggestion(self.active, suggestion, accept=False)
            return
        self._delete(self.active, event.annotation)

    def _delete(self, column: ArticleColumn, annotation: Annotation) -> None:
        column.session.delete(annotation)
        column.sync_marks()
        self._refresh_pane()
        self._save_soon(column.session)
        self.notify(f"Deleted {annotation.kind} “{excerpt(annotation.exact, 40)}” (u undoes)",
                    timeout=2.5)

    def action_undo(self) -> None:
        self._history("undo")

    def action_redo(self) -> None:
        self._history("redo")

    def _history(self, which: str) -> None:
        session = self.session
        if session is None or self.view is None:
            return
        done = session.undo() if which == "undo" else session.redo()
        if done is None:
            self.notify(f"Nothing to {which}.", timeout=1.5)
            return
        if self.active is not None:
            self.active.sync_marks()
        self._refresh_pane()
        self._save_soon(session)
        self.notify(f"{which.capitalize()}: {done}", timeout=1.5)

    # -- suggestions (reader_suggestions.py) ------------------------------------------------

    @on(ArticleView.SuggestionsToggled)
    def _suggestions_toggled(self, event: ArticleView.SuggestionsToggled) -> None:
        column = self._column_of(event.view)
        if column is not None:
            self.toggle_suggestions(column)

    @on(ArticleView.SuggestionChosen)
    def _suggestion_chosen(self, event: ArticleView.SuggestionChosen) -> None:
        column = self._column_of(event.view)
        if column is not None:
            self._choose_suggestion(column, event.suggestion, event.accept)

    # -- copying -----------------------------------------------------------------------

    @on(ArticleView.CopyRequested)
    def _copy_requested(self, event: ArticleView.CopyRequested) -> None:
        column = self._column_of(event.view)
        if column is None:
            return
        from reader.cli.copying import copy_everywhere, text_to_copy

        quote = event.annotation
        if quote is None and event.end > event.start and not event.reference_only:
            quote = _transient_quote(column.session, event.start, event.end)
        if quote is None and not event.reference_only:
            self.notify("Select text or move onto a mark to copy a quote; Y copies the reference.",
                        timeout=3)
            return
        try:
            text = text_to_copy(column.session.article, quote, event.reference_only)
        except GlossatorError as error:  # a broken [citation] section in config.toml
            self.notify(str(error), title="Cannot copy", severity="error", markup=False,
                        timeout=10)
            return
        copy_everywhere(self.app, text)

    # -- following the cursor ----------------------------------------------------------

    @on(ArticleColumn.MarksLoaded)
    def _marks_loaded(self, event: ArticleColumn.MarksLoaded) -> None:
        if event.column is self.active:
            self._refresh_pane()

    @on(ArticleColumn.MarksUnreadable)
    def _marks_unreadable(self, event: ArticleColumn.MarksUnreadable) -> None:
        """A damaged marks file: said, and the article shown as the problem it is rather
        than as a text whose marks are missing and cannot be saved."""
        self.notify(event.problem, title="Cannot read the marks", severity="error",
                    timeout=15, markup=False)
        column = event.column
        if column not in self.columns:
            return
        self.query_one("#columns").mount(
            ProblemColumn(column.session.article.title, event.problem), before=column)
        column.remove()
        others = [c for c in self.columns if c is not column]
        if column is self.active:
            self.active = None
            if others:
                self._activate(others[0])
                others[0].view.focus()
            else:
                self.query_one(AnnotationPane).show([], {})

    @on(ArticleView.CursorMoved)
    def _cursor_moved(self, event: ArticleView.CursorMoved) -> None:
        column = self._column_of(event.view)
        if column is not self.active or column is None:
            return
        mark = column.view.mark_under_cursor()
        if mark is not None:
            self.query_one(AnnotationPane).highlight_mark(mark.id)

    @on(AnnotationPane.Highlighted)
    def _pane_highlighted(self, event: AnnotationPane.Highlighted) -> None:
        if self.view is not None and event.pane.has_focus:
            self.view.go_to(event.annotation.start)

    @on(ArticleView.Notice)
    def _notice(self, event: ArticleView.Notice) -> None:
        self.notify(event.text, timeout=2.5)

    # -- navigation between widgets ----------------------------------------------------

    def action_cycle_focus(self, direction: int) -> None:
        pane = self.query_one(AnnotationPane)
        order = [c.view for c in self.columns] + ([pane] if pane.display else [])
        current = self.focused
        index = order.index(current) if current in order else -1
        order[(index + direction) % len(order)].focus()

    def action_toggle_pane(self) -> None:
        pane = self.query_one(AnnotationPane)
        pane.toggle_class("-hidden")
        if pane.has_class("-hidden") and self.view is not None:
            self.view.focus()

    def action_back(self) -> None:
        view = self.view
        if view is not None and view.has_focus:
            if view.clear_selection():
                return
            if view.matches:
                view.set_matches([])
                return
        self.app.back_to_library()  # type: ignore[attr-defined]

    def on_screen_suspend(self) -> None:
        self._save_all()

    def on_unmount(self) -> None:
        self._save_all()

    def _save_all(self) -> None:
        for column in self.columns:
            self._save(column.session)

    def action_metadata(self) -> None:
        """Edit the focused article's details (authors, date, site…: what citations use)."""
        from reader.screens.metadata import EditMetadata

        column = self.active
        if column is None:
            return

        before = column.session.article

        def saved(updated) -> None:
            if updated is None:
                return
            if updated.page_offset != before.page_offset and column in self.columns:
                self._reopen(column)  # new page labels: the document and marks are new
            else:
                column.session.article = updated
                column.refresh_title()
            self.notify("Details saved.", timeout=2)

        self.app.push_screen(EditMetadata(self.library, column.session.article), saved)

    def action_reattach(self) -> None:
        """Put a mark (an orphan first of all) on the selected words."""
        from reader.screens.mark_picker import MarkPicker

        column, view = self.active, self.view
        if column is None or view is None:
            return
        span = view.selection
        if span is None:
            self.notify("Select the words first, then r re-attaches a mark to them.", timeout=3)
            return
        from annotations.anchoring import trimmed

        start, end = trimmed(view.text, *span)
        marks = list(column.session.marks)
        if not marks or end <= start:
            self.notify("Nothing to re-attach: this article has no marks yet.", timeout=3)
            return

        def picked(mark_id: str | None) -> None:
            mark = column.session.marks.get(mark_id) if mark_id else None
            if mark is None:
                return
            moved = column.session.reattach(mark, start, end)
            view.clear_selection()
            column.sync_marks()
            self._refresh_pane(keep=moved.id)
            self._save_soon(column.session)
            self.notify(f"Re-attached the {moved.kind} to “{excerpt(moved.exact, 40)}” (u undoes)",
                        timeout=3)

        self.app.push_screen(MarkPicker(marks, view.text[start:end]), picked)

    def action_go_to_page(self) -> None:
        """Go to a printed page of a PDF, by the label printed on it."""
        from reader.screens.go_to_page import GoToPage

        view, session = self.view, self.session
        if view is None or session is None:
            return
        document = session.document
        if not document.pages:
            self.notify("This article has no pages to go to: only PDFs have them.", timeout=3)
            return

        def chosen(page) -> None:
            if page is not None:
                view.go_to(page.start)
                view.focus()

        self.app.push_screen(GoToPage(document, document.page_at(view.cursor)), chosen)

    # -- whose marks show -------------------------------------------------------------

    def action_authors(self) -> None:
        """Whose marks show: everyone's, only mine, or one teammate's (pane and text)."""
        from reader.screens.marks_by import pick_authors

        pick_authors(self.app, self.query_one(AnnotationPane), [c.view for c in self.columns],
                     self._refresh_pane)

    def action_author_colours(self) -> None:
        """Marks in their author's colour (text and underline; the kind keeps the background)."""
        from reader.screens.marks_by import toggle_author_colours

        toggle_author_colours(self.app, self.query_one(AnnotationPane),
                              [c.view for c in self.columns], self._refresh_pane)

    def action_coders(self) -> None:
        """Two coders' marks on this article side by side, where they differ highlighted."""
        from reader.screens.coders import compare_coders

        if self.session is not None and self.view is not None:
            compare_coders(self.app, self.session, self.view.go_to)

    # -- search ------------------------------------------------------------------------

    async def action_search(self) -> None:
        await self._fill_in()  # `/` pressed before the search field was mounted
        self.call_after_refresh(lambda: self.query_one(SearchBar).open())

    @on(SearchBar.Search)
    def _search(self, event: SearchBar.Search) -> None:
        view = self.view
        if view is None:
            return
        view.focus()
        self.query_text = event.query.strip()
        if not self.query_text:
            view.set_matches([])
            return
        pattern = re.compile(re.escape(self.query_text), re.IGNORECASE)
        matches = [m.span() for m in pattern.finditer(view.text)]
        view.set_matches(matches)
        if not matches:
            self.notify(f"“{self.query_text}” is not in this article.", timeout=2.5)
            return
        self._go_to_match(view, matches, 1, include_current=True)

    @on(SearchBar.Cancelled)
    def _search_cancelled(self) -> None:
        if self.view is not None:
            self.view.focus()

    def action_search_step(self, direction: int) -> None:
        view = self.view
        if view is None or not view.matches:
            self.notify("No search yet: press / to search.", timeout=2)
            return
        self._go_to_match(view, view.matches, direction)

    def _go_to_match(self, view: ArticleView, matches: list[tuple[int, int]], direction: int,
                     include_current: bool = False) -> None:
        cursor = view.cursor
        if direction > 0:
            after = [m for m in matches if m[0] > cursor or (include_current and m[0] == cursor)]
            target = after[0] if after else matches[0]
        else:
            before = [m for m in matches if m[0] < cursor]
            target = before[-1] if before else matches[-1]
        index = matches.index(target) + 1
        view.go_to(target[0])  # a match moves the cursor; it is not a selection
        self.notify(f"Match {index} of {len(matches)}", timeout=1)


def _transient_quote(session: ArticleSession, start: int, end: int) -> Annotation | None:
    """A selection dressed as a mark, so it can be cited with its locator (paragraph,
    page or chapter); None when the selection holds only whitespace."""
    from annotations.anchoring import select, trimmed

    text = session.document.text
    start, end = trimmed(text, start, end)
    if start == end:
        return None
    selector = select(text, start, end, session.document.places)
    return Annotation(article=session.article.id, kind="quote", exact=selector.exact,
                      start=start, end=end, paragraph=selector.paragraph, page=selector.page,
                      page_end=selector.page_end, chapter=selector.chapter)
