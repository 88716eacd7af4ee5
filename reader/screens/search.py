"""Search across the library (ctrl+f): type a query, results as you type, enter opens the
article at the hit, escape goes back.

The index is opened, built and brought up to date in a thread worker that belongs to the
app, not to this screen: it shows its progress here, keeps going when the screen is left,
and never holds up a key. Queries run in their own thread worker, on what the index holds
so far. One index per library lives as long as the app, with the last query, so ctrl+f
comes back to where the researcher was.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar
from weakref import WeakKeyDictionary

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Input, Static
from textual.worker import Worker, get_current_worker

from annotations.errors import GlossatorError
from annotations.search.index import CatchUp, SearchIndex
from annotations.search.searching import Results
from annotations.store import Library
from annotations.textsafety import inert
from reader.widgets.search_results import SearchResults

SHOWN = 200
"""Hits fetched for the list: more than a screen, few enough to come back at once."""
TYPING_PAUSE = 0.08
"""Seconds after the last key before a query runs: a fast typist's word is one query."""
HINT = ('Words, "a phrase", dredg*, -left-out · kind:claim tag:funding actor:"Pereira" '
        "status:disputed author:ana · site:reuters after:2025-01 before:2025-06")


@dataclass
class _Shared:
    """What outlives one search screen: the library's index, the worker bringing it up to
    date, and the last query."""

    index: SearchIndex | None = None
    worker: Worker | None = None
    screen: SearchScreen | None = None
    """The screen on show, told how indexing goes."""
    query: str = ""
    highlighted: int = 0
    progress: tuple[int, int] | None = None
    problems: list[str] = field(default_factory=list)
    remade: str = ""
    """Said once the index, found damaged, has been made again."""

    @property
    def indexing(self) -> bool:
        return self.worker is not None and self.worker.is_running

    def tell(self, message: Message) -> None:
        screen = self.screen
        if screen is not None:
            screen.post_message(message)


_SHARED: WeakKeyDictionary[Library, _Shared] = WeakKeyDictionary()


def _shared(library: Library) -> _Shared:
    if library not in _SHARED:
        _SHARED[library] = _Shared()
    return _SHARED[library]


