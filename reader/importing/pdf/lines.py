"""PDFium's text of a page as lines with their geometry, cut where a column gutter
runs through them.

Speed comes from asking PDFium little: the page's text in one call
(`FPDFText_GetText`, whose lines PDFium separates with CRLF), then a handful of calls
per line (its text rectangles, one character's matrix, three font sizes; the font's
name for a short line only) instead of several per character. Where the text and PDFium's
character list do not line up one to one (characters outside the BMP come as surrogate
pairs, a glyph without Unicode is left out), the text is read character by character:
slower, and exact.

When two columns are drawn line by line across the page, PDFium runs a left and a right
line together into one. Its rectangles still break at the gutter (they follow the PDF's
text objects), which is how the gutter is found (gutters.py) and such a line is cut in
two: at the space PDFium put between the halves, found from where the gap falls along
the line (a binary search over the characters' positions when that fails), once two
characters' positions confirm the gap is there.
"""

from __future__ import annotations

import ctypes
import math
import re
from typing import NamedTuple

import pypdfium2.raw as pdfium_c

from reader.importing.pdf.gutters import Gutter, column_of, find_gutters

SOFT_HYPHEN_MARKS = ("\ufffe", "\x02")
"""What PDFium puts in place of a hyphen it takes for a line-end hyphenation: U+FFFE in
`FPDFText_GetText`, U+0002 in `FPDFText_GetUnicode`. It then starts the next line
without a line break."""
_char_origin = pdfium_c.FPDFText_GetCharOrigin
_count_rects = pdfium_c.FPDFText_CountRects
_get_rect = pdfium_c.FPDFText_GetRect
_get_matrix = pdfium_c.FPDFText_GetMatrix
_font_size = pdfium_c.FPDFText_GetFontSize
_BREAKS = re.compile(r"\r\n|[\r\n]|[\ufffe\x02]")
_FONT_NAME_BYTES = 128
_BOLD_FLAG = 1 << 18  # ForceBold in a font descriptor's flags (PDF 32000-1, 9.8.2)
_BOLD_NAMES = (b"bold", b"black", b"heavy", b"semibold", b"demi")


class Line(NamedTuple):
    """One line of text as printed: in the page's reading frame, y upwards."""

    text: str
    """As PDFium gives it, a final hyphen (or PDFium's mark for one) kept; cleaned later
    (cleaning.readable_page)."""
    x0: float
    x1: float
    y: float
    """The baseline."""
    size: float
    """The font size in points, as drawn (the text and page matrices applied)."""
    bold: bool
    cut: bool = False
    """True when the line ends where a column gutter cut it (PDFium saw no line end)."""


class PageText(NamedTuple):
    index: int
    """1-based page number in the PDF."""
    lines: list[Line]
    gutters: tuple[Gutter, ...]
    """The column gutters, left to right (none on a one-column page)."""


class _RawLine(NamedTuple):
    start: int
    end: int
    """Character range in the text page (end exclusive), spaces trimmed."""
    text: str
    spans: list[tuple[float, float]]
    """The line's text rectangles as x intervals in the reading frame, sorted, merged."""
    y: float
    size: float
    angle: int
    """The text direction in degrees, rounded to a quarter turn; -1 when it is askew."""
    scale: float
    """How much the text and page matrices enlarge the font."""
    middle: int
    """A character in the middle of the line, not a space."""


