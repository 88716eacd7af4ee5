"""What a mark remembers of its words, and what the matcher says about finding them again.

A `Quote` is the W3C pair a mark keeps: the quote selector (`exact`, with up to 32 code
points of `prefix` and `suffix`) and the position selector (`start`, `end`: code points,
end exclusive). A `Found` is the answer for one quote in a new text: where, how, how sure.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from annotations.model import SELECTOR_CONTEXT

KEPT = "kept"
"""Found at its old offsets, word for word."""
MOVED = "moved"
"""Found word for word (whitespace may differ: a reflowed line) at other offsets."""
FUZZY = "fuzzy"
"""Its words changed a little; found where they now are, with a score below 1."""
ORPHANED = "orphaned"
"""Nothing in the new text is close enough; the mark keeps its old quote and offsets."""
OUTCOMES = (KEPT, MOVED, FUZZY, ORPHANED)


class Selectors(Protocol):
    """Anything that keeps a quote and a position selector (an `Annotation`)."""

    exact: str
    prefix: str
    suffix: str
    start: int
    end: int


@dataclass(frozen=True)
class Quote:
    """What a mark remembers: its exact words, their surroundings, where they were."""

    exact: str
    prefix: str = ""
    suffix: str = ""
    start: int = 0
    end: int = 0
    """0 (with `start` 0) when unknown, as for a quote imported without a position."""

    @classmethod
    def of(cls, mark: Selectors) -> Quote:
        return cls(mark.exact, mark.prefix, mark.suffix, mark.start, mark.end)

    @classmethod
    def at(cls, text: str, start: int, end: int) -> Quote:
        """The quote a mark made on `text[start:end]` remembers."""
        return cls(exact=text[start:end], prefix=text[max(0, start - SELECTOR_CONTEXT) : start],
                   suffix=text[end : end + SELECTOR_CONTEXT], start=start, end=end)


@dataclass(frozen=True)
class Found:
    """Where a quote is in the new text, and how it was found.

    `start`/`end` are offsets in the new text; for an orphan they are the quote's old
    offsets, which mean nothing in the new text (kept so a list of orphans can still be
    shown in the order they had). `score` is 1.0 when the words were found as they were,
    the match score (0..1, see `annotations.matching.scoring`) when fuzzy, 0 when orphaned.
    """

    outcome: str
    start: int
    end: int
    score: float

    @property
    def found(self) -> bool:
        return self.outcome != ORPHANED

    @property
    def span(self) -> tuple[int, int]:
        return self.start, self.end


def orphan(quote: Quote) -> Found:
    return Found(ORPHANED, quote.start, quote.end, 0.0)
