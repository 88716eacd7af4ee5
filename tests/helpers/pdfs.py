"""Real PDFs for the tests, typeset with reportlab: one or more columns (drawn column by
column, or line by line across the page as some producers do), running heads with the
journal's page numbers, page labels, raised footnote marks and footnotes, headings,
metadata in XMP and in the Info dictionary; scans; lines broken by hand.

`PdfBook` is a tiny typesetter: words are set greedily into justified lines; a word that
does not fit is split where the text marks it may be (`sub|sidy`) or after a hyphen of
its own, the line ending with the hyphen as a typeset paper's does. `^1` after a word is a
raised footnote mark. What was drawn is kept (`Typeset.lines`). Where a test is about
exactly where lines break, `columns_by_hand` takes the lines as given; `ragged_columns`
breaks them at a count of characters, as a word processor's plain-text export does,
so that lines end short by as much as a long word.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib import pdfencrypt
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfdoc import XMP
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

PAGE = (612.0, 792.0)
MARGIN = 72.0
VERA = "Vera"
"""Bitstream Vera, shipped with reportlab: its fi and fl ligature glyphs are real."""


def register_vera() -> str:
    if VERA not in pdfmetrics.getRegisteredFontNames():
        import reportlab

        fonts = Path(reportlab.__file__).parent / "fonts"
        pdfmetrics.registerFont(TTFont(VERA, str(fonts / "Vera.ttf")))
    return VERA


@dataclass
class Item:
    kind: str  # "heading", "paragraph" or "page" (a page break)
    text: str = ""
    size: float = 10.0
    font: str = "Times-Roman"
    indent: float = 0.0
    footnote: str = ""


@dataclass
class Typeset:
    """What was drawn: per page, the lines in the order drawn."""

    lines: list[list[str]] = field(default_factory=list)

    def text(self) -> str:
        return "\n".join(line for page in self.lines for line in page)


@dataclass
class PdfBook:
    """A document to typeset: `heading`, `paragraph` and `new_page`, then `save`."""

    columns: int = 1
    gutter: float = 24.0
    interleave: bool = False
    """Draw the columns row by row across the page (left line, right line, …)."""
    size: float = 10.0
    leading: float = 12.0
    font: str = "Times-Roman"
    justify: bool = True
    indent: float = 15.0
    paragraph_space: float = 0.0
    header: Callable[[int], str] | None = None
    header_right: Callable[[int], str] | None = None
    """Set flush right on the header's line (a journal's page number or its name)."""
    footer: Callable[[int], str] | None = None
    top_block: list[Item] = field(default_factory=list)
    """Full-width items at the top of page 1 (a title, an abstract), above the columns."""
    items: list[Item] = field(default_factory=list)
    info: dict[str, str] = field(default_factory=dict)
    xmp: str = ""
    labels: list[tuple[int, str, int]] = field(default_factory=list)
    """(0-based page, style, start) for `canvas.addPageLabel`; style "ARABIC",
    "ROMAN_LOWER", …"""
    encrypt: pdfencrypt.StandardEncryption | None = None
    lang: str | None = None
    """The catalog's /Lang."""
    compress: bool = True
    """False keeps the streams readable in the file's bytes (a font's ToUnicode map)."""

    def heading(self, text: str, size: float = 14.0, font: str = "Times-Bold") -> PdfBook:
        self.items.append(Item("heading", text, size, font))
        return self

    def paragraph(self, text: str, footnote: str = "", indent: float | None = None) -> PdfBook:
        self.items.append(Item("paragraph", text, self.size, self.font,
                               self.indent if indent is None else indent, footnote))
        return self

    def new_page(self) -> PdfBook:
        self.items.append(Item("page"))
        return self

    def save(self, path: Path) -> Typeset:
        return _Setter(self).save(path)


