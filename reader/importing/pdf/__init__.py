"""PDF files: PDFium's text (pypdfium2) rebuilt into prose, page by page.

Lines with their geometry (lines.py) are cut at column gutters (gutters.py), freed of
running heads and page numbers (running_heads.py, whose numbers give the printed page
labels, page_labels.py), put in reading order (reading_order.py) and made into
headings, paragraphs and footnotes (paragraphs.py, footnotes.py, hyphens.py). The body
is the pages as JSON (body.py); the metadata comes from XMP or the Info dictionary
(metadata.py), else from page 1 (first_page.py).

pypdfium2 is imported here and below only: the package is imported when a PDF is added.
"""

from __future__ import annotations

from pathlib import Path

from reader.importing.article_source import ImportedArticle

__all__ = ["import_pdf"]


def import_pdf(path: Path) -> ImportedArticle:
    from reader.importing.pdf.body import pages_body
    from reader.importing.pdf.cleaning import readable_page
    from reader.importing.pdf.extract import page_labels_of, read_pages
    from reader.importing.pdf.first_page import doi_on_page, title_on_page
    from reader.importing.pdf.hyphens import vocabulary
    from reader.importing.pdf.metadata import document_metadata
    from reader.importing.pdf.opening import no_text, open_pdf
    from reader.importing.pdf.page_labels import page_labels
    from reader.importing.pdf.paragraphs import page_blocks
    from reader.importing.pdf.reading_order import reading_order
    from reader.importing.pdf.running_heads import find_running_lines, without_running_lines
    from reader.importing.pdf.styles import measure

    pdf = open_pdf(path)
    try:
        pages = read_pages(pdf, path)
        own_labels = page_labels_of(pdf)
        info = pdf.get_metadata_dict()
    finally:
        pdf.close()
    running = find_running_lines(pages)
    labels = page_labels(own_labels, running.numbers)
    body_pages = without_running_lines(pages, running, labels)
    if not any(page.lines for page in body_pages):
        body_pages = pages  # every line "repeats": a document of identical pages
    body_pages = [readable_page(page) for page in body_pages]
    flows = [reading_order(page.lines, page.gutters) for page in body_pages]
    styles = measure(flows)
    words = vocabulary([line.text for page in body_pages for line in page.lines])
    blocks = page_blocks(flows, styles, words)
    if not any(blocks):
        raise no_text(path, has_images=False)
    meta = document_metadata(path, info)
    return ImportedArticle(
        body=pages_body(labels, blocks),
        format="pages",
        source=str(path.resolve()),
        title=meta.title or title_on_page(flows[0], styles, words) or path.stem,
        authors=meta.authors,
        published=meta.published,
        language=meta.language,
        keywords=meta.keywords,
        doi=meta.doi or doi_on_page(pages[0].lines),
    )
