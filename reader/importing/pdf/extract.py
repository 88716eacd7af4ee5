"""Every page's lines out of an open PDF, a page PDFium cannot load counting as empty,
and what a document without any text is: a scan, or blank."""

from __future__ import annotations

from pathlib import Path

import pypdfium2
import pypdfium2.raw as pdfium_c

from reader.importing.pdf.lines import PageText, page_text
from reader.importing.pdf.opening import damaged, no_text, partly_scanned

_PAGES_LOOKED_AT_FOR_IMAGES = 10
_MOSTLY = 0.5
"""A document most of whose pages are pictures without text is taken for a scan."""


def read_pages(pdf, path: Path) -> list[PageText]:
    """The lines of every page; `SourceError` when no page holds any text."""
    pages: list[PageText] = []
    failed = 0
    for index in range(len(pdf)):
        page = _read_page(pdf.raw, index)
        failed += page is None
        pages.append(page or PageText(index + 1, [], ()))
    empty = [page.index for page in pages if not page.lines]
    if len(empty) == len(pages):
        if failed:
            raise damaged(path)
        raise no_text(path, _has_images(pdf, empty))
    if len(empty) > _MOSTLY * len(pages) and _has_images(pdf, empty, every=True):
        # A scan with a typed cover, or OCR run on a few pages: the text there is not the
        # document, and a reader would wonder where the rest went.
        raise partly_scanned(path, len(empty), len(pages))
    return pages


def _read_page(document, index: int) -> PageText | None:
    """One page's lines, or None when PDFium cannot load it. PDFium's own calls rather
    than pypdfium2's page objects: their bookkeeping costs as much as a page's text."""
    page = pdfium_c.FPDF_LoadPage(document, index)
    if not page:
        return None
    try:
        textpage = pdfium_c.FPDFText_LoadPage(page)
        if not textpage:
            return None
        try:
            return page_text(textpage, index + 1)
        finally:
            pdfium_c.FPDFText_ClosePage(textpage)
    finally:
        pdfium_c.FPDF_ClosePage(page)


def info_dictionary(pdf) -> dict[str, str]:
    """The Info dictionary's entries; none when PDFium cannot read them."""
    try:
        return pdf.get_metadata_dict(skip_empty=True)
    except (pypdfium2.PdfiumError, UnicodeDecodeError, ValueError):
        return {}


def page_labels_of(pdf) -> list[str]:
    """The PDF's own page labels, "" for a page without one."""
    labels = []
    for index in range(len(pdf)):
        try:
            labels.append(pdf.get_page_label(index))
        except (ValueError, UnicodeDecodeError):
            labels.append("")
    return labels


def _has_images(pdf, pages: list[int], every: bool = False) -> bool:
    """Whether the first of `pages` (1-based) hold an image: any of them, or `every` one."""
    looked = [_holds_image(pdf, number - 1) for number in pages[:_PAGES_LOOKED_AT_FOR_IMAGES]]
    return all(looked) if every else any(looked)


def _holds_image(pdf, index: int) -> bool:
    try:
        page = pdf[index]
    except pypdfium2.PdfiumError:
        return False
    try:
        return next(page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=3),
                    None) is not None
    finally:
        page.close()
