"""Plain text files: the first short line is the title; a "By …" line just below it names
the authors, as a wire story or a browser copy of an article has it."""

from __future__ import annotations

import re

from reader.importing.article_source import ImportedArticle

_MAX_TITLE_LENGTH = 120
_BYLINE = re.compile(r"^(?:by|von|par|por)\s+\S", re.I)
_MAX_BYLINE_LENGTH = 80
_BYLINE_LINES = 3
"""A byline sits right under the headline, perhaps after a standfirst."""


def import_text(text: str, source: str, fallback_title: str) -> ImportedArticle:
    body = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [line.strip() for line in body.split("\n") if line.strip()]
    first = lines[0] if lines else ""
    title = first if 0 < len(first) <= _MAX_TITLE_LENGTH else fallback_title
    article = ImportedArticle(body=body, format="text", source=source, title=title)
    article.authors = byline_authors(lines[1:1 + _BYLINE_LINES])
    return article


def byline_authors(lines: list[str]) -> list[str]:
    for line in lines:
        if len(line) <= _MAX_BYLINE_LENGTH and _BYLINE.match(line):
            from reader.importing.authors import clean_authors

            return clean_authors([line])
    return []
