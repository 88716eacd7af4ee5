"""Bytes to text: BOMs, UTF-8, then the Windows and Latin-1 fallbacks, or a clear refusal."""

from __future__ import annotations

import codecs
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
    candidates = [declared] if declared else []
    candidates += ["utf-8", "cp1252"]
    for encoding in candidates:
        if encoding == "cp1252":
            mostly = mostly_utf8(data)
            if mostly is not None:
                return mostly
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        if encoding == "utf-8" or looks_like_text(text):
            return text
    raise SourceError(
        f"{where} is not UTF-8 and no fallback encoding reads it sensibly; "
        "save it as UTF-8 and add it again"
    )


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
    controls = sum(
        1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in _ALLOWED_CONTROLS
    )
    non_ascii = sum(1 for ch in text if ord(ch) > 127)
    return controls <= len(text) // 1000 and non_ascii <= len(text) * 0.3
