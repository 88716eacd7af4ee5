"""`m`: edit an article's metadata (what citations are made of).

The type comes first: it decides which fields the styles cite, so choosing "Journal
article" brings up volume, issue, pages and DOI, "Report" the institution and report
number, and so on. A field that holds a value is always shown, whatever the type.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from annotations.errors import GlossatorError
from annotations.metadata import (
    BOOK,
    CHAPTER,
    JOURNAL,
    NEWS,
    NEWSPAPER,
    REPORT,
    WEBPAGE,
    article_type,
    fields_for_type,
)
from annotations.metadata_changes import apply_assignments
from annotations.model import Article
from annotations.store import Library

TYPES = (
    (NEWS, "News website article"),
    (NEWSPAPER, "Newspaper or magazine article"),
    (WEBPAGE, "Web page"),
    (JOURNAL, "Journal article"),
    (REPORT, "Report"),
    (BOOK, "Book"),
    (CHAPTER, "Book chapter"),
)
FIELDS = (
    ("title", "Title"),
    ("authors", "Authors (; between them; {Braces} for an organisation)"),
    ("site", "Site or publication"),
    ("published", "Published (YYYY, YYYY-MM or YYYY-MM-DD)"),
    ("url", "URL"),
    ("accessed", "Accessed (YYYY-MM-DD)"),
    ("language", "Language (en, de, fr…)"),
    ("tags", "Tags (; between them)"),
    ("keywords", "Keywords of the source (; between them)"),
    ("citekey", "Citekey (empty: make one)"),
)
SCHOLARLY_FIELDS = (
    ("volume", "Volume"),
    ("issue", "Issue"),
    ("pages", "Pages (112-130)"),
    ("doi", "DOI (10.1234/abcd or https://doi.org/…)"),
    ("editors", "Editors (; between them)"),
    ("edition", "Edition (2, or words: Rev. ed.)"),
    ("publisher", "Publisher"),
    ("place", "Place of publication"),
    ("number", "Report number"),
    ("page_offset", "Page offset (printed page = PDF page + this; empty: as found)"),
)
_FORM_ORDER = FIELDS[1:3] + SCHOLARLY_FIELDS + FIELDS[3:]
"""After the title and type: authors and the container, then the type's own fields (near
the top, where a researcher filling in a journal article sees them), then the rest."""
_LABELS_BY_TYPE = {
    ("site", JOURNAL): "Journal",
    ("site", CHAPTER): "Book title",
    ("site", NEWSPAPER): "Newspaper or magazine",
    ("site", REPORT): "Series or site (optional)",
    ("site", BOOK): "Series or site (optional)",
    ("publisher", REPORT): "Institution (that issued the report)",
    ("editors", CHAPTER): "Editors of the book (; between them)",
}
"""Where a type calls a field by another name."""


def current_value(article: Article, key: str) -> str:
    if key == "type":
        return article_type(article)
    value = getattr(article, key)
    if value is None:
        return ""
    return "; ".join(value) if isinstance(value, list) else str(value)


def label_for(key: str, kind: str) -> str:
    default = dict(FIELDS + SCHOLARLY_FIELDS)[key]
    return _LABELS_BY_TYPE.get((key, kind), default)


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
        kind = article_type(self.article)
        with VerticalScroll():
            yield Static("Article details", classes="dialog-title")
            yield Label(FIELDS[0][1])
            yield Input(current_value(self.article, "title"), id="field-title")
            yield Label("Type (how citation styles cite it)")
            yield Select([(name, value) for value, name in TYPES], value=kind,
                         allow_blank=False, id="field-type")
            for key, _ in _FORM_ORDER:
                yield Label(label_for(key, kind), id=f"label-{key}")
                yield Input(current_value(self.article, key), id=f"field-{key}")
            yield Static("", classes="error", id="error")
            with Horizontal(classes="buttons"):
                yield Button("Cancel", id="cancel")
                yield Button("Save (ctrl+s)", variant="primary", id="save")

    def on_mount(self) -> None:
        self._show_fields_for(article_type(self.article))
        self.query_one("#field-title", Input).focus()

    @on(Select.Changed, "#field-type")
    def _type_changed(self, event: Select.Changed) -> None:
        if isinstance(event.value, str):
            self._show_fields_for(event.value)

    def _show_fields_for(self, kind: str) -> None:
        """The scholarly fields the type is cited with, and any that hold a value."""
        wanted = set(fields_for_type(kind))
        if self.article.format == "pages":
            wanted.add("page_offset")
        for key, _ in _FORM_ORDER:
            field = self.query_one(f"#field-{key}", Input)
            shown = key in dict(FIELDS) or key in wanted or bool(field.value.strip())
            label = self.query_one(f"#label-{key}", Label)
            label.update(label_for(key, kind))
            label.display = field.display = shown

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        else:
            self.dismiss(None)

    def action_save(self) -> None:
        assignments = []
        chosen_type = self.query_one("#field-type", Select).value
        if isinstance(chosen_type, str) and chosen_type != article_type(self.article):
            assignments.append(f"type={chosen_type}")
        for key, _ in FIELDS + SCHOLARLY_FIELDS:
            value = self.query_one(f"#field-{key}", Input).value
            if value != current_value(self.article, key):
                assignments.append(f"{key}={value}")
        if not assignments:
            self.dismiss(None)
            return
        try:
            updated = apply_assignments(self.library, self.article, assignments)
            if updated.page_offset != self.article.page_offset:
                from reader.document.placing import place_marks_again

                place_marks_again(self.library, updated)  # their printed pages changed
        except GlossatorError as error:
            self.query_one("#error", Static).update(str(error))
            return
        self.dismiss(updated)

    def action_cancel(self) -> None:
        self.dismiss(None)
