"""Reading untrusted zip containers (EPUB, DOCX, REFI-QDA projects): bounded archives,
bounded members, member names that stay inside the archive, and XML read without entities.

An EPUB, a Word file or a .qdpx project is a zip archive that anyone can craft. A few
kilobytes can claim millions of entries or unpack to gigabytes (a zip bomb), a member can
be named `../../x` to land outside any folder it is unpacked into, and an XML part can
declare entities that expand a billion-fold or point at files on this machine. Everything
is checked against the central directory's own figures before a byte is unpacked, and
every member is then read with a byte limit as well, since those figures can lie.

Domain-neutral: the reader's EPUB and DOCX importers and the domain's REFI-QDA importer
both use it, so it lives in `annotations` (which never imports `reader`).
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from pathlib import Path
from xml.etree import ElementTree
from xml.parsers import expat

from annotations.errors import SourceError

MAX_ENTRIES = 20_000
"""A long illustrated book has a few thousand files; far more is a crafted archive."""
MAX_MEMBER_BYTES = 64 * 1024 * 1024
"""One unpacked member that glossator reads (a chapter, document.xml); novels are ~1 MB."""
MAX_TOTAL_BYTES = 1024 * 1024 * 1024
"""Everything the archive says it unpacks to, images included."""
MAX_RATIO = 200
"""Text deflates 3–10 times, repetitive XML perhaps 50; a bomb thousands of times."""
RATIO_FLOOR = 16 * 1024 * 1024
"""A member may always unpack to this much, whatever its ratio: a project whose notes
repeat one line (a 5 MB note deflates 1,000 times) is no bomb, and every member is read
with a byte limit anyway. Beyond it, a ratio over `MAX_RATIO` is refused, and the
total is capped by `MAX_TOTAL_BYTES` whatever the ratios."""

_EOCD = b"PK\x05\x06"
_ZIP64_LOCATOR = b"PK\x06\x07"
_ZIP64_EOCD = b"PK\x06\x06"
_EOCD_SEARCH = 22 + 65535  # the fixed record plus the longest possible comment


def open_zip(path: Path, kind: str, remedy: str) -> zipfile.ZipFile:
    """The archive at `path`, once its declared entries, sizes and ratios are sane.

    `kind` names the file for messages ("EPUB", "Word file"); `remedy` says what to do
    when it is not a usable archive at all.
    """
    entries = declared_entry_count(path)
    if entries is None:
        raise SourceError(f"{path} is not a valid {kind} (it is not a zip archive); {remedy}")
    if entries > MAX_ENTRIES:
        raise SourceError(
            f"{path} holds {entries:,} files, far more than any real {kind}; it is refused "
            "as a likely zip bomb"
        )
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise SourceError(f"{path} is a damaged zip archive, not a readable {kind}; {remedy}") from None
    try:
        check_members(archive, path, kind)
    except SourceError:
        archive.close()
        raise
    return archive


def declared_entry_count(path: Path) -> int | None:
    """How many entries the end-of-central-directory record declares; None if not a zip.

    Read before `zipfile` parses the directory, which would otherwise build an object per
    entry of a crafted archive claiming millions.
    """
    try:
        with path.open("rb") as handle:
            handle.seek(0, 2)
            size = handle.tell()
            start = max(0, size - _EOCD_SEARCH)
            handle.seek(start)
            tail = handle.read()
            at = tail.rfind(_EOCD)
            if at < 0 or len(tail) - at < 22:
                return None
            count = struct.unpack("<H", tail[at + 10:at + 12])[0]
            if count != 0xFFFF:
                return count
            locator = tail.rfind(_ZIP64_LOCATOR, 0, at)
            if locator < 0:
                return count
            offset = struct.unpack("<Q", tail[locator + 8:locator + 16])[0]
            handle.seek(offset)
            record = handle.read(56)
            if not record.startswith(_ZIP64_EOCD) or len(record) < 40:
                return None
            return struct.unpack("<Q", record[32:40])[0]
    except (OSError, struct.error):
        return None


def check_members(archive: zipfile.ZipFile, path: Path, kind: str) -> None:
    """Refuse an archive whose directory promises a bomb or hides its files behind a password."""
    infos = archive.infolist()
    if len(infos) > MAX_ENTRIES:
        raise SourceError(
            f"{path} holds {len(infos):,} files, far more than any real {kind}; it is refused "
            "as a likely zip bomb"
        )
    total = 0
    for info in infos:
        total += info.file_size
        if info.flag_bits & 0x1:
            raise SourceError(
                f"{path} is a password-protected zip archive; save the {kind} again without a "
                "password"
            )
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise SourceError(
                f"{path} unpacks {info.filename} {info.file_size // max(info.compress_size, 1):,} "
                "times larger than it is stored, as no real file does; it is refused as a zip bomb"
            )
    if total > MAX_TOTAL_BYTES:
        raise SourceError(
            f"{path} would unpack to {total / 1024 ** 3:.1f} GB, over the "
            f"{MAX_TOTAL_BYTES // 1024 ** 3} GB limit; it is refused as a likely zip bomb"
        )


def read_member(archive: zipfile.ZipFile, name: str, path: Path,
                limit: int = MAX_MEMBER_BYTES, remedy: str = "") -> bytes:
    """The unpacked bytes of `name`, never more than `limit` whatever the headers say.

    `remedy` says what to do about a member over the limit, in the words of the file's
    kind ("split the source in the QDA program"); without one, the message says that
    glossator reads no part that large."""
    try:
        info = archive.getinfo(name)
    except KeyError:
        raise SourceError(f"{path} lacks {name}; the file is incomplete or damaged") from None
    if info.file_size > limit:
        raise SourceError(
            f"{path} holds {name} of {info.file_size / 1024 / 1024:.0f} MB unpacked, over the "
            f"{limit // 1024 // 1024} MB glossator reads of one part; "
            f"{remedy or 'it is not read, and the file is refused'}"
        )
    try:
        with archive.open(info) as handle:
            data = handle.read(limit + 1)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as error:
        raise SourceError(f"{path} is damaged: {name} cannot be unpacked ({error})") from None
    except NotImplementedError:
        raise SourceError(
            f"{path} packs {name} with a compression glossator cannot unpack; save it again "
            "with ordinary (deflate) compression"
        ) from None
    except RuntimeError:  # zipfile's "password required" for an encrypted member
        raise SourceError(
            f"{path} has an encrypted part ({name}); save it again without a password"
        ) from None
    if len(data) > limit:
        raise SourceError(f"{path} unpacks {name} beyond its declared size; it is refused as damaged")
    return data


def escaping_member(archive: zipfile.ZipFile) -> str | None:
    """The first member whose name would leave a folder the archive is unpacked into
    (`../../x`, `/etc/x`, `C:\\x`), or None when every name stays inside.

    glossator reads members by name and never unpacks an archive onto the disk, but
    another program may: an archive holding such a name is crafted, and refused whole.
    """
    for name in archive.namelist():
        parts = name.replace("\\", "/").split("/")
        if name.startswith(("/", "\\")) or ".." in parts or (parts[0][1:2] == ":"):
            return name
    return None


def member_start(archive: zipfile.ZipFile, info: zipfile.ZipInfo, path: Path,
                 size: int = 4096) -> bytes:
    """The first `size` unpacked bytes of a member (its XML prolog, say)."""
    try:
        with archive.open(info) as handle:
            return handle.read(size)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, RuntimeError):
        raise SourceError(f"{path} is damaged: {info.filename} cannot be unpacked") from None


def has_member(archive: zipfile.ZipFile, name: str) -> bool:
    try:
        archive.getinfo(name)
    except KeyError:
        return False
    return True


class _Refused(Exception):
    """Raised from inside expat's callbacks, which cannot raise SourceError cleanly."""


