"""A list of marks from across the library, each opening its article at the mark: the
claims of one cell of the matrix."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Static

from annotations.model import Annotation, Article
from annotations.store import Library
from reader.widgets.mark_list import Describe, ListEntry, MarkList
from reader.widgets.quiet_footer import QuietFooter


class ListedMarks(Screen):
    LIBRARY_VIEW: ClassVar[bool] = True
    """A mark opened here opens its article over this list: escape comes back here."""

    BINDINGS = [Binding("escape", "app.pop_screen", "Back", id="listed-marks.back")]

    def __init__(self, library: Library, title: str, rows: list[tuple[Article, Annotation]],
                 describe: Describe) -> None:
        super().__init__()
        self.library = library
        self.title_text = title
        self.rows = rows
        self.describe = describe

    def compose(self) -> ComposeResult:
        yield Static(self.title_text, classes="view-title", markup=False)
        yield MarkList(self.describe, id="marks")
        yield QuietFooter()

    def on_mount(self) -> None:
        marks = self.query_one(MarkList)
        marks.show([ListEntry("", article, mark) for article, mark in self.rows])
        marks.focus()

    @on(MarkList.Chosen)
    def _chosen(self, event: MarkList.Chosen) -> None:
        self.app.open_article(event.article.id, at=event.mark.start)  # type: ignore[attr-defined]
