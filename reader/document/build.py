"""From a stored body to its `Document`, by the body's format."""

from __future__ import annotations

from reader.document.model import Document


def build_document(body: str, format: str, page_offset: int | None = None) -> Document:
    """The document of a body: `text`, `markdown`, `pages` (a PDF's, whose printed page
    numbers `page_offset` overrides) or `chapters` (an EPUB's)."""
    if format == "text":
        from reader.document.plain_text import parse_plain

        return parse_plain(body)
    if format == "pages":
        from reader.document.pages import parse_pages

        return parse_pages(body, page_offset)
    if format == "chapters":
        from reader.document.chapters import parse_chapters

        return parse_chapters(body)
    from reader.document.markdown import parse_markdown

    return parse_markdown(body)
