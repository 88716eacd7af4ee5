"""An EPUB's package: container.xml points at the OPF, whose metadata describes the book,
whose manifest lists its files and whose spine gives their reading order."""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import unquote, urlsplit
from xml.etree.ElementTree import Element

from annotations.errors import SourceError
from annotations.zipsafe import has_member, local_name, parse_xml, read_member

CONTAINER = "META-INF/container.xml"
_OPF_TYPE = "application/oebps-package+xml"
_CHAPTER_TYPES = ("application/xhtml+xml", "text/html", "application/xml", "text/xml")
_OPF_NS = "{http://www.idpf.org/2007/opf}"
_AUTHOR_ROLES = ("", "aut")
_EDITOR_ROLES = ("edt", "editor")
"""MARC relator codes (EPUB 2's `opf:role`, EPUB 3's refining `role` meta); some
writers spell the role out."""
_DOI = re.compile(r"\b(10\.\d{4,9}/\S+)")
_DATE = re.compile(r"^\s*(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_OLDEST_YEAR = 1000
"""calibre writes 0101-01-01 for "no date"; no EPUB edition is older than this."""


@dataclass
class Item:
    """One manifest entry: a file of the book, by its path inside the archive."""

    id: str
    path: str
    media_type: str
    properties: frozenset[str] = frozenset()

    @property
    def is_chapter_type(self) -> bool:
        return self.media_type.split(";")[0].strip().lower() in _CHAPTER_TYPES


@dataclass
class Package:
    opf_path: str
    title: str = ""
    authors: list[str] = field(default_factory=list)
    editors: list[str] = field(default_factory=list)
    """Creators in the editor's role: an edited volume is cited with its editors."""
    published: str = ""
    language: str = ""
    publisher: str = ""
    doi: str = ""
    manifest: dict[str, Item] = field(default_factory=dict)
    spine: list[Item] = field(default_factory=list)
    """The linear content documents, in reading order (the cover and other `linear="no"`
    items, and the table of contents page, left out)."""
    ncx: Item | None = None
    nav: Item | None = None


def read_package(archive: zipfile.ZipFile, path: Path) -> Package:
    opf_path = opf_location(archive, path)
    if not has_member(archive, opf_path):
        raise SourceError(f"{path} names its package file {opf_path}, which is missing; "
                          "the EPUB is damaged")
    root = parse_xml(read_member(archive, opf_path, path), f"{path} ({opf_path})")
    if local_name(root.tag) != "package":
        raise SourceError(f"{path} has no EPUB package in {opf_path}; the EPUB is damaged")
    package = Package(opf_path=opf_path)
    metadata = child(root, "metadata")
    if metadata is not None:
        read_metadata(metadata, package)
    read_manifest(root, package, path)
    read_spine(root, package, path)
    return package


def opf_location(archive: zipfile.ZipFile, path: Path) -> str:
    """The package file's path inside the archive, from META-INF/container.xml."""
    if not has_member(archive, CONTAINER):
        raise SourceError(
            f"{path} is not an EPUB (it has no {CONTAINER}); export it again as EPUB"
        )
    root = parse_xml(read_member(archive, CONTAINER, path), f"{path} ({CONTAINER})")
    rootfiles = [e for e in root.iter() if local_name(e.tag) == "rootfile" and e.get("full-path")]
    preferred = [e for e in rootfiles if e.get("media-type", _OPF_TYPE) == _OPF_TYPE] or rootfiles
    if not preferred:
        raise SourceError(f"{path} names no package file in {CONTAINER}; the EPUB is damaged")
    return inside_archive("", preferred[0].get("full-path", ""), path)


def inside_archive(base: str, href: str, path: Path) -> str:
    """`href`, relative to the folder `base`, as a path from the archive's root.

    Refused when it climbs out of the archive ("../../etc/passwd") or is absolute: such a
    book is crafted, not damaged.
    """
    target = unquote(urlsplit(href).path)
    joined = posixpath.normpath(posixpath.join(base, target)) if target else ""
    if not joined or joined == "." or target.startswith("/") or joined.startswith("../") \
            or joined == ".." or "\\" in target:
        raise SourceError(
            f"{path} refers to {href!r}, outside the book's own files; it is refused as unsafe"
        )
    return joined


def read_metadata(metadata: Element, package: Package) -> None:
    roles = refined(metadata, "role")
    creators: list[tuple[str, str]] = []
    dates: list[tuple[str, str]] = []
    for element in metadata:
        name, text = local_name(element.tag), " ".join("".join(element.itertext()).split())
        if not text:
            continue
        if name == "title" and not package.title:
            package.title = text
        elif name in ("creator", "contributor"):
            role = (element.get(_OPF_NS + "role") or element.get("role")
                    or roles.get(element.get("id", ""), "")).strip().lower()
            # A contributor is cited only as an editor (not a cover designer, say).
            if name == "creator" or role in _EDITOR_ROLES:
                creators.append((text, role))
        elif name == "date":
            dates.append((text, (element.get(_OPF_NS + "event") or "").lower()))
        elif name == "language" and not package.language:
            package.language = text
        elif name == "publisher" and not package.publisher:
            package.publisher = text
        elif name == "identifier" and not package.doi:
            found = _DOI.search(text)
            if found and ("doi" in text.lower() or text.startswith("10.")):
                package.doi = found.group(1).rstrip(".,;")
    package.editors = [name for name, role in creators if role in _EDITOR_ROLES]
    authors = [name for name, role in creators if role in _AUTHOR_ROLES]
    # A book whose creators all have other roles (illustrator, translator) is cited by
    # them rather than by no one; its editors are never its authors.
    package.authors = authors or [name for name, role in creators if role not in _EDITOR_ROLES]
    package.published = publication_date(dates)


def refined(metadata: Element, property_name: str) -> dict[str, str]:
    """EPUB 3's `<meta refines="#id" property="role">aut</meta>`, by the refined id."""
    found: dict[str, str] = {}
    for element in metadata:
        if local_name(element.tag) == "meta" and element.get("property") == property_name:
            target = (element.get("refines") or "").lstrip("#")
            if target and element.text:
                found.setdefault(target, element.text.strip())
    return found


def publication_date(dates: list[tuple[str, str]]) -> str:
    """YYYY-MM-DD, YYYY-MM or YYYY from the dc:date that means publication; "" if none."""
    ranked = [text for text, event in dates if "publication" in event]
    ranked += [text for text, event in dates if not event]
    for text in ranked:
        value = normal_date(text)
        if value:
            return value
    return ""


def normal_date(text: str) -> str:
    match = _DATE.match(text)
    if not match:
        return ""
    year, month, day = match.group(1), match.group(2), match.group(3)
    try:
        date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return ""
    if int(year) < _OLDEST_YEAR:
        return ""
    return "-".join(part for part in (year, month, day) if part)


def read_manifest(root: Element, package: Package, path: Path) -> None:
    manifest = child(root, "manifest")
    base = posixpath.dirname(package.opf_path)
    for element in manifest if manifest is not None else ():
        if local_name(element.tag) != "item" or not element.get("id") or not element.get("href"):
            continue
        href = element.get("href", "")
        if urlsplit(href).scheme:
            continue  # a remote resource (EPUB 3 allows audio and fonts on the web): unread
        item = Item(element.get("id", ""), inside_archive(base, href, path),
                    element.get("media-type", ""), frozenset((element.get("properties") or "").split()))
        package.manifest[item.id] = item
        if "nav" in item.properties and package.nav is None:
            package.nav = item


def read_spine(root: Element, package: Package, path: Path) -> None:
    spine = child(root, "spine")
    if spine is None:
        raise SourceError(f"{path} has no spine (no reading order) in its package; the EPUB is damaged")
    toc = spine.get("toc", "")
    package.ncx = package.manifest.get(toc) if toc else None
    if package.ncx is None:
        package.ncx = next((i for i in package.manifest.values()
                            if i.media_type == "application/x-dtbncx+xml"), None)
    for itemref in spine:
        if local_name(itemref.tag) != "itemref" or (itemref.get("linear") or "yes").lower() == "no":
            continue
        item = package.manifest.get(itemref.get("idref", ""))
        if item is None or not item.is_chapter_type or item is package.nav:
            continue
        package.spine.append(item)
    if not package.spine:
        raise SourceError(f"{path} has no chapters in its reading order (an empty spine); "
                          "the EPUB holds no text to read")


def child(element: Element, name: str) -> Element | None:
    return next((e for e in element if local_name(e.tag) == name), None)
