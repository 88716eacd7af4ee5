"""The reading view: a Line-API widget that draws only the rows on screen.

The document is wrapped into a `Layout` once the width is known (and again on resize,
keeping the reading position); each visible row is rendered to a `Strip` on demand and
kept in an LRU cache. Every text segment carries its absolute text offset as Textual's
selection `offset` meta, so a mouse drag maps back to exact code-point offsets.

The widget never touches the library: it posts Messages, and the screen acts.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.selection import Selection
from textual.strip import Strip

from annotations.anchoring import trimmed
from annotations.model import ACTOR, CLAIM, QUESTION, Annotation
from annotations.textsafety import inert
from reader.document.layout import (
    BLANK,
    PAGE_ROW,
    RULE_ROW,
    TAB_CELLS,
    Layout,
    block_indent,
    clusters,
    marker_cells,
)
from reader.document.mark_index import MarkIndex
from reader.document.model import CODE, FOOTNOTE, HEADING, QUOTE, Block, Document
from reader.document.navigation import (
    Sentences,
    word_at,
)
from reader.widgets.article_view_moving import CursorMoving
from reader.widgets.article_view_suggestions import Offered
from reader.widgets.styling import component_style

LAYOUT_STEP = 0.004
"""Seconds of wrapping per step while the rest of a book is wrapped after the first paint."""

_INLINE_CLASSES = {"code": "article-view--inline-code", "link": "article-view--link",
                   "image": "article-view--image"}
_INLINE_STYLES = {"em": Style(italic=True), "strong": Style(bold=True),
                  "strike": Style(strike=True)}
_KIND_CLASSES = {CLAIM: "article-view--claim", ACTOR: "article-view--actor",
                 QUESTION: "article-view--question"}


class ArticleView(CursorMoving, ScrollView, can_focus=True, inherit_bindings=False):
    """One article, word-wrapped, with a cursor, a selection and highlighted marks."""

    ALLOW_SELECT = True

    COMPONENT_CLASSES = {
        "article-view--cursor",
        "article-view--cursor-unfocused",
        "article-view--selection",
        "article-view--match",
        "article-view--claim",
        "article-view--actor",
        "article-view--question",
        "article-view--tag",
        "article-view--overlap",
        "article-view--h1",
        "article-view--h2",
        "article-view--h3",
        "article-view--code",
        "article-view--inline-code",
        "article-view--link",
        "article-view--image",
        "article-view--quote",
        "article-view--quote-bar",
        "article-view--marker",
        "article-view--rule",
        "article-view--page-rule",
        "article-view--footnote",
        "article-view--suggestion",
    }

    BINDINGS = [
        Binding("left,h", "move('char', -1)", "Left", show=False, id="reader.left"),
        Binding("right,l", "move('char', 1)", "Right", show=False, id="reader.right"),
        Binding("up,k", "move('line', -1)", "Up", show=False, id="reader.up"),
        Binding("down,j", "move('line', 1)", "Down", show=False, id="reader.down"),
        Binding("w", "move('word', 1)", "Next word", show=False, id="reader.word-next"),
        Binding("b", "move('word', -1)", "Previous word", show=False, id="reader.word-previous"),
        Binding(")", "move('sentence', 1)", "Next sentence", show=False,
                id="reader.sentence-next"),
        Binding("(", "move('sentence', -1)", "Previous sentence", show=False,
                id="reader.sentence-previous"),
        Binding("}", "move('paragraph', 1)", "Next paragraph", show=False,
                id="reader.paragraph-next"),
        Binding("{", "move('paragraph', -1)", "Previous paragraph", show=False,
                id="reader.paragraph-previous"),
        Binding("g,home", "move('document', -1)", "Top", show=False, id="reader.top"),
        Binding("G,end", "move('document', 1)", "Bottom", show=False, id="reader.bottom"),
        Binding("pagedown,space", "move('page', 1)", "Page down", show=False,
                id="reader.page-down"),
        Binding("pageup", "move('page', -1)", "Page up", show=False, id="reader.page-up"),
        Binding("shift+left", "move('char', -1, True)", "Select left", show=False,
                id="reader.select-left"),
        Binding("shift+right", "move('char', 1, True)", "Select right", show=False,
                id="reader.select-right"),
        Binding("shift+up", "move('line', -1, True)", "Select up", show=False,
                id="reader.select-up"),
        Binding("shift+down", "move('line', 1, True)", "Select down", show=False,
                id="reader.select-down"),
        Binding("v", "toggle_selection", "Select", show=False, id="reader.select"),
        Binding("c", "mark('claim')", "Claim", id="reader.mark-claim"),
        Binding("a", "mark('actor')", "Actor", id="reader.mark-actor"),
        Binding("q", "mark('question')", "Question", id="reader.mark-question"),
        Binding("t", "mark_tag", "Tag", show=False, id="reader.mark-tag"),
        Binding("e", "edit_mark", "Edit", id="reader.edit"),
        Binding("x", "delete_mark", "Delete", show=False, id="reader.delete"),
        Binding("]", "jump_mark(1)", "Next mark", show=False, id="reader.mark-next"),
        Binding("[", "jump_mark(-1)", "Previous mark", show=False, id="reader.mark-previous"),
        Binding("S", "toggle_suggestions", "Suggestions", show=False, id="reader.suggestions"),
        Binding("A", "choose_suggestion(True)", "Accept suggestion", show=False,
                id="reader.accept-suggestion"),
        Binding("R", "choose_suggestion(False)", "Reject suggestion", show=False,
                id="reader.reject-suggestion"),
        Binding("y", "copy(False)", "Copy quote", id="reader.copy"),
        Binding("Y", "copy(True)", "Copy reference", show=False, id="reader.copy-reference"),
    ]

    DEFAULT_CSS = """
    ArticleView {
        overflow-x: hidden;
        overflow-y: auto;
        scrollbar-gutter: stable;
    }
    """

    cursor: reactive[int] = reactive(0, always_update=True, init=False)

    # -- messages ----------------------------------------------------------------------

    @dataclass
    class MarkRequested(Message):
        """Mark `start..end` as `kind` (empty `kind`: ask which tag)."""

        view: ArticleView
        kind: str
        start: int
        end: int

    @dataclass
    class EditRequested(Message):
        view: ArticleView
        annotation: Annotation

    @dataclass
    class DeleteRequested(Message):
        view: ArticleView
        annotation: Annotation

    @dataclass
    class CopyRequested(Message):
        """Copy a quote (`start..end`, or a mark) with its citation, or the reference alone."""

        view: ArticleView
        start: int
        end: int
        annotation: Annotation | None
        reference_only: bool

    @dataclass
    class CursorMoved(Message):
        view: ArticleView
        offset: int

    @dataclass
    class SuggestionsToggled(Message):
        """`S`: show the suggestions (found first, when they are not yet) or hide them."""

        view: ArticleView

    @dataclass
    class SuggestionChosen(Message):
        """`A` accepts the suggestion under the cursor, `R` rejects it."""

        view: ArticleView
        suggestion: object
        accept: bool

    @dataclass
    class Notice(Message):
        """Something to tell the reader (nothing to mark, no mark under the cursor…)."""

        view: ArticleView
        text: str

    # -- state -------------------------------------------------------------------------

    def __init__(self, document: Document, marks: MarkIndex | None = None, *,
                 language: str = "en", tag_colours: dict[str, str] | None = None,
                 name: str | None = None, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.document = document
        self.marks = marks if marks is not None else MarkIndex()
        self.tag_colours = tag_colours or {}
        self.sentences = Sentences(document, language)
        self.rows: Layout | None = None
        self.selection_anchor: int | None = None
        """The fixed end of the selection; None when nothing is selected."""
        self.extending = False
        """True between a `v` that starts a selection and the `v` that ends it."""
        self.matches: list[tuple[int, int]] = []
        self._match_starts: list[int] = []
        self._goal_column: int | None = None
        self._row_cache: LRUCache[int, Strip] = LRUCache(1024)
        self._style_cache: dict[object, Style] = {}
        self._part_styles: dict[str, Style] = {}
        self._span_starts = [s.start for s in document.spans]
        self._span_reach = max((s.end - s.start for s in document.spans), default=0)
        self._offered = Offered()
        self.show_suggestions = False
        """Whether the suggestions are drawn (and `A`, `R` reach them)."""
        self._focused = False
        self.shown_authors: frozenset[str] | None = None
        """Only these authors' marks are drawn and reachable ("my marks only"); None: all."""
        self.author_colours: dict[str, str] = {}
        """Author → colour of a mark's text and underline, when colours by author are on."""

    @property
    def text(self) -> str:
        return self.document.text

    @property
    def selection(self) -> tuple[int, int] | None:
        """The selected span, start before end, or None."""
        return _span(self.selection_anchor, self.cursor)

    # -- layout ------------------------------------------------------------------------

    def _text_width(self) -> int:
        return max(1, self.scrollable_content_region.width or self.size.width)

    def on_resize(self, event: events.Resize) -> None:
        self.relayout()

    def relayout(self) -> None:
        """Wrap for the current width, keeping the top visible text at the top.

        Only the rows up to the first screen are wrapped now; the rest follows in small
        steps after the first paint (`_continue_layout`), or at once where a move needs it.
        """
        width = self._text_width()
        if self.rows is not None and self.rows.width == width:
            return
        top_offset = None
        if self.rows is not None and self.rows.height:
            top = min(self.scroll_offset.y, self.rows.height - 1)
            top_offset = self.rows.starts[self.rows.nearest_text_row(top)]
        self.rows = Layout(self.document, width)
        self._row_cache.clear()
        screen_rows = (self.scrollable_content_region.height or self.size.height or 50) * 2
        top_y = 0
        if top_offset is not None:
            top_y = self.rows.y_of(top_offset)
        self.rows.ensure_rows(top_y + screen_rows)
        self.virtual_size = Size(width, self.rows.estimated_height)
        if top_offset is not None:
            self.scroll_to(y=top_y, animate=False, immediate=True)
        if not self.rows.complete:
            self.call_after_refresh(self._continue_layout, self.rows)

    def _continue_layout(self, rows: Layout) -> None:
        # In steps of a few milliseconds: a key pressed meanwhile waits no longer than
        # that, and the first step (which Textual may run before the first paint when
        # the app starts straight in an article) does not hold up the first screen.
        if rows is not self.rows:
            return  # a resize started a newer layout
        if rows.extend_for(LAYOUT_STEP):
            self.virtual_size = Size(rows.width, rows.height)
            self.refresh()
        else:
            self.set_timer(0.001, lambda: self._continue_layout(rows))

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._part_styles.clear()
        self._style_cache.clear()
        self._row_cache.clear()

    def redraw(self) -> None:
        """Draw every row afresh (marks, selection, focus or matches changed)."""
        self._row_cache.clear()
        self.refresh()

    def refresh_marks(self) -> None:
        """Redraw after marks were added, removed or changed."""
        self.redraw()

    @property
    def suggestions(self) -> Offered:
        """Suggestions (annotations/suggestions) drawn softly while `show_suggestions`."""
        return self._offered

    def set_suggestions(self, suggestions: Offered | Iterable, show: bool = True) -> None:
        """Offer these suggestions: an `Offered` made in the worker that found them is
        swapped in as it is; a plain list is sorted here."""
        self._offered = suggestions if isinstance(suggestions, Offered) else Offered(suggestions)
        self.show_suggestions = show
        self.redraw()

    def show_offered(self, show: bool) -> None:
        """Draw the suggestions, or hide them: a flag, the suggestions kept for the next S."""
        if show != self.show_suggestions:
            self.show_suggestions = show
            self.redraw()

    def suggestions_between(self, start: int, end: int) -> list:
        """Suggestions touching `start..end`, when they are shown."""
        return self._offered.touching(start, end) if self.show_suggestions else []

    def suggestion_under_cursor(self):
        """The innermost shown suggestion at the cursor (or just before it)."""
        if not self.show_suggestions:
            return None
        for offset in (self.cursor, self.cursor - 1):
            here = self._offered.innermost_at(offset)
            if here is not None:
                return here
        return None

    def set_authors(self, shown: frozenset[str] | None, colours: dict[str, str]) -> None:
        """Draw only the marks of `shown` (None: everyone's), in their author's colour."""
        self.shown_authors, self.author_colours = shown, colours
        self._style_cache.clear()
        self.redraw()

    def _by_shown_authors(self, marks: list[Annotation]) -> list[Annotation]:
        shown = self.shown_authors
        return marks if shown is None else [m for m in marks if m.author in shown]

    def set_matches(self, matches: list[tuple[int, int]]) -> None:
        self.matches = matches
        self._match_starts = [m[0] for m in matches]
        self.redraw()

    # -- rendering ---------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if width > 0 and (self.rows is None or self.rows.width != width):
            # The first paint comes before the Resize event; and the scrollbar may come
            # or go without one.
            self.relayout()
        row = self.scroll_offset.y + y
        if self.rows is not None:
            self.rows.ensure_rows(row + 2)
        if self.rows is None or row >= self.rows.height:
            return Strip.blank(width, self._base_style())
        strip = self._row_cache.get(row)
        if strip is None:
            strip = self._render_row(row, width)
            self._row_cache[row] = strip
        return strip

    def _base_style(self) -> Style:
        """The widget's own style, kept: working it out walks the DOM, once per row is slow."""
        style = self._part_styles.get("")
        if style is None:
            style = self._part_styles[""] = self.rich_style
        return style

    def _component(self, name: str) -> Style:
        style = self._part_styles.get(name)
        if style is None:
            style = self._part_styles[name] = component_style(self, name)
        return style

    def _render_row(self, row: int, width: int) -> Strip:
        assert self.rows is not None
        base = self._base_style()
        kind = self.rows.blocks[row]
        start, end = self.rows.starts[row], self.rows.ends[row]
        offset_meta = Style.from_meta({"offset": (start, row)})
        if kind == BLANK:
            return Strip([Segment(" ", base + offset_meta), Segment(" " * (width - 1), base)],
                         width)
        if kind == RULE_ROW:
            rule = base + self._component("article-view--rule")
            return Strip([Segment("─" * width, rule + offset_meta)], width)
        if kind == PAGE_ROW:
            return self._page_rule(row, width, base, offset_meta)
        block = self.document.blocks[kind]
        block_style = base + self._block_style(block)
        segments = self._decoration(block, start, row, base, block_style)
        used = sum(s.cell_length for s in segments)
        segments += self._text_segments(block, start, end, row, block_style, width - used)
        used = sum(s.cell_length for s in segments)
        if self.cursor == end and self.selection_anchor is None and self._is_last_row_of_line(row) \
                and used < width:
            cursor = "article-view--cursor" if self._focused else "article-view--cursor-unfocused"
            segments.append(Segment(" ", block_style + self._component(cursor) + Style.from_meta(
                {"offset": (end, row)})))
            used += 1
        if used < width:
            fill = block_style if block.kind == CODE else base
            segments.append(Segment(" " * (width - used), fill))
        return Strip(segments, width)

    def _page_rule(self, row: int, width: int, base: Style, offset_meta: Style) -> Strip:
        """`── p. 12 ───…`: where a printed page begins."""
        assert self.rows is not None
        rule = base + self._component("article-view--page-rule")
        label = inert(f" p. {self.rows.page_labels.get(row, '?')} ")
        lead = "──"
        tail = "─" * max(0, width - len(lead) - len(label))
        return Strip([Segment(f"{lead}{label}{tail}"[:width], rule + offset_meta)], width)

    def _is_last_row_of_line(self, row: int) -> bool:
        """False when the next row continues this line (its end offset is drawn there).

        A page rule inside a paragraph does not end the line: the text goes on below it.
        """
        assert self.rows is not None
        next_row = row + 1
        self.rows.ensure_rows(next_row + 1)
        while next_row < self.rows.height and self.rows.blocks[next_row] == PAGE_ROW:
            next_row += 1
            self.rows.ensure_rows(next_row + 1)
        return not (next_row < self.rows.height and self.rows.blocks[next_row] >= 0
                    and self.rows.starts[next_row] == self.rows.ends[row])

    def _last_cursor_offset(self, row: int) -> int:
        assert self.rows is not None
        end = self.rows.ends[row]
        return end if self._is_last_row_of_line(row) else max(self.rows.starts[row], end - 1)

    def _block_style(self, block: Block) -> Style:
        if block.kind == HEADING:
            return self._component(f"article-view--h{min(block.level, 3)}")
        if block.kind == CODE:
            return self._component("article-view--code")
        if block.kind == QUOTE or (block.quote_depth and block.kind != CODE):
            return self._component("article-view--quote")
        if block.kind == FOOTNOTE:
            return self._component("article-view--footnote")
        return Style()

    def _decoration(self, block: Block, start: int, row: int, base: Style,
                    block_style: Style) -> list[Segment]:
        """Quote bars, list indents and markers: each cell maps to the row's first offset."""
        meta = Style.from_meta({"offset": (start, row)})
        cells: list[tuple[str, Style]] = []
        bar = base + self._component("article-view--quote-bar")
        for _ in range(block.quote_depth):
            cells += [("▌", bar), (" ", base)]
        if block.list_depth:
            cells += [(" ", base)] * (2 * (block.list_depth - 1))
            first_row = start == block.start
            marker = block.marker if first_row else ""
            width = marker_cells(block)
            text = marker.ljust(width)[:width] if marker else " " * width
            marker_style = base + self._component("article-view--marker")
            cells += [(ch, marker_style) for ch in text]
        if block.kind == CODE:
            cells += [(" ", block_style)] * 2
        assert len(cells) == block_indent(block)
        return [Segment(ch, style + meta) for ch, style in cells]

    def _text_segments(self, block: Block, start: int, end: int, row: int, block_style: Style,
                       room: int) -> list[Segment]:
        text = self.text
        boundaries = {start, end}
        spans = self._spans_between(block, start, end)
        for span in spans:
            boundaries.update((max(start, span.start), min(end, span.end)))
        marks = self._by_shown_authors(self.marks.overlapping(start, end)) if len(self.marks) else []
        for mark in marks:
            boundaries.update((max(start, mark.start), min(end, mark.end)))
        matches = self._matches_between(start, end)
        for m_start, m_end in matches:
            boundaries.update((max(start, m_start), min(end, m_end)))
        suggested = [(s.start, s.end) for s in self.suggestions_between(start, end)]
        for s_start, s_end in suggested:
            boundaries.update((max(start, s_start), min(end, s_end)))
        cursor = self.cursor  # a reactive: read once, not once per piece
        selection = _span(self.selection_anchor, cursor)
        if selection:
            boundaries.update((min(end, max(start, selection[0])), min(end, max(start, selection[1]))))
        if start <= cursor < end:
            boundaries.update((cursor, cursor + 1))
        points = sorted(b for b in boundaries if start <= b <= end)
        segments: list[Segment] = []
        used = 0
        block_key = (block.kind, block.level, block.quote_depth)
        for piece_start, piece_end in zip(points, points[1:], strict=False):
            style = self._piece_style(piece_start, block_key, block_style, spans, marks, matches,
                                      selection, cursor, suggested)
            piece = text[piece_start:piece_end]
            for segment in self._piece_segments(piece, piece_start, row, style):
                cells = segment.cell_length
                if used + cells > room:
                    # Wider than the row (a trailing space, tabs): keep what fits.
                    head, _ = segment.split_cells(room - used)
                    if head.text:
                        segments.append(head)
                    return segments
                segments.append(segment)
                used += cells
        return segments

    def _piece_segments(self, piece: str, offset: int, row: int, style: Style) -> list[Segment]:
        """Segments for one evenly styled run; a tab becomes spaces mapped to its offset."""
        shown = inert(piece).replace("\n", " ")
        if "\t" not in piece:
            return [Segment(shown, style + Style.from_meta({"offset": (offset, row)}))]
        segments = []
        for s, e, _ in clusters(piece):
            meta = style + Style.from_meta({"offset": (offset + s, row)})
            if piece[s] == "\t":
                segments.extend(Segment(" ", meta) for _ in range(TAB_CELLS))
            else:
                segments.append(Segment(shown[s:e], meta))
        return segments

    def _spans_between(self, block: Block, start: int, end: int) -> list:
        """Inline styles touching `start..end`: only spans that start within the longest
        span's reach of the row are looked at, however long the paragraph."""
        spans = self.document.spans
        found = []
        i = bisect_left(self._span_starts, end) - 1
        floor = max(block.start, start - self._span_reach)
        while i >= 0 and spans[i].start >= floor:
            if spans[i].end > start:
                found.append(spans[i])
            i -= 1
        return found

    def _matches_between(self, start: int, end: int) -> list[tuple[int, int]]:
        if not self.matches:
            return []
        i = max(0, bisect_right(self._match_starts, start) - 1)
        found = []
        while i < len(self.matches) and self.matches[i][0] < end:
            if self.matches[i][1] > start:
                found.append(self.matches[i])
            i += 1
        return found

    def _piece_style(self, offset: int, block_key: tuple, block_style: Style, spans: list,
                     marks: list[Annotation], matches: list[tuple[int, int]],
                     selection: tuple[int, int] | None, cursor: int,
                     suggested: list[tuple[int, int]] = ()) -> Style:  # type: ignore[assignment]
        inline = tuple(sorted({s.style for s in spans if s.start <= offset < s.end}))
        in_suggestion = any(s <= offset < e for s, e in suggested)
        covering = [m for m in marks if m.start <= offset < m.end]
        # The innermost mark shows its colour, so a mark inside another stays visible.
        inner = min(covering, key=lambda m: m.end - m.start) if covering else None
        mark_key = (inner.kind if inner else "", len(covering) > 1,
                    self.author_colours.get(inner.author, "") if inner else "")
        in_match = any(s <= offset < e for s, e in matches)
        in_selection = bool(selection and selection[0] <= offset < selection[1])
        at_cursor = offset == cursor
        key = (block_key, inline, mark_key, in_match, in_selection, at_cursor, self._focused,
               in_suggestion)
        style = self._style_cache.get(key)
        if style is None:
            style = block_style
            for name in inline:
                style += _INLINE_STYLES.get(name) or self._component(_INLINE_CLASSES[name])
            if mark_key[0]:
                style += self._mark_style(mark_key[0])
                if mark_key[1]:
                    style += self._component("article-view--overlap")
                if mark_key[2]:
                    style += Style(color=mark_key[2], underline=True)
            if in_suggestion:
                style += self._component("article-view--suggestion")
            if in_match:
                style += self._component("article-view--match")
            if in_selection:
                style += self._component("article-view--selection")
            if at_cursor:
                style += self._component(
                    "article-view--cursor" if self._focused else "article-view--cursor-unfocused")
            self._style_cache[key] = style
        return style

    def _mark_style(self, kind: str) -> Style:
        if kind in _KIND_CLASSES:
            return self._component(_KIND_CLASSES[kind])
        colour = self.tag_colours.get(kind)
        if colour:
            from textual.color import Color

            background = self.styles.background if self.styles.background.a else Color(0, 0, 0)
            try:
                tint = background.blend(Color.parse(colour), 0.45)
            except Exception:
                return self._component("article-view--tag")
            return Style(bgcolor=tint.rich_color)
        return self._component("article-view--tag")

    # -- cursor and selection ------------------------------------------------------------

    def on_focus(self) -> None:
        self._focused = True  # kept, not asked: `has_focus` walks the DOM, once per piece
        self.redraw()

    def on_blur(self) -> None:
        self._focused = False
        self.redraw()

    def watch_cursor(self, old: int, new: int) -> None:
        self._refresh_offsets(old, new)
        self.scroll_cursor_visible()
        self.post_message(self.CursorMoved(self, new))

    def _refresh_offsets(self, *offsets: int) -> None:
        if self.rows is None:
            return
        rows = {self.rows.y_of(o) for o in offsets}
        selection_rows = set()
        if self.selection_anchor is not None:
            low, high = sorted((self.rows.y_of(self.selection_anchor), self.rows.y_of(self.cursor)))
            selection_rows = set(range(low, high + 1))
        for row in rows | selection_rows:
            self._row_cache.discard(row)
            self._row_cache.discard(row - 1)
            self._row_cache.discard(row + 1)
        self.refresh()

    def scroll_cursor_visible(self, center: bool = False) -> None:
        if self.rows is None:
            return
        y = self.rows.y_of(self.cursor)
        top, height = self.scroll_offset.y, self.scrollable_content_region.height or 1
        if center and not top <= y < top + height:
            self.scroll_to(y=max(0, y - height // 3), animate=False, immediate=True)
        elif y < top:
            self.scroll_to(y=y, animate=False, immediate=True)
        elif y >= top + height:
            self.scroll_to(y=y - height + 1, animate=False, immediate=True)

    def go_to(self, offset: int, center: bool = True) -> None:
        """Put the cursor at `offset` (clearing the selection) and bring it into view."""
        self.clear_selection()
        self.cursor = self._clamp(offset)
        self.scroll_cursor_visible(center=center)

    def select_span(self, start: int, end: int) -> None:
        self.selection_anchor = self._clamp(start)
        self.extending = False
        self.cursor = self._clamp(end)
        self.redraw()

    def clear_selection(self) -> bool:
        """Drop the selection; False when there was none."""
        had = self.selection_anchor is not None
        self.selection_anchor = None
        self.extending = False
        if self.is_mounted and self.screen.selections.get(self) is not None:
            self.screen.clear_selection()
        if had:
            self._row_cache.clear()
            self.refresh()
        return had

    def _clamp(self, offset: int) -> int:
        return max(0, min(offset, len(self.text)))

    def action_toggle_selection(self) -> None:
        if self.extending:
            self.extending = False  # the selection stays; moves no longer change it
            self.redraw()
            return
        self.selection_anchor = self.cursor
        self.extending = True
        self.redraw()

    def span_to_mark(self) -> tuple[int, int] | None:
        """The selection, or else the sentence under the cursor, trimmed of whitespace."""
        span = self.selection or self.sentences.at(self.cursor)
        if span is None:
            return None
        start, end = trimmed(self.text, *span)
        return (start, end) if end > start else None

    # -- actions that ask the screen -------------------------------------------------------

    def action_mark(self, kind: str) -> None:
        span = self.span_to_mark()
        if span is None:
            self.post_message(self.Notice(self, "Nothing to mark here: select some text first."))
            return
        self.post_message(self.MarkRequested(self, kind, *span))

    def action_mark_tag(self) -> None:
        self.action_mark("")

    def mark_under_cursor(self) -> Annotation | None:
        found = self._by_shown_authors(self.marks.at(self.cursor))
        if not found and self.cursor > 0:
            found = self._by_shown_authors(self.marks.at(self.cursor - 1))
        return found[0] if found else None

    def action_edit_mark(self) -> None:
        mark = self.mark_under_cursor()
        if mark is None:
            self.post_message(self.Notice(self, "No mark under the cursor: move onto a highlight."))
            return
        self.post_message(self.EditRequested(self, mark))

    def action_delete_mark(self) -> None:
        mark = self.mark_under_cursor()
        if mark is None:
            self.post_message(self.Notice(self, "No mark under the cursor to delete."))
            return
        self.post_message(self.DeleteRequested(self, mark))

    def action_jump_mark(self, direction: int) -> None:
        if self.shown_authors is None:
            found = (self.marks.next_after(self.cursor) if direction > 0
                     else self.marks.previous_before(self.cursor))
        else:
            found = self._next_shown_mark(direction)
        if found is None:
            self.post_message(self.Notice(self, "No more marks that way."))
            return
        self.go_to(found.start)

    def _next_shown_mark(self, direction: int) -> Annotation | None:
        """The next mark of a shown author: a walk over the marks, as two coders' marks
        often start at one offset and the index's steps would pass the second."""
        cursor, shown = self.cursor, self.shown_authors or frozenset()
        placed = [m for m in self.marks if not m.orphaned and m.author in shown]
        if direction > 0:
            return next((m for m in placed if m.start > cursor), None)
        return next((m for m in reversed(placed) if m.start < cursor), None)

    def action_toggle_suggestions(self) -> None:
        self.post_message(self.SuggestionsToggled(self))

    def action_choose_suggestion(self, accept: bool) -> None:
        suggestion = self.suggestion_under_cursor()
        if suggestion is None:
            shown = "S shows them" if not self.show_suggestions else "move onto an underlined one"
            self.post_message(self.Notice(self, f"No suggestion under the cursor: {shown}."))
            return
        self.post_message(self.SuggestionChosen(self, suggestion, accept))

    def action_copy(self, reference_only: bool) -> None:
        selection = self.selection
        mark = None if selection else self.mark_under_cursor()
        start, end = selection or ((mark.start, mark.end) if mark else (self.cursor, self.cursor))
        self.post_message(self.CopyRequested(self, start, end, mark, reference_only))

    # -- mouse selection (Textual's hooks) -------------------------------------------------

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        start, end = self._selection_offsets(selection)
        return self.text[start:end], "\n"

    def _selection_offsets(self, selection: Selection) -> tuple[int, int]:
        """Textual's selection carries our absolute offsets as x (end exclusive)."""
        start = selection.start.x if selection.start is not None else 0
        end = selection.end.x if selection.end is not None else len(self.text)
        start, end = self._clamp(start), self._clamp(end)
        return (start, end) if start <= end else (end, start)

    def selection_updated(self, selection: Selection | None) -> None:
        if selection is None:
            return
        if selection.start is None and selection.end is None:
            return  # "select all" from a double or triple click: handled in on_click
        start, end = self._selection_offsets(selection)
        if end > start:
            self.selection_anchor, self.extending = start, False
            self.cursor = end
            self._row_cache.clear()
            self.refresh()

    def text_select_all(self) -> None:
        """Textual's double click selects a whole widget; a reader wants the word."""

    def on_click(self, event: events.Click) -> None:
        offset = self._offset_at_event(event)
        if offset is None:
            return
        if event.chain == 2:
            word = word_at(self.text, offset)
            if word:
                self.screen.clear_selection()
                self.select_span(*word)
        elif event.chain == 3:
            block = self.document.block_at(offset)
            if block:
                self.screen.clear_selection()
                self.select_span(block.start, block.end)
        elif event.chain == 1 and self.screen.selections.get(self) is None:
            self.go_to(offset, center=False)  # a plain click; a drag has selected instead

    def _offset_at_event(self, event: events.MouseEvent) -> int | None:
        """The text offset under the mouse, by the same mapping Textual's selection uses."""
        widget, offset = self.screen.get_widget_and_offset_at(event.screen_x, event.screen_y)
        if widget is not self or offset is None:
            return None
        return self._clamp(offset.x)


def _span(anchor: int | None, cursor: int) -> tuple[int, int] | None:
    """The selection between the anchor and the cursor, start first; None when empty."""
    if anchor is None or anchor == cursor:
        return None
    return (min(anchor, cursor), max(anchor, cursor))
