"""A Line-API list with a highlighted item, drawn only where it is seen.

What the library-wide lists (marks, an actor's marks, the actors, search results) share:
the highlight and the keys and clicks that move it, the scrolling that keeps it in view,
and the rows drawn once and kept (`KeptRowsView`) until the items or the width change. A
list says how many items it has, which rows each takes, how a row is drawn and what
choosing an item asks.
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding
from textual.events import Click
from textual.geometry import Size
from textual.reactive import reactive
from textual.strip import Strip

from reader.widgets.kept_rows import KeptRowsView


def moving_bindings(prefix: str, *, first: str = "home,g", last: str = "end,G") -> list[Binding]:
    """The keys that move a list's highlight, with ids under `prefix` (users rebind them)."""
    return [
        Binding("up,k", "move(-1)", "Up", show=False, id=f"{prefix}.up"),
        Binding("down,j", "move(1)", "Down", show=False, id=f"{prefix}.down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id=f"{prefix}.page-up"),
        Binding("pagedown", "page(1)", "Page down", show=False, id=f"{prefix}.page-down"),
        Binding(first, "edge(-1)", "First", show=False, id=f"{prefix}.first"),
        Binding(last, "edge(1)", "Last", show=False, id=f"{prefix}.last"),
    ]


class RowList(KeptRowsView, can_focus=True):
    HEADER_ROWS: ClassVar[int] = 0
    """Rows at the top that stay in place as the items scroll under them."""
    ITEM_ROWS: ClassVar[int] = 1
    """Rows an item takes; a list whose items differ says so in `_span` and `_index_at`."""

    highlighted: reactive[int] = reactive(0, init=False)

    # -- what each list says --------------------------------------------------------------

    def item_count(self) -> int:
        raise NotImplementedError

    def action_choose(self) -> None:
        """Enter, or a double click, on the highlighted item."""
        raise NotImplementedError

    def action_page(self, direction: int) -> None:
        raise NotImplementedError

    def _render_row(self, row: int, width: int) -> Strip:
        """Row `row` of the content, under the header: a part of an item, or blank."""
        raise NotImplementedError

    def _render_header(self, y: int, width: int) -> Strip:
        return Strip.blank(width, self._style(""))

    def _content_rows(self) -> int:
        return self.item_count() * self.ITEM_ROWS

    def _span(self, index: int) -> tuple[int, int] | None:
        """The content rows the item at `index` takes (top, bottom); None for no item."""
        top = index * self.ITEM_ROWS
        return top, top + self.ITEM_ROWS

    def _index_at(self, row: int) -> int:
        """The item drawn at content row `row` (out of range below the last)."""
        return row // self.ITEM_ROWS

    # -- content --------------------------------------------------------------------------

    def _content_changed(self) -> None:
        """The items changed: every row to be drawn again, the scrolling to reach them all."""
        self._remeasure()
        self.refresh()

    def _remeasure(self) -> None:
        self._strips.clear()
        self.virtual_size = Size(self.scrollable_content_region.width,
                                 self.HEADER_ROWS + self._content_rows())

    def _view_rows(self) -> int:
        """The rows of items on screen: at least one, before the list is laid out too."""
        return max(1, self.scrollable_content_region.height - self.HEADER_ROWS)

    # -- keys and mouse -------------------------------------------------------------------

    def action_move(self, step: int) -> None:
        if self.item_count():
            self.highlighted = max(0, min(self.item_count() - 1, self.highlighted + step))

    def action_edge(self, direction: int) -> None:
        if self.item_count():
            self.highlighted = 0 if direction < 0 else self.item_count() - 1

    def watch_highlighted(self) -> None:
        self._strips.clear()
        self.refresh()
        self._scroll_to_highlight()

    def _scroll_to_highlight(self) -> None:
        span = self._span(self.highlighted)
        if span is None:
            return
        top, bottom = span
        view_top, height = self.scroll_offset.y, self._view_rows()
        if top < view_top:
            self.scroll_to(y=top, animate=False, immediate=True)
        elif bottom > view_top + height:
            self.scroll_to(y=bottom - height, animate=False, immediate=True)

    def on_click(self, event: Click) -> None:
        if event.y < self.HEADER_ROWS:
            return
        index = self._index_at(self.scroll_offset.y + event.y - self.HEADER_ROWS)
        if 0 <= index < self.item_count():
            self._clicked(index, event.chain)

    def _clicked(self, index: int, chain: int) -> None:
        self.highlighted = index
        if chain == 2:
            self.action_choose()

    # -- drawing --------------------------------------------------------------------------

    def on_resize(self) -> None:
        self._remeasure()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if y < self.HEADER_ROWS:
            return self._render_header(y, width)
        row = self.scroll_offset.y + y - self.HEADER_ROWS  # the key of its kept strip
        strip = self._strips.get(row)
        if strip is None or strip.cell_length != width:
            strip = self._strips[row] = self._render_row(row, width)
        return strip
