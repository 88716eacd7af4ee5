"""Lines in reading order to blocks: headings, paragraphs and footnotes, page by page.

A new paragraph starts where the lines say so: a gap wider than the usual leading, a
first line indented against its column (and not the first of an indented passage), a
list marker, a change of size. A previous line that stops short of the column's edge
although the next word would have fit there says so too, but only in a document whose
paragraphs are not marked by first-line indents: where they are, a line ending short
is ragged-right setting, or a sentence that happened to end there, unless the next line
is indented. A paragraph that runs on to the next page (or column) is continued there,
unless footnotes stand between: its part on the next page says what it `joins` with.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import NamedTuple

from reader.importing.pdf.footnotes import PageParts, spaced_marker, split_footnotes
from reader.importing.pdf.hyphens import HYPHENS, Glue, Vocabulary, glue, is_cjk
from reader.importing.pdf.lines import Line
from reader.importing.pdf.reading_order import Flow
from reader.importing.pdf.styles import Styles

HEADING = "heading"
PARAGRAPH = "paragraph"
FOOTNOTE = "footnote"

_PARAGRAPH_GAP = 1.35
"""A gap this many times the usual leading, or more, separates paragraphs."""
_INDENT = 0.7
"""A first-line indent is at least this many ems."""
_SAME_INDENT = 0.35
_CHARACTER_WIDTH = 0.55
"""A generous average character width, in ems: a word this wide would have fit."""
_AVERAGE_CHARACTER_WIDTH = 0.45
"""A roman font's average character width, in ems."""
_SIZE_CHANGE = 0.08
"""Lines set in sizes this far apart are not one paragraph (an abstract, then the text)."""
_MAX_HEADING_CHARS = 200
_LIST_MARKER = re.compile(r"[•◦▪▫‣●○■□►–—*]\s|\(?(?:\d{1,2}|[a-z]|[ivx]{1,4})[.)]\s")
_FIRST_WORD = re.compile(r"\S+")


class Block(NamedTuple):
    kind: str
    text: str
    level: int = 0
    joins: str | None = None
    """On a page's first block continuing the last page's last paragraph: the glue."""


class Edges(NamedTuple):
    """Where a column's lines start and end on a page."""

    left: float
    right: float


class _Seen(NamedTuple):
    """A line written, with what the next line is judged against."""

    line: Line
    edges: Edges
    kind: str
    flow: int


def page_blocks(pages: list[list[Flow]], styles: Styles, words: Vocabulary) -> list[list[Block]]:
    """Each page's blocks, in reading order, footnotes after the body."""
    split = [split_footnotes(flows, styles) for flows in pages]
    edges = [_column_edges(parts.flows) for parts in split]
    writer = _BlockWriter(len(pages), styles, words,
                          indents=_marks_by_indent(split, edges, styles))
    for number, (parts, page_edges) in enumerate(zip(split, edges, strict=True)):
        for flow in parts.flows:
            writer.write_flow(number, flow, page_edges[flow.column])
        if parts.footnotes:
            writer.close()
            for note in parts.footnotes:
                writer.write_footnote(number, note)
    writer.close()
    return writer.pages


