"""Word-wrapping the document into screen rows, and mapping rows back to text offsets.

Pure functions and plain lists, no Textual: the reading view asks for a `Layout` once it
knows its width and draws only the rows on screen. A row is a half-open range of article
text offsets; blank rows between blocks and horizontal rules hold no text.

Widths follow the terminal: wide (CJK) characters take two cells, combining marks and
joiners none (they stay with the character before them), a tab takes `TAB_CELLS`, and a
control character one cell, because it is drawn as a visible stand-in (␛), never sent.
"""

from __future__ import annotations

from bisect import bisect_right
from time import perf_counter

from rich.cells import split_graphemes

from annotations.textsafety import inert
from reader.document.model import CODE, LIST_ITEM, RULE, TABLE_ROW, Block, Document

TAB_CELLS = 4
BLANK = -1
"""`Layout.blocks` value of an empty row between blocks."""
RULE_ROW = -2
"""`Layout.blocks` value of a horizontal rule."""
PAGE_ROW = -3
"""`Layout.blocks` value of a page break: a thin rule with the page's label
(`Layout.page_labels`), before the first row of the page's text."""
MIN_TEXT_WIDTH = 8


def clusters(text: str) -> list[tuple[int, int, int]]:
    """Grapheme clusters of `text` as (start, end, cells), offsets relative to `text`."""
    shown = inert(text)
    result: list[tuple[int, int, int]] = []
    base = 0
    # Rich joins a tab to the character before it (as zero width): measure around tabs.
    for piece in shown.split("\t"):
        if piece:
            spans, _ = split_graphemes(piece)
            result.extend((base + s, base + e, cells) for s, e, cells in spans)
        base += len(piece)
        if base < len(shown):
            result.append((base, base + 1, TAB_CELLS))
            base += 1
    return result


def is_simple(text: str) -> bool:
    """True when every code point is one cell wide: ASCII without tabs or controls."""
    return text.isascii() and text.isprintable()


def cell_width(text: str) -> int:
    if is_simple(text):
        return len(text)
    return sum(cells for _, _, cells in clusters(text))


def wrap(text: str, width: int) -> list[int]:
    """Start offsets of the rows `text` (one line, no newline) wraps into at `width` cells.

    Greedy: a row ends after the last space that fits, or mid-word when a word is longer
    than the row. A space at a row's end stays on that row (drawn only if it fits), so
    every offset belongs to exactly one row.
    """
    width = max(1, width)
    if is_simple(text):
        return _wrap_simple(text, width)
    return _wrap_clusters(text, width)


def _wrap_simple(text: str, width: int) -> list[int]:
    starts = [0]
    position, length = 0, len(text)
    while length - position > width:
        limit = position + width
        space = text.rfind(" ", position, limit + 1)
        position = space + 1 if space > position else limit
        starts.append(position)
    return starts


def _wrap_clusters(text: str, width: int) -> list[int]:
    starts = [0]
    row_start, used = 0, 0
    last_break = -1  # offset after which this row may end
    for start, end, cells in clusters(text):
        is_space = text[start] in " \t"
        if used + cells > width and start > row_start and not (is_space and used <= width):
            cut = last_break if last_break > row_start else start
            starts.append(cut)
            row_start = cut
            used = cell_width(text[cut:start]) if cut < start else 0
            last_break = -1
        used += cells
        if is_space:
            last_break = end
        elif cells == 2:
            last_break = end  # CJK text breaks between any two characters
    return starts


def block_indent(block: Block) -> int:
    """Cells to the left of a block's text: list markers, quote bars, code margin."""
    indent = 2 * block.quote_depth
    if block.kind == LIST_ITEM or block.list_depth:
        indent += 2 * max(0, block.list_depth - 1) + marker_cells(block)
    if block.kind == CODE:
        indent += 2
    return indent


def marker_cells(block: Block) -> int:
    return max(2, len(block.marker) + 1) if block.list_depth else 0