class _Setter:
    def __init__(self, book: PdfBook) -> None:
        self.book = book
        self.typeset = Typeset()
        self.canvas: canvas.Canvas | None = None
        self.page = 0
        self.rows: list[list[tuple[float, float, list[tuple[str, str, float, float]], float]]] = []
        """Per column of the page: (x, baseline, runs of (text, font, size, rise), word space)."""
        self.footnotes: list[str] = []
        self.column = 0
        self.y = 0.0
        self.top = PAGE[1] - MARGIN
        self.bottom = MARGIN
        self.note_number = 0

    @property
    def column_width(self) -> float:
        book = self.book
        return (PAGE[0] - 2 * MARGIN - (book.columns - 1) * book.gutter) / book.columns

    def column_x(self, column: int) -> float:
        return MARGIN + column * (self.column_width + self.book.gutter)

    def save(self, path: Path) -> Typeset:
        book = self.book
        c = canvas.Canvas(str(path), pagesize=PAGE, invariant=1, encrypt=book.encrypt,
                          lang=book.lang, pageCompression=int(book.compress))
        for key, value in book.info.items():
            getattr(c, f"set{key}")(value)
        if book.xmp:
            packet = book.xmp
            c._doc.Catalog.Metadata = XMP(creator=lambda _doc: packet)
        for page, style, start in book.labels:
            c.addPageLabel(page, style=style, start=start)
        self.canvas = c
        self._start_page()
        if book.top_block:
            self._set_full_width(book.top_block)
        for item in book.items:
            if item.kind == "page":
                self._end_page()
                self._start_page()
            elif item.kind == "heading":
                self._set(item, item.text, indent=0.0, space_before=item.size * 0.6)
            else:
                self._set(item, item.text, indent=item.indent, space_before=book.paragraph_space)
        self._end_page()
        c.save()
        return self.typeset

    # -- pages -----------------------------------------------------------------------------

    def _start_page(self) -> None:
        self.page += 1
        self.rows = [[] for _ in range(self.book.columns)]
        self.footnotes = []
        self.column = 0
        self.top = PAGE[1] - MARGIN
        self.bottom = MARGIN
        self.y = self.top
        self.typeset.lines.append([])

    def _end_page(self) -> None:
        c = self.canvas
        assert c is not None
        book = self.book
        if book.header:
            c.setFont("Times-Roman", 8)
            c.drawString(MARGIN, PAGE[1] - 40, book.header(self.page))
            self.typeset.lines[-1].append(book.header(self.page))
        if book.header_right:
            c.setFont("Times-Roman", 8)
            c.drawRightString(PAGE[0] - MARGIN, PAGE[1] - 40, book.header_right(self.page))
            self.typeset.lines[-1].append(book.header_right(self.page))
        if book.interleave and book.columns > 1:
            for index in range(max(len(col) for col in self.rows)):
                for col in self.rows:
                    if index < len(col):
                        self._draw_row(*col[index])
        else:
            for col in self.rows:
                for row in col:
                    self._draw_row(*row)
        y = MARGIN + 8.0 * 1.2 * (self._footnote_lines() - 1)
        for note in self.footnotes:
            for line in self._break(note, "Times-Roman", 8.0, PAGE[0] - 2 * MARGIN, 0.0):
                self._draw_row(MARGIN, y, [(line, "Times-Roman", 8.0, 0.0)])
                y -= 8.0 * 1.2
        if book.footer:
            c.setFont("Times-Roman", 9)
            c.drawCentredString(PAGE[0] / 2, 40, book.footer(self.page))
            self.typeset.lines[-1].append(book.footer(self.page))
        c.showPage()

    def _footnote_lines(self) -> int:
        return sum(len(self._break(n, "Times-Roman", 8.0, PAGE[0] - 2 * MARGIN, 0.0))
                   for n in self.footnotes)

    def _draw_row(self, x: float, y: float, runs: list[tuple[str, str, float, float]],
                  word_space: float = 0.0) -> None:
        c = self.canvas
        assert c is not None
        text = c.beginText(x, y)
        text.setWordSpace(word_space)
        for words, font, size, rise in runs:
            text.setFont(font, size)
            text.setRise(rise)
            text.textOut(words)
        c.drawText(text)
        self.typeset.lines[-1].append("".join(r[0] for r in runs))

    # -- setting text ------------------------------------------------------------------------

    def _set_full_width(self, items: list[Item]) -> None:
        width = PAGE[0] - 2 * MARGIN
        for item in items:
            leading = item.size * 1.2
            for line in self._break(item.text, item.font, item.size, width, 0.0):
                self.y -= leading
                x = (PAGE[0] - pdfmetrics.stringWidth(line, item.font, item.size)) / 2 \
                    if item.kind == "heading" else MARGIN
                self._draw_row(x, self.y, [(line, item.font, item.size, 0.0)])
            self.y -= leading * 0.8
        self.top = self.y

    def _set(self, item: Item, text: str, indent: float, space_before: float) -> None:
        leading = self.book.leading if item.kind == "paragraph" else item.size * 1.2
        if item.footnote:
            self.note_number += 1
            self._make_room_for(f"{self.note_number} {item.footnote}", leading)
            text = f"{text}^{self.note_number}"
        if self.y < self.top:
            self.y -= space_before
        lines = self._break(text, item.font, item.size, self.column_width, indent)
        for number, line in enumerate(lines):
            if self.y - leading < self.bottom:
                self._next_column()
            self.y -= leading
            first = number == 0
            last = number == len(lines) - 1
            x = self.column_x(self.column) + (indent if first else 0.0)
            runs = self._runs(line, item.font, item.size)
            width = self.column_width - (indent if first else 0.0)
            justify = self.book.justify and not last and item.kind == "paragraph"
            space = _word_space(line, item.font, item.size, width) if justify else 0.0
            self.rows[self.column].append((x, self.y, runs, space))

    def _make_room_for(self, note: str, leading: float) -> None:
        """Keep the foot of the page free for the note, on the page where the paragraph
        that marks it starts: on the next page when lines already set are in the way."""
        while True:
            bottom = MARGIN + 8.0 * 1.2 * (self._footnote_lines() + len(
                self._break(note, "Times-Roman", 8.0, PAGE[0] - 2 * MARGIN, 0.0))) + 12.0
            lowest = min((row[1] for column in self.rows for row in column), default=PAGE[1])
            fits = lowest >= bottom and self.y - leading >= bottom
            if fits or not any(self.rows):  # (a note longer than a page gets one)
                break
            self._end_page()
            self._start_page()
        self.footnotes.append(note)
        self.bottom = bottom

    def _next_column(self) -> None:
        if self.column + 1 < self.book.columns:
            self.column += 1
            self.y = self.top
        else:
            self._end_page()
            self._start_page()

    def _break(self, text: str, font: str, size: float, width: float, indent: float) -> list[str]:
        """Greedy line breaking; a word that does not fit is hyphenated where marked."""
        lines: list[str] = []
        current = ""
        room = width - indent
        for word in text.split():
            trial = f"{current} {word}" if current else word
            if _width(trial, font, size) <= room:
                current = trial
                continue
            head, tail = _hyphenate(word, current, font, size, room)
            if head:
                lines.append(f"{current} {head}" if current else head)
                current = tail
            else:
                lines.append(current)
                current = word
            room = width
        if current:
            lines.append(current)
        return [line.replace("|", "") for line in lines]

    def _runs(self, line: str, font: str, size: float) -> list[tuple[str, str, float, float]]:
        """The line as runs of text, a raised footnote mark its own run."""
        runs: list[tuple[str, str, float, float]] = []
        for piece in line.split("^"):
            if runs and piece[:1].isdigit():
                digits = piece[:len(piece) - len(piece.lstrip("0123456789"))]
                runs.append((digits, font, size * 0.6, size * 0.35))
                piece = piece[len(digits):]
            if piece:
                runs.append((piece, font, size, 0.0))
        return runs


