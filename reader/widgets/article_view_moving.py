"""Moving the reading view's cursor by character, word, sentence, paragraph, line, page
or the whole document, keeping the column a run of up and down keys started from and
never resting on the blank line between blocks.

A mixin of `ArticleView` (article_view.py): it uses the view's text, document, layout
(`rows`), cursor and selection state.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.geometry import Size

from reader.document.layout import clusters, is_simple
from reader.document.navigation import next_paragraph, next_word, previous_paragraph, previous_word

if TYPE_CHECKING:
    from reader.document.layout import Layout
    from reader.document.model import Document
    from reader.document.navigation import Sentences


class CursorMoving:
    """`action_move` and what it needs (see the module's docstring)."""

    text: str
    document: Document
    rows: Layout | None
    cursor: int
    selection_anchor: int | None
    extending: bool
    sentences: Sentences
    _goal_column: int | None

    def _snap(self, offset: int, direction: int) -> int:
        """Keep the cursor off the blank line between blocks."""
        text = self.text
        offset = self._clamp(offset)
        block = self.document.block_at(offset)
        if block is None or block.start <= offset <= block.end:
            return offset
        if direction > 0:
            index = self.document.block_index_at(offset)
            blocks = self.document.text_blocks
            return blocks[index + 1].start if index + 1 < len(blocks) else len(text)
        return block.end

    def action_move(self, unit: str, direction: int, extend: bool = False) -> None:
        if extend and self.selection_anchor is None:
            self.selection_anchor = self.cursor
        elif not extend and not self.extending and self.selection_anchor is not None:
            self.clear_selection()
        target = self._target(unit, direction)
        if unit != "line":
            self._goal_column = None
        self.cursor = target

    def _target(self, unit: str, direction: int) -> int:
        text, cursor = self.text, self.cursor
        if unit == "char":
            return self._snap(self._step_char(cursor, direction), direction)
        if unit == "word":
            step = next_word if direction > 0 else previous_word
            return self._snap(step(text, cursor), direction)
        if unit == "sentence":
            if direction > 0:
                return self.sentences.next_start(cursor)
            return self.sentences.previous_start(cursor)
        if unit == "paragraph":
            if direction > 0:
                return next_paragraph(self.document, cursor)
            return previous_paragraph(self.document, cursor)
        if unit == "document":
            if direction > 0 and self.rows is not None:
                self.rows.finish()
                self.virtual_size = Size(self.rows.width, self.rows.height)
            blocks = self.document.text_blocks
            return (blocks[0].start if blocks else 0) if direction < 0 else len(text)
        if unit == "line":
            return self._line_target(direction, 1)
        if unit == "page":
            rows = max(1, (self.scrollable_content_region.height or 2) - 1)
            target = self._line_target(direction, rows)
            self.scroll_relative(y=direction * rows, animate=False, immediate=True)
            return target
        raise ValueError(unit)

    def _step_char(self, offset: int, direction: int) -> int:
        """One grapheme cluster left or right."""
        text = self.text
        if direction > 0:
            if offset >= len(text):
                return offset
            if offset < len(text) and text[offset] == "\n" and text[offset:offset + 2] == "\n\n":
                return offset + 2
            window = text[offset: offset + 16]
            spans = clusters(window) if not is_simple(window) else [(0, 1, 1)]
            return offset + (spans[0][1] if spans else 1)
        if offset <= 0:
            return 0
        if text[offset - 2: offset] == "\n\n":
            return offset - 2
        window_start = max(0, offset - 16)
        window = text[window_start:offset]
        if is_simple(window):
            return offset - 1
        spans = clusters(window)
        return window_start + (spans[-1][0] if spans else len(window) - 1)

    def _line_target(self, direction: int, rows: int) -> int:
        layout = self.rows
        if layout is None:
            return self.cursor
        y = layout.y_of(self.cursor)
        column = self._column_of(self.cursor, y)
        if self._goal_column is None:
            self._goal_column = column
        target_y = layout.nearest_text_row(y + direction * rows, direction)
        if rows == 1:
            probe = y + direction
            while 0 <= probe < layout.height and not layout.is_text_row(probe):
                probe += direction
            if not 0 <= probe < layout.height:
                return self.cursor
            target_y = probe
        return self._offset_at_column(target_y, self._goal_column)

    def _column_of(self, offset: int, y: int) -> int:
        assert self.rows is not None
        start = self.rows.starts[y]
        piece = self.text[start:offset]
        return len(piece) if is_simple(piece) else sum(c for _, _, c in clusters(piece))

    def _offset_at_column(self, y: int, column: int) -> int:
        assert self.rows is not None
        start = self.rows.starts[y]
        last = self._last_cursor_offset(y)
        piece = self.text[start:last]
        if is_simple(piece):
            return start + min(column, len(piece))
        used = 0
        for s, _, cells in clusters(piece):
            if used + cells > column:
                return start + s
            used += cells
        return last
