"""The reader's refreshing: reading the article's page or file again (`F5`), or a new file,
URL or pasted text (`F`), in a worker; reopening the column when its text or pages changed;
and the article's earlier texts (the versions screen).

A mixin of `ReaderScreen` (reader/screens/reader.py), whose columns and saving it uses:
`library`, `columns`, `active`, `session`, `_save`, `_column_for` and `_activate`. The
screen keeps the bindings; its metadata action and `TeammatesInReader` call `_reopen`.
"""

from __future__ import annotations

from textual import work

from reader.widgets.article_column import ArticleColumn


class RefreshingInReader:
    """Refreshing the article and showing its versions (see the module's docstring)."""

    def action_refresh_article(self) -> None:
        """Read the article's page or file again; marks are found again in the new text.
        When that source cannot be read (a pasted article, a file moved), ask for another."""
        self._refresh_or_ask(ask=False)

    def action_refresh_from(self) -> None:
        """Refresh the article from a new file or URL, or from pasted text."""
        self._refresh_or_ask(ask=True)

    def _refresh_or_ask(self, *, ask: bool) -> None:
        from reader.screens.refresh_from import refresh_or_ask

        column = self.active
        if column is None:
            return

        def start(request) -> bool:
            if column not in self.columns:
                return False  # closed while the dialog was open
            self._save(column.session)
            self._refresh_worker(column, request)
            return True

        refresh_or_ask(self, column.session.article, start, ask=ask)

    @work(thread=True, exclusive=True, group="refresh")
    def _refresh_worker(self, column: ArticleColumn, request) -> None:
        from reader.screens.refresh_from import refresh_in_worker

        done = refresh_in_worker(self, self.library, column.session.article, request)
        if done is not None:
            self.app.call_from_thread(self._refreshed, column, done)

    def _refreshed(self, column: ArticleColumn, done) -> None:
        from reader.screens.refresh_from import say_refreshed

        say_refreshed(self, done)
        if done.report.changed and column in self.columns:
            self._reopen(column)

    def action_versions(self) -> None:
        """The article's earlier texts, and what changed from one to the next."""
        from reader.screens.versions import VersionsScreen

        if self.session is not None:
            self._save(self.session)
            self.app.push_screen(VersionsScreen(self.library, self.session.article))

    def _reopen(self, column: ArticleColumn) -> None:
        """Read the column's article again (its text or pages changed) in its place."""
        self._save(column.session)
        fresh = self._column_for(column.session.article.id, classes="-active")
        self.query_one("#columns").mount(fresh, before=column)
        column.remove()
        self.active = None
        if isinstance(fresh, ArticleColumn):
            self._activate(fresh)
            self.call_after_refresh(fresh.view.focus)
