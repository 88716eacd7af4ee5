"""The document model: article text, its blocks and inline styles.

Built from a body by reader/document/build.py, this is the one source of truth for
offsets: every block and style span counts code points in `Document.text`, 0-based and
end exclusive. Blocks are separated by a blank line in the text; list markers, quote
bars and heading hashes are decoration, not text, so they never end up inside a quote.

Sources with fixed pages (PDFs) add `pages`: where each printed page's text starts, and
its label; sources in chapters (EPUBs) add `chapters`. Both are plain lists beside the
blocks: the layout draws a rule at each page start, and `places` tells the domain where
a mark is for its locator ("p. 12", "Chapter 3, para. 2"). Other sources leave them empty.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

from annotations.places import TextPlaces

BLOCK_SEPARATOR = "\n\n"

HEADING = "heading"
PARAGRAPH = "paragraph"
LIST_ITEM = "list_item"
QUOTE = "quote"
CODE = "code"
TABLE_ROW = "table_row"
RULE = "rule"
FOOTNOTE = "footnote"


class Block(NamedTuple):
    """One run of text the reader shows as a unit: a paragraph, a heading, a code block…

    A named tuple rather than a frozen dataclass: a book has thousands, and building
    them from the kept model is five times quicker this way.
    """

    kind: str
    start: int
    end: int
    level: int = 0
    """Heading level (1–6); 0 otherwise."""
    list_depth: int = 0
    quote_depth: int = 0
    marker: str = ""
    """The list marker shown before the first line of a list item: `•`, `3.`."""
    language: str = ""


class StyleSpan(NamedTuple):
    start: int
    end: int
    style: str
    """`em`, `strong`, `code`, `link`, `strike` or `image`."""
    href: str = ""


class Page(NamedTuple):
    """Where a printed page's text starts, and its label ("iv", "12")."""

    start: int
    label: str
    index: int
    """The 1-based page number in the file (PDF page index)."""


class Chapter(NamedTuple):
    start: int
    label: str
    """How a locator names it: "Chapter 3", or a heading such as "Preface"."""


@dataclass
class Document:
    text: str
    blocks: list[Block] = field(default_factory=list)
    spans: list[StyleSpan] = field(default_factory=list)
    pages: list[Page] = field(default_factory=list)
    chapters: list[Chapter] = field(default_factory=list)

    @cached_property
    def text_hash(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8", "surrogatepass")).hexdigest()

    @cached_property
    def _block_starts(self) -> list[int]:
        return [b.start for b in self.text_blocks]

    @cached_property
    def text_blocks(self) -> list[Block]:
        """Blocks that hold text (rules are drawn but hold none)."""
        return [b for b in self.blocks if b.kind != RULE]

    @cached_property
    def paragraph_starts(self) -> list[int]:
        """Where each paragraph starts, for `para. N` locators: every text block but headings."""
        return [b.start for b in self.text_blocks if b.kind != HEADING]

    @cached_property
    def places(self) -> TextPlaces:
        """Paragraph, page and chapter starts: where a mark is, for its locator."""
        return TextPlaces(
            paragraph_starts=self.paragraph_starts,
            page_starts=[p.start for p in self.pages],
            page_labels=[p.label for p in self.pages],
            chapter_starts=[c.start for c in self.chapters],
            chapter_labels=[c.label for c in self.chapters],
        )

    def page_at(self, offset: int) -> Page | None:
        """The page holding `offset`; None for a text without pages."""
        if not self.pages:
            return None
        index = bisect_right([p.start for p in self.pages], offset) - 1
        return self.pages[max(0, index)]

    def find_page(self, wanted: str) -> Page | None:
        """The page labelled `wanted` ("iv", "12", case-insensitive), else the page of that
        number in the file; None when there is neither."""
        key = wanted.strip().casefold()
        for page in self.pages:
            if page.label.casefold() == key:
                return page
        if key.isdigit():
            return next((p for p in self.pages if p.index == int(key)), None)
        return None

    def block_index_at(self, offset: int) -> int:
        """Index into `text_blocks` of the block holding `offset` (or the one before a gap)."""
        return max(0, bisect_right(self._block_starts, offset) - 1)

    def block_at(self, offset: int) -> Block | None:
        if not self.text_blocks:
            return None
        return self.text_blocks[self.block_index_at(offset)]
