"""`m`: edit an article's metadata (what citations are made of)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from annotations.errors import GlossatorError
from annotations.metadata import article_type
from annotations.metadata_changes import apply_assignments
from annotations.model import Article
from annotations.store import Library

FIELDS = (
    ("title", "Title"),
    ("authors", "Authors (; between them; {Braces} for an organisation)"),
    ("site", "Site or publication"),
    ("published", "Published (YYYY, YYYY-MM or YYYY-MM-DD)"),
    ("url", "URL"),
    ("accessed", "Accessed (YYYY-MM-DD)"),
    ("language", "Language (en, de, fr…)"),
    ("tags", "Tags (; between them)"),
    ("citekey", "Citekey (empty: make one)"),
    ("type", "Type (news, newspaper or webpage: how citation styles treat it)"),
)


def current_value(article: Article, key: str) -> str:
    if key == "type":
        return article_type(article)
    value = getattr(article, key)
    return "; ".join(value) if isinstance(value, list) else str(value)


class EditMetadata(ModalScreen[Article | None]):
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="dialog.cancel"),
        Binding("ctrl+s", "save", "Save", id="dialog.save"),
    ]

    def __init__(self, library: Library, article: Article) -> None:
        super().__init__(classes="dialog")
        self.library = library
        self.article = article

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static("Article details", classes="dialog-title")
            for key, label in FIELDS:
                yield Label(label)
                yield Input(current_value(self.article, key), id=f"field-{key}")
            yield Static("", classes="error", id="error")
            with Horizontal(classes="buttons"):
                yield Button("Cancel", id="cancel")
                yield Button("Save (ctrl+s)", variant="primary", id="save")

    def on_mount(self) -> None:
        self.query_one("#field-title", Input).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        else:
            self.dismiss(None)

    def action_save(self) -> None:
        assignments = []
        for key, _ in FIELDS:
            value = self.query_one(f"#field-{key}", Input).value
            if value != current_value(self.article, key):
                assignments.append(f"{key}={value}")
        if not assignments:
            self.dismiss(None)
            return
        try:
            updated = apply_assignments(self.library, self.article, assignments)
        except GlossatorError as error:
            self.query_one("#error", Static).update(str(error))
            return
        self.dismiss(updated)

    def action_cancel(self) -> None:
        self.dismiss(None)
