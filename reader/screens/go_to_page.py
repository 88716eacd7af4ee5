"""`ctrl+g` in the reader: go to a printed page of a PDF ("iv", "12"), by its label."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from annotations.textsafety import inert
from reader.document.model import Document, Page


class GoToPage(ModalScreen[Page | None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="dialog.cancel")]

    def __init__(self, document: Document, current: Page | None) -> None:
        super().__init__(classes="dialog")
        self.document = document
        self.current = current

    def compose(self) -> ComposeResult:
        pages = self.document.pages
        span = inert(f"{pages[0].label}–{pages[-1].label}") if pages else ""
        with Vertical():
            yield Static("Go to page", classes="dialog-title")
            yield Input(placeholder=f"A page as printed ({span}), or its number in the file",
                        id="page")
            yield Static("", classes="error", id="error", markup=False)
            here = f"now on p. {inert(self.current.label)} · " if self.current else ""
            yield Static(f"{here}enter goes · escape cancels", classes="hint", markup=False)

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        wanted = event.value.strip()
        if not wanted:
            return
        page = self.document.find_page(wanted)
        if page is None:
            self.query_one("#error", Static).update(
                f"No page {inert(wanted)} in this document; pages run "
                f"{inert(self.document.pages[0].label)}–{inert(self.document.pages[-1].label)}.")
            return
        self.dismiss(page)

    def action_cancel(self) -> None:
        self.dismiss(None)