class SearchScreen(Screen):
    LIBRARY_VIEW: ClassVar[bool] = True
    """A library-wide view: an article opened from it comes back here on escape."""

    BINDINGS = [
        Binding("escape", "back", "Back", id="library-search.back"),
        Binding("down", "move(1)", "Next", show=False, id="library-search.next"),
        Binding("up", "move(-1)", "Previous", show=False, id="library-search.previous"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="library-search.page-down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="library-search.page-up"),
        Binding("slash,ctrl+f", "focus_query", "Query", id="library-search.query"),
    ]

    @dataclass
    class IndexProgress(Message):
        done: int
        total: int

    @dataclass
    class IndexReady(Message):
        caught: CatchUp

    @dataclass
    class IndexFailed(Message):
        error: str

    @dataclass
    class Found(Message):
        text: str
        results: Results | None
        error: str = ""

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library
        self.shared = _shared(library)
        self.shown_for: str | None = None
        """The query the listed results answer."""
        self._typing: Timer | None = None
        self._open_when_found = False
        self._error = ""
        self._summary = ""

    def compose(self) -> ComposeResult:
        yield Input(value=self.shared.query, placeholder="Search the library: " + HINT,
                    id="search-query", select_on_focus=False)
        yield Static("", id="search-status")
        yield SearchResults(id="search-results")
        yield Footer()

    def on_mount(self) -> None:
        self.shared.screen = self
        self.query_one("#search-query", Input).focus()
        self._summary = "" if self.shared.query.strip() else HINT
        self._show_status()
        self._catch_up()
        if self.shared.query.strip():
            self._run_query(self.shared.query)

    def on_screen_resume(self) -> None:
        self.shared.screen = self

    def on_screen_suspend(self) -> None:
        self._remember()

    def on_unmount(self) -> None:
        if self.shared.screen is self:
            self.shared.screen = None

    def _remember(self) -> None:
        results = self.query_one(SearchResults)
        self.shared.query = self.query_one("#search-query", Input).value
        self.shared.highlighted = results.highlighted

    # -- the index ---------------------------------------------------------------------

    def _catch_up(self) -> None:
        """Open the index and bring it up to date, unless that is under way already."""
        shared = self.shared
        if shared.indexing:
            return
        library = self.library

        def bring_up_to_date() -> CatchUp | None:
            from reader.cli.searching import open_search_index
            from reader.document.cache import text_reader

            worker = get_current_worker()
            try:
                if shared.index is None:
                    shared.index = open_search_index(library)
                    shared.index.listen()
                caught = shared.index.catch_up(text_reader(library), progress=self._progress,
                                               should_stop=lambda: worker.is_cancelled)
            except GlossatorError as error:
                shared.tell(SearchScreen.IndexFailed(str(error)))
                return None
            except Exception as error:  # a bug: said in one line, and the app goes on
                shared.tell(SearchScreen.IndexFailed(f"internal error while indexing: "
                                                     f"{error.__class__.__name__}: {error}"))
                return None
            shared.tell(SearchScreen.IndexReady(caught))
            return caught

        shared.worker = self.app.run_worker(bring_up_to_date, thread=True, group="search-index",
                                            exit_on_error=False)

    def _catch_up_after_this_one(self) -> None:
        """A catch-up that starts from now: the one under way may have looked already."""
        if self.shared.indexing:
            self.set_timer(0.1, self._catch_up_after_this_one)
        else:
            self._catch_up()

    def _progress(self, done: int, total: int) -> None:
        # In the worker's thread, once an article: a small message for the screen on show.
        self.shared.tell(SearchScreen.IndexProgress(done, total))

    @on(IndexProgress)
    def _indexing(self, event: IndexProgress) -> None:
        # The event's own numbers: the worker may be well past them by the time it is read.
        self.shared.progress = (event.done, event.total) if event.done < event.total else None
        self._show_status()
        if event.done and event.done % 100 == 0 and self.shown_for is not None:
            self._run_query(self._text())  # more of the library is in: better results so far

    @on(IndexReady)
    def _index_ready(self, event: IndexReady) -> None:
        self.shared.progress = None
        self.shared.problems = event.caught.problems
        if event.caught.rebuilt == "damaged":
            self.shared.remade = "the search index was damaged and has been made again"
        if event.caught.indexed or event.caught.removed or self.shown_for is None:
            self._run_query(self._text())
        self._show_status()

    @on(IndexFailed)
    def _index_failed(self, event: IndexFailed) -> None:
        self.shared.progress = None
        self._error = event.error
        self._show_status()

    # -- queries -------------------------------------------------------------------------

    def _text(self) -> str:
        return self.query_one("#search-query", Input).value

    @on(Input.Changed, "#search-query")
    def _typed(self) -> None:
        self.shared.remade = ""
        if self._typing is not None:
            self._typing.stop()
        self._typing = self.set_timer(TYPING_PAUSE, lambda: self._run_query(self._text()))

    def _run_query(self, text: str) -> None:
        if not text.strip():
            self.shown_for = text
            self.query_one(SearchResults).show([])
            self._error, self._summary = "", HINT
            self._show_status()
            return
        if self.shared.index is None:
            return  # run when the index is open (IndexReady)
        self._catch_up()  # what other processes changed since: indexed alongside
        self._query_in_thread(text)

    @work(thread=True, exclusive=True, group="search-query", exit_on_error=False)
    def _query_in_thread(self, text: str) -> None:
        from annotations.search.query import parse_query

        worker = get_current_worker()
        index = self.shared.index
        if index is None:
            return
        try:
            results = index.search(parse_query(text), SHOWN)
        except GlossatorError as error:
            if not worker.is_cancelled:
                self.post_message(SearchScreen.Found(text, None, str(error)))
            return
        if not worker.is_cancelled:
            self.post_message(SearchScreen.Found(text, results))

    @on(Found)
    def _found(self, event: Found) -> None:
        if event.text != self._text():
            return  # typed on since: its own query is on its way
        results = self.query_one(SearchResults)
        if event.text == self.shown_for:
            keep = results.highlighted  # the same query, on more of the index: stay put
        elif self.shown_for is None and event.text == self.shared.query:
            keep = self.shared.highlighted  # back on the screen: where the researcher was
        else:
            keep = 0
        self.shown_for = event.text
        self._error = event.error
        if event.results is None:
            results.show([])
        else:
            results.show(event.results.hits, keep=keep)
            self._summary = _summary(event.results)
            if event.results.damaged:
                # Made again by the index's worker; the query runs again when it is done.
                self._summary = "the search index is damaged: making it again…"
                self._catch_up_after_this_one()
        self._show_status()
        if self._open_when_found:
            self._open_when_found = False
            results.action_choose()

    def _show_status(self) -> None:
        status = self.query_one("#search-status", Static)
        parts = [self._error or self._summary]
        if self.shared.progress is not None:
            done, total = self.shared.progress
            damaged = self.shared.index is not None and self.shared.index.rebuilding == "damaged"
            parts.append(f"{'the index was damaged: ' if damaged else ''}indexing the library: "
                         f"{done} of {total} articles…")
        elif self.shared.remade:
            parts.append(self.shared.remade)
        if self.shared.problems:
            parts.append(f"{len(self.shared.problems)} article(s) could not be read: "
                         f"{self.shared.problems[0]}")
        if self.shared.index is not None and self.shared.index.note:
            parts.append(self.shared.index.note)
        status.update(inert(" · ".join(p for p in parts if p)))
        status.set_class(bool(self._error), "-error")

    # -- opening -------------------------------------------------------------------------

    @on(Input.Submitted, "#search-query")
    def _submitted(self) -> None:
        if self.shown_for == self._text():
            self.query_one(SearchResults).action_choose()
        else:
            self._open_when_found = True  # enter came before the results: open the first

    @on(SearchResults.Chosen)
    def _chosen(self, event: SearchResults.Chosen) -> None:
        self._remember()
        self.app.open_article(event.hit.article, at=event.hit.start)

    # -- keys ----------------------------------------------------------------------------

    def action_back(self) -> None:
        self._remember()
        self.app.pop_screen()

    def action_move(self, step: int) -> None:
        self.query_one(SearchResults).action_move(step)

    def action_page(self, direction: int) -> None:
        self.query_one(SearchResults).action_page(direction)

    def action_focus_query(self) -> None:
        self.query_one("#search-query", Input).focus()


def _summary(results: Results) -> str:
    count = len(results.hits)
    if not count:
        return "nothing found"
    if results.more:
        return f"the best {count} results (more: make the query narrower)"
    return f"{count} result{'s' if count != 1 else ''}"
