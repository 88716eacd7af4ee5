"""ctrl+n in the library: add a file or a URL, or paste text copied from a browser.

The refresh dialog (refresh_from.py) is this dialog asking for an article's new source.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static, TextArea


@dataclass(frozen=True)
class AddRequest:
    """What to read: a path or URL, or pasted text (with the title typed for it, if any)."""

    source: str = ""
    pasted: str = ""
    title: str = ""


class AddSource(ModalScreen[AddRequest | None]):
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="dialog.cancel"),
        Binding("ctrl+s", "use_pasted", "Add the pasted text", id="dialog.add-pasted"),
    ]

    HEADING = "Add an article"
    SOURCE_HINT = "enter adds the file or URL"
    PASTED_HINT = "ctrl+s adds the pasted text · escape cancels"
    ASKS_TITLE = True

    def __init__(self, source: str = "", note: str = "") -> None:
        super().__init__(classes="dialog")
        self.source = source
        """What the source field holds at first."""
        self.note = note
        """A line above the fields: why this dialog opened (a source that is gone)."""

    def heading(self) -> str:
        return self.HEADING

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.heading(), classes="dialog-title", markup=False)
            if self.note:
                yield Static(self.note, classes="note", markup=False)
            yield Input(self.source, id="source", select_on_focus=False,
                        placeholder="A file (.md .txt .html .pdf .epub .docx) or an http(s) URL")
            yield Static(self.SOURCE_HINT, classes="hint", markup=False)
            yield Label("Or paste the article's text (HTML, Markdown or plain text):")
            yield TextArea(id="pasted", soft_wrap=True, show_line_numbers=False)
            if self.ASKS_TITLE:
                yield Input(placeholder="Its title (optional: else what the text says)",
                            id="title")
            yield Static("", classes="error", id="error", markup=False)
            yield Static(self.PASTED_HINT, classes="hint", markup=False)

    def on_mount(self) -> None:
        self.query_one(self.first_field()).focus()

    def first_field(self) -> str:
        """Where typing starts (Textual calls every class's `on_mount`: this is overridden
        instead)."""
        return "#source"

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "title":
            self.action_use_pasted()
            return
        value = event.value.strip()
        if value:
            self.dismiss(AddRequest(source=value))

    def action_use_pasted(self) -> None:
        text = self.query_one("#pasted", TextArea).text
        if not text.strip():
            self.query_one("#error", Static).update(
                "Nothing pasted yet: paste the article's text into the box first.")
            self.query_one("#pasted", TextArea).focus()
            return
        titles = self.query("#title")
        title = titles.first(Input).value.strip() if titles else ""
        self.dismiss(AddRequest(pasted=text, title=title))

    def action_cancel(self) -> None:
        self.dismiss(None)
