"""A long list of marks from across the library: two rows an item, group headers, a
cursor, and (where the screen wants one) a selection of several items.

A Line-API list like the annotation pane (a `RowList`): the Claims view of the bench
library lists 25,000 claims and draws only the rows on screen. What an item says is asked
of the screen (`describe`) when the item is first drawn, not for all of them up front.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from rich.cells import cell_len
from rich.segment import Segment
from textual.binding import Binding
from textual.cache import LRUCache
from textual.message import Message
from textual.strip import Strip

from annotations.model import Annotation, Article
from annotations.textsafety import inert
from reader.widgets.fitting import fitted_row
from reader.widgets.row_list import RowList, moving_bindings

ITEM_ROWS = 2
BADGES = ("unverified", "supported", "disputed", "false", "open", "answered", "a", "b")
"""The badge styles an item may ask for (its status, or which of two articles)."""


class ListEntry(NamedTuple):
    """A group header (`title`) or one mark. A tuple: 25,000 are made per listing."""

    title: str = ""
    article: Article | None = None
    mark: Annotation | None = None


class Description(NamedTuple):
    """What an item shows: a badge (its text and style), the quote row, the detail row."""

    badge: str
    badge_style: str
    first: str
    second: str


Describe = Callable[[Article, Annotation], Description]


class MarkList(RowList):
    PARTS = "mark-list"
    KEPT_ROWS = 512
    COMPONENT_CLASSES = {
        "mark-list--header",
        "mark-list--highlight",
        "mark-list--detail",
        "mark-list--chosen",
        *(f"mark-list--{badge}" for badge in BADGES),
    }

    BINDINGS = [
        *moving_bindings("mark-list"),
        Binding("enter", "choose", "Open at the mark", id="mark-list.open"),
        Binding("space", "toggle", "Select", id="mark-list.select"),
    ]

    @dataclass
    class Chosen(Message):
        """Enter (or a double click) on an item: open its article there."""

        marks: MarkList
        article: Article
        mark: Annotation

    @dataclass
    class SelectionChanged(Message):
        marks: MarkList
        selected: int

    def __init__(self, describe: Describe, *, selectable: bool = False, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.describe = describe
        self.selectable = selectable
        self.entries: list[ListEntry] = []
        self.selected: set[str] = set()
        """The ids of the marks chosen for a change of many (space)."""
        self._starts: list[int] = []
        self._rows = 0
        self._index_of: dict[str, int] = {}
        self._descriptions: LRUCache[str, Description] = LRUCache(2048)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Selecting is for lists whose screen changes many marks at once (Claims).
        return self.selectable if action == "toggle" else True

    # -- content ---------------------------------------------------------------------

    def show(self, entries: Sequence[ListEntry], keep: str | None = None) -> None:
        """Show these entries; the cursor stays on the mark with id `keep` (or the one it
        was on) when it is among them. The selection keeps the marks still listed."""
        current = self.highlighted_entry
        keep = keep or (current.mark.id if current and current.mark else None)
        self.entries = list(entries)
        starts, row = [], 0
        for entry in self.entries:
            starts.append(row)
            row += 1 if entry.mark is None else ITEM_ROWS
        self._starts, self._rows = starts, row
        self._index_of = {e.mark.id: i for i, e in enumerate(self.entries) if e.mark}
        self.selected &= self._index_of.keys()
        self._descriptions.clear()
        self._content_changed()
        index = self._index_of.get(keep, -1) if keep else -1
        if index < 0:
            index = self._first_item()
        self.set_reactive(MarkList.highlighted, index)
        self._scroll_to_highlight()

    def redescribe(self) -> None:
        """Draw every item again (their marks changed: a status set)."""
        self._descriptions.clear()
        self._strips.clear()
        self.refresh()

    def item_count(self) -> int:
        return len(self.entries)

    def _content_rows(self) -> int:
        return self._rows

    def _span(self, index: int) -> tuple[int, int] | None:
        if not self.entries:
            return None
        top = self._starts[index]
        return top, top + (1 if self.entries[index].mark is None else ITEM_ROWS)

    def _index_at(self, row: int) -> int:
        return bisect_right(self._starts, row) - 1

    def _first_item(self) -> int:
        return next((i for i, e in enumerate(self.entries) if e.mark is not None), 0)

    @property
    def highlighted_entry(self) -> ListEntry | None:
        if 0 <= self.highlighted < len(self.entries):
            return self.entries[self.highlighted]
        return None

    @property
    def items(self) -> list[tuple[Article, Annotation]]:
        return [(e.article, e.mark) for e in self.entries if e.article and e.mark]

    def chosen_items(self) -> list[tuple[Article, Annotation]]:
        """The selected marks, or (none selected) the one under the cursor."""
        if self.selected:
            return [(e.article, e.mark) for e in self.entries
                    if e.article and e.mark and e.mark.id in self.selected]
        entry = self.highlighted_entry
        return [(entry.article, entry.mark)] if entry and entry.article and entry.mark else []

    def select_all(self) -> None:
        self.selected = set(self._index_of)
        self._selection_changed()

    def clear_selection(self) -> bool:
        """Select nothing; whether anything was selected."""
        if not self.selected:
            return False
        self.selected.clear()
        self._selection_changed()
        return True

    def _selection_changed(self) -> None:
        self._strips.clear()
        self.refresh()
        self.post_message(self.SelectionChanged(self, len(self.selected)))

    # -- keys ------------------------------------------------------------------------

    def action_page(self, direction: int) -> None:
        self.action_move(direction * max(1, (self.size.height or 2) // ITEM_ROWS))

    def action_choose(self) -> None:
        entry = self.highlighted_entry
        if entry is not None and entry.article is not None and entry.mark is not None:
            self.post_message(self.Chosen(self, entry.article, entry.mark))

    def action_toggle(self) -> None:
        entry = self.highlighted_entry
        if not self.selectable or entry is None or entry.mark is None:
            return
        self.selected.symmetric_difference_update({entry.mark.id})
        self._selection_changed()
        self.action_move(1)

    # -- drawing ---------------------------------------------------------------------

    def _render_row(self, row: int, width: int) -> Strip:
        base = self._style("")
        if row >= self._rows or width <= 0:
            return Strip.blank(width, base)
        index = self._index_at(row)
        entry = self.entries[index]
        style = base + self._style("highlight") if index == self.highlighted else base
        if entry.mark is None or entry.article is None:
            return fitted_row(" ".join(inert(entry.title).split()), width,
                              style + self._style("header"))
        description = self._description(entry.article, entry.mark)
        if row - self._starts[index] == 1:
            detail = " ".join(inert(description.second).split())
            return fitted_row(" " * (2 + cell_len(description.badge) + 1) + detail, width,
                              style + self._style("detail"))
        chosen = entry.mark.id in self.selected
        mark_style = style + self._style("chosen") if chosen else style
        badge_style = style + self._style(description.badge_style) \
            if description.badge_style in BADGES else style
        lead = [Segment("● " if chosen else "  ", mark_style),
                Segment(description.badge, badge_style), Segment(" ", style)]
        used = sum(cell_len(s.text) for s in lead)
        first = " ".join(inert(description.first).split())
        return Strip([*lead, *fitted_row(first, max(0, width - used), style)], width)

    def _description(self, article: Article, mark: Annotation) -> Description:
        found = self._descriptions.get(mark.id)
        if found is None:
            found = self._descriptions[mark.id] = self.describe(article, mark)
        return found

