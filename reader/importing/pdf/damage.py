"""Which pages of a PDF that PDFium opened lost their text to damage inside the file.

PDFium repairs what it can and reports nothing: a content stream that no longer
decompresses gives a page with part of its text or none, and a content stream whose
object was overwritten gives an empty page, silently (pdftotext at least prints "Syntax
Error"). PDFium's API does not say which objects a page draws from, so the file is read
here too: the page tree, from the trailer's /Root, gives each page's /Contents; a
content object that is not in the file, or a stream of it whose filters we can undo
(Flate, ASCII85, ASCIIHex) that does not decode, is damage to that page. Other streams
(fonts, images) are not looked at: damage there does not cost the text.

A file whose page tree cannot be followed here (a cross-reference we do not read, a
tree that does not match PDFium's page count) falls back to a coarser test: any stream
of the file that does not decode makes its pages without text the damaged ones.
"""

from __future__ import annotations

import binascii
import re
import time
import zlib
from pathlib import Path
from typing import NamedTuple

_STREAM = re.compile(rb">>\s*stream\r?\n")
_OBJ_KEYWORD = re.compile(rb"obj\b")
"""Looked for alone (a search that starts with a literal runs at memory speed), then
`_OBJECT_NUMBER` just before it."""
_OBJECT_NUMBER = re.compile(rb"(?<![0-9])(\d+)\s+\d+\s+$")
_NUMBER_REACH = 40
_OBJ = re.compile(rb"\bobj\b")
_REFERENCE = re.compile(rb"(\d+)\s+\d+\s+R\b")
_ROOT = re.compile(rb"/Root\s+(\d+)\s+\d+\s+R\b")
_PAGES = re.compile(rb"/Pages\s+(\d+)\s+\d+\s+R\b")
_KIDS = re.compile(rb"/Kids\s*\[([^\]]*)\]")
_CONTENTS = re.compile(rb"/Contents\s*(\[[^\]]*\]|\d+\s+\d+\s+R\b)")
_OBJECT_STREAM = re.compile(rb"/Type\s*/ObjStm\b")
_FIRST = re.compile(rb"/First\s+(\d+)")
_FILTERS = re.compile(rb"/Filter\s*(\[[^\]]*\]|/[A-Za-z0-9]+)")
_NAME = re.compile(rb"/([A-Za-z0-9]+)")
_LENGTH = re.compile(rb"/Length\s+(\d+)(?!\d)(?!\s+\d+\s+R)")
_INDIRECT_LENGTH = re.compile(rb"/Length\s+(\d+)\s+\d+\s+R\b")
_DICTIONARY_REACH = 2048
"""How far before `stream` its dictionary is looked for."""
_UNDOABLE = {b"FlateDecode", b"Fl", b"ASCII85Decode", b"A85", b"ASCIIHexDecode", b"AHx"}
_DEEPEST_TREE = 64
_SECONDS = 1.0
"""The longest the check may take: what it has not reached by then counts as whole."""


class _Object(NamedTuple):
    head: bytes
    """The object up to its stream (all of it when it has none)."""
    stream: int | None
    """Where its stream's bytes start in the file."""


def damaged_pages(path: Path, count: int) -> list[int] | None:
    """The pages (1-based) of the PDF at `path`, of `count` pages, whose text damage cost
    some of; none for an encrypted file (its streams decode only once decrypted); None
    when the file's page tree cannot be followed here."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    if b"/Encrypt" in data:
        return []
    objects = _objects(data)
    contents = _page_contents(objects, data)
    if contents is None or len(contents) != count:
        return None
    until = time.monotonic() + _SECONDS
    lost = []
    for number, page in enumerate(contents, start=1):
        if time.monotonic() > until:
            break
        if any(not _content_is_whole(objects, data, ref) for ref in page):
            lost.append(number)
    return lost


def _objects(data: bytes) -> dict[int, _Object]:
    """The file's objects by number, the last of each in the file (an incremental update
    appends the new one), those packed in object streams included."""
    found: dict[int, _Object] = {}
    starts = _object_starts(data)
    for (number, start), following in zip(starts, [*starts[1:], None], strict=True):
        end = following[1] if following else len(data)
        body = data[start:end]
        stream = _STREAM.search(body)
        head = body[:stream.start() + 2] if stream else body
        found[number] = _Object(head, start + stream.end() if stream else None)
    for item in list(found.values()):
        if item.stream is not None and _OBJECT_STREAM.search(item.head):
            for packed, head in _packed_objects(data, item):
                found.setdefault(packed, _Object(head, None))
    return found


def _object_starts(data: bytes) -> list[tuple[int, int]]:
    """Each `N G obj` of the file: the object's number, and where its text starts."""
    starts = []
    for keyword in _OBJ_KEYWORD.finditer(data):
        at = keyword.start()
        if at and (data[at - 1:at].isalnum() or data[at - 1:at] == b"_"):
            continue  # endobj
        number = _OBJECT_NUMBER.search(data, max(0, at - _NUMBER_REACH), at)
        if number:
            starts.append((int(number.group(1)), keyword.end()))
    return starts


def _packed_objects(data: bytes, item: _Object) -> list[tuple[int, bytes]]:
    """The objects an object stream (PDF 1.5) holds, with their text."""
    decoded = _decoded(_stream_bytes(data, item), _filters(item.head))
    first = _FIRST.search(item.head)
    if decoded is None or not first:
        return []
    numbers = [int(n) for n in decoded[:int(first.group(1))].split()]
    pairs = list(zip(numbers[::2], numbers[1::2], strict=False))
    offsets = [int(first.group(1)) + offset for _, offset in pairs] + [len(decoded)]
    return [(number, decoded[offsets[i]:offsets[i + 1]]) for i, (number, _) in enumerate(pairs)]