class _BlockWriter:
    def __init__(self, count: int, styles: Styles, words: Vocabulary, indents: bool) -> None:
        self.pages: list[list[Block]] = [[] for _ in range(count)]
        self.styles = styles
        self.words = words
        self.indents = indents
        """The document marks its paragraphs by first-line indents."""
        self.last: _Seen | None = None
        self.flows = 0
        self.kind = ""
        self.level = 0
        self.first: Line | None = None
        """The open block's first line."""
        self.segments: list[tuple[int, list[str], str | None]] = []
        """The open block's parts: (page, texts, glue to the page before)."""

    def write_flow(self, page: int, flow: Flow, edges: Edges) -> None:
        self.flows += 1
        lines = flow.lines
        for index, line in enumerate(lines):
            following = lines[index + 1] if index + 1 < len(lines) else None
            kind = self._kind(line, edges, lines[index - 1] if index else None, following)
            seen = _Seen(line, edges, kind, self.flows)
            if self.last is None or not self.segments or self._starts_block(seen, following):
                self.close()
                self.kind = kind
                self.level = self._level(line, kind)
                self.first = line
                self.segments = [(page, [line.text], None)]
            else:
                self._append(page, line.text)
            self.last = seen

    def write_footnote(self, page: int, lines: list[Line]) -> None:
        texts = [line.text for line in lines]
        parts = [texts[0]]
        for text in texts[1:]:
            parts = _glued(parts, glue(parts[-1], text, self.words), text)
        self.pages[page].append(Block(FOOTNOTE, spaced_marker("".join(parts))))

    def close(self) -> None:
        for page, parts, joins in self.segments:
            text = "".join(parts).strip()
            if text:
                level = self.level if self.kind == HEADING else 0
                self.pages[page].append(Block(self.kind, text, level, joins))
        self.segments = []
        self.last = None

    def _append(self, page: int, text: str) -> None:
        assert self.last is not None
        between = glue(self.last.line.text, text, self.words)
        last_page, parts, joins = self.segments[-1]
        if page == last_page:
            self.segments[-1] = (page, _glued(parts, between, text), joins)
            return
        if between.drop:
            parts[-1] = parts[-1][:-between.drop]
        self.segments.append((page, [text], between.text))

    # -- what a line is --------------------------------------------------------------

    def _kind(self, line: Line, edges: Edges, before: Line | None, after: Line | None) -> str:
        text = line.text
        if len(text) > _MAX_HEADING_CHARS:
            return PARAGRAPH
        if not self.styles.is_heading_size(line) \
                and not _is_bold_heading(line, text, edges, before, after):
            return PARAGRAPH
        if self.kind == HEADING and self.last is not None and self.last.line is before:
            return HEADING  # the heading's next line, however short ("costs")
        # A large letter alone is no heading: a drop capital, a figure's label.
        return HEADING if sum(c.isalpha() for c in text[:40]) >= 2 else PARAGRAPH

    def _hangs_under_marker(self, line: Line) -> bool:
        """The line is in further than the open block's first line, which starts with a
        list marker: the item's next line, set under its text ("• Thread-safety. No
        global…" / "handles may be used…"), not a new paragraph."""
        first = self.first
        return first is not None and bool(_LIST_MARKER.match(first.text)) \
            and line.x0 > first.x0 + _SAME_INDENT * line.size

    def _level(self, line: Line, kind: str) -> int:
        if kind != HEADING:
            return 0
        return self.styles.heading_level(line.size if self.styles.is_heading_size(line) else 0)

    def _starts_block(self, seen: _Seen, following: Line | None) -> bool:
        last = self.last
        assert last is not None
        a, b = last.line, seen.line
        if seen.kind != last.kind:
            return True
        size = max(a.size, b.size, 1.0)
        same_flow = seen.flow == last.flow
        if seen.kind == HEADING:
            return not (same_flow and abs(a.size - b.size) <= 0.04 * size
                        and 0 < a.y - b.y <= 2.0 * size)
        if abs(a.size - b.size) > _SIZE_CHANGE * size or _LIST_MARKER.match(b.text):
            return True
        passage = False
        if same_flow:
            gap = a.y - b.y
            if gap < -0.5 * size or gap > _PARAGRAPH_GAP * self.styles.leading * a.size:
                return True
            # An indented passage going on (a block quote): its lines are all in as far.
            # Where paragraphs are marked by indents, a block's indented first line and
            # another under it are two paragraphs' first lines, the first of one line.
            passage = a.x0 >= b.x0 - _SAME_INDENT * b.size \
                and b.x0 - seen.edges.left >= _INDENT * b.size \
                and not (self.indents and a is self.first)
        if not passage and not self._hangs_under_marker(b) \
                and _is_indented(b, seen.edges, following):
            return True
        if a.text.endswith(HYPHENS) and b.text[0].isalnum():
            return False  # a word broken over the lines: however short the first one is
        if not self.indents:
            return _ends_short(a, last.edges, b.text, _CHARACTER_WIDTH)
        if b.x0 - seen.edges.left < _INDENT * b.size:
            return False  # not indented where paragraphs are: the same paragraph goes on
        # Indented where paragraphs are, under a line that stopped short: a paragraph of
        # one line, then the next (an indented passage's lines fill theirs).
        return _ends_short(a, last.edges, b.text, _AVERAGE_CHARACTER_WIDTH)


