"""From a stored body to its `Document`, by the body's format."""

from __future__ import annotations

from reader.document.model import Document


def build_document(body: str, format: str) -> Document:
    if format == "text":
        from reader.document.plain_text import parse_plain

        return parse_plain(body)
    from reader.document.markdown import parse_markdown

    return parse_markdown(body)
