"""Where an article text's paragraphs, pages and chapters start: what a mark's locator is.

Plain data, filled in by whoever built the text (the reader's document model), so the
domain can place a mark without knowing how the text was made:

- paragraphs: the `para. N` locator; within its chapter when the text has chapters;
- pages: a PDF's printed page labels ("iv", "12"), the locator of paged sources;
- chapters: an EPUB's chapters ("Chapter 1", "Preface").
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Place:
    """Where one span is: the numbers and labels a citation's locator is made from."""

    paragraph: int = 0
    page: str = ""
    page_end: str = ""
    """The page the span ends on, when it is not the page it starts on."""
    chapter: str = ""


@dataclass(frozen=True)
class TextPlaces:
    paragraph_starts: Sequence[int] = ()
    page_starts: Sequence[int] = ()
    page_labels: Sequence[str] = ()
    chapter_starts: Sequence[int] = ()
    chapter_labels: Sequence[str] = ()

    def paragraph_at(self, offset: int) -> int:
        """1-based number of the paragraph holding `offset` (within its chapter, when the
        text has chapters); 0 without paragraphs."""
        if not self.paragraph_starts:
            return 0
        number = bisect_right(self.paragraph_starts, offset)
        chapter = self._chapter_index(offset)
        if chapter >= 0:
            number -= bisect_left(self.paragraph_starts, self.chapter_starts[chapter])
        return number

    def page_at(self, offset: int) -> str:
        index = bisect_right(self.page_starts, offset) - 1
        return self.page_labels[index] if index >= 0 else (self.page_labels[0] if self.page_labels
                                                             else "")

    def chapter_at(self, offset: int) -> str:
        index = self._chapter_index(offset)
        return self.chapter_labels[index] if index >= 0 else ""

    def _chapter_index(self, offset: int) -> int:
        return bisect_right(self.chapter_starts, offset) - 1 if self.chapter_starts else -1

    def place_of(self, start: int, end: int) -> Place:
        page = self.page_at(start)
        last = self.page_at(max(start, end - 1))
        return Place(paragraph=self.paragraph_at(start), page=page,
                     page_end=last if last != page else "", chapter=self.chapter_at(start))


def as_places(places: TextPlaces | Sequence[int]) -> TextPlaces:
    """`places` itself, or a text known only by its paragraph starts."""
    return places if isinstance(places, TextPlaces) else TextPlaces(paragraph_starts=places)
