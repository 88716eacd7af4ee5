"""A PDF's title, authors, date, keywords, language, DOI and journal.

XMP (the `<x:xmpmeta>` packet a PDF carries, found in its bytes) comes first, then the
Info dictionary; either is used only when it is sensible: producers fill them with
"Microsoft Word - draft3.docx", "untitled", a file name, reportlab's "anonymous". A title
nobody set is the largest text on page 1 instead, and a DOI not in XMP the first printed
on page 1 (first_page.py finds both).
"""

from __future__ import annotations

import mmap
import re
import xml.etree.ElementTree as ElementTree
from datetime import date
from pathlib import Path
from typing import NamedTuple

from reader.importing.pdf.cleaning import folded

_XMP_START = (b"<x:xmpmeta", b"<x:xapmeta")
_XMP_END = (b"</x:xmpmeta>", b"</x:xapmeta>")
_MAX_XMP_BYTES = 1024 * 1024
_MAX_PACKETS = 64
_PDF_SCHEMA = b"http://ns.adobe.com/pdf/1.3/"
"""Declared by a document's own XMP; an embedded photo's XMP has no use for it."""

_RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"
_DC = "{http://purl.org/dc/elements/1.1/}"
_XMP = "{http://ns.adobe.com/xap/1.0/}"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_PRISM = "{http://prismstandard.org/namespaces/"
_DATE_KEYS = ("publicationDate", "coverDate", "date", "CreateDate")
"""XMP dates, the likeliest to be the work's own first (prism:…, dc:date, xmp:…)."""

_DOI = re.compile(r"\b10\.\d{4,9}/[^\s\"<>]+")
_DOI_TRAILING = ".,;:'\"]}>"
_LANG = re.compile(rb"/Lang\s*\(([A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8}){0,3})\)")
_LANGUAGE = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8}){0,3}")
_INFO_DATE = re.compile(r"^(?:D:)?(\d{4})(\d{2})?(\d{2})?")
_XMP_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")

_PLACEHOLDERS = frozenset({
    "untitled", "anonymous", "unspecified", "unknown", "none", "null", "title", "document",
    "untitled document", "no title", "microsoft word", "pdf", "(anonymous)", "(untitled)",
    "author", "user", "owner", "admin", "administrator", "default", "preferred customer",
    "powerpoint presentation", "presentation", "unknown author", "microsoft office user",
    "windows user", "valued customer", "standard",
})
_NUMBERED_PLACEHOLDER = re.compile(r"(?:document|untitled|presentation|slide|book|doc|draft)"
                                   r"[\s_-]*\d*", re.I)
_APP_PREFIX = re.compile(r"^(?:microsoft\s+)?(?:word|powerpoint|excel|office)\s*-\s*", re.I)
_FILE_NAME = re.compile(
    r"\.(?:docx?|pdf|tex|dvi|rtf|odt|pages|indd|qxd|ps|eps|txt|html?|xlsx?|pptx?|md)$", re.I)


class Metadata(NamedTuple):
    title: str = ""
    authors: list[str] = []
    published: str = ""
    keywords: list[str] = []
    language: str = ""
    doi: str = ""
    journal: str = ""
    """prism:publicationName: the journal a paper was published in."""


def document_metadata(path: Path, info: dict[str, str]) -> Metadata:
    """What the file says about itself: its XMP packet, then its Info dictionary."""
    xmp, language = _scan_bytes(path)
    title = sensible_title(_first(xmp.get("title", [])), path) \
        or sensible_title(info.get("Title", ""), path)
    authors = _authors(xmp.get("creator", [])) or _authors([info.get("Author", "")])
    published = next((d for d in map(_xmp_date, _dates(xmp)) if d), "") \
        or _info_date(info.get("CreationDate", ""))
    keywords = split_keywords(info.get("Keywords", "")) \
        or split_keywords(_first(xmp.get("Keywords", []))) \
        or [k for k in map(folded, xmp.get("subject", [])) if k]
    language = next((v for v in xmp.get("language", []) if _LANGUAGE.fullmatch(v)), "") or language
    doi = next((d for d in map(find_doi, xmp.get("doi", []) + xmp.get("identifier", [])) if d), "")
    journal = folded(_first(xmp.get("publicationName", [])))
    return Metadata(title, authors, published, keywords, language, doi, journal)


def _first(values: list[str]) -> str:
    return values[0] if values else ""


def _dates(xmp: dict[str, list[str]]) -> list[str]:
    return [value for key in _DATE_KEYS for value in xmp.get(key, [])]


# -- sensible values ---------------------------------------------------------------------

def sensible_title(title: str, path: Path) -> str:
    """`title`, when it names the work rather than a file or a program's default."""
    from reader.importing.authors import LOGIN_TOKEN

    title = folded(title)
    lowered = title.lower()
    if len(title) < 3 or not any(c.isalpha() for c in title) or lowered in _PLACEHOLDERS \
            or _NUMBERED_PLACEHOLDER.fullmatch(title):
        return ""
    if _APP_PREFIX.match(title) or _FILE_NAME.search(title):
        return ""
    if lowered in (path.stem.lower(), path.name.lower()):
        return ""
    if " " not in title and ("/" in title or "\\" in title
                             or LOGIN_TOKEN.fullmatch(title)):
        return ""  # "draft3", "ms_2024_017", a path
    return title


