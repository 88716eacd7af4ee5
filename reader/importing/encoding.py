"""Bytes to text: BOMs, the charset the source declares, UTF-8, then the Windows and
Latin-1 fallbacks, or a clear refusal."""

from __future__ import annotations

import codecs
import re
import unicodedata

from annotations.errors import SourceError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_MAGIC = (
    (b"\x89PNG", "a PNG image"),
    (b"%PDF", "a PDF document"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"PK\x03\x04", "a ZIP archive (or a Word/EPUB file)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "a program"),
)

_ALLOWED_CONTROLS = frozenset("\t\n\r\f")

_XML_ENCODING = re.compile(rb"^\s*<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._:-]+)[\"']")
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?([A-Za-z0-9._:-]+)", re.I)
"""`<meta charset="…">`, and `<meta http-equiv="Content-Type" content="…; charset=…">`."""
_DECLARATION_BYTES = 4096
"""Where a page's declaration is looked for: the HTML standard's 1024 bytes, and room for
the long heads of news pages (scripts and styles before the meta tag)."""
_LABELS = {
    # What browsers read these labels as (the WHATWG Encoding standard): Windows-1252 is
    # a superset of Latin-1 that pages labelled Latin-1 use (curly quotes, dashes), and a
    # meta tag cannot truly declare UTF-16, the tag itself being read as ASCII.
    "iso-8859-1": ("cp1252", "latin-1"), "iso8859-1": ("cp1252", "latin-1"),
    "latin1": ("cp1252", "latin-1"), "latin-1": ("cp1252", "latin-1"),
    "us-ascii": ("cp1252", "latin-1"), "ascii": ("cp1252", "latin-1"),
    "gb2312": ("gbk",), "gb_2312": ("gbk",), "x-gbk": ("gbk",),
    "utf-16": ("utf-8",), "utf-16le": ("utf-8",), "utf-16be": ("utf-8",),
}


def binary_kind(data: bytes) -> str | None:
    """What a binary file looks like, or None when it may be text."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    if any(data.startswith(bom) for bom, _ in _BOMS):
        return None
    if b"\x00" in data[:65536]:
        return "a binary file"
    return None


def declared_charset(data: bytes) -> str | None:
    """The encoding a web page or an XHTML file names in its first bytes (an XML
    declaration, a meta charset or a meta Content-Type); None when it names none."""
    head = data[:_DECLARATION_BYTES]
    found = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    return found.group(1).decode("ascii").lower() if found else None


def decode_markup(data: bytes, where: str, header: str | None = None) -> str:
    """A web page's text: its byte-order mark, else the charset of the HTTP header, else
    the one its markup declares, else UTF-8 and the fallbacks (the HTML standard's order)."""
    return decode_text(data, where, header or declared_charset(data))


def decode_text(data: bytes, where: str, declared: str | None = None) -> str:
    """Decode `data` read from `where`; a declared charset (HTTP, meta tag) is tried first."""
    kind = binary_kind(data)
    if kind:
        raise SourceError(f"{where} is {kind}, not text; glossator reads .md, .txt and .html")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                raise SourceError(
                    f"{where} starts with a {encoding} byte-order mark but is not valid "
                    f"{encoding}; save it again as UTF-8"
                ) from None
    if declared:
        text = _as_declared(data, declared)
        if text is not None:
            return text
    for encoding in ("utf-8", "cp1252"):
        if encoding == "cp1252":
            mostly = mostly_utf8(data)
            if mostly is not None:
                return mostly
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding == "utf-8" or looks_like_text(text):
            return text
    raise SourceError(
        f"{where} is not UTF-8 and no fallback encoding reads it sensibly; "
        "save it as UTF-8 and add it again"
    )


def _as_declared(data: bytes, declared: str) -> str | None:
    """The text in the encoding the source declares; None when it does not read so.

    A declaration is trusted over the share of non-ASCII letters (a page in Russian is
    mostly Cyrillic), but not over valid UTF-8: a page saved as UTF-8 that still says
    Latin-1 is a common slip, and text in a one-byte encoding is almost never valid
    UTF-8 by chance.
    """
    label = declared.strip().lower()
    for encoding in _LABELS.get(label, (label,)):
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        if text.isascii():
            return text
        if codecs.lookup(encoding).name != "utf-8" and _is_utf8(data):
            return None
        if _few_controls(text):
            return text
    return None


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def mostly_utf8(data: bytes) -> str | None:
    """UTF-8 text with a few damaged bytes, each shown as U+FFFD; None if it is not that.

    Read as cp1252, such a file would turn every accented letter into mojibake ("Ã©")
    to save the one broken byte. Text really written in cp1252 or Latin-1 has almost no
    valid multi-byte UTF-8 sequences, so it is not mistaken for this.
    """
    lenient = data.decode("utf-8", errors="replace")
    broken = lenient.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    multibyte = sum(1 for ch in lenient if ord(ch) > 127) - lenient.count("\ufffd")
    if broken > 0 and multibyte >= 10 * broken and looks_like_text(lenient):
        return lenient
    return None


def looks_like_text(text: str) -> bool:
    """Whether a fallback decode reads as language rather than as mojibake or noise."""
    if not text:
        return True
    non_ascii = sum(1 for ch in text if ord(ch) > 127)
    return _few_controls(text) and non_ascii <= len(text) * 0.3


def _few_controls(text: str) -> bool:
    controls = sum(
        1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in _ALLOWED_CONTROLS
    )
    return controls <= len(text) // 1000
