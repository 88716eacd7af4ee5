"""`ctrl+o`: pick an article from the library to open beside the current one."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from annotations.store import Library
from annotations.textsafety import inert


class ArticlePicker(ModalScreen[str | None]):
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="dialog.cancel"),
        Binding("down", "cursor(1)", "Down", show=False),
        Binding("up", "cursor(-1)", "Up", show=False),
    ]

    def __init__(self, library: Library, exclude: set[str] = frozenset(),
                 title: str = "Open an article beside this one") -> None:
        super().__init__(classes="dialog")
        self.articles = [a for a in library.articles() if a.id not in exclude]
        self.title_text = title

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.title_text, classes="dialog-title")
            yield Input(placeholder="Type to filter by title, site or id", id="filter")
            yield OptionList(id="choices")

    def on_mount(self) -> None:
        self._fill("")
        self.query_one(Input).focus()

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        self._fill(event.value)

    def _fill(self, typed: str) -> None:
        options = self.query_one(OptionList)
        options.clear_options()
        key = typed.strip().casefold()
        for article in self.articles:
            haystack = f"{article.title} {article.site} {article.id}".casefold()
            if key in haystack:
                label = " · ".join(p for p in (article.title, article.site, article.published) if p)
                options.add_option(Option(inert(label), id=article.id))
        if options.option_count:
            options.highlighted = 0
        elif not self.articles:
            options.add_option(Option("No other article in the library yet.", disabled=True))

    def action_cursor(self, step: int) -> None:
        options = self.query_one(OptionList)
        if options.option_count:
            current = options.highlighted or 0
            options.highlighted = max(0, min(options.option_count - 1, current + step))

    @on(Input.Submitted)
    def _submitted(self) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is not None and options.option_count:
            option = options.get_option_at_index(options.highlighted)
            if not option.disabled:
                self.dismiss(option.id)

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
