"""Plain text files: the first short line is the title; a "By …" line just below it names
the authors, as a wire story or a browser copy of an article has it.

A headline with a byline under it is the title and the authors, not the story: both
lines leave the body, so that the story's first paragraph is "para. 1" (a wire story's
fourth paragraph was cited "para. 6"). A standfirst between them stays. A first line
without a byline stays in the body: it may be the text's first sentence.
"""

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
    raw = body.split("\n")
    filled = [i for i, line in enumerate(raw) if line.strip()]
    first = raw[filled[0]].strip() if filled else ""
    title = first if 0 < len(first) <= _MAX_TITLE_LENGTH else fallback_title
    article = ImportedArticle(body=body, format="text", source=source, title=title)
    for at in filled[1:1 + _BYLINE_LINES]:
        authors = byline_authors([raw[at].strip()])
        if authors:
            article.authors = authors
            if title == first and filled[-1] > at:  # the story goes on below them
                kept = [line for i, line in enumerate(raw) if i not in (filled[0], at)]
                article.body = "\n".join(kept).lstrip("\n")
            break
    return article


def byline_authors(lines: list[str]) -> list[str]:
    for line in lines:
        if len(line) <= _MAX_BYLINE_LENGTH and _BYLINE.match(line):
            from reader.importing.authors import clean_authors

            return clean_authors([line])
    return []
