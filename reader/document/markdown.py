"""Markdown bodies: markdown-it (CommonMark, tables, strikethrough) to a `Document`."""

from __future__ import annotations

from reader.document.builder import DocumentBuilder
from reader.document.model import Document


def parse_markdown(source: str) -> Document:
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])
    return DocumentBuilder().build(parser.parse(source))
