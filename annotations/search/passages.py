"""An article text cut into passages for the index, and the locator of every place in one.

A passage is a run of whole blocks (paragraphs, headings, list items), ended by the
first block that takes it past PASSAGE_SIZE code points, never across a page or a
chapter start; a block longer than MAX_PASSAGE (a text file without paragraphs) is cut at
a space. Passages rather than single paragraphs because FTS5 scores every row a word is
in: a news paragraph is two or three sentences, and one row each would make a common
word's query rank nearly twice the rows (the bench library: 9,100 passages against
5,100; a word in most of them ranks in 19 ms against 10). The locator stays exact: a
passage keeps where each of its blocks starts and how each is cited ("para. 4", "p. 12",
"Chapter 3, para. 2"), and a hit is cited by the block it is in; its snippet stays inside
that block.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from annotations.citation.locators import CHAPTER, PAGE, PAGES, PARAGRAPH, Locator, chapter_text
from annotations.places import TextPlaces, as_places

PASSAGE_SIZE = 900
MAX_PASSAGE = 1500
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


@dataclass(frozen=True)
class Passage:
    start: int
    end: int
    cited: tuple[tuple[int, str], ...]
    """(offset in the passage, locator) where each of its blocks starts: how a hit at or
    after that offset is cited."""

    @property
    def locator(self) -> str:
        return self.cited[0][1] if self.cited else ""


@dataclass(frozen=True)
class _Block:
    start: int
    end: int
    locator: str
    joins: bool
    """Whether it may share a passage with the block before (no page or chapter between)."""


def passages(text: str, places: TextPlaces | Sequence[int], skip: str = "") -> list[Passage]:
    """The passages of `text`, in order; whitespace between them is in none. A block that
    reads as `skip` (the article's title, repeated as its first heading) is left out: the
    article's details hold it already."""
    found: list[Passage] = []
    run: list[_Block] = []
    for block in _blocks(text, as_places(places), skip):
        if run and (not block.joins or run[-1].end - run[0].start >= PASSAGE_SIZE):
            found.append(_passage(run))
            run = []
        run.append(block)
    if run:
        found.append(_passage(run))
    return found


def _passage(run: list[_Block]) -> Passage:
    start = run[0].start
    return Passage(start, run[-1].end, tuple((b.start - start, b.locator) for b in run))


def _blocks(text: str, places: TextPlaces, skip: str) -> list[_Block]:
    block_starts = {0, *(m.end() for m in _BLANK_LINE.finditer(text))}
    paragraphs = sorted(places.paragraph_starts)
    paragraph_set = set(paragraphs)
    divisions = {s for s in (*places.page_starts, *places.chapter_starts) if 0 < s < len(text)}
    cuts = sorted({len(text), *block_starts, *divisions,
                   *(s for s in paragraphs if 0 < s < len(text))})
    skipped = " ".join(skip.casefold().split())
    blocks: list[_Block] = []
    joins = True
    for cut, end in zip(cuts, cuts[1:], strict=False):
        joins = joins and cut not in divisions
        start, end = _without_outer_space(text, cut, end)
        if start >= end or (skipped and " ".join(text[start:end].casefold().split()) == skipped):
            continue
        heading = cut in block_starts and start not in paragraph_set
        locator = locator_at(places, _cited_as(start, paragraphs) if heading else start)
        for piece_start, piece_end in _pieces(text, start, end):
            blocks.append(_Block(piece_start, piece_end, locator, joins))
            joins = False  # the pieces of a long block stand alone
        joins = True
    return blocks


def _cited_as(start: int, paragraphs: list[int]) -> int:
    """Where a heading's locator is taken from: the paragraph it heads, not the one before."""
    following = bisect_left(paragraphs, start)
    return paragraphs[following] if following < len(paragraphs) else start


def _without_outer_space(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    pieces = []
    while end - start > MAX_PASSAGE:
        space = max(text.rfind(" ", start + MAX_PASSAGE // 2, start + MAX_PASSAGE),
                    text.rfind("\n", start + MAX_PASSAGE // 2, start + MAX_PASSAGE))
        cut = space if space > start else start + MAX_PASSAGE
        pieces.append(_without_outer_space(text, start, cut))
        start, _ = _without_outer_space(text, cut, end)
    if end > start:
        pieces.append((start, end))
    return pieces


def locator_at(places: TextPlaces, offset: int) -> str:
    place = places.place_of(offset, offset)
    return locator_text(Locator(page=place.page, chapter=place.chapter, paragraph=place.paragraph))


def locator_text(locator: Locator) -> str:
    """How a result names its place: "p. 12", "pp. 12–13", "Chapter 3, para. 2",
    "para. 4" (APA's forms, as the citations use them); "" when nothing is known."""
    if locator.kind == PAGE:
        return f"p. {locator.page}"
    if locator.kind == PAGES:
        return f"pp. {locator.page}–{locator.page_end}"
    if locator.kind == CHAPTER:
        return chapter_text(locator, "apa")
    if locator.kind == PARAGRAPH:
        return f"para. {locator.paragraph}"
    return ""
