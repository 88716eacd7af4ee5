"""Ask where to save a table (a Markdown export of a view), and save it there."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from annotations.errors import GlossatorError
from annotations.textsafety import inert


def save_text(path: Path, text: str) -> None:
    """Write `text` to `path` whole or not at all; one line when it cannot be."""
    from annotations.atomic import write_atomically

    if path.is_dir():
        raise GlossatorError(f"{path} is a folder; give a file name")
    if not path.parent.is_dir():
        raise GlossatorError(f"there is no folder {path.parent}; make it first, or choose another")
    write_atomically(path, text.encode("utf-8"), durable=False)


class SaveTable(ModalScreen[Path | None]):
    """Dismissed with the path the user chose (`~` expanded), or None."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="dialog.cancel")]

    def __init__(self, what: str, default: Path) -> None:
        super().__init__(classes="dialog")
        self.what = what
        self.default = default

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(f"Save {self.what} as a Markdown table", classes="dialog-title",
                         markup=False)
            yield Input(value=str(self.default), placeholder="A file, e.g. ~/notes/claims.md",
                        id="path")
            yield Static("", classes="error", id="error", markup=False)
            yield Static("enter saves (a file there is replaced) · escape cancels", classes="hint")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        typed = event.value.strip()
        if not typed:
            self.query_one("#error", Static).update("Give a file name.")
            return
        path = Path(typed).expanduser()
        if path.is_dir():
            self.query_one("#error", Static).update(inert(f"{path} is a folder; name a file in it."))
            return
        self.dismiss(path)

    def action_cancel(self) -> None:
        self.dismiss(None)
