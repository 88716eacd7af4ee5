"""Refreshing an article from another source: a new file or URL, or pasted text.

The dialog is the Add dialog (add_source.py) asking for the article's new source, the
current one filled in. The library screen (ctrl+r) and the reader open it, and so does
f5 when the stored source cannot be read again (a pasted article, a file moved away).
Both run the refresh of `glossator refresh ARTICLE SOURCE` (reader/cli/refreshing.py)
in a worker with `refresh_in_worker`, and show the same report.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual.binding import Binding
from textual.screen import Screen

from annotations.errors import GlossatorError, SourceError
from annotations.model import Article
from annotations.refreshing import RefreshReport
from annotations.store import Library
from annotations.textsafety import excerpt, inert
from reader.document.versions import current_source
from reader.screens.add_source import AddRequest, AddSource


@dataclass(frozen=True)
class Refreshed:
    """A refresh done: its report, and the line that tells it (as the CLI prints it)."""

    report: RefreshReport
    line: str


class RefreshFrom(AddSource, inherit_bindings=False):
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="dialog.cancel"),
        Binding("ctrl+s", "use_pasted", "Refresh from the pasted text",
                id="dialog.refresh-pasted"),
    ]

    SOURCE_HINT = "enter reads the file or URL; the earlier text is kept as a version"
    PASTED_HINT = "ctrl+s refreshes from the pasted text · escape cancels"
    ASKS_TITLE = False

    def __init__(self, article: Article, note: str = "") -> None:
        super().__init__(source=current_source(article), note=note)
        self.article = article

    def heading(self) -> str:
        return inert(f"Refresh “{excerpt(self.article.title, 50)}” from…")

    def first_field(self) -> str:
        # A pasted article has no source to edit: its new text is what is asked for.
        return "#source" if self.source else "#pasted"


def unreadable_source(article: Article) -> str:
    """Why f5 cannot read the article's own source again ("" when it can): said in the
    dialog that asks for another one instead."""
    from reader.cli.refreshing import where_to_refresh_from

    try:
        where_to_refresh_from(article)
    except SourceError:
        if article.source:
            return inert(f"{article.source} is gone: give the file's new place or a URL, "
                         "or paste the article's new text.")
        return ("This article was pasted: there is no file or page to read again. "
                "Paste its new text, or give a file or URL.")
    return ""


def refreshing_notice(article: Article, request: AddRequest | None) -> str:
    where = ""
    if request is not None:
        where = f" from {excerpt(request.source, 50)}" if request.source else \
            " from the pasted text"
    return inert(f"Refreshing “{excerpt(article.title, 40)}”{where}…")


def refresh_or_ask(screen: Screen, article: Article,
                   start: Callable[[AddRequest | None], bool], *, ask: bool = False) -> None:
    """Refresh `article` (f5) from its own source; or from the one the dialog asks for,
    when that cannot be read again or `ask` says so (ctrl+r in the library, F in the reader).

    `start(request)` is the screen's own step (save, then run its worker); it says False
    when the refresh no longer applies (the reader's column was closed meanwhile). The
    notice follows it, so whatever that step says (a failed save) comes first.
    """
    def started(request: AddRequest | None) -> None:
        if start(request):
            screen.notify(refreshing_notice(article, request), timeout=3, markup=False)

    why = "" if ask else unreadable_source(article)
    if not (ask or why):
        started(None)
        return

    def chosen(request: AddRequest | None) -> None:
        if request is not None:
            started(request)

    screen.app.push_screen(RefreshFrom(article, why), chosen)


def refresh_in_worker(screen: Screen, library: Library, article: Article,
                      request: AddRequest | None = None) -> Refreshed | None:
    """From a worker thread: refresh `article` from its own source, or from `request`'s;
    what the library or the source refuses is shown as a notice (None returned)."""
    from reader.cli.refreshing import refresh, refresh_line

    source = (request.source or None) if request is not None else None
    pasted = request.pasted if request is not None and not request.source else None
    try:
        report = refresh(library, article, source, pasted)
    except GlossatorError as error:
        screen.app.call_from_thread(screen.notify, inert(str(error)), title="Not refreshed",
                                    severity="error", timeout=10, markup=False)
        return None
    return Refreshed(report, refresh_line(report))


def say_refreshed(screen: Screen, done: Refreshed) -> None:
    """The report, as f5 and `glossator refresh` give it: N kept, moved, fuzzy, orphaned."""
    screen.notify(inert(done.line), title="Refreshed" if done.report.changed else "Unchanged",
                  timeout=8, markup=False)
