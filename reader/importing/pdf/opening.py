"""Opening a PDF with PDFium, and the one clear line for each file that cannot be read:
not a PDF, too big, damaged or cut short, locked with a password, too many pages,
no text layer."""

from __future__ import annotations

from pathlib import Path

import pypdfium2
import pypdfium2.raw as pdfium_c

from annotations.errors import SourceError
from reader.importing.sources import MAX_DOCUMENT_BYTES, check_source_file

MAX_PAGES = 20_000
"""Longer PDFs are refused: a register's year is a few thousand pages, and a file that
claims more is more likely hostile than a book."""
_HEADER_WINDOW = 1024
"""PDF readers look for `%PDF-` within the file's first kilobyte."""
_OCR_HINT = "run OCR on it first, e.g. `ocrmypdf in.pdf out.pdf`, and add the result"


def open_pdf(path: Path):
    """The document, opened; or `SourceError` for a file glossator cannot read."""
    check_source_file(path, MAX_DOCUMENT_BYTES)
    _check_header(path)
    try:
        pdf = pypdfium2.PdfDocument(path)
    except pypdfium2.PdfiumError as error:
        raise _refusal(path, getattr(error, "err_code", None)) from None
    except OSError as error:
        raise SourceError(f"cannot read {path}: {error.strerror or error}") from None
    pages = len(pdf)
    if pages > MAX_PAGES:
        pdf.close()
        raise SourceError(
            f"{path} has {pages:,} pages, over the {MAX_PAGES:,}-page limit; split it "
            f"(e.g. `qpdf in.pdf --pages . 1-5000 -- part1.pdf`) and add the parts")
    return pdf


def _check_header(path: Path) -> None:
    try:
        with path.open("rb") as file:
            head = file.read(_HEADER_WINDOW)
    except OSError as error:
        raise SourceError(f"cannot read {path}: {error.strerror}") from None
    if not head.strip():
        raise SourceError(f"{path} is empty; there is nothing to read")
    if b"%PDF-" in head:
        return
    start = head.lstrip()[:200].lower()
    if start.startswith((b"<!doctype html", b"<html")) or b"<html" in start:
        raise SourceError(f"{path} is a web page saved as .pdf, not a PDF (a login or paywall "
                          "page?); open the link in a browser and download the PDF itself")
    raise SourceError(f"{path} is not a PDF (it does not start with %PDF-); check the file, "
                      "or give it the extension of what it is")


def _refusal(path: Path, code: int | None) -> SourceError:
    if code == pdfium_c.FPDF_ERR_PASSWORD:
        return SourceError(
            f"{path} is encrypted and needs a password to open; save a copy without it "
            "(e.g. `qpdf --decrypt --password=PASSWORD in.pdf out.pdf`) and add that")
    if code == pdfium_c.FPDF_ERR_SECURITY:
        return SourceError(f"{path} is encrypted in a way glossator cannot open; save a copy "
                           "without protection from a PDF viewer and add that")
    if code == pdfium_c.FPDF_ERR_FILE:
        return SourceError(f"cannot read {path}; check that the file is there and readable")
    return damaged(path)


_MOST_PAGES_NAMED = 8


def damaged(path: Path, pages: list[int] | None = None, count: int = 0) -> SourceError:
    """The line for a damaged file; `pages` (1-based, of `count`), those it cost text of."""
    if not pages:
        return SourceError(f"{path} is damaged or cut short; download it again, or re-save it "
                           "from a PDF viewer, and add it again")
    named = ", ".join(str(page) for page in pages[:_MOST_PAGES_NAMED])
    if len(pages) > _MOST_PAGES_NAMED:
        named += f" and {len(pages) - _MOST_PAGES_NAMED} more"
    which = "page" if len(pages) == 1 else "pages"
    return SourceError(
        f"{path} is damaged or cut short; the text of {which} {named} of {count} cannot be "
        "read whole: download it again and add the new copy (or, if no sound copy can be "
        "had, print it to PDF from a viewer, which keeps what it shows, and add that)")


def no_text(path: Path, has_images: bool) -> SourceError:
    if has_images:
        return SourceError(f"{path} has no text layer (a scan?); {_OCR_HINT}")
    return SourceError(f"{path} has no text to read (blank pages, or text drawn as shapes); "
                       f"export it again with its text, or {_OCR_HINT}")


def partly_scanned(path: Path, without_text: int, pages: int) -> SourceError:
    return SourceError(f"{path} has no text layer on {without_text} of its {pages} pages (a scan?); "
                       "run OCR on it first, e.g. `ocrmypdf --skip-text in.pdf out.pdf`, and add "
                       "the result")
