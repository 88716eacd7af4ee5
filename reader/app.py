"""The glossator app: the library and reader screens, themes, keymap and commands."""

from __future__ import annotations

from textual import work
from textual.app import App
from textual.binding import Binding

from annotations.store import Library
from reader.palette import ActionCommands, ArticleCommands, SuggestionCommands

LIBRARY_VIEWS = {
    "search": ("reader.screens.search", "SearchScreen"),
    "actors": ("reader.screens.actors", "ActorsScreen"),
    "claims": ("reader.screens.claims", "ClaimsScreen"),
    "questions": ("reader.screens.questions", "QuestionsScreen"),
    "matrix": ("reader.screens.matrix", "MatrixScreen"),
    "codebook": ("reader.screens.codebook", "CodebookScreen"),
}
"""The library-wide views (issue 12), each marked `LIBRARY_VIEW`: not imported at start;
a worker imports them once the first screen is up (`WARM_VIEWS_AFTER`), so the first F2
does not wait for it."""
WARM_VIEWS_AFTER = 0.5
"""Seconds after the app's start that the views' modules are imported, in a thread."""


class GlossatorApp(App):
    CSS_PATH = "glossator.tcss"
    TITLE = "glossator"
    COMMANDS = App.COMMANDS | {ActionCommands, ArticleCommands, SuggestionCommands}

    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", show=False, id="app.quit", priority=True),
        Binding("question_mark", "help", "Keys", id="app.help"),
    ]

    def __init__(self, library: Library, article_id: str | None = None,
                 keymap: dict[str, str] | None = None) -> None:
        super().__init__()
        self.library = library
        self.start_article = article_id
        self._keymap_overrides = keymap

    def on_mount(self) -> None:
        from reader.ui_state import load_state

        theme = load_state().get("theme")
        if isinstance(theme, str) and theme in self.available_themes:
            self.theme = theme
        keymap = self._keymap_overrides
        if keymap is None:
            keymap = _configured_keymap(self)
        if keymap:
            self.set_keymap(keymap)
        self.user_keymap: dict[str, str] = dict(keymap or {})
        """Binding id → the keys the user gave it (config's [keymap], or the caller's)."""
        if self.start_article:
            # Straight into the article; the library is built only when asked for. Pushed
            # once mounting is over: a screen pushed during it is drawn twice before the
            # first frame reaches the terminal (Textual holds the first one back).
            self.call_later(self.open_article, self.start_article)
        else:
            from reader.screens.library import LibraryScreen

            self.push_screen(LibraryScreen(self.library))
        self.set_timer(WARM_VIEWS_AFTER, self._import_views)

    @work(thread=True, exclusive=True, group="warm-views", exit_on_error=False)
    def _import_views(self) -> None:
        """Import the library-wide views' modules (a tenth of a second each for the first
        time) while nobody waits for them."""
        import importlib

        for module_name, _ in LIBRARY_VIEWS.values():
            importlib.import_module(module_name)

    def watch_theme(self, theme: str) -> None:
        from reader.ui_state import save_state

        if self.is_mounted:
            save_state(theme=theme)

    def open_article(self, article_id: str, at: int | None = None) -> None:
        """The reader on the article, its cursor at `at` (a search hit, a mark) if given."""
        from reader.screens.reader import ReaderScreen

        # A reader open already gives way to this one; a library-wide view stays below it,
        # so escape goes back to the view the article was opened from.
        while len(self.screen_stack) > 2 and not self._is_view(self.screen):
            self.pop_screen()
        self.push_screen(ReaderScreen(self.library, article_id, at=at))

    def _is_view(self, screen: object) -> bool:
        """Whether an article opened from `screen` comes back to it on escape: a
        library-wide view, or a screen opened from one (an actor's marks, a matrix cell's
        claims); each says so with `LIBRARY_VIEW`."""
        return bool(getattr(screen, "LIBRARY_VIEW", False))

    def action_open_view(self, name: str) -> None:
        """A library-wide view: search, actors, claims, questions, matrix or codebook."""
        import importlib

        module_name, class_name = LIBRARY_VIEWS[name]
        screen_class = getattr(importlib.import_module(module_name), class_name)
        if not isinstance(self.screen, screen_class):
            self.push_screen(screen_class(self.library))

    def back_to_library(self) -> None:
        """Leave the reader for the library (made now if the app started in an article)."""
        from reader.screens.library import LibraryScreen

        below = self.screen_stack[-2] if len(self.screen_stack) > 2 else None
        if below is not None and (isinstance(below, LibraryScreen) or self._is_view(below)):
            self.pop_screen()  # back to the library, or to the view the article came from
        else:
            self.switch_screen(LibraryScreen(self.library))

    def action_help(self) -> None:
        from reader.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))


def _configured_keymap(app: App) -> dict[str, str]:
    try:
        from reader.config import load_keymap
    except ImportError:
        return {}
    try:
        return load_keymap()
    except Exception as error:  # a bad config must not stop the reader from opening
        app.notify(str(error), title="Config", severity="error", timeout=10)
        return {}
