"""`r` in the reader: which mark to re-attach to the selection (orphans first)."""

from __future__ import annotations

from textual.widgets.option_list import Option

from annotations.model import Annotation
from annotations.textsafety import excerpt, inert
from reader.screens.picker import FilteredPicker


class MarkPicker(FilteredPicker):
    TITLE_TEXT = "Re-attach which mark to the selection?"
    PLACEHOLDER = "Type to narrow by its words or kind"
    HINT = "Orphaned marks (their words are gone from the text) come first · escape cancels"

    def __init__(self, marks: list[Annotation], selected: str) -> None:
        super().__init__()
        # Orphans first: they are what re-attaching is for; then the others in reading order.
        self.marks = sorted(marks, key=lambda m: (not m.orphaned, m.start))
        self.selected = selected

    def options_for(self, typed: str) -> list[Option]:
        key = typed.strip().casefold()
        shown = []
        for mark in self.marks:
            if key and key not in f"{mark.kind} {mark.exact}".casefold():
                continue
            state = "orphaned" if mark.orphaned else f"at {mark.start}"
            shown.append(Option(inert(f"{mark.kind:<9} “{excerpt(mark.exact, 50)}” ({state})"),
                                id=mark.id))
        if not shown:
            shown.append(Option(inert(f"No mark matches “{typed}”"), disabled=True))
        return shown
