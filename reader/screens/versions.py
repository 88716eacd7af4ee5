"""An article's versions (f9 in the library, V in the reader): its earlier texts, kept
by refreshes, as `glossator versions` lists them, and under them what changed from the
highlighted one to the one after it, word by word, as `glossator diff` prints it.

The texts are read and the differences found in workers: the list shows at once and
fills in, and moving along it never waits for a book's diff.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from annotations.model import Article
from annotations.store import Library
from annotations.textsafety import excerpt, inert
from annotations.versions import CURRENT
from reader.screens.from_worker import deliver
from reader.widgets.word_diff import WordDiff


@dataclass(frozen=True)
class VersionRow:
    """One text of the article: an earlier version, or the current one (the last)."""

    key: str
    """Its number, or `current`."""
    since: str
    until: str
    words: int
    source: str
    text: str

    @property
    def name(self) -> str:
        return "current" if self.key == CURRENT else f"version {self.key}"


class VersionsScreen(Screen):
    BINDINGS = [
        Binding("escape", "back", "Back", id="versions.back"),
    ]

    def __init__(self, library: Library, article: Article) -> None:
        super().__init__()
        self.library = library
        self.article = article
        self.rows: list[VersionRow] = []

    def compose(self) -> ComposeResult:
        yield Static(inert(f"Versions of “{excerpt(self.article.title, 80)}”"),
                     classes="title", markup=False)
        yield DataTable(id="versions", cursor_type="row", zebra_stripes=True)
        with VerticalScroll(id="diff-scroll"):
            yield WordDiff(id="diff")
        yield Static("Reading the versions…", id="status", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column("Version", key="version", width=8)
        table.add_column("Since", key="since", width=16)
        table.add_column("Until", key="until", width=16)
        table.add_column("Words", key="words", width=7)
        table.add_column("Source", key="source")
        table.focus()
        self._read()

    @work(thread=True, exclusive=True, group="versions")
    def _read(self) -> None:
        deliver(self, lambda: version_rows(self.library, self.article), self._show,
                failed="Versions not read")

    def _show(self, rows: list[VersionRow]) -> None:
        self.rows = rows
        table = self.query_one(DataTable)
        for row in rows:
            # Text, not str: a DataTable reads a str cell as markup, and a source is data.
            table.add_row(Text(row.key), Text(row.since), Text(row.until),
                          Text(f"{row.words:,}", justify="right"),
                          Text(excerpt(inert(row.source), 60)), key=row.key)
        earlier = len(rows) - 1
        status = (f"{earlier} earlier version(s) · the diff shows what changed from the "
                  "highlighted one to the next") if earlier else \
            "It has not changed since it was added: f5 reads its source again"
        self.query_one("#status", Static).update(status)
        if len(rows) > 1:
            table.move_cursor(row=len(rows) - 2)  # the last change first, as `glossator diff`
        self._show_diff(table.cursor_row)

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        if self.rows:
            self._show_diff(event.cursor_row)

    def _show_diff(self, index: int) -> None:
        diff = self.query_one(WordDiff)
        if not 0 <= index < len(self.rows):
            return
        if index == len(self.rows) - 1:
            diff.show_note("The current text. Choose an earlier version to see what changed "
                           "after it." if index else "There is no earlier version to compare.")
            return
        diff.show_note("Comparing…")
        self._compare(self.rows[index], self.rows[index + 1])

    @work(thread=True, exclusive=True, group="diff")
    def _compare(self, older: VersionRow, newer: VersionRow) -> None:
        from annotations.textdiff import word_diff

        changes = word_diff(older.text, newer.text)
        heading = f"{older.name} → {newer.name}: {len(changes)} change(s)"
        self.app.call_from_thread(self._compared, older, heading, changes)

    def _compared(self, older: VersionRow, heading: str, changes) -> None:
        index = self.query_one(DataTable).cursor_row
        if 0 <= index < len(self.rows) and self.rows[index] is older:
            self.query_one(WordDiff).show_changes(heading, changes)
            self.query_one("#diff-scroll").scroll_home(animate=False)

    def action_back(self) -> None:
        self.app.pop_screen()


def version_rows(library: Library, article: Article) -> list[VersionRow]:
    """The article's versions, oldest first, then its current text (what `glossator
    versions` lists), each with its text."""
    from annotations.versions import versions
    from reader.document.versions import current_source, version_text

    rows = []
    for version in versions(library, article.id):
        text = version_text(library, article, version)
        rows.append(VersionRow(str(version.number), _when(version.added), _when(version.saved),
                               len(text.split()), version.source or "pasted", text))
    text = version_text(library, article, None)
    since = str(article.extra.get("body_added") or article.added)
    rows.append(VersionRow(CURRENT, _when(since), "now", len(text.split()),
                           current_source(article) or "pasted", text))
    return rows


def _when(stamp: str) -> str:
    """An ISO time to the minute: `2026-03-15 10:04`."""
    return stamp[:16].replace("T", " ")
