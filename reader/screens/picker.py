"""A modal list to pick from, narrowed as you type: the base of the tag and article pickers."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option


class FilteredPicker(ModalScreen[str | None]):
    """Subclasses say what to list for the typed text (`options_for`) and what picking
    an option means (`choose`, by default: dismiss with its id)."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="dialog.cancel"),
        Binding("down", "cursor(1)", "Down", show=False),
        Binding("up", "cursor(-1)", "Up", show=False),
    ]

    TITLE_TEXT = ""
    PLACEHOLDER = ""
    HINT = ""

    def __init__(self) -> None:
        super().__init__(classes="dialog")

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.TITLE_TEXT, classes="dialog-title", markup=False)
            yield Input(placeholder=self.PLACEHOLDER, id="filter")
            yield OptionList(id="choices")
            if self.HINT:
                yield Static(self.HINT, classes="hint", markup=False)

    def options_for(self, typed: str) -> list[Option]:
        raise NotImplementedError

    def choose(self, option_id: str) -> None:
        self.dismiss(option_id)

    def on_mount(self) -> None:
        self._fill("")
        self.query_one(Input).focus()

    def _fill(self, typed: str) -> None:
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options(self.options_for(typed))
        if options.option_count:
            options.highlighted = 0

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        self._fill(event.value)

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
            if not option.disabled and option.id:
                self.choose(option.id)

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.choose(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
