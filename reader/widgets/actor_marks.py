"""One actor's mentions and claims across the library, grouped by article.

A Line-API list, a `RowList` (an actor quoted a thousand times draws a screenful): each article is a
header row (title, site, date, counts), then one row per mark: its kind, a claim's
status, the quote and the first line of its note. Enter on a mark asks to open its
article there.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.segment import Segment
from textual.binding import Binding
from textual.message import Message
from textual.strip import Strip

from annotations.model import ACTOR, CLAIM, Annotation, Article
from annotations.textsafety import inert
from reader.widgets.fitting import fitted_row
from reader.widgets.row_list import RowList, moving_bindings


@dataclass(frozen=True)
class _Row:
    """An article header (no mark) or one mark under it."""

    article: Article
    mark: Annotation | None = None
    mentions: int = 0
    claims: int = 0


class ActorMarks(RowList):
    PARTS = "actor-marks"
    COMPONENT_CLASSES = {"actor-marks--header", "actor-marks--highlight", "actor-marks--detail",
                         "actor-marks--mention", "actor-marks--claim"}

    BINDINGS = [
        *moving_bindings("actor-marks"),
        Binding("enter", "choose", "Open there", id="actor-marks.open"),
    ]

    @dataclass
    class Chosen(Message):
        """Open `article` at `mark` (its first mark when an article row was chosen)."""

        article: Article
        mark: Annotation

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.rows: list[_Row] = []

    def show(self, groups: Sequence[tuple[Article, Sequence[Annotation]]]) -> None:
        rows: list[_Row] = []
        for article, marks in groups:
            mentions = sum(1 for m in marks if m.kind == ACTOR)
            rows.append(_Row(article, None, mentions, len(marks) - mentions))
            rows.extend(_Row(article, mark) for mark in marks)
        self.rows = rows
        self.set_reactive(ActorMarks.highlighted, 1 if len(rows) > 1 else 0)
        self._content_changed()

    def item_count(self) -> int:
        return len(self.rows)

    @property
    def highlighted_row(self) -> _Row | None:
        return self.rows[self.highlighted] if 0 <= self.highlighted < len(self.rows) else None

    # -- keys ------------------------------------------------------------------------------

    def action_page(self, direction: int) -> None:
        self.action_move(direction * max(1, (self.scrollable_content_region.height or 2) - 1))

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

    # -- drawing ---------------------------------------------------------------------------

    def _render_row(self, index: int, width: int) -> Strip:
        base = self._style("")
        if index >= len(self.rows) or width <= 0:
            return Strip.blank(width, base)
        row = self.rows[index]
        style = base + self._style("highlight") if index == self.highlighted else base
        if row.mark is None:
            return fitted_row(_article_line(row), width, style + self._style("header"))
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

