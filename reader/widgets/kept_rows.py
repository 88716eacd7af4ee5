"""A Line-API scroll view that keeps the rows it has drawn, and its parts' styles.

Textual asks for a row each time it paints; drawing one (styles looked up, text cut to
fit) costs more than looking it up. A row is kept until what it shows changes: each view
says when its content does; the styles changing (a theme) or the focus (a highlight is
brighter in the focused view) throws every kept row away here.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import ClassVar

from textual.cache import LRUCache
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.widgets.part_styles import PartStyles


class KeptRowsView(ScrollView):
    PARTS: ClassVar[str] = ""
    """The prefix of the view's component classes: `mark-list` for `mark-list--header`."""
    KEPT_ROWS: ClassVar[int] = 256

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._strips: LRUCache[Hashable, Strip] = LRUCache(self.KEPT_ROWS)
        self._style = PartStyles(self, self.PARTS)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._style.clear()
        self._strips.clear()

    def on_focus(self) -> None:
        self._strips.clear()
        self.refresh()

    def on_blur(self) -> None:
        self._strips.clear()
        self.refresh()
