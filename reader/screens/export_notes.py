"""`x` in the library: export this article or all of them, in any format, to a folder."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

FORMATS = [
    ("Markdown notes (one per article)", "markdown"),
    ("Obsidian vault (notes, actor pages, claims, questions)", "vault"),
    ("W3C Web Annotation (JSON-LD; Hypothesis and others read it)", "w3c"),
    ("REFI-QDA project (.qdpx: NVivo, ATLAS.ti, MAXQDA, QualCoder)", "qdpx"),
    ("JSON", "json"), ("CSV", "csv"), ("BibTeX", "bibtex"), ("CSL-JSON", "csl-json"),
]
"""Every format `glossator export` writes, as the dialog offers them."""


@dataclass
class ExportRequest:
    folder: Path
    everything: bool
    format: str


class ExportNotes(ModalScreen[ExportRequest | None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="dialog.cancel")]

    def __init__(self, default_folder: Path, article_title: str | None) -> None:
        super().__init__(classes="dialog")
        self.default_folder = default_folder
        self.article_title = article_title

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Export notes", classes="dialog-title")
            yield Label("Folder")
            yield Input(str(self.default_folder), id="folder")
            yield Label("Which articles")
            choices = [("Every article", "all")]
            if self.article_title:
                choices.insert(0, (f"This one: {self.article_title[:50]}", "one"))
            yield Select(choices, value=choices[0][1], allow_blank=False, id="which")
            yield Label("Format")
            yield Select(FORMATS, value="markdown", allow_blank=False, id="format")
            yield Static("Notes exported again keep their ## My notes section.", classes="hint")
            with Horizontal(classes="buttons"):
                yield Button("Cancel", id="cancel")
                yield Button("Export", variant="primary", id="export")

    def on_mount(self) -> None:
        self.query_one("#folder", Input).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "export":
            self._submit()
        else:
            self.dismiss(None)

    def on_input_submitted(self) -> None:
        self._submit()

    def _submit(self) -> None:
        folder = self.query_one("#folder", Input).value.strip()
        if not folder:
            return
        self.dismiss(ExportRequest(Path(folder).expanduser(),
                                   self.query_one("#which", Select).value == "all",
                                   str(self.query_one("#format", Select).value)))

    def action_cancel(self) -> None:
        self.dismiss(None)
