"""Placing an annotation from another tool in an article's text, as a refresh would:
where its offsets still hold its words (exact), else where its words are (exact), else
where they nearly are (fuzzy), else kept as an orphan with its quote. Never dropped."""

from __future__ import annotations

from dataclasses import dataclass

from annotations.matching import FUZZY, ORPHANED, Quote, find_again
from annotations.model import SELECTOR_CONTEXT, Annotation
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
    hint_start = start if start is not None else 0
    hint_end = end if end is not None else hint_start + len(annotation.exact)
    quote = Quote(annotation.exact, annotation.prefix, annotation.suffix, hint_start, hint_end)
    found = find_again(text, quote, hint=start)
    if found.outcome == ORPHANED or not annotation.exact:
        annotation.orphaned = True
        annotation.start, annotation.end = hint_start, max(hint_start, hint_end)
        return Placed("orphaned", 0.0)
    annotation.start, annotation.end = found.start, found.end
    if found.outcome == FUZZY:
        annotation.history.append({"at": annotation.created, "quote": annotation.exact,
                                   "start": hint_start, "end": hint_end, "why": "import"})
        annotation.anchor_score = round(found.score, 3)
    annotation.exact = text[found.start:found.end]
    annotation.prefix = text[max(0, found.start - SELECTOR_CONTEXT):found.start]
    annotation.suffix = text[found.end:found.end + SELECTOR_CONTEXT]
    where = places.place_of(found.start, found.end)
    annotation.paragraph, annotation.chapter = where.paragraph, where.chapter
    annotation.page, annotation.page_end = where.page, where.page_end
    annotation.orphaned = False
    return Placed("fuzzy" if found.outcome == FUZZY else "exact", found.score)