def _authors(names: list[str]) -> list[str]:
    """The people and organisations among `names`, as every importer has them
    (reader/importing/authors.py), a login name or a program's default left out."""
    from reader.importing.authors import clean_authors

    return [a for a in clean_authors(folded(n) for n in names if n) if _is_a_name(a.strip("{}"))]


def _is_a_name(name: str) -> bool:
    lowered = name.lower()
    if len(name) < 2 or lowered in _PLACEHOLDERS or "@" in name or not any(c.isalpha() for c in name):
        return False
    from reader.importing.authors import is_login_name

    return not is_login_name(name)  # "jsmith", "user01"


def split_keywords(text: str) -> list[str]:
    return [k for k in (folded(part) for part in re.split(r"[,;]", text)) if k]


def _info_date(text: str) -> str:
    found = _INFO_DATE.match(text.strip())
    return _checked_date(*found.groups()) if found else ""


def _xmp_date(text: str) -> str:
    found = _XMP_DATE.match(text.strip())
    return _checked_date(*found.groups()) if found else ""


def _checked_date(year: str, month: str | None, day: str | None) -> str:
    """ISO text for a real date no earlier than PDF and no later than today."""
    try:
        when = date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return ""
    if not date(1993, 1, 1) <= when <= date.today():
        return ""
    return "-".join(part for part in (year, month, day if month else None) if part)


def find_doi(text: str) -> str:
    """The first DOI in `text`, without `doi:` or `https://doi.org/` and trailing punctuation."""
    found = _DOI.search(text)
    if found is None:
        return ""
    doi = found.group(0)
    while doi and (doi[-1] in _DOI_TRAILING or (doi[-1] == ")" and doi.count("(") < doi.count(")"))):
        doi = doi[:-1]
    return doi


# -- reading the file's bytes ------------------------------------------------------------

def _scan_bytes(path: Path) -> tuple[dict[str, list[str]], str]:
    """The document's XMP properties (local name -> values), and the catalog's /Lang."""
    try:
        with path.open("rb") as file, mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ) as data:
            packet = _document_packet(data)
            language = _catalog_language(data)
    except (OSError, ValueError):
        return {}, ""
    return (_xmp_properties(packet) if packet else {}), language


def _catalog_language(data: mmap.mmap) -> str:
    """The first `/Lang (xx)` in the file (the catalog's, when it is not compressed)."""
    at = data.find(b"/Lang")
    for _ in range(_MAX_PACKETS):
        if at < 0:
            return ""
        found = _LANG.match(data[at:at + 64])
        if found:
            return found.group(1).decode("ascii")
        at = data.find(b"/Lang", at + 5)
    return ""


def _document_packet(data: mmap.mmap) -> bytes:
    """The XMP packet that describes the document (not an embedded image)."""
    packets: list[bytes] = []
    for start_tag, end_tag in zip(_XMP_START, _XMP_END, strict=True):
        at = data.find(start_tag)
        while at >= 0 and len(packets) < _MAX_PACKETS:
            end = data.find(end_tag, at, at + _MAX_XMP_BYTES)
            if end < 0:
                break
            packets.append(data[at:end + len(end_tag)])
            at = data.find(start_tag, end)
    own = [p for p in packets if _PDF_SCHEMA in p]
    if own:
        return own[-1]  # an incremental update appends the newer packet
    return packets[0] if len(packets) == 1 else b""


def _xmp_properties(packet: bytes) -> dict[str, list[str]]:
    if b"<!DOCTYPE" in packet or b"<!ENTITY" in packet:
        return {}  # XMP has no DTD; one here is an entity bomb or worse
    try:
        root = ElementTree.fromstring(packet)
    except ElementTree.ParseError:
        return {}
    found: dict[str, list[str]] = {}
    for description in root.iter(f"{_RDF}Description"):
        for name, value in description.attrib.items():
            _keep(found, name, [value])
        for element in description:
            _keep(found, element.tag, _values(element))
    return found


def _keep(found: dict[str, list[str]], name: str, values: list[str]) -> None:
    namespace, _, local = name.rpartition("}")
    namespace += "}"
    if namespace in (_DC, _XMP, "{http://ns.adobe.com/pdf/1.3/}") or namespace.startswith(_PRISM):
        values = [" ".join(v.split()) for v in values if v and v.strip()]
        if values and local not in found:
            found[local] = values


def _values(element: ElementTree.Element) -> list[str]:
    items = list(element.iter(f"{_RDF}li"))
    if not items:
        return [element.text or ""]
    default = [i for i in items if i.get(_XML_LANG) == "x-default"]
    return [i.text or "" for i in default + [i for i in items if i not in default]]
