"""The reader's suggestions: found in a worker when `S` first shows them, drawn softly in
the article and listed in the pane, accepted as marks (`A`, the palette's accept-all) or
rejected for good (`R`).

A mixin of `ReaderScreen` (reader/screens/reader.py), whose columns, pane and saving it
uses: `library`, `columns`, `active`, `_save_soon` and `_refresh_pane`. The screen keeps the
message handlers (Textual registers those on the screen's own class) and calls
`toggle_suggestions` and `_choose_suggestion`.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from textual import work

from annotations.errors import GlossatorError
from annotations.textsafety import excerpt
from reader.widgets.article_column import ArticleColumn
from reader.widgets.article_view_suggestions import Offered

SWITCH_INTERVAL = 0.0002
"""Seconds a worker finding suggestions may keep the interpreter's lock while the screen's
thread waits for it. With Python's default, 5 ms, the screen may wait that long at each
step of its event loop that needs the lock back, and a key press takes many steps. (A
`time.sleep(0)` between paragraphs hands the lock over too, but on a busy machine each one
gives the processor away for milliseconds: seconds on a book.)"""

_finding = 0
_finding_lock = threading.Lock()
_interval_before = sys.getswitchinterval()


@contextmanager
def _screen_first() -> Iterator[None]:
    """The short switch interval while any worker finds suggestions; the usual one after."""
    global _finding, _interval_before
    with _finding_lock:
        if _finding == 0:
            _interval_before = sys.getswitchinterval()
            sys.setswitchinterval(min(SWITCH_INTERVAL, _interval_before))
        _finding += 1
    try:
        yield
    finally:
        with _finding_lock:
            _finding -= 1
            if _finding == 0:
                sys.setswitchinterval(_interval_before)


class SuggestionsInReader:
    """Showing, accepting and rejecting suggestions (see the module's docstring)."""

    def toggle_suggestions(self, column: ArticleColumn) -> None:
        """S: show the article's suggestions (found in a worker the first time), or hide them."""
        view, session = column.view, column.session
        if view.show_suggestions:
            view.show_offered(False)
            self._refresh_pane()
            self.notify("Suggestions hidden (S shows them again).", timeout=2)
            return
        from reader.cli.suggesting import why_none

        reason = why_none(session.article, session.document.text)
        if reason:
            self.notify(f"No suggestions: {reason}", timeout=6, markup=False)
            return
        if session.suggestions is not None:
            self._show_suggestions(column, session.suggestions)  # found before: swapped in
            return
        self.notify("Finding suggestions…", timeout=2)
        self._find_suggestions(column)

    @work(thread=True, exclusive=False, group="suggest")
    def _find_suggestions(self, column: ArticleColumn) -> None:
        from reader.cli.suggesting import offered

        session = column.session
        try:
            with _screen_first():
                # sorted and indexed for drawing here, in the worker: the main thread only
                # swaps them in (a book has 80,000)
                found = Offered(offered(self.library, session.article, session.document))
        except GlossatorError as error:
            self.app.call_from_thread(self.notify, str(error), title="No suggestions",
                                      severity="error", timeout=8, markup=False)
            return
        self.app.call_from_thread(self._suggestions_found, column, found)

    def _suggestions_found(self, column: ArticleColumn, found: Offered) -> None:
        column.session.suggestions = found
        if column in self.columns:
            self._show_suggestions(column, found)

    def _show_suggestions(self, column: ArticleColumn, found: Offered) -> None:
        column.view.set_suggestions(found, show=True)
        if column is self.active:
            self._refresh_pane()
        counts = column.view.suggestions.counts
        summary = ", ".join(f"{counts[k]} {k}{'s' if counts[k] != 1 else ''}"
                            for k in ("claim", "actor", "question") if counts[k])
        self.notify(f"Suggested: {summary or 'nothing'} (A accepts, R rejects, S hides).",
                    timeout=4)

    def _accept(self, column: ArticleColumn, suggestion) -> None:
        """The suggestion as a mark of the session (undoable; saved by the caller)."""
        from annotations.suggested import accept

        session = column.session
        mark = accept(self.library, session.article, session.document.text,
                      session.document.places, suggestion)
        session.add(mark, f"accept suggested {mark.kind}")

    def _choose_suggestion(self, column: ArticleColumn, suggestion, accept: bool) -> None:
        from annotations.suggested import reject

        session = column.session
        try:
            if accept:
                self._accept(column, suggestion)
                column.sync_marks()
                self._save_soon(session)
            else:
                reject(self.library, session.article.id, suggestion)
        except GlossatorError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        self._drop_suggestions(column, [suggestion])
        verb = "Accepted" if accept else "Rejected (not offered again)"
        self.notify(f"{verb}: {suggestion.kind} “{excerpt(suggestion.quote, 40)}”", timeout=2)

    def accept_all(self, kind: str) -> None:
        """Accept every suggestion of `kind` on show in the focused article (the palette)."""
        column = self.active
        if column is None or not column.view.show_suggestions:
            self.notify("No suggestions on show: S shows them.", timeout=2)
            return
        chosen = [s for s in column.view.suggestions if s.kind == kind]
        for suggestion in chosen:
            self._accept(column, suggestion)
        column.sync_marks()
        self._drop_suggestions(column, chosen)
        self._save_soon(column.session)
        self.notify(f"Accepted {len(chosen)} suggested {kind}(s) (u undoes one at a time).",
                    timeout=3)

    def _drop_suggestions(self, column: ArticleColumn, gone: list) -> None:
        rest = column.view.suggestions.without(gone)
        column.session.suggestions = rest
        column.view.set_suggestions(rest, show=column.view.show_suggestions)
        if column is self.active:
            self._refresh_pane()
