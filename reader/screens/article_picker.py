"""`ctrl+o`: pick an article from the library to open beside the current one."""

from __future__ import annotations

from textual.widgets.option_list import Option

from annotations.store import Library
from annotations.textsafety import inert
from reader.screens.picker import FilteredPicker


class ArticlePicker(FilteredPicker):
    TITLE_TEXT = "Open an article beside this one"
    PLACEHOLDER = "Type to filter by title, site or id"

    def __init__(self, library: Library, exclude: set[str] = frozenset()) -> None:
        super().__init__()
        self.articles = [a for a in library.articles() if a.id not in exclude]

    def options_for(self, typed: str) -> list[Option]:
        if not self.articles:
            return [Option("No other article in the library yet.", disabled=True)]
        key = typed.strip().casefold()
        options = []
        for article in self.articles:
            if key in f"{article.title} {article.site} {article.id}".casefold():
                label = " · ".join(p for p in (article.title, article.site, article.published) if p)
                options.append(Option(inert(label), id=article.id))
        return options