def _glued(parts: list[str], between: Glue, text: str) -> list[str]:
    if between.drop:
        parts[-1] = parts[-1][:-between.drop]
    parts.append(between.text + text)
    return parts


def _is_indented(line: Line, edges: Edges, following: Line | None) -> bool:
    """A first-line indent: in from the column's edge, and the next line is not in as
    far (a hanging indent or an indented passage goes on at that depth)."""
    if line.x0 - edges.left < _INDENT * line.size:
        return False
    return following is None or abs(following.x0 - line.x0) > _SAME_INDENT * line.size


def _ends_short(line: Line, edges: Edges, next_text: str, width: float) -> bool:
    """The line stops short of the column's edge by more than the next word needed, its
    characters `width` ems wide."""
    if is_cjk(next_text[0]):
        needed = 1.5 * line.size  # a character is the unit a CJK line breaks at
    else:
        word = _FIRST_WORD.match(next_text)
        needed = ((len(word.group()) if word else 1) + 1) * width * line.size
    return edges.right - line.x1 > needed


def _is_bold_heading(line: Line, text: str, edges: Edges, before: Line | None,
                     after: Line | None) -> bool:
    """A short line in bold between lines that are not: a heading at the body's size."""
    if not line.bold or (before is not None and before.bold) or (after is not None and after.bold):
        return False
    if text.endswith((".", ",", ";", ":")) or not (text[0].isupper() or text[0].isdigit()):
        return False
    return text.count(" ") < 12 and edges.right - line.x1 > 0.2 * (edges.right - edges.left)


def _column_edges(flows: list[Flow]) -> dict[int, Edges]:
    """Per column of the page, where most of its lines start and end."""
    by_column: dict[int, list[Line]] = {}
    for flow in flows:
        by_column.setdefault(flow.column, []).extend(flow.lines)
    return {column: _edges(lines) for column, lines in by_column.items()}


def _edges(lines: list[Line]) -> Edges:
    # The left edge is where lines start again and again, furthest left: in paragraphs
    # of a line or two, as many lines may start at the indent as at the edge.
    starts = Counter(round(line.x0 / 2) * 2 for line in lines)
    often = [x for x, count in starts.items() if count >= max(2, len(lines) // 10)]
    left = min(often) if often else min(line.x0 for line in lines)
    ends = sorted(line.x1 for line in lines)
    # Justified text ends at one x, about as far as any line; ragged text at about its
    # longest lines' end (one line overshooting, a long URL, does not count when there
    # are enough lines). Ragged lines may end at one x as often as at any other (three
    # paragraphs set alike): that x is their edge only when no more lines reach past it.
    far = ends[int(0.9 * (len(ends) - 1))] if len(ends) >= 10 else ends[-1]
    right, count = Counter(round(x / 2) * 2 for x in ends).most_common(1)[0]
    if count < max(2, len(lines) // 4) or right < far - 2.0:
        return Edges(float(left), far)
    return Edges(float(left), float(right))


def _marks_by_indent(pages: list[PageParts], edges: list[dict[int, Edges]],
                     styles: Styles) -> bool:
    """Whether the document marks its paragraphs by first-line indents: lines in from
    their column's edge by one depth again and again, each followed by a line back at
    the edge, at least half as often as paragraphs are spaced apart (a document of
    spaced paragraphs with a line or two set in is not marked by them). A list item's
    lines set under its text, after its marker, are no first lines."""
    depths: Counter[int] = Counter()
    gaps = 0
    for parts, page_edges in zip(pages, edges, strict=True):
        for flow in parts.flows:
            left = page_edges[flow.column].left
            lines = [line for line in flow.lines if not styles.is_heading_size(line)]
            for above, line, below in zip([None, *lines], lines, lines[1:], strict=False):
                size = max(line.size, 1.0)
                if line.y - below.y > _PARAGRAPH_GAP * styles.leading * size:
                    gaps += 1
                under_item = above is not None and (
                    bool(_LIST_MARKER.match(above.text))
                    or abs(above.x0 - line.x0) <= _SAME_INDENT * size)
                if line.x0 - left >= _INDENT * size and below.x0 - left < _SAME_INDENT * size \
                        and not under_item:
                    depths[round(line.x0 - left)] += 1
    if not depths:
        return False
    _depth, count = depths.most_common(1)[0]
    return count >= 2 and 2 * count >= depths.total() and 2 * count >= gaps
