"""The library search's results: a Line-API list (a `RowList`), two rows a hit, drawn
only where seen.

    Title of the article · para. 4 · claim, disputed, Ana Pereira
      …the harbour board says the dredging will cost…      (the hits in the hit style)

Hundreds of hits cost nothing until they scroll into view; a row, once drawn, is kept
until the hits, the width, the highlight or the styles change.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding
from textual.message import Message
from textual.strip import Strip

from annotations.search.searching import Hit
from annotations.textsafety import inert
from reader.widgets.row_list import RowList, moving_bindings

ROWS = 2
_KIND_PARTS = {"claim": "claim", "actor": "actor", "question": "question"}


class SearchResults(RowList, inherit_bindings=False):
    PARTS = "search-results"
    ITEM_ROWS = ROWS
    COMPONENT_CLASSES = {
        "search-results--title",
        "search-results--where",
        "search-results--snippet",
        "search-results--hit",
        "search-results--highlight",
        "search-results--claim",
        "search-results--actor",
        "search-results--question",
        "search-results--tag",
    }

    BINDINGS = [
        *moving_bindings("search-results"),
        Binding("enter", "choose", "Open", id="search-results.open"),
    ]

    @dataclass
    class Chosen(Message):
        """Open the article at this hit."""

        hit: Hit

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.hits: list[Hit] = []

    # -- content ---------------------------------------------------------------------------

    def show(self, hits: Sequence[Hit], keep: int = 0) -> None:
        """Show these hits, highlighting the one at `keep` (the first when it is gone)."""
        self.hits = list(hits)
        self.set_reactive(SearchResults.highlighted, keep if 0 <= keep < len(self.hits) else 0)
        self._content_changed()
        self.scroll_to(y=0, animate=False, immediate=True)
        self._scroll_to_highlight()

    def item_count(self) -> int:
        return len(self.hits)

    @property
    def highlighted_hit(self) -> Hit | None:
        return self.hits[self.highlighted] if 0 <= self.highlighted < len(self.hits) else None

    # -- keys and mouse --------------------------------------------------------------------

    def action_page(self, direction: int) -> None:
        self.action_move(direction * max(1, (self.scrollable_content_region.height or ROWS) // ROWS))

    def action_choose(self) -> None:
        hit = self.highlighted_hit
        if hit is not None:
            self.post_message(self.Chosen(hit))

    def _clicked(self, index: int, chain: int) -> None:
        # A click on the hit already highlighted opens it, as a double click does.
        again = index == self.highlighted
        self.highlighted = index
        if again or chain == 2:
            self.action_choose()

    # -- drawing ---------------------------------------------------------------------------

    def _render_row(self, row: int, width: int) -> Strip:
        index, line = divmod(row, ROWS)
        base = self._style("")
        if index >= len(self.hits) or width <= 0:
            return Strip.blank(max(width, 0), base)
        if index == self.highlighted:
            base += self._style("highlight")
        hit = self.hits[index]
        if line == 0:
            return self._head(hit, width, base)
        return self._snippet(hit, width, base)

    def _head(self, hit: Hit, width: int, base: Style) -> Strip:
        kind_style = self._style(_KIND_PARTS.get(hit.kind or "", "tag")) if hit.found_in == "mark" \
            else self._style("where")
        where = " · ".join(part for part in (hit.locator, label_of(hit)) if part)
        tail = f" · {where}" if where else ""
        room = max(0, width - 1 - cell_len(tail))
        title = inert(" ".join(hit.title.split())) or hit.article
        if cell_len(title) > room:
            title = set_cell_size(title, max(0, room - 1)) + "…" if room else ""
        segments = [Segment("▍" if hit.found_in == "mark" else " ", base + kind_style),
                    Segment(title, base + self._style("title")),
                    Segment(tail, base + self._style("where"))]
        return _fitted(segments, width, base)

    def _snippet(self, hit: Hit, width: int, base: Style) -> Strip:
        text = inert(hit.snippet)
        snippet_style, hit_style = base + self._style("snippet"), base + self._style("hit")
        segments = [Segment("   ", snippet_style)]
        at = 0
        for start, end in hit.highlights:
            segments += [Segment(text[at:start], snippet_style), Segment(text[start:end], hit_style)]
            at = end
        segments.append(Segment(text[at:], snippet_style))
        return _fitted(segments, width, base)


def label_of(hit: Hit) -> str:
    """What a hit is, where the title row has room for it: a passage needs no word."""
    return "" if hit.found_in == "text" else inert(hit.label)


def _fitted(segments: list[Segment], width: int, base: Style) -> Strip:
    """One row of `width` cells: cut with an ellipsis when too long, padded when short."""
    strip = Strip(segments)
    if strip.cell_length > width:
        strip = Strip([*strip.crop(0, max(0, width - 1)), Segment("…", base)])
    return strip.extend_cell_length(width, base).crop(0, width)
