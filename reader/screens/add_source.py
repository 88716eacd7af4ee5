"""`a` in the library: add a file or a URL, or paste text copied from a browser."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static, TextArea


@dataclass(frozen=True)
class AddRequest:
    """What to add: a path or URL, or pasted text (with the title typed for it, if any)."""

    source: str = ""
    pasted: str = ""
    title: str = ""


class AddSource(ModalScreen[AddRequest | None]):
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="dialog.cancel"),
        Binding("ctrl+s", "add_pasted", "Add the pasted text", id="dialog.add-pasted"),
    ]

    def __init__(self) -> None:
        super().__init__(classes="dialog")

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Add an article", classes="dialog-title")
            yield Input(placeholder="A file (.md .txt .html .pdf .epub .docx) or an http(s) URL",
                        id="source")
            yield Static("enter adds the file or URL", classes="hint")
            yield Label("Or paste the article's text (HTML, Markdown or plain text):")
            yield TextArea(id="pasted", soft_wrap=True, show_line_numbers=False)
            yield Input(placeholder="Its title (optional: else what the text says)", id="title")
            yield Static("", classes="error", id="error", markup=False)
            yield Static("ctrl+s adds the pasted text · escape cancels", classes="hint")

    def on_mount(self) -> None:
        self.query_one("#source", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "title":
            self.action_add_pasted()
            return
        value = event.value.strip()
        if value:
            self.dismiss(AddRequest(source=value))

    def action_add_pasted(self) -> None:
        text = self.query_one("#pasted", TextArea).text
        if not text.strip():
            self.query_one("#error", Static).update(
                "Nothing pasted yet: paste the article's text into the box first.")
            self.query_one("#pasted", TextArea).focus()
            return
        title = self.query_one("#title", Input).value.strip()
        self.dismiss(AddRequest(pasted=text, title=title))

    def action_cancel(self) -> None:
        self.dismiss(None)
