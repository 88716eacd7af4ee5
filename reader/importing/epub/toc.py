"""The book's own table of contents: the label it gives each content document.

EPUB 3 has a navigation document (XHTML, `<nav epub:type="toc">`); EPUB 2 an NCX file.
Either names chapters the way the book's reader shows them, which is the next best
heading for a chapter whose file has none of its own.
"""

from __future__ import annotations

import posixpath
import zipfile
from pathlib import Path

from annotations.errors import SourceError
from annotations.zipsafe import local_name, parse_xml, read_member
from reader.importing.epub.package import Item, Package, inside_archive


def toc_labels(archive: zipfile.ZipFile, path: Path, package: Package) -> dict[str, str]:
    """The first label the table of contents gives each file, by archive path."""
    labels: dict[str, str] = {}
    if package.nav is not None:
        labels = nav_labels(archive, path, package.nav)
    if not labels and package.ncx is not None:
        labels = ncx_labels(archive, path, package.ncx)
    return labels


def nav_labels(archive: zipfile.ZipFile, path: Path, nav: Item) -> dict[str, str]:
    from reader.importing.clean_html import parse_html
    from reader.importing.epub.chapters import decode_xhtml

    soup = parse_html(decode_xhtml(read_member(archive, nav.path, path), path, nav.path))
    navs = soup.find_all("nav")
    tocs = [n for n in navs if "toc" in str(n.get("epub:type", "")).split()] or navs
    labels: dict[str, str] = {}
    for link in tocs[0].find_all("a", href=True) if tocs else ():
        _add(labels, posixpath.dirname(nav.path), str(link["href"]), link.get_text(" "), path)
    return labels


def ncx_labels(archive: zipfile.ZipFile, path: Path, ncx: Item) -> dict[str, str]:
    root = parse_xml(read_member(archive, ncx.path, path), f"{path} ({ncx.path})")
    labels: dict[str, str] = {}
    for point in root.iter():
        if local_name(point.tag) != "navPoint":
            continue
        label = next((" ".join(e.itertext()) for e in point
                      if local_name(e.tag) == "navLabel"), "")
        source = next((e.get("src", "") for e in point if local_name(e.tag) == "content"), "")
        _add(labels, posixpath.dirname(ncx.path), source, label, path)
    return labels


def _add(labels: dict[str, str], base: str, href: str, label: str, path: Path) -> None:
    label = " ".join(label.split())
    if not label or not href or href.startswith("#"):
        return
    try:
        target = inside_archive(base, href, path)
    except SourceError:
        return  # a table of contents entry pointing outside the book names nothing we read
    labels.setdefault(target, label)
