"""`t`: pick a tag from the codebook, or type a new one to create it."""

from __future__ import annotations

from textual.widgets.option_list import Option

from annotations.model import BUILTIN_KINDS, Tag
from annotations.store import Library
from annotations.textsafety import inert
from reader.screens.picker import FilteredPicker

TAG_PALETTE = ("#d08050", "#50a0a0", "#a070d0", "#80b040", "#d06090", "#6080e0", "#c0a030")
_NEW = "\x00new:"


class TagPicker(FilteredPicker):
    TITLE_TEXT = "Mark with a tag"
    PLACEHOLDER = "Type to filter, or a new tag name (a/b for a sub-tag)"
    HINT = "enter picks · a new name is added to the codebook · escape cancels"

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library
        self.tags = [t for t in library.codebook() if t.name not in BUILTIN_KINDS]

    def options_for(self, typed: str) -> list[Option]:
        name = typed.strip().strip("/")
        key = name.casefold()
        options = [Option(inert(t.name), id=t.name) for t in self.tags if key in t.name.casefold()]
        if name and all(t.name != name for t in self.tags):
            options.append(Option(f"+ new tag “{inert(name)}”", id=_NEW + name))
        return options

    def choose(self, option_id: str) -> None:
        if option_id.startswith(_NEW):
            name = option_id[len(_NEW):]
            colour = TAG_PALETTE[len(self.tags) % len(TAG_PALETTE)]
            self.library.save_tag(Tag(name, colour))
            self.dismiss(name)
        else:
            self.dismiss(option_id)
