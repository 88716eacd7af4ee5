"""`t`: pick a tag from the codebook, or type a new one to create it."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from annotations.model import BUILTIN_KINDS, Tag
from annotations.store import Library
from annotations.textsafety import inert

TAG_PALETTE = ("#d08050", "#50a0a0", "#a070d0", "#80b040", "#d06090", "#6080e0", "#c0a030")


class TagPicker(ModalScreen[str | None]):
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="dialog.cancel"),
        Binding("down", "cursor(1)", "Down", show=False),
        Binding("up", "cursor(-1)", "Up", show=False),
    ]

    def __init__(self, library: Library) -> None:
        super().__init__(classes="dialog")
        self.library = library
        self.tags = [t for t in library.codebook() if t.name not in BUILTIN_KINDS]

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Mark with a tag", classes="dialog-title")
            yield Input(placeholder="Type to filter, or a new tag name (a/b for a sub-tag)",
                        id="tag-name")
            yield OptionList(id="tags")
            yield Static("enter picks · a new name is added to the codebook · escape cancels",
                         classes="hint")

    def on_mount(self) -> None:
        self._fill("")
        self.query_one(Input).focus()

    def _fill(self, typed: str) -> None:
        options = self.query_one(OptionList)
        options.clear_options()
        name = typed.strip().strip("/")
        key = name.casefold()
        for tag in self.tags:
            if key in tag.name.casefold():
                options.add_option(Option(inert(tag.name), id=tag.name))
        if name and all(t.name != name for t in self.tags):
            options.add_option(Option(f"+ new tag “{inert(name)}”", id=_NEW + name))
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
    def _submitted(self, event: Input.Submitted) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is not None and options.option_count:
            self._choose(options.get_option_at_index(options.highlighted).id or "")

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self._choose(event.option.id or "")

    def _choose(self, option_id: str) -> None:
        if option_id.startswith(_NEW):
            name = option_id[len(_NEW):]
            colour = TAG_PALETTE[len(self.tags) % len(TAG_PALETTE)]
            self.library.save_tag(Tag(name, colour))
            self.dismiss(name)
        elif option_id:
            self.dismiss(option_id)

    def action_cancel(self) -> None:
        self.dismiss(None)


_NEW = "\x00new:"
