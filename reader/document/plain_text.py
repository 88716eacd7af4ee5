"""Plain-text bodies: paragraphs from blank lines and line breaks."""

from __future__ import annotations

import re

from reader.document.builder import DocumentBuilder
from reader.document.model import PARAGRAPH, Document


def parse_plain(source: str) -> Document:
    """Plain text: paragraphs at blank lines; single line breaks inside one are reflowed."""
    builder = DocumentBuilder()
    for paragraph in re.split(r"\n[ \t]*\n", source.replace("\r\n", "\n").replace("\r", "\n")):
        text = " ".join(line.strip() for line in paragraph.split("\n") if line.strip())
        if text:
            builder.add_block(PARAGRAPH, text)
    return builder.document()
