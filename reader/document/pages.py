"""PDF bodies: the text page by page (JSON, as reader/importing/pdf writes it) to a
`Document` whose `pages` say where each printed page starts.

    {"glossator": "pages", "version": 1,
     "pages": [{"index": 1, "label": "iv",
                "blocks": [{"kind": "heading", "level": 1, "text": "…"},
                           {"kind": "paragraph", "text": "…"},
                           {"kind": "paragraph", "text": "…", "joins": " "},
                           {"kind": "footnote", "text": "1 …"}]}]}

A first block with `joins` continues the previous page's last paragraph: the two halves
are one paragraph of the text (a sentence across a page break stays one sentence), and
the page starts where its half does. A page without text starts where the next text does.
"""

from __future__ import annotations

import json
from typing import Any

from reader.document.builder import DocumentBuilder
from reader.document.model import FOOTNOTE, HEADING, PARAGRAPH, Document, Page

FORMAT_NAME = "pages"
VERSION = 1
_KINDS = {"heading": HEADING, "paragraph": PARAGRAPH, "footnote": FOOTNOTE}


class PagesBodyError(ValueError):
    """A body that is not the page-by-page JSON this module reads."""


def page_label(page: dict[str, Any], page_offset: int | None) -> str:
    """The printed label: the one found in the PDF, or the page number plus the user's
    offset (`meta --set page-offset=N`)."""
    index = int(page.get("index", 0))
    if page_offset is not None:
        printed = index + page_offset
        # Pages before printed page 1 (a cover, a title page: offset -2) are front
        # matter, cited in roman numerals as books number theirs, never "p. 0" or "p. -1".
        return str(printed) if printed >= 1 else _roman(index)
    return str(page.get("label") or index)


def _roman(number: int) -> str:
    numerals = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))
    out = []
    for value, letters in numerals:
        count, number = divmod(number, value)
        out.append(letters * count)
    return "".join(out) or str(number)


def parse_pages(body: str, page_offset: int | None = None) -> Document:
    data = _load(body)
    builder = DocumentBuilder()
    pages: list[Page] = []
    for number, page in enumerate(data["pages"], start=1):
        if not isinstance(page, dict):
            raise PagesBodyError(f"page {number} is not an object")
        label = page_label({"index": number, **page}, page_offset)
        index = int(page.get("index", number))
        start: int | None = None
        for block in page.get("blocks", []):
            text = " ".join(str(block.get("text", "")).split())
            if not text:
                continue
            glue = block.get("joins")
            if glue is not None and start is None and builder.blocks \
                    and builder.blocks[-1].kind == PARAGRAPH:
                at = builder.extend_last_block(" " if glue else "", text)
            else:
                at = builder.next_block_start
                kind = _KINDS.get(block.get("kind"), PARAGRAPH)
                level = int(block.get("level", 1)) if kind == HEADING else 0
                builder.add_block(kind, text, level=min(max(level, 1), 6) if level else 0)
            if start is None:
                start = at
        pages.append(Page(start if start is not None else -1, label, index))
    document = builder.document()
    document.pages = _fill_empty_page_starts(pages, len(document.text))
    return document


def _fill_empty_page_starts(pages: list[Page], end: int) -> list[Page]:
    """A page with no text starts where the next page's text does (or at the end)."""
    filled: list[Page] = []
    following = end
    for page in reversed(pages):
        if page.start < 0:
            page = page._replace(start=following)
        following = page.start
        filled.append(page)
    filled.reverse()
    return filled


def _load(body: str) -> dict[str, Any]:
    try:
        data = json.loads(body)
    except ValueError as error:
        raise PagesBodyError(f"not JSON ({error})") from None
    if not isinstance(data, dict) or data.get("glossator") != FORMAT_NAME \
            or not isinstance(data.get("pages"), list):
        raise PagesBodyError("not a glossator page-by-page body")
    if int(data.get("version", 0)) > VERSION:
        raise PagesBodyError(f"written by a newer glossator (version {data.get('version')})")
    return data
