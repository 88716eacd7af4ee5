"""`i` in the library: import annotations from another tool (W3C, Hypothesis, REFI-QDA)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select, Static

from annotations.textsafety import inert


@dataclass(frozen=True)
class ImportRequest:
    path: Path
    article_id: str | None
    """Put every annotation into this article; None: match each page by its address."""


class ImportAnnotations(ModalScreen[ImportRequest | None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="dialog.cancel")]

    def __init__(self, article_id: str | None, article_title: str | None) -> None:
        super().__init__(classes="dialog")
        self.article_id = article_id
        self.article_title = article_title

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Import annotations", classes="dialog-title")
            yield Input(placeholder="A W3C or Hypothesis .json/.jsonl file, or a REFI-QDA .qdpx",
                        id="path")
            yield Label("Into which articles")
            choices = [("Each page's own article, matched by its address", "match")]
            if self.article_id and self.article_title:
                choices.append((inert(f"All into: {self.article_title[:50]}"), "this"))
            yield Select(choices, value="match", allow_blank=False, id="into")
            yield Static("enter imports · escape cancels · marks not found in the text are kept "
                         "as orphans (re-attach them with r)", classes="hint")

    def on_mount(self) -> None:
        self.query_one("#path", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        value = event.value.strip()
        if not value:
            return
        into = self.query_one("#into", Select).value
        self.dismiss(ImportRequest(Path(value).expanduser(),
                                   self.article_id if into == "this" else None))

    def action_cancel(self) -> None:
        self.dismiss(None)
