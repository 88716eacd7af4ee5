"""Text as PDFium gives it, made fit to read and quote: ligatures expanded, control
characters and PDFium's own markers removed, whitespace folded to single spaces."""

from __future__ import annotations

import re

from reader.importing.pdf.lines import SOFT_HYPHEN_MARKS, Line, PageText

LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
             "\ufb05": "st", "\ufb06": "st"}

_INVISIBLE = "\u00ad\u200b\u2060\ufeff\ufffd\ufffe\uffff"
"""Soft hyphens, zero-width spaces and joiners that carry no text, the replacement
character of a glyph without Unicode, and non-characters."""


def _translation() -> dict[int, str | None]:
    table: dict[int, str | None] = {ord(k): v for k, v in LIGATURES.items()}
    for code in range(0x20):
        table[code] = " " if chr(code) in "\t\n\r\x0b\x0c" else None
    for code in range(0x7F, 0xA0):
        table[code] = None
    for char in _INVISIBLE:
        table[ord(char)] = None
    for code in range(0xD800, 0xE000):  # lone surrogates cannot be written as UTF-8
        table[code] = None
    for code in range(0xFDD0, 0xFDF0):
        table[code] = None
    table[0x2028] = table[0x2029] = table[0xA0] = " "
    return table


_TABLE = _translation()
_SPACES = re.compile(r"\s+")
_HIGH_NON_CHARACTERS = re.compile(
    "[" + "".join(chr(plane << 16 | 0xFFFE) + chr(plane << 16 | 0xFFFF) for plane in range(1, 17)) + "]")
"""U+1FFFE, U+1FFFF, … U+10FFFF: never text (the BMP's are in the table)."""


def clean_text(text: str) -> str:
    """`text` with ligatures expanded, no control or invisible characters, and each run
    of whitespace one space; not stripped, so pieces can be joined with their spaces."""
    if text.isascii() and text.isprintable():  # most lines of most documents
        return text if "  " not in text else _SPACES.sub(" ", text)
    cleaned = text.translate(_TABLE)
    if not cleaned.isascii():
        cleaned = _HIGH_NON_CHARACTERS.sub("", cleaned)
    return _SPACES.sub(" ", cleaned)


def folded(text: str) -> str:
    """`clean_text`, stripped: the text of a whole block."""
    return clean_text(text).strip()


def readable_page(page: PageText) -> PageText:
    """The page with each line's text cleaned, and PDFium's mark for a line-end hyphen
    (or a soft hyphen) turned back into the hyphen it stands for: whether it goes is
    for hyphens.py to say. Lines left without text are dropped."""
    lines = [line._replace(text=text) for line in page.lines if (text := line_text(line))]
    return page._replace(lines=lines)


def line_text(line: Line) -> str:
    text = line.text.rstrip()
    if text.endswith(_LINE_END_MARKS):
        text = text[:-1] + "-"
    return folded(text)


_LINE_END_MARKS = (*SOFT_HYPHEN_MARKS, "\u00ad")
