"""The fuzzy step: the span of a text that best matches a quote whose words changed.

As Hypothesis' `matchQuote` does: candidates are the spans the quote turns into with the
fewest edits (at most min(256, len/2)), each scored on the quote, its surroundings and its
position (`annotations.matching.scoring`). edlib reports only the spans with the fewest
edits in what it searches, so a long text is searched in overlapping chunks: each chunk
offers its own best spans, and a span with one edit more but the right surroundings is
not hidden by a slightly closer one chapters away.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from annotations.matching.edits import best_spans
from annotations.matching.exact import anchor_words, merged
from annotations.matching.quotes import Quote
from annotations.matching.scoring import QUOTE_WEIGHT, TOTAL_WEIGHT, Scored, match_score, max_errors

CHUNK = 16384
"""Code points searched at a time in a long text (at least 8 quote lengths): a few pages."""
CANDIDATES_PER_CHUNK = 8


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    errors: int
    scored: Scored

    @property
    def score(self) -> float:
        return self.scored.total


def best_candidate(text: str, quote: Quote, hint: int, lo: int = 0, hi: int | None = None,
                   allowed: Callable[[int, int], bool] | None = None) -> Candidate | None:
    """The best-scoring fuzzy match for the quote that lies in `text[lo:hi]` (the whole
    text by default) and that `allowed` allows, or None when no span is within the
    allowed edits."""
    hi = len(text) if hi is None else min(hi, len(text))
    lo = max(0, lo)
    limit = max_errors(quote.exact)
    if not quote.exact.strip() or limit < 1 or hi <= lo:
        return None
    size = max(CHUNK, 8 * len(quote.exact))
    overlap = len(quote.exact) + limit
    best: Candidate | None = None
    for chunk_start in range(lo, hi, size):
        chunk_end = min(hi, chunk_start + size + overlap)
        errors, spans = best_spans(quote.exact, text[chunk_start:chunk_end], limit)
        if best is not None and ceiling(errors, quote.exact) < best.score:
            spans = []  # even perfect surroundings would not lift these above the best
        for start, end in _distinct(spans)[:CANDIDATES_PER_CHUNK]:
            start, end = _trimmed(text, quote.exact, chunk_start + start, chunk_start + end)
            if allowed is not None and not allowed(start, end):
                continue
            scored = match_score(text, start, end, errors, quote, hint)
            if best is None or (scored.total, -abs(start - hint)) > (best.score, -abs(best.start - hint)):
                best = Candidate(start, end, errors, scored)
        if chunk_end == hi:
            break
    return best


FAR_WORDS = 2
"""How many of a quote's rarest words a far search looks around."""
MOST_PLACES = 64
"""A far search looks around at most this many places; a quote whose rarest words occur
more often than that (a few common words) is not looked for far from its place: a match
among so many would be chance, and the search a whole book's."""


def far_candidate(text: str, quote: Quote, hint: int, places: dict[str, list[int]],
                  allowed: Callable[[int, int], bool] | None = None) -> Candidate | None:
    """The best fuzzy match for the quote away from its place: around the places where its
    rarest words (`places`, from `exact.word_places`) stand.

    A passage that moved and changed keeps some of its words, and the rare ones say where
    it went: searching only around them costs a few windows instead of a book per mark (a
    refresh that rewrote a whole book would otherwise search it 10,000 times).
    """
    words = sorted((len(places.get(word, ())), word, inside) for word, inside in anchor_words(quote))
    chosen = [(word, inside) for count, word, inside in words if count][:FAR_WORDS]
    if not chosen or sum(len(places[word]) for word, _ in chosen) > MOST_PLACES:
        return None
    slack = max_errors(quote.exact) + 16
    windows = sorted((at - inside - slack, at - inside + len(quote.exact) + slack)
                     for word, inside in chosen for at in places[word])
    best: Candidate | None = None
    for lo, hi in merged(windows):
        candidate = best_candidate(text, quote, hint, lo, hi, allowed)
        if candidate is not None and (best is None or candidate.score > best.score):
            best = candidate
    return best


def ceiling(errors: int, exact: str) -> float:
    """The highest score a span `errors` edits from the quote can have: with perfect
    surroundings, at the expected place."""
    return (QUOTE_WEIGHT * (1 - errors / len(exact)) + TOTAL_WEIGHT - QUOTE_WEIGHT) / TOTAL_WEIGHT


def _distinct(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """One span per start: edlib reports every end that costs no more, and for one start
    the score hardly differs between them."""
    seen: dict[int, tuple[int, int]] = {}
    for start, end in spans:
        seen.setdefault(start, (start, end))
    return list(seen.values())


def _trimmed(text: str, exact: str, start: int, end: int) -> tuple[int, int]:
    """The span without whitespace at an end where the quote has none: an edit at the
    quote's edge can otherwise pull in the space beside it."""
    if not exact[:1].isspace():
        while start < end - 1 and text[start].isspace():
            start += 1
    if not exact[-1:].isspace():
        while end > start + 1 and text[end - 1].isspace():
            end -= 1
    return start, end
