"""Placing an annotation from another tool in an article's text, as a refresh would:
where its offsets still hold its words (exact), else where its words are (exact), else
where they nearly are (fuzzy), else kept as an orphan with its quote. Never dropped."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from annotations.anchoring import place_on
from annotations.matching import FUZZY, ORPHANED, Found, Quote, find_again, find_all_again
from annotations.model import Annotation
from annotations.places import TextPlaces


@dataclass(frozen=True)
class Placed:
    outcome: str
    """"exact", "fuzzy" or "orphaned"."""
    score: float


def place(annotation: Annotation, text: str, places: TextPlaces, start: int | None = None,
          end: int | None = None) -> Placed:
    """Put `annotation` (its `exact`, `prefix`, `suffix` as the other tool kept them) where
    its words are in `text`; `start`/`end` are the other tool's offsets when it had any
    (already in code points). Fills offsets, context, paragraph, page and chapter."""
    quote = _quote(annotation, start, end)
    return _placed(annotation, find_again(text, quote, hint=start), text, places, quote)


def place_all(annotations: Sequence[Annotation], text: str, places: TextPlaces,
              hints: Sequence[tuple[int | None, int | None]]) -> list[Placed]:
    """`place` for many marks of one article at once (`hints[i]` the other tool's offsets
    of `annotations[i]`), as the matcher finds many marks of a text: what the words of one
    tell about where the text moved helps find the next, and the search for marks that are
    far from their place is one pass over the text, not one per mark."""
    quotes = [_quote(a, start, end) for a, (start, end) in zip(annotations, hints, strict=True)]
    found = find_all_again(text, quotes)
    return [_placed(a, f, text, places, q) for a, f, q in zip(annotations, found, quotes, strict=True)]


def _quote(annotation: Annotation, start: int | None, end: int | None) -> Quote:
    hint_start = start if start is not None else 0
    hint_end = end if end is not None else hint_start + len(annotation.exact)
    return Quote(annotation.exact, annotation.prefix, annotation.suffix, hint_start, hint_end)


def _placed(annotation: Annotation, found: Found, text: str, places: TextPlaces, quote: Quote) -> Placed:
    hint_start, hint_end = quote.start, quote.end
    if found.outcome == ORPHANED or not annotation.exact:
        annotation.orphaned = True
        annotation.start, annotation.end = hint_start, max(hint_start, hint_end)
        return Placed("orphaned", 0.0)
    annotation.start, annotation.end = found.start, found.end
    if found.outcome == FUZZY:
        annotation.history.append({"at": annotation.created, "quote": annotation.exact,
                                   "start": hint_start, "end": hint_end, "why": "import"})
        annotation.anchor_score = round(found.score, 3)
    place_on(annotation, text, found.start, found.end, places)
    return Placed("fuzzy" if found.outcome == FUZZY else "exact", found.score)
