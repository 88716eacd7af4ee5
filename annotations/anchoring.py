"""Selectors: where an annotation sits in the article text, and finding it again.

An annotation keeps both a W3C-style quote selector (`exact` with 32 code points of
`prefix` and `suffix`) and a position selector (`start`, `end`). The position is fast;
the quote lets a mark be found again when the article text has shifted, by the matcher
in annotations/matching (kept, moved, fuzzy with a score, or orphaned).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from annotations.errors import AmbiguousError, QuoteNotFoundError
from annotations.model import SELECTOR_CONTEXT
from annotations.places import Place, TextPlaces, as_places
from annotations.shared_ends import common_prefix, common_suffix
from annotations.textsafety import excerpt


@dataclass(frozen=True)
class Selector:
    start: int
    end: int
    exact: str
    prefix: str
    suffix: str
    paragraph: int
    page: str = ""
    page_end: str = ""
    chapter: str = ""


def select(
    text: str, start: int, end: int, places: TextPlaces | Sequence[int] = ()
) -> Selector:
    """The quote and position selectors for `text[start:end]`, and where it is (paragraph,
    page, chapter) by `places` (or just the paragraph starts)."""
    exact, prefix, suffix, place = _span_parts(text, start, end, places)
    return Selector(start=start, end=end, exact=exact, prefix=prefix, suffix=suffix,
                    paragraph=place.paragraph, page=place.page, page_end=place.page_end,
                    chapter=place.chapter)


def _span_parts(text: str, start: int, end: int,
                places: TextPlaces | Sequence[int]) -> tuple[str, str, str, Place]:
    """`text[start:end]`, its prefix and suffix, and its place: what a selector holds."""
    if not 0 <= start < end <= len(text):
        raise ValueError(f"span {start}..{end} is outside a text of {len(text)} code points")
    return (text[start:end], text[max(0, start - SELECTOR_CONTEXT) : start],
            text[end : end + SELECTOR_CONTEXT], as_places(places).place_of(start, end))


class Placeable(Protocol):
    """What `place_on` sets: a mark's selectors and its place (an `Annotation`)."""

    start: int
    end: int
    exact: str
    prefix: str
    suffix: str
    paragraph: int
    page: str
    page_end: str
    chapter: str
    orphaned: bool


def place_on(mark: Placeable, text: str, start: int, end: int,
             places: TextPlaces | Sequence[int] = ()) -> None:
    """Put `mark` on `text[start:end]`: its words, their context and its place (paragraph,
    page, chapter) from there; found, so no longer an orphan. Every re-placing of a mark
    (re-anchoring, a refresh, an import, a re-attach) goes through here.

    What `select` gives, set straight on the mark: making a frozen `Selector` on the way
    cost a refresh of 10,000 marks a tenth of a second."""
    mark.exact, mark.prefix, mark.suffix, place = _span_parts(text, start, end, places)
    mark.start, mark.end = start, end
    mark.paragraph, mark.chapter = place.paragraph, place.chapter
    mark.page, mark.page_end = place.page, place.page_end
    mark.orphaned = False


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """`start..end` without the whitespace at either end (empty if it was all space)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def paragraph_number(paragraph_starts: Sequence[int], offset: int) -> int:
    """1-based number of the paragraph holding `offset`; 0 without paragraph starts."""
    return bisect_right(paragraph_starts, offset) if paragraph_starts else 0


def quote_pattern(quote: str) -> re.Pattern[str]:
    """A pattern that finds `quote` whatever the whitespace between its words."""
    words = quote.split()
    if not words:
        raise QuoteNotFoundError("the quote is empty; give the words to mark")
    return re.compile(r"\s+".join(re.escape(word) for word in words))


def find_quote(text: str, quote: str) -> list[tuple[int, int]]:
    """Every place `quote` occurs in `text`, ignoring differences in whitespace."""
    return [m.span() for m in quote_pattern(quote).finditer(text)]


def choose_occurrence(
    spans: list[tuple[int, int]], quote: str, occurrence: int | None, where: str
) -> tuple[int, int]:
    """The one span the user meant, or a clear error saying how to say which."""
    shown = excerpt(quote, 60)
    if not spans:
        raise QuoteNotFoundError(
            f'"{shown}" does not occur in {where}; check the words with `glossator text`'
        )
    if occurrence is None:
        if len(spans) > 1:
            raise AmbiguousError(
                f'"{shown}" occurs {len(spans)} times in {where}; '
                f"add --occurrence N (1 to {len(spans)})"
            )
        return spans[0]
    if not 1 <= occurrence <= len(spans):
        raise QuoteNotFoundError(
            f'"{shown}" occurs {len(spans)} time(s) in {where}; '
            f"--occurrence must be 1 to {len(spans)}"
        )
    return spans[occurrence - 1]


def relocate(text: str, exact: str, prefix: str, suffix: str, start: int) -> tuple[int, int] | None:
    """The span of `text` holding `exact` word for word that best fits the selectors.

    Exact (or whitespace-insensitive) only: it finds no changed words, so re-anchoring a
    mark (a refresh, an article opened after its text changed, `doctor --repair`) goes
    through annotations/matching, which does. The old position wins when it still holds
    the quote; otherwise every occurrence of the quote is scored by how much of its
    prefix and suffix still match, ties going to the one nearest the old position. None
    when the quote is gone.
    """
    end = start + len(exact)
    if text[start:end] == exact:
        return start, end
    spans = [m.span() for m in re.finditer(re.escape(exact), text)] if exact else []
    if not spans:
        spans = find_quote(text, exact) if exact.strip() else []
    if not spans:
        return None

    def fit(span: tuple[int, int]) -> tuple[int, int]:
        before = text[max(0, span[0] - len(prefix)) : span[0]]
        after = text[span[1] : span[1] + len(suffix)]
        score = common_suffix(before, prefix) + common_prefix(after, suffix)
        return (-score, abs(span[0] - start))

    return min(spans, key=fit)