def parse_xml(data: bytes, where: str, kind: str = "") -> ElementTree.Element:
    """An XML part as an ElementTree element, with `{namespace}local` tags.

    Entity declarations are refused outright (no billion laughs), external entities and
    parameter entities are never read (no files from this machine); a DOCTYPE that only
    names a public DTD, as EPUB 2's NCX files do, is fine. `kind` names the file for the
    refusal ("REFI-QDA project").
    """
    builder = ElementTree.TreeBuilder()
    parser = expat.ParserCreate(namespace_separator="}")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)

    def refuse(*_args: object) -> None:
        raise _Refused

    def start(name: str, attributes: dict[str, str]) -> None:
        builder.start(_clark(name), {_clark(k): v for k, v in attributes.items()})

    parser.StartElementHandler = start
    parser.EndElementHandler = lambda name: builder.end(_clark(name))
    parser.CharacterDataHandler = builder.data
    parser.EntityDeclHandler = refuse
    parser.UnparsedEntityDeclHandler = refuse
    parser.ExternalEntityRefHandler = refuse
    parser.buffer_text = True
    try:
        parser.Parse(data, True)
        root = builder.close()
    except _Refused:
        raise SourceError(
            f"{where} declares XML entities, which no real {kind or 'e-book, Word file or QDA project'} "
            "needs; it is refused as unsafe"
        ) from None
    except (expat.ExpatError, AssertionError, ValueError) as error:
        # TreeBuilder.close asserts when the document had no element at all.
        detail = expat.ErrorString(error.code) if isinstance(error, expat.ExpatError) else "empty"
        raise SourceError(f"{where} is not well-formed XML ({detail}); the file is damaged") from None
    return root


def _clark(name: str) -> str:
    """expat's "uri}local" as ElementTree's "{uri}local"."""
    return "{" + name if "}" in name else name


def local_name(tag: object) -> str:
    """`title` for "{http://purl.org/dc/elements/1.1/}title": files differ in their prefixes."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""
