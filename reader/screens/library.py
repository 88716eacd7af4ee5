"""The library: every article with its counts; filter, open, add, delete, export, edit."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, Static

from annotations.errors import GlossatorError
from annotations.model import ACTOR, BUILTIN_KINDS, CLAIM, QUESTION, Article
from annotations.store import Library
from annotations.textsafety import excerpt, inert
from reader.widgets.library_watch import LOOK_SECONDS, library_state


class LibraryScreen(Screen):
    BINDINGS = [
        Binding("enter", "open", "Open", id="library.open"),
        Binding("a", "add", "Add", id="library.add"),
        Binding("d,delete", "delete", "Delete", id="library.delete"),
        Binding("x", "export", "Export", id="library.export"),
        Binding("m", "metadata", "Details", id="library.metadata"),
        Binding("r,f5", "refresh_article", "Refresh", id="library.refresh"),
        Binding("i", "import_annotations", "Import", id="library.import"),
        Binding("ctrl+f", "app.open_view('search')", "Search", id="library.search"),
        Binding("f2", "app.open_view('actors')", "Actors", id="library.actors"),
        Binding("f3", "app.open_view('claims')", "Claims", show=False, id="library.claims"),
        Binding("f4", "app.open_view('questions')", "Questions", show=False,
                id="library.questions"),
        Binding("f6", "app.open_view('matrix')", "Who claims what", show=False,
                id="library.matrix"),
        Binding("f7", "app.open_view('codebook')", "Codebook", show=False, id="library.codebook"),
        Binding("f8", "marks_over_time", "Marks over time", show=False, id="library.timeline"),
        Binding("slash,f", "filter", "Filter", id="library.filter"),
        Binding("escape", "clear_filter", "Clear filter", show=False, id="library.clear-filter"),
        Binding("ctrl+s", "sync", "Sync with the team", show=False, id="library.sync"),
    ]

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library
        self.articles: list[Article] = []
        self.counts: dict[str, Counter[str]] = {}
        self._state: tuple = ()
        """The library's files as last shown (library_watch.py): a change is read again."""

    def compose(self) -> ComposeResult:
        yield Input(placeholder="Filter: type to narrow by title, site, author, tag or id",
                    id="filter", select_on_focus=False)
        yield DataTable(id="articles", cursor_type="row", zebra_stripes=True)
        yield Static("No articles yet. Press a to add a file or a URL.", id="empty")
        yield Static("", id="status")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column("Title", key="title")
        table.add_column("Site", key="site", width=20)
        table.add_column("Date", key="date", width=10)
        table.add_column("Claims", key=CLAIM, width=6)
        table.add_column("Actors", key=ACTOR, width=6)
        table.add_column("Qs", key=QUESTION, width=3)
        table.add_column("Tags", key="tags", width=4)
        self.reload()
        table.focus()
        self.set_interval(LOOK_SECONDS, self.look_for_changes)

    def on_screen_resume(self) -> None:
        self.reload()

    def look_for_changes(self) -> None:
        """Read the library again when another process (a sync, a command line) changed it."""
        if self.app.screen is self and library_state(self.library.folder) != self._state:
            self.reload()

    def action_sync(self) -> None:
        """Commit, fetch, merge and push the library (`glossator sync`); report what came in."""
        from reader.widgets.library_sync import start_sync

        start_sync(self, self.library.folder, self.look_for_changes)

    def reload(self, select: str | None = None) -> None:
        """Read the library again (another glossator may have changed it)."""
        self._state = library_state(self.library.folder)
        self.articles = self.library.articles()
        self.counts = self.library.all_counts()
        self._fill(select)

    def _fill(self, select: str | None = None) -> None:
        table = self.query_one(DataTable)
        current = select or self.highlighted_id
        table.clear()
        key = self.query_one("#filter", Input).value.strip().casefold()
        shown = [a for a in self.articles if _matches(a, key)]
        title_width = self._title_width()
        for article in shown:
            counts = self.counts.get(article.id, Counter())
            tagged = sum(v for k, v in counts.items() if k not in BUILTIN_KINDS)
            table.add_row(excerpt(inert(article.title), title_width), excerpt(inert(article.site), 20),
                          article.published,
                          str(counts[CLAIM]), str(counts[ACTOR]), str(counts[QUESTION]),
                          str(tagged), key=article.id)
        self.set_class(not self.articles, "-empty")
        ids = [a.id for a in shown]
        if current in ids:
            table.move_cursor(row=ids.index(current))
        total = sum(sum(c.values()) for c in self.counts.values())
        status = f"{len(shown)} of {len(self.articles)} articles · {total} marks · {self.library.folder}"
        self.query_one("#status", Static).update(inert(status))

    def _title_width(self) -> int:
        """What is left for titles once the other columns have their room."""
        others = 20 + 10 + 6 + 6 + 3 + 4 + 2 * 7 + 4
        return max(20, (self.size.width or 100) - others)

    def on_resize(self) -> None:
        if self.articles:
            self._fill()

    @property
    def highlighted_id(self) -> str | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        try:
            return str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)
        except Exception:
            return None

    # -- filter ------------------------------------------------------------------------

    @on(Input.Changed, "#filter")
    def _filter_changed(self) -> None:
        self._fill()

    @on(Input.Submitted, "#filter")
    def _filter_done(self) -> None:
        """Enter in the filter opens the highlighted article."""
        table = self.query_one(DataTable)
        table.focus()
        self.action_open()

    def action_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_clear_filter(self) -> None:
        field = self.query_one("#filter", Input)
        if field.value:
            field.value = ""
        self.query_one(DataTable).focus()

    def on_key(self, event) -> None:
        """Typing a letter in the table starts filtering: no key needed first.

        Keys typed quickly are queued for the table before the first one moves focus to
        the filter; the filter stops every key it takes, so a printable key that still
        reaches the screen while the filter has focus was one of those, and goes to the
        filter too (not to a binding: `a` would run Add in the middle of "parasite").
        """
        character = event.character
        if not character or not character.isprintable():
            return
        table = self.query_one(DataTable)
        field = self.query_one("#filter", Input)
        starts = self.focused is table and character.isalnum() \
            and event.key not in self._bound_keys()
        if starts or self.focused is field:
            self.set_focus(field)
            field.insert_text_at_cursor(character)
            event.stop()
            event.prevent_default()

    def _bound_keys(self) -> set[str]:
        return set(self.active_bindings)

    # -- actions -----------------------------------------------------------------------

    @on(DataTable.RowSelected)
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        self.open_article(str(event.row_key.value))

    def action_open(self) -> None:
        article_id = self.highlighted_id
        if article_id:
            self.open_article(article_id)

    def open_article(self, article_id: str) -> None:
        from reader.screens.reader import ReaderScreen

        self.app.push_screen(ReaderScreen(self.library, article_id))

    def action_marks_over_time(self) -> None:
        from reader.screens.timeline import TimelineScreen

        self.app.push_screen(TimelineScreen(self.library))

    def action_add(self) -> None:
        from reader.screens.add_source import AddRequest, AddSource

        def chosen(request: AddRequest | None) -> None:
            if request is None:
                return
            what = request.source or "the pasted text"
            self.notify(f"Adding {inert(what)}…", timeout=3)
            self._add(request)

        self.app.push_screen(AddSource(), chosen)

    @work(thread=True, exclusive=False, group="add")
    def _add(self, request) -> None:
        from reader.cli.adding import add_pasted, add_source

        try:
            if request.source:
                added = add_source(self.library, request.source)
            else:
                added = add_pasted(self.library, request.pasted, {"title": request.title})
        except GlossatorError as error:
            self.app.call_from_thread(self.notify, inert(str(error)), title="Could not add",
                                      severity="error", timeout=10)
            return
        verb = "Already in the library" if added.existed else "Added"
        self.app.call_from_thread(self.notify, inert(f"{verb}: {added.article.title}"))
        self.app.call_from_thread(self.reload, added.article.id)

    def action_import_annotations(self) -> None:
        """Import annotations from another tool; the report says what came in."""
        from reader.screens.import_annotations import ImportAnnotations, ImportRequest

        article_id = self.highlighted_id
        article = next((a for a in self.articles if a.id == article_id), None)

        def chosen(request: ImportRequest | None) -> None:
            if request is not None:
                self.notify(inert(f"Importing {request.path}…"), timeout=3)
                self._import(request)

        self.app.push_screen(ImportAnnotations(article_id, article.title if article else None),
                             chosen)

    @work(thread=True, exclusive=True, group="import")
    def _import(self, request) -> None:
        from annotations.interchange.importing import import_file
        from reader.document.cache import text_reader

        try:
            report = import_file(self.library, request.path, text_reader(self.library),
                                 article_id=request.article_id)
        except GlossatorError as error:
            self.app.call_from_thread(self.notify, inert(str(error)), title="Not imported",
                                      severity="error", timeout=10)
            return
        self.app.call_from_thread(self.notify, inert("\n".join(report.lines())),
                                  title="Imported", timeout=12)
        self.app.call_from_thread(self.reload)

    def action_refresh_article(self) -> None:
        """Read the highlighted article's page or file again; its marks are found again."""
        article_id = self.highlighted_id
        article = next((a for a in self.articles if a.id == article_id), None)
        if article is None:
            return
        self.notify(inert(f"Refreshing “{excerpt(article.title, 40)}”…"), timeout=3)
        self._refresh(article)

    @work(thread=True, exclusive=False, group="refresh")
    def _refresh(self, article: Article) -> None:
        from reader.cli.refreshing import refresh, refresh_line

        try:
            report = refresh(self.library, article)
        except GlossatorError as error:
            self.app.call_from_thread(self.notify, inert(str(error)), title="Not refreshed",
                                      severity="error", timeout=10)
            return
        title = "Refreshed" if report.changed else "Unchanged"
        self.app.call_from_thread(self.notify, inert(refresh_line(report)), title=title, timeout=8)
        self.app.call_from_thread(self.reload, article.id)

    def action_delete(self) -> None:
        from reader.screens.confirm import Confirm

        article_id = self.highlighted_id
        if not article_id:
            return
        article = next(a for a in self.articles if a.id == article_id)
        marks = sum(self.counts.get(article_id, Counter()).values())

        def answered(yes: bool | None) -> None:
            if yes:
                self.library.remove_article(article_id)
                self.notify(inert(f"Deleted “{article.title}” and its {marks} marks."))
                self.reload()

        self.app.push_screen(Confirm(inert(f"Delete “{article.title}” and its {marks} marks? "
                                           "This cannot be undone.")), answered)

    def action_export(self) -> None:
        from reader.screens.export_notes import ExportNotes

        article_id = self.highlighted_id
        article = next((a for a in self.articles if a.id == article_id), None)

        def chosen(request) -> None:
            if request is not None:
                self._export(request, article)

        default = Path.home() / "glossator-notes"
        self.app.push_screen(ExportNotes(default, article.title if article else None), chosen)

    def _export(self, request, article: Article | None) -> None:
        from reader.cli.exporting import run_export

        chosen = self.articles if request.everything or article is None else [article]
        output = request.folder
        if request.format not in ("markdown", "vault"):
            output = request.folder / f"glossator.{_EXTENSIONS[request.format]}"
        try:
            request.folder.mkdir(parents=True, exist_ok=True)
            lines = list(run_export(self.library, chosen, request.format, output,
                                    emit_stdout=lambda _: None))
        except (GlossatorError, OSError) as error:
            self.notify(inert(str(error)), title="Export failed", severity="error", timeout=10)
            return
        self.notify(inert(f"Exported {len(chosen)} article(s) to {output}"
                          + (f" ({len(lines)} file(s))" if lines else "")), timeout=6)

    def action_metadata(self) -> None:
        from reader.screens.metadata import EditMetadata

        article_id = self.highlighted_id
        article = next((a for a in self.articles if a.id == article_id), None)
        if article is None:
            return

        def saved(updated: Article | None) -> None:
            if updated is not None:
                self.notify("Details saved.", timeout=2)
                self.reload(updated.id)

        self.app.push_screen(EditMetadata(self.library, article), saved)


_EXTENSIONS = {"json": "json", "csv": "csv", "bibtex": "bib", "csl-json": "csl.json",
               "w3c": "w3c.jsonld", "qdpx": "qdpx"}


def _matches(article: Article, key: str) -> bool:
    if not key:
        return True
    haystack = " ".join([article.id, article.title, article.site, *article.authors,
                         *article.tags, article.published]).casefold()
    return all(word in haystack for word in key.split())
