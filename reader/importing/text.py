"""Plain text files: the first short line is the title."""

from __future__ import annotations

from reader.importing.article_source import ImportedArticle

_MAX_TITLE_LENGTH = 120


def import_text(text: str, source: str, fallback_title: str) -> ImportedArticle:
    body = text.replace("\r\n", "\n").replace("\r", "\n")
    first = next((line.strip() for line in body.split("\n") if line.strip()), "")
    title = first if 0 < len(first) <= _MAX_TITLE_LENGTH else fallback_title
    return ImportedArticle(body=body, format="text", source=source, title=title)