def page_text(textpage, index: int) -> PageText:
    """The lines of one PDFium text page (an FPDF_TEXTPAGE), in PDFium's order, cut at
    column gutters."""
    reader = _TextPageReader(textpage)
    raws = reader.raw_lines()
    if not raws:
        return PageText(index, [], ())
    angle = _dominant_angle(raws)
    if angle:
        reader.angle = angle
        raws = reader.raw_lines()
    raws = [r for r in raws if r.angle == angle]
    sizes = sorted(r.size for r in raws)
    gutter_width = max(4.0, sizes[len(sizes) // 2])
    gutters = find_gutters([(a, b) for r in raws for a, b in _pieces(r.spans, gutter_width)],
                           gutter_width)
    lines = [part for raw in raws for part in reader.cut_at_gutters(raw, gutters, gutter_width)]
    if angle:
        # PDFium orders turned text its own way (bottom line first, at a quarter turn
        # clockwise): top to bottom as read is the order to keep.
        lines.sort(key=lambda part: (-part[0].y, part[0].x0))
    return PageText(index, reader.with_weights(lines, gutters), gutters)


def _dominant_angle(raws: list[_RawLine]) -> int:
    weights: dict[int, int] = {}
    for raw in raws:
        weights[raw.angle] = weights.get(raw.angle, 0) + raw.end - raw.start
    weights.pop(-1, None)
    return max(weights, key=weights.__getitem__) if weights else 0


def _pieces(spans: list[tuple[float, float]], gap: float) -> list[tuple[float, float]]:
    """The line's stretches of text between gaps wider than `gap`."""
    pieces = [spans[0]]
    for left, right in spans[1:]:
        if left - pieces[-1][1] >= gap:
            pieces.append((left, right))
        else:
            pieces[-1] = (pieces[-1][0], max(right, pieces[-1][1]))
    return pieces


class _TextPageReader:
    """Calls into one PDFium text page, with the ctypes buffers they need made once."""

    def __init__(self, handle) -> None:
        self.handle = handle
        self.angle = 0
        self.count = pdfium_c.FPDFText_CountChars(handle)
        self.text = self._text() if self.count > 0 else ""
        self.matrix = pdfium_c.FS_MATRIX()
        self.box = pdfium_c.FS_RECTF()
        self.edges = [ctypes.c_double() for _ in range(4)]
        self.refs = [ctypes.byref(d) for d in self.edges]
        self.flags = ctypes.c_int()
        self.flags_ref = ctypes.byref(self.flags)
        self.font = ctypes.create_string_buffer(_FONT_NAME_BYTES)
        self.bold_fonts: dict[bytes, bool] = {}

    def _text(self) -> str:
        # Room for a surrogate pair per character: PDFium writes UTF-16.
        buffer = (ctypes.c_ushort * (2 * self.count + 2))()
        written = pdfium_c.FPDFText_GetText(self.handle, 0, self.count, buffer)
        text = bytes(memoryview(buffer)[:max(written - 1, 0)]).decode("utf-16-le", "replace")
        if len(text) == self.count:
            return text
        return _one_per_index([pdfium_c.FPDFText_GetUnicode(self.handle, i)
                               for i in range(self.count)])

    # -- lines -------------------------------------------------------------------------

    def raw_lines(self) -> list[_RawLine]:
        lines: list[_RawLine] = []
        text = self.text
        start = 0
        for found in _BREAKS.finditer(text):
            end = found.end() if found.group() in SOFT_HYPHEN_MARKS else found.start()
            self._add_line(lines, start, end)
            start = found.end()
        self._add_line(lines, start, len(text))
        return lines

    def _add_line(self, lines: list[_RawLine], start: int, end: int) -> None:
        start, end = self._trimmed(start, end)
        if start >= end:
            return
        rects = self._rects(start, end)
        if len(rects) < 2 or not _runs_backwards(rects):
            lines.append(self._raw_line(start, end, rects))
            return
        # PDFium ran together text drawn in another order than it reads (a heading of
        # one column between two lines of the next): one line per stretch drawn
        # left to right on one baseline.
        for piece_start, piece_end in self._ordered_pieces(start, end):
            piece_start, piece_end = self._trimmed(piece_start, piece_end)
            if piece_start < piece_end:
                lines.append(self._raw_line(piece_start, piece_end,
                                            self._rects(piece_start, piece_end)))

    def _trimmed(self, start: int, end: int) -> tuple[int, int]:
        segment = self.text[start:end]
        kept = segment.strip()
        if not kept:
            return start, start
        start += len(segment) - len(segment.lstrip())
        return start, start + len(kept)

    def _ordered_pieces(self, start: int, end: int) -> list[tuple[int, int]]:
        pieces: list[tuple[int, int]] = []
        piece = start
        last_x = last_y = None
        for index in range(start, end):
            if self.text[index].isspace():
                continue
            x, y = self._origin(index)
            if last_x is not None and last_y is not None \
                    and (x < last_x - 0.5 or abs(y - last_y) > 1.0):
                pieces.append((piece, index))
                piece = index
            last_x, last_y = x, y
        pieces.append((piece, end))
        return pieces

    def _raw_line(self, start: int, end: int, rects: list[tuple[float, float]]) -> _RawLine:
        middle = self._non_space_near((start + end - 1) // 2, start)
        a, b, c, d, e, f = self._matrix(middle)
        angle = 0 if b == 0.0 and a > 0.0 else _quarter_turn(a, b)
        scale = d if angle == 0 and c == 0.0 else abs(a * d - b * c) / (math.hypot(a, b) or 1.0)
        _x, y = (e, f) if self.angle == 0 else self._rotated(e, f)
        spans = (rects if len(rects) == 1 else _merged(rects)) if rects else [self._point(start)]
        # One rectangle is one text object, set in one size: no need to ask three times.
        size = self._size(middle, middle, middle) if len(rects) == 1 else \
            self._size(start, middle, end - 1)
        return _RawLine(start, end, self.text[start:end], spans, y, size * scale, angle, scale,
                        middle)

    def _size(self, first: int, middle: int, last: int) -> float:
        """The median font size of three of the line's characters: a raised footnote mark
        at either end, or an acronym in small capitals in the middle, is not what the
        line is set in."""
        h = self.handle
        if first == middle == last:
            size = _font_size(h, middle)
        else:
            a, b, c = _font_size(h, first), _font_size(h, middle), _font_size(h, last)
            size = b if a == b or b == c else a if a == c else sorted((a, b, c))[1]
        return size if math.isfinite(size) and size > 0 else 0.0

    def _non_space_near(self, index: int, start: int) -> int:
        while index > start and self.text[index].isspace():
            index -= 1
        return index

    def _matrix(self, index: int) -> tuple[float, float, float, float, float, float]:
        m = self.matrix
        if not _get_matrix(self.handle, index, m):
            return 1.0, 0.0, 0.0, 1.0, 0.0, 0.0
        values = (m.a, m.b, m.c, m.d, m.e, m.f)
        # One sum is not finite when any of them is not (and then no value is trusted).
        return values if math.isfinite(sum(values)) else (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)

    def _is_bold(self, index: int) -> bool:
        needed = pdfium_c.FPDFText_GetFontInfo(self.handle, index, self.font, _FONT_NAME_BYTES,
                                               self.flags_ref)
        if self.flags.value & _BOLD_FLAG:
            return True
        if not 0 < needed <= _FONT_NAME_BYTES:
            return False
        name = self.font.value
        bold = self.bold_fonts.get(name)
        if bold is None:
            bold = self.bold_fonts[name] = any(word in name.lower() for word in _BOLD_NAMES)
        return bold

    def _rects(self, start: int, end: int) -> list[tuple[float, float]]:
        """The x intervals of the range's text rectangles, in the order drawn."""
        h, (left, top, right, bottom) = self.handle, self.refs
        x0, _top, x1, _bottom = self.edges
        rects = []
        for k in range(_count_rects(h, start, end - start)):
            if _get_rect(h, k, left, top, right, bottom):
                rect = (x0.value, x1.value) if self.angle == 0 else \
                    self._x_interval(*(e.value for e in self.edges))
                if math.isfinite(rect[0] + rect[1]):
                    rects.append(rect)
        return rects

    # -- the reading frame: the page turned so that the text runs left to right --------

    def _rotated(self, x: float, y: float) -> tuple[float, float]:
        if self.angle == 0:
            return x, y
        if self.angle == 90:
            return y, -x
        if self.angle == 180:
            return -x, -y
        return -y, x

    def _x_interval(self, left: float, top: float, right: float, bottom: float
                    ) -> tuple[float, float]:
        if self.angle == 0:
            return left, right
        xs = [self._rotated(x, y)[0] for x in (left, right) for y in (top, bottom)]
        return min(xs), max(xs)

    def _origin(self, index: int) -> tuple[float, float]:
        x, y = self.edges[0], self.edges[1]
        if not _char_origin(self.handle, index, self.refs[0], self.refs[1]):
            return 0.0, 0.0
        if self.angle == 0:
            return x.value, y.value
        return self._rotated(x.value, y.value)

    def _point(self, index: int) -> tuple[float, float]:
        """An empty interval at a character's origin, for text without rectangles."""
        x = self._origin(index)[0]
        return x, x

    def _right_edge(self, index: int) -> float:
        box = self.box
        if not pdfium_c.FPDFText_GetLooseCharBox(self.handle, index, box):
            return self._origin(index)[0]
        return self._x_interval(box.left, box.top, box.right, box.bottom)[1]

    # -- cutting at gutters ------------------------------------------------------------

    def cut_at_gutters(self, raw: _RawLine, gutters: tuple[Gutter, ...], width: float
                       ) -> list[tuple[Line, int]]:
        """The line, or its parts between gutters, each with a middle character."""
        line = Line(raw.text, raw.spans[0][0], raw.spans[-1][1], raw.y, raw.size, False)
        if not gutters or len(raw.spans) < 2:
            return [(line, raw.middle)]
        parts: list[tuple[Line, int]] = []
        start, spans = raw.start, raw.spans
        for gutter in gutters:
            gap = _gap_across(spans, gutter, width)
            if gap is None:
                continue
            cut = self._cut_index(raw, start, gap)
            if cut is None:
                continue
            left_end = cut
            while left_end > start and self.text[left_end - 1].isspace():
                left_end -= 1
            left = [s for s in spans if s[1] <= gap[0]]
            parts.append(self._part(start, left_end, left, raw, cut=True))
            start, spans = cut, [s for s in spans if s[0] >= gap[1]]
        if not parts:
            return [(line, raw.middle)]
        parts.append(self._part(start, raw.end, spans, raw, cut=False))
        return [p for p in parts if p[0].text.strip()]

    def _cut_index(self, raw: _RawLine, start: int, gap: tuple[float, float]) -> int | None:
        """The first character right of the gap, when the characters before it end left
        of it; None when the line's characters do not run left to right."""
        # Origins sit a little left of the tight rectangles the gap was measured on.
        tolerance = (gap[1] - gap[0]) / 4
        first = self._after_space_near(raw, start, gap, tolerance)
        if first is not None:
            return first
        first = self._first_from(start, raw.end, gap[1] - tolerance)
        if first is None:
            return None
        before = first - 1
        while before > start and self.text[before].isspace():
            before -= 1
        if before < start or self.text[first].isspace() or self._origin(before)[0] > gap[0]:
            return None
        return first

    def _after_space_near(self, raw: _RawLine, start: int, gap: tuple[float, float],
                          tolerance: float) -> int | None:
        """The character after the space PDFium put between the two columns' lines: the
        space nearest where the gap falls, by the share of the line's width before it."""
        x0, x1 = raw.spans[0][0], raw.spans[-1][1]
        guess = start + round((raw.end - start) * (gap[0] - x0) / max(x1 - x0, 1e-6))
        text = self.text
        low, high = max(start + 1, guess - 12), min(raw.end - 1, guess + 12)
        tried = 0
        # Outward from the guess: guess, guess + 1, guess - 1, guess + 2, …
        for step in range(2 * (high - low) + 1):
            space = guess + (step + 1) // 2 * (1 if step % 2 else -1)
            if not low <= space < high or text[space] != " " or text[space + 1].isspace():
                continue
            if self._origin(space + 1)[0] >= gap[1] - tolerance \
                    and self._origin(space - 1)[0] <= gap[0]:
                return space + 1
            tried += 1
            if tried == 3:
                break
        return None

    def _first_from(self, start: int, end: int, x: float) -> int | None:
        """Binary search for the first character whose origin is at `x` or right of it."""
        low, high = start, end - 1
        if self._origin(high)[0] < x:
            return None
        while low < high:
            middle = (low + high) // 2
            if self._origin(middle)[0] >= x:
                high = middle
            else:
                low = middle + 1
        return low

    def _part(self, start: int, end: int, spans: list[tuple[float, float]], raw: _RawLine,
              cut: bool) -> tuple[Line, int]:
        text = self.text[start:end]
        if not spans:
            x, _y = self._origin(start)
            spans = [(x, self._right_edge(end - 1))]
        middle = self._non_space_near((start + end - 1) // 2, start)
        size = self._size(start, middle, end - 1) * raw.scale
        # Its own baseline: PDFium runs together lines of two columns that overlap in
        # height without sharing a baseline.
        y = self._origin(middle)[1]
        return Line(text, spans[0][0], spans[-1][1], y, size, False, cut), middle

    def with_weights(self, lines: list[tuple[Line, int]], gutters: tuple[Gutter, ...]
                     ) -> list[Line]:
        """The lines, those that could be headings told whether they are set in bold:
        lines short of their column's edge, and short."""
        columns = [column_of(line.x0, line.x1, gutters) for line, _middle in lines]
        edges: dict[int, tuple[float, float]] = {}
        for (line, _middle), column in zip(lines, columns, strict=True):
            left, right = edges.get(column, (line.x0, line.x1))
            edges[column] = (min(left, line.x0), max(right, line.x1))
        weighed = []
        for (line, middle), column in zip(lines, columns, strict=True):
            left, right = edges[column]
            if right - line.x1 > 0.15 * (right - left) and _may_be_a_heading(line.text) \
                    and self._is_bold(middle):
                line = line._replace(bold=True)
            weighed.append(line)
        return weighed


def _runs_backwards(rects: list[tuple[float, float]]) -> bool:
    return any(b[0] < a[1] - 1.0 and b[1] <= a[0] + 1.0
               for a, b in zip(rects, rects[1:], strict=False))


def _merged(rects: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """The intervals sorted, the overlapping ones made one."""
    if len(rects) == 1:
        return rects
    ordered = sorted(rects)
    merged = [ordered[0]]
    for a, b in ordered[1:]:
        if a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


def _gap_across(spans: list[tuple[float, float]], gutter: Gutter, width: float
                ) -> tuple[float, float] | None:
    """The line's gap that spans the gutter's middle and is at least half a gutter wide."""
    middle = (gutter.left + gutter.right) / 2
    for (_a, b), (c, _d) in zip(spans, spans[1:], strict=False):
        if b <= middle <= c and c - b >= width / 2:
            return b, c
    return None


def _may_be_a_heading(text: str) -> bool:
    """Short enough, and not ending as a sentence or clause does: only such a line is
    worth asking PDFium whether its font is bold."""
    return len(text) <= 80 and text.count(" ") < 12 and not text.endswith((".", ",", ";"))


def _one_per_index(codes: list[int]) -> str:
    """The characters of PDFium's character list, one per index, so that text offsets
    are character indices. PDFium lists a character outside the BMP as its two UTF-16
    halves: the pair becomes the character and a U+FFFD after it, which cleaning
    removes, as it removes the U+FFFD standing for what PDFium leaves out of its text
    (a glyph without Unicode)."""
    chars = []
    pending = 0
    for code in codes:
        if pending:
            if 0xDC00 <= code < 0xE000:
                chars.append(chr(0x10000 + (pending - 0xD800 << 10) + code - 0xDC00) + "\ufffd")
                pending = 0
                continue
            chars.append("\ufffd")
            pending = 0
        if 0xD800 <= code < 0xDC00:
            pending = code
        else:
            chars.append(chr(code) if 0 < code <= 0x10FFFF and not 0xDC00 <= code < 0xE000
                         else "\ufffd")
    if pending:
        chars.append("\ufffd")
    return "".join(chars)


def _quarter_turn(a: float, b: float) -> int:
    degrees = math.degrees(math.atan2(b, a)) % 360
    nearest = round(degrees / 90) * 90 % 360
    difference = abs((degrees - nearest + 180) % 360 - 180)
    return int(nearest) if difference < 3 else -1