def _word_space(line: str, font: str, size: float, width: float) -> float:
    """The extra space per word gap (PDF's Tw) that makes the line fill `width`."""
    gaps = line.count(" ")
    spare = width - _width(line, font, size)
    return spare / gaps if gaps and spare > 0 else 0.0


def _width(text: str, font: str, size: float) -> float:
    return pdfmetrics.stringWidth(text.replace("|", "").replace("^", ""), font, size)


def _hyphenate(word: str, current: str, font: str, size: float, room: float) -> tuple[str, str]:
    """The word's head (with its hyphen) that still fits on the line, and the rest."""
    points = [i for i, ch in enumerate(word) if ch in "|-"]
    for at in reversed(points):
        head = word[:at].replace("|", "") + "-"
        trial = f"{current} {head}" if current else head
        if _width(trial, font, size) <= room:
            return head, word[at + 1:]
    return "", word


def scanned_pdf(path: Path, pages: int = 2, cover: str = "") -> Path:
    """An image-only PDF, as a scanner makes: each page one picture, no text; after a
    typed `cover` page when one is given."""
    from PIL import Image, ImageDraw

    c = canvas.Canvas(str(path), pagesize=PAGE, invariant=1)
    if cover:
        c.setFont("Times-Roman", 14)
        c.drawString(MARGIN, PAGE[1] / 2, cover)
        c.showPage()
    for number in range(pages):
        image = Image.new("L", (170, 220), 255)
        draw = ImageDraw.Draw(image)
        for row in range(12, 200, 9):
            draw.line((12, row, 150 - (row * 7 + number * 13) % 40, row), fill=40, width=3)
        buffer = io.BytesIO()
        image.save(buffer, "PNG")
        buffer.seek(0)
        from reportlab.lib.utils import ImageReader

        c.drawImage(ImageReader(buffer), 0, 0, PAGE[0], PAGE[1])
        c.showPage()
    c.save()
    return path


