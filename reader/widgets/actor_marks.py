"""One actor's mentions and claims across the library, grouped by article.

A Line-API list (an actor quoted a thousand times draws a screenful): each article is a
header row (title, site, date, counts), then one row per mark: its kind, a claim's
status, the quote and the first line of its note. Enter on a mark asks to open its
article there.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

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

from annotations.model import ACTOR, CLAIM, Annotation, Article
from annotations.textsafety import inert
from reader.widgets.styling import component_style


@dataclass(frozen=True)
class _Row:
    """An article header (no mark) or one mark under it."""

    article: Article
    mark: Annotation | None = None
    mentions: int = 0
    claims: int = 0


class ActorMarks(ScrollView, can_focus=True):
    COMPONENT_CLASSES = {"actor-marks--header", "actor-marks--highlight", "actor-marks--detail",
                         "actor-marks--mention", "actor-marks--claim"}

    BINDINGS = [
        Binding("up,k", "move(-1)", "Up", show=False, id="actor-marks.up"),
        Binding("down,j", "move(1)", "Down", show=False, id="actor-marks.down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="actor-marks.page-up"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="actor-marks.page-down"),
        Binding("home,g", "edge(-1)", "First", show=False, id="actor-marks.first"),
        Binding("end,G", "edge(1)", "Last", show=False, id="actor-marks.last"),
        Binding("enter", "choose", "Open there", id="actor-marks.open"),
    ]

    highlighted: reactive[int] = reactive(0, init=False)

    @dataclass
    class Chosen(Message):
        """Open `article` at `mark` (its first mark when an article row was chosen)."""

        article: Article
        mark: Annotation

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.rows: list[_Row] = []
        self._strips: LRUCache[int, Strip] = LRUCache(256)
        self._styles: dict[str, Style] = {}

    def show(self, groups: Sequence[tuple[Article, Sequence[Annotation]]]) -> None:
        rows: list[_Row] = []
        for article, marks in groups:
            mentions = sum(1 for m in marks if m.kind == ACTOR)
            rows.append(_Row(article, None, mentions, len(marks) - mentions))
            rows.extend(_Row(article, mark) for mark in marks)
        self.rows = rows
        self.set_reactive(ActorMarks.highlighted, 1 if len(rows) > 1 else 0)
        self.virtual_size = Size(self.scrollable_content_region.width, len(rows))
        self._strips.clear()
        self.refresh()

    @property
    def highlighted_row(self) -> _Row | None:
        return self.rows[self.highlighted] if 0 <= self.highlighted < len(self.rows) else None

    # -- keys ------------------------------------------------------------------------------

    def action_move(self, step: int) -> None:
        if self.rows:
            self.highlighted = max(0, min(len(self.rows) - 1, self.highlighted + step))

    def action_page(self, direction: int) -> None:
        self.action_move(direction * max(1, (self.scrollable_content_region.height or 2) - 1))

    def action_edge(self, direction: int) -> None:
        if self.rows:
            self.highlighted = 0 if direction < 0 else len(self.rows) - 1

    def action_choose(self) -> None:
        row = self.highlighted_row
        if row is None:
            return
        mark = row.mark
        if mark is None:  # an article's row: its first mark
            following = self.rows[self.highlighted + 1] if self.highlighted + 1 < len(self.rows) \
                else None
            mark = following.mark if following is not None else None
        if mark is not None:
            self.post_message(self.Chosen(row.article, mark))

    def watch_highlighted(self) -> None:
        self._strips.clear()
        self.refresh()
        height = self.scrollable_content_region.height or 1
        top = self.scroll_offset.y
        if self.highlighted < top:
            self.scroll_to(y=self.highlighted, animate=False, immediate=True)
        elif self.highlighted >= top + height:
            self.scroll_to(y=self.highlighted - height + 1, animate=False, immediate=True)

    def on_click(self, event) -> None:
        index = self.scroll_offset.y + event.y
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
        self.virtual_size = Size(self.scrollable_content_region.width, len(self.rows))

    def on_focus(self) -> None:
        self._strips.clear()
        self.refresh()

    def on_blur(self) -> None:
        self._strips.clear()
        self.refresh()

    def _style(self, name: str) -> Style:
        if name not in self._styles:
            self._styles[name] = (component_style(self, f"actor-marks--{name}") if name
                                  else self.rich_style)
        return self._styles[name]

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = self.scroll_offset.y + y
        cached = self._strips.get(index)
        if cached is None or cached.cell_length != width:
            cached = self._row(index, width)
            self._strips[index] = cached
        return cached

    def _row(self, index: int, width: int) -> Strip:
        base = self._style("")
        if index >= len(self.rows) or width <= 0:
            return Strip.blank(width, base)
        row = self.rows[index]
        style = base + self._style("highlight") if index == self.highlighted else base
        if row.mark is None:
            return _line(_article_line(row), width, style + self._style("header"))
        mark = row.mark
        kind = "mention" if mark.kind == ACTOR else "claim" if mark.kind == CLAIM else mark.kind
        label = kind if mark.kind != CLAIM else f"claim · {mark.status}"
        note = next((line.strip() for line in mark.note.splitlines() if line.strip()), "")
        quote = inert(" ".join(mark.exact.split()))
        segments = [Segment("  ▍", style + self._style("mention" if kind == "mention" else "claim")),
                    Segment(f" {label:<20} ", style + self._style("detail")),
                    Segment(f"“{quote}”", style)]
        if note:
            segments.append(Segment(f"  {inert(note)}", style + self._style("detail")))
        return Strip(segments).crop(0, width).adjust_cell_length(width, style)


def _article_line(row: _Row) -> str:
    article = row.article
    where = " · ".join(p for p in (article.site, article.published) if p)
    counts = ", ".join(p for p in (f"{row.mentions} mention(s)" if row.mentions else "",
                                   f"{row.claims} claim(s)" if row.claims else "") if p)
    return inert(f"{article.title}" + (f" — {where}" if where else "") + f"  ({counts})")


def _line(text: str, width: int, style: Style) -> Strip:
    if cell_len(text) > width:
        text = set_cell_size(text, max(0, width - 1)) + "…"
    return Strip([Segment(set_cell_size(text, width), style)], width)
