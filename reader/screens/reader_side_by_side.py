"""The reader's two articles side by side: opening one beside the other (`ctrl+o`),
comparing what they cover (`ctrl+k`), closing one (`ctrl+w`).

A mixin of `ReaderScreen` (reader/screens/reader.py), whose columns it arranges: it uses
`library`, `columns`, `active`, `_column_for`, `_activate` and `_save`.
"""

from __future__ import annotations

from reader.widgets.annotation_pane import AnnotationPane
from reader.widgets.article_column import ArticleColumn

MAX_COLUMNS = 2


class SideBySideInReader:
    """Articles side by side (see the module's docstring)."""

    def action_open_beside(self) -> None:
        from reader.screens.article_picker import ArticlePicker

        open_ids = {c.session.article.id for c in self.columns}

        def picked(article_id: str | None) -> None:
            if article_id:
                self.open_beside(article_id)

        self.app.push_screen(ArticlePicker(self.library, exclude=open_ids), picked)

    def open_beside(self, article_id: str) -> None:
        columns = self.columns
        if len(columns) >= MAX_COLUMNS:
            self._save(columns[-1].session)
            columns[-1].remove()
        column = self._column_for(article_id)
        self.query_one("#columns").mount(column, before=self.query_one(AnnotationPane))
        if isinstance(column, ArticleColumn):
            self.call_after_refresh(column.view.focus)

    def action_compare(self) -> None:
        """The two articles side by side compared: actors and claims in both, in one only;
        a mark chosen there is where that article's column goes."""
        from reader.screens.coverage import CoverageScreen

        columns = self.columns
        if len(columns) < 2:
            self.notify("Open a second article beside this one (ctrl+o), then compare them.",
                        timeout=3)
            return
        sides = [(c.session.article, list(c.session.marks)) for c in columns[:2]]

        def go(target: tuple[str, int] | None) -> None:
            column = next((c for c in self.columns if target and c.session.article.id == target[0]),
                          None)
            if column is not None and target is not None:
                self._activate(column)
                column.view.focus()
                column.view.go_to(target[1])

        actors = {a.id: a for a in self.library.actors()}
        self.app.push_screen(CoverageScreen(sides[0], sides[1], actors), go)

    def action_close_beside(self) -> None:
        columns = self.columns
        if len(columns) < 2:
            return
        closing = self.active if self.active in columns else columns[-1]
        self._save(closing.session)
        closing.remove()
        remaining = [c for c in columns if c is not closing][0]
        self.active = None
        self._activate(remaining)
        remaining.view.focus()
