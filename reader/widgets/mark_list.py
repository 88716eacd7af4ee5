"""A long list of marks from across the library: two rows an item, group headers, a
cursor, and (where the screen wants one) a selection of several items.

A Line-API list like the annotation pane: the Claims view of the bench library lists
25,000 claims and draws only the rows on screen. What an item says is asked of the
screen (`describe`) when the item is first drawn, not for all of them up front.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from annotations.model import Annotation, Article
from annotations.textsafety import inert
from reader.widgets.styling import component_style

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


class MarkList(ScrollView, can_focus=True):
    COMPONENT_CLASSES = {
        "mark-list--header",
        "mark-list--highlight",
        "mark-list--detail",
        "mark-list--chosen",
        *(f"mark-list--{badge}" for badge in BADGES),
    }

    BINDINGS = [
        Binding("up,k", "move(-1)", "Up", show=False, id="mark-list.up"),
        Binding("down,j", "move(1)", "Down", show=False, id="mark-list.down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="mark-list.page-up"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="mark-list.page-down"),
        Binding("home,g", "edge(-1)", "First", show=False, id="mark-list.first"),
        Binding("end,G", "edge(1)", "Last", show=False, id="mark-list.last"),
        Binding("enter", "choose", "Open at the mark", id="mark-list.open"),
        Binding("space", "toggle", "Select", id="mark-list.select"),
    ]

    highlighted: reactive[int] = reactive(0, init=False)

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
        self._strips: LRUCache[int, Strip] = LRUCache(512)
        self._styles: dict[str, Style] = {}

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
        self._strips.clear()
        self.virtual_size = Size(self.scrollable_content_region.width, row)
        index = self._index_of.get(keep, -1) if keep else -1
        if index < 0:
            index = self._first_item()
        self.set_reactive(MarkList.highlighted, index)
        self._scroll_to_highlight()
        self.refresh()

    def redescribe(self) -> None:
        """Draw every item again (their marks changed: a status set)."""
        self._descriptions.clear()
        self._strips.clear()
        self.refresh()

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

    def action_move(self, step: int) -> None:
        if self.entries:
            self.highlighted = max(0, min(len(self.entries) - 1, self.highlighted + step))

    def action_page(self, direction: int) -> None:
        self.action_move(direction * max(1, (self.size.height or 2) // ITEM_ROWS))

    def action_edge(self, direction: int) -> None:
        if self.entries:
            self.highlighted = 0 if direction < 0 else len(self.entries) - 1

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

    def watch_highlighted(self) -> None:
        self._strips.clear()
        self.refresh()
        self._scroll_to_highlight()

    def _scroll_to_highlight(self) -> None:
        if not self.entries:
            return
        top = self._starts[self.highlighted]
        bottom = top + (1 if self.entries[self.highlighted].mark is None else ITEM_ROWS)
        view_top, height = self.scroll_offset.y, self.scrollable_content_region.height or 1
        if top < view_top:
            self.scroll_to(y=top, animate=False, immediate=True)
        elif bottom > view_top + height:
            self.scroll_to(y=bottom - height, animate=False, immediate=True)

    def on_click(self, event) -> None:
        index = bisect_right(self._starts, self.scroll_offset.y + event.y) - 1
        if 0 <= index < len(self.entries):
            self.highlighted = index
            if event.chain == 2:
                self.action_choose()

    # -- drawing ---------------------------------------------------------------------

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        self._strips.clear()

    def on_resize(self) -> None:
        self._strips.clear()
        self.virtual_size = Size(self.scrollable_content_region.width, self._rows)

    def on_focus(self) -> None:
        self._strips.clear()
        self.refresh()

    def on_blur(self) -> None:
        self._strips.clear()
        self.refresh()

    def _style(self, name: str) -> Style:
        if name not in self._styles:
            self._styles[name] = component_style(self, f"mark-list--{name}") if name \
                else self.rich_style
        return self._styles[name]

    def render_line(self, y: int) -> Strip:
        row = self.scroll_offset.y + y
        strip = self._strips.get(row)
        if strip is None:
            strip = self._strips[row] = self._render_row(row, self.scrollable_content_region.width)
        return strip

    def _render_row(self, row: int, width: int) -> Strip:
        base = self._style("")
        if row >= self._rows or width <= 0:
            return Strip.blank(width, base)
        index = bisect_right(self._starts, row) - 1
        entry = self.entries[index]
        style = base + self._style("highlight") if index == self.highlighted else base
        if entry.mark is None or entry.article is None:
            return _strip(" ".join(inert(entry.title).split()), width, style + self._style("header"))
        description = self._description(entry.article, entry.mark)
        if row - self._starts[index] == 1:
            detail = " ".join(inert(description.second).split())
            return _strip(" " * (2 + cell_len(description.badge) + 1) + detail, width,
                          style + self._style("detail"))
        chosen = entry.mark.id in self.selected
        mark_style = style + self._style("chosen") if chosen else style
        badge_style = style + self._style(description.badge_style) \
            if description.badge_style in BADGES else style
        lead = [Segment("● " if chosen else "  ", mark_style),
                Segment(description.badge, badge_style), Segment(" ", style)]
        used = sum(cell_len(s.text) for s in lead)
        first = " ".join(inert(description.first).split())
        return Strip([*lead, *_strip(first, max(0, width - used), style)], width)

    def _description(self, article: Article, mark: Annotation) -> Description:
        found = self._descriptions.get(mark.id)
        if found is None:
            found = self._descriptions[mark.id] = self.describe(article, mark)
        return found


def _strip(text: str, width: int, style: Style) -> Strip:
    """One row of `text`, cut to `width` cells with an ellipsis, padded."""
    from rich.cells import set_cell_size

    if width <= 0:
        return Strip([], 0)
    if cell_len(text) > width:
        text = set_cell_size(text, width - 1) + "…"
    return Strip([Segment(set_cell_size(text, width), style)], width)
