"""The library: every article with its counts; filter, open, add, delete, export, edit.

Type to filter (library_filter.py): every character typed goes to the filter, so the
library's actions are on keys that are not text (ctrl+n adds, delete deletes, f5
refreshes…).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, Static

from annotations.errors import GlossatorError
from annotations.model import ACTOR, BUILTIN_KINDS, CLAIM, QUESTION, Article
from annotations.store import Library
from annotations.textsafety import excerpt, inert
from reader.screens.library_filter import TypeToFilter
from reader.widgets.library_counts import LibraryCounts, library_counts
from reader.widgets.library_watch import LOOK_SECONDS, library_state

DAMAGED = "damaged"
"""The counts column of an article whose marks cannot be read."""


class LibraryScreen(TypeToFilter, Screen):
    BINDINGS = [
        Binding("enter", "open", "Open", id="library.open"),
        Binding("ctrl+n", "add", "Add", id="library.add"),
        Binding("delete", "delete", "Delete", id="library.delete"),
        # Before the filter's own ctrl+e (end of line) and ctrl+d (delete right).
        Binding("ctrl+e", "export", "Export", id="library.export", priority=True),
        Binding("ctrl+d", "metadata", "Details", id="library.metadata", priority=True),
        Binding("f5", "refresh_article", "Refresh", id="library.refresh"),
        Binding("ctrl+r", "refresh_from", "Refresh from another source…", show=False,
                id="library.refresh-from"),
        Binding("ctrl+o", "import_annotations", "Import", id="library.import"),
        Binding("f9", "versions", "Versions of this article", show=False,
                id="library.versions"),
        Binding("ctrl+f", "app.open_view('search')", "Search", id="library.search"),
        Binding("f2", "app.open_view('actors')", "Actors", id="library.actors"),
        Binding("f3", "app.open_view('claims')", "Claims", show=False, id="library.claims"),
        Binding("f4", "app.open_view('questions')", "Questions", show=False,
                id="library.questions"),
        Binding("f6", "app.open_view('matrix')", "Who claims what", show=False,
                id="library.matrix"),
        Binding("f7", "app.open_view('codebook')", "Codebook", show=False, id="library.codebook"),
        Binding("f8", "marks_over_time", "Marks over time", show=False, id="library.timeline"),
        Binding("ctrl+l", "filter", "Filter", show=False, id="library.filter"),
        Binding("escape", "clear_filter", "Clear filter", show=False, id="library.clear-filter"),
        Binding("ctrl+s", "sync", "Sync with the team", show=False, id="library.sync"),
        Binding("f1", "app.help", "Keys", id="library.help"),
        # `?` is typed text here (the app's key for Keys elsewhere): hidden from the footer,
        # the help and the palette, which show f1 instead.
        Binding("question_mark", "type_in_filter('?')", show=False),
    ]

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library
        self.articles: list[Article] = []
        self.counts: dict[str, Counter[str]] = {}
        self.damaged: dict[str, str] = {}
        """Articles whose marks cannot be read, and why (library_counts.py)."""
        self._told = ""
        """The damage last told in a notice: told again only when it changes."""
        self._state: tuple = ()
        """The library's files as last shown (library_watch.py): a change is read again."""

    def compose(self) -> ComposeResult:
        yield Input(placeholder="Filter: type to narrow by title, site, author, tag or id",
                    id="filter", select_on_focus=False)
        yield DataTable(id="articles", cursor_type="row", zebra_stripes=True)
        yield Static("No articles yet. Press ctrl+n to add a file or a URL.", id="empty")
        yield Static("", id="status", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column("Title", key="title")
        table.add_column("Site", key="site", width=20)
        table.add_column("Date", key="date", width=10)
        table.add_column("Claims", key=CLAIM, width=len(DAMAGED))
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
        """Read the library again (another glossator may have changed it). A damaged file
        is said in a notice, and what could be read is shown."""
        self._state = library_state(self.library.folder)
        try:
            self.articles = self.library.articles()
            found = library_counts(self.library)
        except GlossatorError as error:  # the index itself: what was shown stays
            found = LibraryCounts(self.counts, {"": " ".join(str(error).split())})
        self.counts, self.damaged = found.counts, found.damaged
        notice = found.notice()
        if notice and notice != self._told:
            self.notify(inert(notice), title="Damaged file", severity="error", timeout=15,
                        markup=False)
        self._told = notice
        self._fill(select)

    def _fill(self, select: str | None = None) -> None:
        table = self.query_one(DataTable)
        current = select or self.highlighted_id
        table.clear()
        key = self.query_one("#filter", Input).value.strip().casefold()
        shown = [a for a in self.articles if _matches(a, key)]
        title_width = self._title_width()
        for article in shown:
            # Text, not str: a DataTable reads a str cell as markup, and a title is data.
            table.add_row(Text(excerpt(inert(article.title), title_width)),
                          Text(excerpt(inert(article.site), 20)), Text(inert(article.published)),
                          *self._count_cells(article.id), key=article.id)
        self.set_class(not self.articles, "-empty")
        ids = [a.id for a in shown]
        if current in ids:
            table.move_cursor(row=ids.index(current))
        total = sum(sum(c.values()) for c in self.counts.values())
        status = f"{len(shown)} of {len(self.articles)} articles · {total} marks · {self.library.folder}"
        if self.damaged:
            status += f" · {len(self.damaged)} damaged file(s): run `glossator doctor --repair`"
        self.query_one("#status", Static).update(inert(status))

    def _count_cells(self, article_id: str) -> list[str]:
        if article_id in self.damaged:
            return [DAMAGED, "", "", ""]
        counts = self.counts.get(article_id, Counter())
        tagged = sum(v for k, v in counts.items() if k not in BUILTIN_KINDS)
        return [str(counts[CLAIM]), str(counts[ACTOR]), str(counts[QUESTION]), str(tagged)]

    def _title_width(self) -> int:
        """What is left for titles once the other columns have their room."""
        others = 20 + 10 + len(DAMAGED) + 6 + 3 + 4 + 2 * 7 + 4
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

    @property
    def highlighted(self) -> Article | None:
        article_id = self.highlighted_id
        return next((a for a in self.articles if a.id == article_id), None)

    # -- filter ------------------------------------------------------------------------

    @on(Input.Changed, "#filter")
    def _filter_changed(self) -> None:
        self._fill()

    @on(Input.Submitted, "#filter")
    def _filter_done(self) -> None:
        """Enter in the filter opens the highlighted article."""
        self.query_one(DataTable).focus()
        self.action_open()

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
            self.notify(f"Adding {inert(what)}…", timeout=3, markup=False)
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
                                      severity="error", timeout=10, markup=False)
            return
        verb = "Already in the library" if added.existed else "Added"
        self.app.call_from_thread(self.notify, inert(f"{verb}: {added.article.title}"),
                                  markup=False)
        for warning in added.warnings:  # what an import could only partly take in
            self.app.call_from_thread(self.notify, inert(warning), title="Added with a warning",
                                      severity="warning", timeout=15, markup=False)
        self.app.call_from_thread(self.reload, added.article.id)

    def action_import_annotations(self) -> None:
        """Import annotations from another tool; the report says what came in."""
        from reader.screens.import_annotations import ImportAnnotations, ImportRequest

        article = self.highlighted

        def chosen(request: ImportRequest | None) -> None:
            if request is not None:
                self.notify(inert(f"Importing {request.path}…"), timeout=3, markup=False)
                self._import(request)

        self.app.push_screen(ImportAnnotations(article.id if article else None,
                                               article.title if article else None), chosen)

    @work(thread=True, exclusive=True, group="import")
    def _import(self, request) -> None:
        from annotations.interchange.importing import import_file
        from reader.document.cache import text_reader

        try:
            report = import_file(self.library, request.path, text_reader(self.library),
                                 article_id=request.article_id)
        except GlossatorError as error:
            self.app.call_from_thread(self.notify, inert(str(error)), title="Not imported",
                                      severity="error", timeout=10, markup=False)
            return
        except Exception as error:  # noqa: BLE001 - a hostile file must not end the session
            self.app.call_from_thread(
                self.notify, inert(f"{request.path}: could not be read ({error.__class__.__name__}: "
                                   f"{error}); nothing was imported"),
                title="Not imported", severity="error", timeout=15, markup=False)
            return
        self.app.call_from_thread(self.notify, inert("\n".join(report.lines())),
                                  title="Imported", timeout=12, markup=False)
        self.app.call_from_thread(self.reload)

    def action_refresh_article(self) -> None:
        """Read the highlighted article's page or file again; its marks are found again.
        When that source cannot be read (a pasted article, a file moved), ask for another."""
        self._refresh_or_ask(ask=False)

    def action_refresh_from(self) -> None:
        """Refresh the highlighted article from a new file or URL, or from pasted text."""
        self._refresh_or_ask(ask=True)

    def _refresh_or_ask(self, *, ask: bool) -> None:
        from reader.screens.refresh_from import refresh_or_ask

        article = self.highlighted
        if article is None:
            return

        def start(request) -> bool:
            self._refresh(article, request)
            return True

        refresh_or_ask(self, article, start, ask=ask)

    @work(thread=True, exclusive=False, group="refresh")
    def _refresh(self, article: Article, request) -> None:
        from reader.screens.refresh_from import refresh_in_worker, say_refreshed

        done = refresh_in_worker(self, self.library, article, request)
        if done is not None:
            self.app.call_from_thread(say_refreshed, self, done)
            self.app.call_from_thread(self.reload, article.id)

    def action_versions(self) -> None:
        """The highlighted article's earlier texts, and what changed from one to the next."""
        from reader.screens.versions import VersionsScreen

        article = self.highlighted
        if article is not None:
            self.app.push_screen(VersionsScreen(self.library, article))

    def action_delete(self) -> None:
        from reader.screens.confirm import Confirm

        article = self.highlighted
        if article is None:
            return
        marks = sum(self.counts.get(article.id, Counter()).values())
        what = "its marks" if article.id in self.damaged else f"its {marks} marks"

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                self.library.remove_article(article.id)
            except GlossatorError as error:
                self.notify(inert(str(error)), title="Not deleted", severity="error",
                            timeout=10, markup=False)
                return
            self.notify(inert(f"Deleted “{article.title}” and {what}."), markup=False)
            self.reload()

        self.app.push_screen(Confirm(inert(f"Delete “{article.title}” and {what}? "
                                           "This cannot be undone.")), answered)

    def action_export(self) -> None:
        from reader.screens.export_notes import ExportNotes

        article = self.highlighted

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
            self.notify(inert(str(error)), title="Export failed", severity="error", timeout=10,
                        markup=False)
            return
        self.notify(inert(f"Exported {len(chosen)} article(s) to {output}"
                          + (f" ({len(lines)} file(s))" if lines else "")), timeout=6,
                    markup=False)

    def action_metadata(self) -> None:
        from reader.screens.metadata import EditMetadata

        article = self.highlighted
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
