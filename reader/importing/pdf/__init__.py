"""PDF files: PDFium's text (pypdfium2) rebuilt into prose, page by page.

The file is checked and opened (opening.py) and every page read (extract.py) as lines
with their geometry (lines.py), cut at column gutters (gutters.py); a file that damage
cost text of is refused, naming the pages (damage.py). Running heads and page numbers
are left out (running_heads.py, from the lines edges.py finds may be ones); their
numbers give the printed page labels (page_labels.py). The lines, cleaned (cleaning.py), are put in
reading order (reading_order.py) and made into headings, paragraphs and footnotes
(paragraphs.py, footnotes.py, hyphens.py) by the document's own measures (styles.py). The body is the
pages as JSON (body.py); the metadata comes from XMP or the Info dictionary
(metadata.py), else from page 1 (first_page.py).

The modules below import pypdfium2; importing/__init__.py imports this package only when
a PDF is added, and this module imports them only when `import_pdf` is called.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from reader.importing.article_source import ImportedArticle

if TYPE_CHECKING:  # the modules below import pypdfium2: only when a PDF is added
    from reader.importing.pdf.hyphens import Vocabulary
    from reader.importing.pdf.lines import PageText
    from reader.importing.pdf.paragraphs import Block
    from reader.importing.pdf.reading_order import Flow
    from reader.importing.pdf.running_heads import RunningLines
    from reader.importing.pdf.styles import Styles

__all__ = ["import_pdf"]

_PDFIUM = threading.Lock()
"""PDFium is not thread-safe: two PDFs added at once (the TUI adds in a worker) take turns."""


def import_pdf(path: Path) -> ImportedArticle:
    """The PDF at `path` as an article whose body is its pages (format "pages"), or
    `SourceError` for a file that cannot be read."""
    from reader.importing.pdf.body import pages_body
    from reader.importing.pdf.extract import info_dictionary, page_labels_of, read_pages
    from reader.importing.pdf.first_page import doi_on_page, title_on_page
    from reader.importing.pdf.metadata import document_metadata
    from reader.importing.pdf.opening import no_text, open_pdf
    from reader.importing.pdf.page_labels import page_labels
    from reader.importing.pdf.running_heads import find_running_lines

    with _PDFIUM:
        pdf = open_pdf(path)
        try:
            pages = read_pages(pdf, path)
            own_labels = page_labels_of(pdf)
            info = info_dictionary(pdf)
        finally:
            pdf.close()
    running = find_running_lines(pages)
    labels = page_labels(own_labels, running.numbers)
    prose = _prose(pages, running, labels)
    if not any(prose.blocks):
        raise no_text(path, has_images=False)
    meta = document_metadata(path, info)
    # Page 1 is the first page with text: a cover picture or a blank page comes first.
    first = next(i for i, page in enumerate(pages) if page.lines)
    doi = meta.doi or doi_on_page(pages[first].lines)
    return ImportedArticle(
        body=pages_body(labels, prose.blocks),
        format="pages",
        source=str(path.resolve()),
        title=meta.title or title_on_page(prose.flows[first], prose.styles, prose.words)
        or path.stem,
        authors=meta.authors,
        published=meta.published,
        language=meta.language,
        keywords=meta.keywords,
        doi=doi,
        site=meta.journal,
        # A PDF is a paper or a report far more often than a news page: a journal article
        # when its journal is named, else a report (a DOI alone does not say which: the
        # styles' journal forms need the journal's name). `meta --set type=…` changes it.
        type="journal" if meta.journal else "report",
    )


class _Prose(NamedTuple):
    flows: list[list[Flow]]
    styles: Styles
    words: Vocabulary
    blocks: list[list[Block]]


def _prose(pages: list[PageText], running: RunningLines, labels: list[str]) -> _Prose:
    """The pages' text without running heads, in reading order, as blocks."""
    from reader.importing.pdf.cleaning import readable_page
    from reader.importing.pdf.hyphens import vocabulary
    from reader.importing.pdf.paragraphs import page_blocks
    from reader.importing.pdf.reading_order import reading_order
    from reader.importing.pdf.running_heads import without_running_lines
    from reader.importing.pdf.styles import measure

    body_pages = without_running_lines(pages, running, labels)
    if not any(page.lines for page in body_pages):
        body_pages = pages  # every line "repeats": a document of identical pages
    body_pages = [readable_page(page) for page in body_pages]
    flows = [reading_order(page.lines, page.gutters) for page in body_pages]
    styles = measure(flows)
    words = vocabulary([line.text for page in body_pages for line in page.lines])
    return _Prose(flows, styles, words, page_blocks(flows, styles, words))
