"""Whether a PDF that PDFium opened is damaged inside, and the one line that says which
pages it cost.

PDFium repairs what it can and reports nothing: a content stream that no longer
decompresses gives a page without text, silently (pdftotext at least prints "Syntax
Error"). PDFium's API does not say whether a page has content streams, so the file's
own streams are checked instead: a stream whose filters are ones we can undo (Flate,
ASCII85, ASCIIHex) and that does not decode is damage. A blank page among undamaged
streams is blank, and says nothing.
"""

from __future__ import annotations

import base64
import binascii
import re
import time
import zlib
from pathlib import Path

_STREAM = re.compile(rb">>\s*stream\r?\n")
_OBJ = re.compile(rb"\bobj\b")
_FILTERS = re.compile(rb"/Filter\s*(\[[^\]]*\]|/[A-Za-z0-9]+)")
_NAME = re.compile(rb"/([A-Za-z0-9]+)")
_LENGTH = re.compile(rb"/Length\s+(\d+)(?!\d)(?!\s+\d+\s+R)")
_DICTIONARY_REACH = 2048
"""How far before `stream` its dictionary is looked for."""
_UNDOABLE = {b"FlateDecode", b"Fl", b"ASCII85Decode", b"A85", b"ASCIIHexDecode", b"AHx"}
_MOST_PAGES_NAMED = 8
_SECONDS = 1.0
"""The longest the check may take (Python's ASCII85 decoder reads about 3 MB a second):
what it has not reached by then counts as whole."""


def has_broken_streams(path: Path) -> bool:
    """Whether a stream of the file that we can decode fails to (an encrypted file's
    streams are not looked at: they decode only once decrypted)."""
    try:
        data = path.read_bytes()
    except OSError:
        return False
    if b"/Encrypt" in data:
        return False
    until = time.monotonic() + _SECONDS
    for match in _STREAM.finditer(data):
        if time.monotonic() > until:
            return False
        dictionary = data[max(0, match.start() - _DICTIONARY_REACH):match.start() + 2]
        dictionary = dictionary[_last_obj(dictionary):]
        filters = _filters(dictionary)
        if not filters or not set(filters) <= _UNDOABLE:
            continue
        if not _decodes(_stream_bytes(data, match.end(), dictionary), filters):
            return True
    return False


def _last_obj(dictionary: bytes) -> int:
    starts = [m.end() for m in _OBJ.finditer(dictionary)]
    return starts[-1] if starts else 0


def _filters(dictionary: bytes) -> list[bytes]:
    found = _FILTERS.search(dictionary)
    return _NAME.findall(found.group(1)) if found else []


def _stream_bytes(data: bytes, start: int, dictionary: bytes) -> bytes:
    length = _LENGTH.search(dictionary)
    end = data.find(b"endstream", start)
    if length and start + int(length.group(1)) <= len(data):
        return data[start:start + int(length.group(1))]
    return data[start:end if end >= 0 else len(data)]


def _decodes(raw: bytes, filters: list[bytes]) -> bool:
    try:
        for name in filters:
            if name in (b"FlateDecode", b"Fl"):
                inflater = zlib.decompressobj()
                raw = inflater.decompress(raw)
                if not inflater.eof:
                    return False
            elif name in (b"ASCII85Decode", b"A85"):
                text = raw.strip()
                text = text[:-2] if text.endswith(b"~>") else text
                raw = base64.a85decode(text, ignorechars=b" \t\r\n\x0c\x00")
            else:
                raw = binascii.unhexlify(_even_hex(raw))
    except (zlib.error, ValueError, binascii.Error):
        return False
    return True


def _even_hex(raw: bytes) -> bytes:
    digits = bytes(c for c in raw.split(b">")[0] if chr(c) in "0123456789abcdefABCDEF")
    return digits + b"0" if len(digits) % 2 else digits


def damage_warning(pages: list[int], count: int) -> str:
    """The line for pages (1-based) that gave no text in a damaged file of `count` pages."""
    named = ", ".join(str(page) for page in pages[:_MOST_PAGES_NAMED])
    if len(pages) > _MOST_PAGES_NAMED:
        named += f" and {len(pages) - _MOST_PAGES_NAMED} more"
    which = "page" if len(pages) == 1 else "pages"
    return (f"{which} {named} of {count} gave no text: the file may be damaged, and other "
            "pages may miss text too; download it again, or re-save it from a PDF viewer, "
            "and refresh the article from the new file")