class Layout:
    """The document as rows at one width; rows are indexed by y from the top.

    Built lazily: a new layout wraps nothing until asked, then only as far as a caller
    needs (`ensure_rows`, `ensure_offset`); `extend` wraps more in small steps, so the
    first screen of a book shows before the rest of it is wrapped.
    """

    def __init__(self, document: Document, width: int) -> None:
        self.document = document
        self.width = width
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.blocks: list[int] = []
        """Index into `Document.blocks` for text rows, or BLANK / RULE_ROW."""
        self.text_rows: list[int] = []
        """The y of every text row, in order: `text_starts[i]` starts row `text_rows[i]`."""
        self.text_starts: list[int] = []
        self.page_labels: dict[int, str] = {}
        """Label of the page starting at each PAGE_ROW, by y."""
        self._next_block = 0
        self._previous: Block | None = None
        self._breaks = _page_breaks(document)
        self._next_break = 0

    @property
    def complete(self) -> bool:
        return self._next_block >= len(self.document.blocks)

    @property
    def height(self) -> int:
        return len(self.starts)

    @property
    def estimated_height(self) -> int:
        """The height once complete, guessed from the rows so far until it is."""
        if self.complete:
            return self.height
        done = self.ends[-1] if self.ends else 0
        remaining = len(self.document.text) - done
        per_row = max(1.0, done / self.height) if self.height else max(1, self.width * 0.8)
        return self.height + int(remaining / per_row) + 1

    def extend(self, blocks: int = 400) -> bool:
        """Wrap up to `blocks` more blocks; True when the layout is complete."""
        document = self.document
        stop = min(len(document.blocks), self._next_block + blocks)
        for index in range(self._next_block, stop):
            self._add_block(index, document.blocks[index])
        self._next_block = stop
        if self.complete:
            self._finish_breaks()
        return self.complete

    def extend_for(self, seconds: float) -> bool:
        """Wrap blocks for about `seconds`; True when the layout is complete."""
        deadline = perf_counter() + seconds
        while not self.extend(16):
            if perf_counter() >= deadline:
                return False
        return True

    def ensure_rows(self, count: int) -> None:
        while self.height < count and not self.complete:
            self.extend(8)

    def ensure_offset(self, offset: int) -> None:
        """Wrap at least up to the row holding `offset`."""
        while not self.complete and (not self.ends or self.ends[-1] <= offset):
            self.extend(8)

    def finish(self) -> Layout:
        while not self.extend(4096):
            pass
        return self

    def y_of(self, offset: int) -> int:
        """The row showing `offset` (the row before, for an offset between blocks)."""
        self.ensure_offset(offset)
        if not self.text_starts:
            return 0
        i = max(0, bisect_right(self.text_starts, offset) - 1)
        return self.text_rows[i]

    def is_text_row(self, y: int) -> bool:
        self.ensure_rows(y + 1)
        return 0 <= y < len(self.blocks) and self.blocks[y] >= 0

    def nearest_text_row(self, y: int, direction: int = 1) -> int:
        """`y` if it holds text, else the closest text row in `direction` (then the other)."""
        self.ensure_rows(y + 2)
        y = min(max(0, y), max(0, self.height - 1))
        for step in (direction, -direction):
            probe = y
            while 0 <= probe < self.height:
                if self.blocks[probe] >= 0:
                    return probe
                probe += step
                self.ensure_rows(probe + 1)
        return 0

    def _add_block(self, index: int, block: Block) -> None:
        starts, ends, blocks = self.starts, self.ends, self.blocks
        for _ in range(_spacing_before(self._previous, block)):
            edge = ends[-1] if ends else 0
            starts.append(edge)
            ends.append(edge)
            blocks.append(BLANK)
        self._previous = block
        if block.kind == RULE:
            starts.append(block.start)
            ends.append(block.start)
            blocks.append(RULE_ROW)
            return
        text = self.document.text
        text_width = max(MIN_TEXT_WIDTH, self.width - block_indent(block))
        line_start = block.start
        while True:
            newline = text.find("\n", line_start, block.end)
            line_end = block.end if newline < 0 else newline
            piece_start = line_start
            for cut, label in self._breaks_until(line_end):
                if cut > piece_start:
                    self._add_rows(index, piece_start, cut, text_width)
                self._add_page_row(cut, label)
                piece_start = cut
            self._add_rows(index, piece_start, line_end, text_width,
                           empty_line=piece_start == line_start)
            if newline < 0:
                break
            line_start = newline + 1

    def _breaks_until(self, end: int) -> list[tuple[int, str]]:
        """The page breaks before `end` not laid out yet (a page starting inside a line
        splits it: the rule goes between the two pieces)."""
        found = []
        while self._next_break < len(self._breaks) and self._breaks[self._next_break][0] < end:
            found.append(self._breaks[self._next_break])
            self._next_break += 1
        return found

    def _add_page_row(self, offset: int, label: str) -> None:
        self.page_labels[len(self.starts)] = label
        self.starts.append(offset)
        self.ends.append(offset)
        self.blocks.append(PAGE_ROW)

    def _add_rows(self, index: int, start: int, end: int, text_width: int,
                  empty_line: bool = True) -> None:
        """The rows of text[start:end], one line (no newline) of block `index`."""
        line = self.document.text[start:end]
        if not line and not empty_line:
            return
        row_starts = wrap(line, text_width) if line else [0]
        for i, relative in enumerate(row_starts):
            row_end = row_starts[i + 1] if i + 1 < len(row_starts) else len(line)
            self.text_rows.append(len(self.starts))
            self.text_starts.append(start + relative)
            self.starts.append(start + relative)
            self.ends.append(start + row_end)
            self.blocks.append(index)

    def _finish_breaks(self) -> None:
        """Pages after the last text (empty pages at the end) still get their rule."""
        while self._next_break < len(self._breaks):
            self._add_page_row(*self._breaks[self._next_break])
            self._next_break += 1


def _page_breaks(document: Document) -> list[tuple[int, str]]:
    """(offset, label) of each page start; of pages starting at one offset (pages with no
    text before one that has some), the last, whose text follows."""
    breaks: dict[int, str] = {}
    for page in document.pages:
        breaks[page.start] = page.label
    return sorted(breaks.items())


def _spacing_before(previous: Block | None, block: Block) -> int:
    if previous is None:
        return 0
    if block.kind == LIST_ITEM and previous.kind == LIST_ITEM:
        return 0
    if block.kind == TABLE_ROW and previous.kind == TABLE_ROW:
        return 0
    return 1


def build_layout(document: Document, width: int) -> Layout:
    """Wrap every block of `document` for a view `width` cells wide."""
    return Layout(document, width).finish()
