"""Every page's lines out of an open PDF, a page PDFium cannot load counting as empty,
and what a document without any text is: a scan, or blank."""

from __future__ import annotations

from pathlib import Path

from reader.importing.pdf.lines import PageText, page_text
from reader.importing.pdf.opening import damaged, no_text

_PAGES_LOOKED_AT_FOR_IMAGES = 10


def read_pages(pdf, path: Path) -> list[PageText]:
    """The lines of every page; `SourceError` when no page holds any text."""
    import pypdfium2

    pages: list[PageText] = []
    failed = 0
    for index in range(len(pdf)):
        try:
            pages.append(_read_page(pdf, index))
        except pypdfium2.PdfiumError:
            failed += 1
            pages.append(PageText(index + 1, [], ()))
    if not any(page.lines for page in pages):
        if failed:
            raise damaged(path)
        raise no_text(path, _has_images(pdf))
    return pages


def _read_page(pdf, index: int) -> PageText:
    page = pdf[index]
    try:
        textpage = page.get_textpage()
        try:
            return page_text(textpage, index + 1)
        finally:
            textpage.close()
    finally:
        page.close()


def page_labels_of(pdf) -> list[str]:
    """The PDF's own page labels, "" for a page without one."""
    labels = []
    for index in range(len(pdf)):
        try:
            labels.append(pdf.get_page_label(index))
        except (ValueError, UnicodeDecodeError):
            labels.append("")
    return labels


def _has_images(pdf) -> bool:
    import pypdfium2
    import pypdfium2.raw as pdfium_c

    for index in range(min(len(pdf), _PAGES_LOOKED_AT_FOR_IMAGES)):
        try:
            page = pdf[index]
        except pypdfium2.PdfiumError:
            continue
        try:
            if next(page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=3), None):
                return True
        finally:
            page.close()
    return False