def xmp_packet(title: str = "", creators: tuple[str, ...] = (), date: str = "",
               doi: str = "", language: str = "", journal: str = "") -> str:
    """A document's XMP packet, as Acrobat and publishers write them."""
    parts = []
    if title:
        parts.append(f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li>'
                     "</rdf:Alt></dc:title>")
    if creators:
        items = "".join(f"<rdf:li>{name}</rdf:li>" for name in creators)
        parts.append(f"<dc:creator><rdf:Seq>{items}</rdf:Seq></dc:creator>")
    if language:
        parts.append(f"<dc:language><rdf:Bag><rdf:li>{language}</rdf:li></rdf:Bag></dc:language>")
    if date:
        parts.append(f"<prism:publicationDate>{date}</prism:publicationDate>")
    if doi:
        parts.append(f"<prism:doi>{doi}</prism:doi>")
    if journal:
        parts.append(f"<prism:publicationName>{journal}</prism:publicationName>")
    return (
        '<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
        'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:pdf="http://ns.adobe.com/pdf/1.3/" '
        'xmlns:prism="http://prismstandard.org/namespaces/basic/2.0/" '
        'xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmp:CreateDate="2019-02-03T10:00:00Z" '
        'pdf:Producer="Typesetter 9">'
        + "".join(parts)
        + '</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
    )


def justified_lines(c: canvas.Canvas, x: float, y: float, lines: list[str], width: float,
                    font: str = "Times-Roman", size: float = 10.0, leading: float = 12.0,
                    ) -> list[tuple[float, float, str, float]]:
    """Lines broken by hand, as (x, baseline, text, word space): each filling `width`
    (but a paragraph's last, which ends with a blank line after it in `lines`: "")."""
    placed = []
    for number, line in enumerate(lines):
        if line:
            last = number + 1 == len(lines) or not lines[number + 1]
            space = 0.0 if last else _word_space(line, font, size, width)
            placed.append((x, y, line, space))
        y -= leading
    return placed


def draw_placed(c: canvas.Canvas, placed: list[tuple[float, float, str, float]],
                font: str = "Times-Roman", size: float = 10.0) -> None:
    for x, y, line, space in placed:
        text = c.beginText(x, y)
        text.setFont(font, size)
        text.setWordSpace(space)
        text.textOut(line)
        c.drawText(text)


def columns_by_hand(path: Path, left: list[str], right: list[str], interleave: bool,
                    gutter: float = 24.0) -> Path:
    """One page of two columns whose line breaks (and hyphens) are given: drawn column by
    column, or row by row across the page."""
    c = canvas.Canvas(str(path), pagesize=PAGE, invariant=1)
    width = (PAGE[0] - 2 * MARGIN - gutter) / 2
    top = PAGE[1] - MARGIN
    columns = [justified_lines(c, MARGIN, top, left, width),
               justified_lines(c, MARGIN + width + gutter, top, right, width)]
    if interleave:
        rows = [row for pair in zip(*columns, strict=False) for row in pair]
        longer = max(columns, key=len)
        rows += longer[min(map(len, columns)):]
        draw_placed(c, rows)
    else:
        for column in columns:
            draw_placed(c, column)
    c.showPage()
    c.save()
    return path


def ragged_columns(path: Path, paragraphs: list[str], columns: int = 1, rows: int = 40,
                   chars: int = 45, indent: float = 0.0, gap: float = 0.0,
                   gutter: float = 24.0) -> Path:
    """The paragraphs set ragged right in 10-point Times on 12-point leading, broken at
    `chars` characters (never at a hyphen), `rows` lines to a column and `columns`
    columns to a page, each paragraph's first line in by `indent` and `gap` points below
    its last."""
    c = canvas.Canvas(str(path), pagesize=PAGE, invariant=1)
    width = (PAGE[0] - 2 * MARGIN - (columns - 1) * gutter) / columns
    top = PAGE[1] - MARGIN
    column, row, y = 0, 0, top
    for paragraph in paragraphs:
        for number, line in enumerate(textwrap.wrap(paragraph, chars, break_on_hyphens=False)):
            if row == rows:
                column, row, y = column + 1, 0, top
                if column == columns:
                    c.showPage()
                    column = 0
            c.setFont("Times-Roman", 10)
            c.drawString(MARGIN + column * (width + gutter) + (indent if number == 0 else 0.0), y,
                         line)
            y -= 12.0
            row += 1
        y -= gap
    c.showPage()
    c.save()
    return path
