"""The search field of the reader: `/` shows it, enter searches, escape hides it."""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding
from textual.message import Message
from textual.widgets import Input


class SearchBar(Input):
    BINDINGS = [Binding("escape", "cancel", "Cancel", show=False, id="search.cancel")]

    @dataclass
    class Search(Message):
        query: str

    @dataclass
    class Cancelled(Message):
        pass

    def __init__(self) -> None:
        super().__init__(placeholder="Search the article (case-insensitive), enter to find",
                         id="search", select_on_focus=True)

    def open(self) -> None:
        self.add_class("-visible")
        self.focus()

    def close(self) -> None:
        self.remove_class("-visible")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.close()
        self.post_message(self.Search(event.value))

    def action_cancel(self) -> None:
        self.close()
        self.post_message(self.Cancelled())
