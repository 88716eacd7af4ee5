"""Every page's lines out of an open PDF; a file damage cost text of, refused; what a
document without any text is (a scan, or blank)."""

from __future__ import annotations

import os
from pathlib import Path

import pypdfium2
import pypdfium2.raw as pdfium_c

from reader.importing.pdf.lines import PageText, page_text
from reader.importing.pdf.opening import damaged, no_text, partly_scanned

_PAGES_LOOKED_AT_FOR_IMAGES = 10
_PAGES_PER_WORKER = 60
"""A process of its own is worth starting (about 0.3 s) for this many pages or more."""
_MOST_WORKERS = 4
_MOSTLY = 0.5
"""A document most of whose pages are pictures without text is taken for a scan."""


def read_pages(pdf, path: Path) -> list[PageText]:
    """The lines of every page; `SourceError` when no page holds any text, or when damage
    cost text of any page.

    A researcher quotes and cites from what was imported: a page that lost its text, or
    half of it, would show as the page, and a quote looked for there would not be found.
    A damaged file is refused, naming the pages, so that a sound copy is found first.
    """
    pages: list[PageText] = []
    failed: list[int] = []
    read = _read_in_parallel(path, len(pdf)) or [_read_page(pdf.raw, i) for i in range(len(pdf))]
    for index, page in enumerate(read):
        if page is None:
            failed.append(index + 1)
        pages.append(page or PageText(index + 1, [], ()))
    empty = [page.index for page in pages if not page.lines]
    lost = sorted(set(failed) | set(_damaged(path, pages, empty)))
    if lost:
        raise damaged(path, lost, len(pages))
    if len(empty) == len(pages):
        raise no_text(path, _has_images(pdf, empty))
    if len(empty) > _MOSTLY * len(pages) and _has_images(pdf, empty, every=True):
        # A scan with a typed cover, or OCR run on a few pages: the text there is not the
        # document, and a reader would wonder where the rest went.
        raise partly_scanned(path, len(empty), len(pages))
    return pages


def _damaged(path: Path, pages: list[PageText], empty: list[int]) -> list[int]:
    """The pages damage cost text of; where the file's page tree cannot be followed, the
    pages without text, when a stream of the file does not decode."""
    from reader.importing.pdf.damage import damaged_pages, has_broken_streams

    named = damaged_pages(path, len(pages))
    if named is not None:
        return named
    return empty if empty and has_broken_streams(path) else []


def _read_in_parallel(path: Path, count: int) -> list[PageText | None] | None:
    """A long document's pages read by several processes at once (each opens the file
    itself: PDFium is not thread-safe); None when it is short, the machine has one core, or
    the workers fail (the pages are then read here, one after another).

    New processes are spawned, never forked: the reader adds files from a worker thread,
    and a fork of a process with threads can inherit a lock held by one of them.
    """
    workers = min(_MOST_WORKERS, os.cpu_count() or 1, count // _PAGES_PER_WORKER)
    if workers < 2:
        return None
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    bounds = [count * n // workers for n in range(workers + 1)]
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
            parts = list(pool.map(_read_range, [str(path)] * workers, bounds, bounds[1:]))
    except Exception:  # noqa: BLE001 - a failed worker costs speed, never the import
        return None
    return [page for part in parts for page in part]


def _read_range(path: str, first: int, stop: int) -> list[PageText | None]:
    pdf = pypdfium2.PdfDocument(path)
    try:
        return [_read_page(pdf.raw, index) for index in range(first, stop)]
    finally:
        pdf.close()


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
