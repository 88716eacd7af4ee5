"""The actors of the library as a table: name, type, counts, aliases; one row each.

A Line-API list like the annotation pane, so 5,000 actors cost what a screenful costs:
the header is the first row, the rows under it scroll, and only visible rows are drawn
(each kept in a small cache until the rows, the highlight or the width change).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from annotations.model import Actor, normalise_name
from annotations.textsafety import inert
from reader.widgets.styling import component_style


class ActorRow:
    """One actor and its counts, made from its stored record: 5,000 of them are made each
    time the screen opens, so the `Actor` itself is built only when asked for."""

    __slots__ = ("record", "id", "name", "type", "aliases", "key", "mentions", "claims",
                 "articles", "statuses", "_actor")

    def __init__(self, record: dict[str, Any], mentions: int = 0, claims: int = 0,
                 articles: int = 0, statuses: tuple[int, ...] = ()) -> None:
        self.record = record
        self.id: str = record["id"]
        self.name: str = record["name"]
        self.type: str = record.get("type") or "person"
        self.aliases: list[str] = list(record.get("aliases") or [])
        self.key = normalise_name(self.name)
        """What the list sorts by name on."""
        self.mentions, self.claims, self.articles = mentions, claims, articles
        self.statuses = statuses
        """Claims by status, in the order of CLAIM_STATUSES."""
        self._actor: Actor | None = None

    @property
    def actor(self) -> Actor:
        if self._actor is None:
            self._actor = Actor.from_record(self.record)
        return self._actor


SORTS: dict[str, str] = {"name": "Name", "mentions": "Mentions", "claims": "Claims",
                         "articles": "Articles", "type": "Type"}
"""Sort keys, in the order `s` cycles through them, and the column each sorts."""

_FIXED = (("type", "Type", 13), ("mentions", "Mentions", 11), ("claims", "Claims", 9),
          ("articles", "Articles", 11))
"""The columns after the name: key, title, width (room for the title and its ▼)."""


class ActorTable(ScrollView, can_focus=True):
    COMPONENT_CLASSES = {"actor-table--header", "actor-table--highlight", "actor-table--muted"}

    BINDINGS = [
        Binding("up,k", "move(-1)", "Up", show=False, id="actor-table.up"),
        Binding("down,j", "move(1)", "Down", show=False, id="actor-table.down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="actor-table.page-up"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="actor-table.page-down"),
        Binding("home", "edge(-1)", "First", show=False, id="actor-table.first"),
        Binding("end", "edge(1)", "Last", show=False, id="actor-table.last"),
    ]

    highlighted: reactive[int] = reactive(0, init=False)

    @dataclass
    class Highlighted(Message):
        table: ActorTable
        row: ActorRow

    @dataclass
    class Chosen(Message):
        table: ActorTable
        row: ActorRow

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.rows: list[ActorRow] = []
        self.sorted_by = "name"
        self._strips: LRUCache[int, Strip] = LRUCache(256)
        self._styles: dict[str, Style] = {}

    # -- content ---------------------------------------------------------------------------

    def show(self, rows: Sequence[ActorRow], keep: str | None = None, top: bool = False) -> None:
        """Show `rows`; keep the highlight on the actor with id `keep` (by default the one
        highlighted now) if it is among them, or move it to the first row with `top`."""
        current = self.highlighted_row
        keep = keep or (current.id if current else None)
        self.rows = list(rows)
        index = 0 if top else next((i for i, r in enumerate(self.rows) if r.id == keep), None)
        if index is None:
            index = min(self.highlighted, max(0, len(self.rows) - 1))
        self.set_reactive(ActorTable.highlighted, index)
        self.virtual_size = Size(self.scrollable_content_region.width, len(self.rows) + 1)
        self._strips.clear()
        self.refresh()
        self._scroll_to_highlight()
        if self.rows:
            self.post_message(self.Highlighted(self, self.rows[index]))

    @property
    def highlighted_row(self) -> ActorRow | None:
        if 0 <= self.highlighted < len(self.rows):
            return self.rows[self.highlighted]
        return None

    # -- keys ------------------------------------------------------------------------------

    def action_move(self, step: int) -> None:
        if self.rows:
            self.highlighted = max(0, min(len(self.rows) - 1, self.highlighted + step))

    def action_page(self, direction: int) -> None:
        self.action_move(direction * max(1, (self.scrollable_content_region.height or 2) - 2))

    def action_edge(self, direction: int) -> None:
        if self.rows:
            self.highlighted = 0 if direction < 0 else len(self.rows) - 1

    def action_choose(self) -> None:
        row = self.highlighted_row
        if row is not None:
            self.post_message(self.Chosen(self, row))

    def watch_highlighted(self) -> None:
        self._strips.clear()
        self.refresh()
        self._scroll_to_highlight()
        row = self.highlighted_row
        if row is not None:
            self.post_message(self.Highlighted(self, row))

    def _scroll_to_highlight(self) -> None:
        # Row i is drawn at content row i + 1, under the header, which does not scroll.
        height = max(1, (self.scrollable_content_region.height or 2) - 1)
        top = self.scroll_offset.y
        if self.highlighted < top:
            self.scroll_to(y=self.highlighted, animate=False, immediate=True)
        elif self.highlighted >= top + height:
            self.scroll_to(y=self.highlighted - height + 1, animate=False, immediate=True)

    def on_click(self, event) -> None:
        if event.y == 0:
            return
        index = self.scroll_offset.y + event.y - 1
        if 0 <= index < len(self.rows):
            self.highlighted = index
            if event.chain == 2:
                self.action_choose()

    # -- drawing ---------------------------------------------------------------------------

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        self._strips.clear()

    def on_resize(self) -> None:
        self._strips.clear()
        self.virtual_size = Size(self.scrollable_content_region.width, len(self.rows) + 1)

    def on_focus(self) -> None:
        self._strips.clear()
        self.refresh()

    def on_blur(self) -> None:
        self._strips.clear()
        self.refresh()

    def _style(self, name: str) -> Style:
        if name not in self._styles:
            self._styles[name] = (component_style(self, f"actor-table--{name}") if name
                                  else self.rich_style)
        return self._styles[name]

    def _widths(self, width: int) -> tuple[int, int]:
        """The name and aliases columns' widths: what the fixed columns leave, shared."""
        left = max(0, width - sum(w for _, _, w in _FIXED))
        name = max(min(left, 24), left * 3 // 5)
        return name, max(0, left - name)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if y == 0:
            return self._header(width)
        index = self.scroll_offset.y + y - 1
        cached = self._strips.get(index)
        if cached is None or cached.cell_length != width:
            cached = self._row(index, width)
            self._strips[index] = cached
        return cached

    def _header(self, width: int) -> Strip:
        name_width, alias_width = self._widths(width)
        cells = [_cell(self._title("name", "Name"), name_width)]
        cells += [_cell(self._title(key, title), w, right=key != "type") for key, title, w in _FIXED]
        cells.append(_cell("  Aliases", alias_width))
        style = self._style("") + self._style("header")
        return Strip([Segment("".join(cells), style)]).adjust_cell_length(width, style)

    def _title(self, key: str, title: str) -> str:
        return f"{title} ▼" if key == self.sorted_by and key != "name" else (
            f"{title} ▲" if key == self.sorted_by else title)

    def _row(self, index: int, width: int) -> Strip:
        base = self._style("")
        if index >= len(self.rows) or width <= 0:
            return Strip.blank(width, base)
        row = self.rows[index]
        style = base + self._style("highlight") if index == self.highlighted else base
        name_width, alias_width = self._widths(width)
        numbers = [_cell(row.type, 13)]
        numbers += [_cell(f"{n:,}", w, right=True)
                    for n, (_, _, w) in zip((row.mentions, row.claims, row.articles), _FIXED[1:],
                                            strict=True)]
        aliases = "  " + ", ".join(row.aliases) if row.aliases else ""
        segments = [Segment(_cell(inert(row.name), name_width), style),
                    Segment("".join(numbers), style),
                    Segment(_cell(inert(aliases), alias_width), style + self._style("muted"))]
        return Strip(segments).adjust_cell_length(width, style)


def _cell(text: str, width: int, right: bool = False) -> str:
    """`text` in exactly `width` cells: cut with an ellipsis, padded (on the left when
    `right`), one cell kept free after it."""
    if width <= 0:
        return ""
    room = width - 1
    if cell_len(text) > room:
        text = set_cell_size(text, max(0, room - 1)) + "…" if room > 0 else ""
    padding = " " * (room - cell_len(text))
    return (padding + text if right else text + padding) + " "