def _page_contents(objects: dict[int, _Object], data: bytes) -> list[list[int]] | None:
    """Every page's content objects, in page order; None when the tree cannot be followed."""
    roots = _ROOT.findall(data)
    catalog = objects.get(int(roots[-1])) if roots else None
    pages = _PAGES.search(catalog.head) if catalog else None
    if not pages:
        return None
    found: list[list[int]] = []
    if not _walk(objects, int(pages.group(1)), found, set(), 0):
        return None
    return found


def _walk(objects: dict[int, _Object], number: int, found: list[list[int]], seen: set[int],
          depth: int) -> bool:
    node = objects.get(number)
    if node is None or number in seen or depth > _DEEPEST_TREE:
        return False
    seen.add(number)
    kids = _KIDS.search(node.head)
    if kids:
        return all(_walk(objects, int(kid), found, seen, depth + 1)
                   for kid in _REFERENCE.findall(kids.group(1)))
    found.append(_content_references(objects, node.head))
    return True


def _content_references(objects: dict[int, _Object], page: bytes) -> list[int]:
    contents = _CONTENTS.search(page)
    if not contents:
        return []  # a blank page
    refs = [int(n) for n in _REFERENCE.findall(contents.group(1))]
    if len(refs) == 1 and not contents.group(1).startswith(b"["):
        target = objects.get(refs[0])
        if target is not None and target.stream is None and target.head.lstrip().startswith(b"["):
            return [int(n) for n in _REFERENCE.findall(target.head)]  # an array kept apart
    return refs


def _content_is_whole(objects: dict[int, _Object], data: bytes, number: int) -> bool:
    """Whether a page's content object is there and, where we can tell, decodes."""
    item = objects.get(number)
    if item is None or item.stream is None:
        return False  # overwritten, or not a stream: the page has lost what it drew
    filters = _filters(item.head)
    if not filters or not set(filters) <= _UNDOABLE:
        return True
    return _decoded(_stream_bytes(data, item, objects), filters) is not None


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
        if _decoded(_stream_bytes(data, _Object(dictionary, match.end())), filters) is None:
            return True
    return False


def _last_obj(dictionary: bytes) -> int:
    starts = [m.end() for m in _OBJ.finditer(dictionary)]
    return starts[-1] if starts else 0


def _filters(dictionary: bytes) -> list[bytes]:
    found = _FILTERS.search(dictionary)
    return _NAME.findall(found.group(1)) if found else []


def _stream_bytes(data: bytes, item: _Object, objects: dict[int, _Object] | None = None) -> bytes:
    start = item.stream or 0
    length = _stream_length(item.head, objects)
    if length is not None and start + length <= len(data):
        return data[start:start + length]
    end = data.find(b"endstream", start)
    return data[start:end if end >= 0 else len(data)]


def _stream_length(head: bytes, objects: dict[int, _Object] | None) -> int | None:
    direct = _LENGTH.search(head)
    if direct:
        return int(direct.group(1))
    indirect = _INDIRECT_LENGTH.search(head)
    target = objects.get(int(indirect.group(1))) if indirect and objects else None
    if target is not None and target.head.strip().isdigit():
        return int(target.head.strip())
    return None


def _decoded(raw: bytes, filters: list[bytes]) -> bytes | None:
    """The stream's bytes with its filters undone; None when they do not decode."""
    try:
        for name in filters:
            if name in (b"FlateDecode", b"Fl"):
                raw = _inflated(raw)
            elif name in (b"ASCII85Decode", b"A85"):
                raw = _ascii85(raw)
            else:
                raw = binascii.unhexlify(_even_hex(raw))
    except (zlib.error, ValueError, binascii.Error):
        return None
    return raw


def _inflated(raw: bytes) -> bytes:
    inflater = zlib.decompressobj()
    out = inflater.decompress(raw)
    if inflater.eof:
        return out
    # Some writers leave out the closing checksum: the data is whole when its last
    # block is there.
    raw_inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    out = raw_inflater.decompress(raw[2:])
    if not raw_inflater.eof:
        raise ValueError("the stream ends before its data does")
    return out


_FROM_ASCII85 = bytes((c - 33) % 256 for c in range(256))
_ASCII85_DIGITS = bytes(range(33, 118))


def _ascii85(raw: bytes) -> bytes:
    """ASCII85 undone without a Python loop over its groups (`base64.a85decode` has one,
    and it was most of the check's time on a long document written by reportlab).

    Each group of five digits is a number in base 85. The digits in each of the five
    places, put in 5-byte slots of one big integer, are summed in Horner's way; a group's
    value stays below 2**40, so no slot spills into the next, and the slots' low four
    bytes are the decoded bytes.
    """
    text = raw.strip()
    text = text[:-2] if text.endswith(b"~>") else text
    text = text.translate(None, b" \t\r\n\x0c\x00").replace(b"z", b"!!!!!")
    if text.translate(None, _ASCII85_DIGITS):
        raise ValueError("not ASCII85")
    pad = -len(text) % 5
    digits = (text + b"u" * pad).translate(_FROM_ASCII85)
    groups = len(digits) // 5
    total = 0
    for place in range(5):
        slots = bytearray(5 * groups)
        slots[4::5] = digits[place::5]
        total = total * 85 + int.from_bytes(slots, "big")
    out = bytearray(total.to_bytes(5 * groups, "big"))
    if out[0::5].strip(b"\0"):
        raise ValueError("an ASCII85 group over 32 bits")
    del out[0::5]
    return bytes(out[:len(out) - pad] if pad else out)


def _even_hex(raw: bytes) -> bytes:
    digits = bytes(c for c in raw.split(b">")[0] if chr(c) in "0123456789abcdefABCDEF")
    return digits + b"0" if len(digits) % 2 else digits

