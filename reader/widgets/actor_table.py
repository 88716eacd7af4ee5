"""The actors of the library as a table: name, type, counts, aliases; one row each.

A Line-API list like the annotation pane (a `RowList`), so 5,000 actors cost what a screenful costs:
the header is the first row, the rows under it scroll, and only visible rows are drawn
(each kept in a small cache until the rows, the highlight or the width change).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from textual.message import Message
from textual.strip import Strip

from annotations.model import Actor, normalise_name
from annotations.textsafety import inert
from reader.widgets.row_list import RowList, moving_bindings


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


class ActorTable(RowList):
    PARTS = "actor-table"
    HEADER_ROWS = 1
    COMPONENT_CLASSES = {"actor-table--header", "actor-table--highlight", "actor-table--muted"}

    # No g or G: a letter typed in the table starts the screen's filter.
    BINDINGS = moving_bindings("actor-table", first="home", last="end")

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
        self._content_changed()
        self._scroll_to_highlight()
        if self.rows:
            self.post_message(self.Highlighted(self, self.rows[index]))

    def item_count(self) -> int:
        return len(self.rows)

    @property
    def highlighted_row(self) -> ActorRow | None:
        if 0 <= self.highlighted < len(self.rows):
            return self.rows[self.highlighted]
        return None

    # -- keys ------------------------------------------------------------------------------

    def action_page(self, direction: int) -> None:
        self.action_move(direction * max(1, (self.scrollable_content_region.height or 2) - 2))

    def action_choose(self) -> None:
        row = self.highlighted_row
        if row is not None:
            self.post_message(self.Chosen(self, row))

    def watch_highlighted(self) -> None:
        super().watch_highlighted()
        row = self.highlighted_row
        if row is not None:
            self.post_message(self.Highlighted(self, row))

    # -- drawing ---------------------------------------------------------------------------

    def _widths(self, width: int) -> tuple[int, int]:
        """The name and aliases columns' widths: what the fixed columns leave, shared."""
        left = max(0, width - sum(w for _, _, w in _FIXED))
        name = max(min(left, 24), left * 3 // 5)
        return name, max(0, left - name)

    def _render_header(self, y: int, width: int) -> Strip:
        name_width, alias_width = self._widths(width)
        cells = [_cell(self._title("name", "Name"), name_width)]
        cells += [_cell(self._title(key, title), w, right=key != "type") for key, title, w in _FIXED]
        cells.append(_cell("  Aliases", alias_width))
        style = self._style("") + self._style("header")
        return Strip([Segment("".join(cells), style)]).adjust_cell_length(width, style)

    def _title(self, key: str, title: str) -> str:
        return f"{title} ▼" if key == self.sorted_by and key != "name" else (
            f"{title} ▲" if key == self.sorted_by else title)

    def _render_row(self, index: int, width: int) -> Strip:
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
