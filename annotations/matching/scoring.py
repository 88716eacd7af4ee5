"""How good a candidate span is for a quote: Hypothesis' `matchQuote` score, and the bar
a fuzzy match must clear not to leave the mark orphaned.

The score (Hypothesis client, `src/annotator/anchoring/match-quote.ts`) weighs four things:

    (50·quote + 20·prefix + 20·suffix + 2·position) / 92

- quote: 1 − edits / len(quote), the edits that turn the quote into the candidate;
- prefix, suffix: the same for the stored 32 code points before and after the quote,
  searched in as many code points before and after the candidate (1.0 when the mark
  kept none: it sat at the very start or end of its text);
- position: 1 − distance from where the quote was expected / len(text), a tie-breaker.
"""

from __future__ import annotations

from dataclasses import dataclass

from annotations.matching.edits import errors_within
from annotations.matching.quotes import Quote

QUOTE_WEIGHT = 50
PREFIX_WEIGHT = 20
SUFFIX_WEIGHT = 20
POSITION_WEIGHT = 2
TOTAL_WEIGHT = QUOTE_WEIGHT + PREFIX_WEIGHT + SUFFIX_WEIGHT + POSITION_WEIGHT

MIN_FUZZY_SCORE = 0.7
"""The score a fuzzy match needs; below it the mark is orphaned."""
SHORT_QUOTE = 32
"""Code points under which a quote's own likeness proves nothing: short strings of prose
resemble each other everywhere."""
MIN_CONTEXT = 0.65
"""The mean prefix and suffix score a short quote's fuzzy match also needs: its
surroundings must confirm the place."""
# Why these bars, measured on generated prose (a 3 MB book from a 30,000-word invented
# vocabulary, 10,000 marks, 1% of its words edited; benchmarks/reanchor_bench.py):
# - marks on a page that was rewritten (200 quotes from other prose, with surroundings):
#   the best span anywhere scores at most 0.65 for quotes of 32 code points or more; for
#   shorter ones up to 0.74, but their surroundings then score 0.55 at most;
# - marks with a word or two edited in place: the lowest accepted score is 0.72, and the
#   surroundings of short ones score 0.73 or more (1.0 when intact).
# A long quote with a typo corrected keeps a high score even where both surroundings were
# rewritten, so they are not asked of it. A mark under the bars is kept as an orphan, to
# be re-attached by hand, rather than pinned to words it never quoted. (Hypothesis has no
# bar at all: `matchQuote` returns its best candidate, however poor.)


@dataclass(frozen=True)
class Scored:
    """A candidate's score and the parts the bars look at."""

    total: float
    context: float
    """The mean of its prefix and suffix scores."""

    def acceptable(self, quote_length: int) -> bool:
        """Whether a fuzzy match with this score may stand for the mark."""
        return self.total >= MIN_FUZZY_SCORE and (quote_length >= SHORT_QUOTE
                                                  or self.context >= MIN_CONTEXT)


def max_errors(quote: str) -> int:
    """How many edits a candidate may need, as Hypothesis allows: min(256, len/2)."""
    return min(256, len(quote) // 2)


def similarity(expected: str, found: str) -> float:
    """1 − edits / len(expected) for the best place of `expected` within `found`
    (Hypothesis' `textMatchScore`); 0 when either is empty."""
    if not expected or not found:
        return 0.0
    return 1 - errors_within(expected, found) / len(expected)


def context_scores(text: str, start: int, end: int, quote: Quote) -> tuple[float, float]:
    """How well the text before and after `start..end` matches the quote's prefix and
    suffix (each 0..1; 1 when the quote kept none)."""
    prefix = (similarity(quote.prefix, text[max(0, start - len(quote.prefix)) : start])
              if quote.prefix else 1.0)
    suffix = similarity(quote.suffix, text[end : end + len(quote.suffix)]) if quote.suffix else 1.0
    return prefix, suffix


def match_score(text: str, start: int, end: int, errors: int, quote: Quote, hint: int) -> Scored:
    """Hypothesis' score (0..1) of `text[start:end]`, `errors` edits away from the quote,
    expected near `hint`."""
    quote_score = 1 - errors / len(quote.exact) if quote.exact else 0.0
    prefix, suffix = context_scores(text, start, end, quote)
    position = 1 - abs(start - hint) / len(text) if text else 0.0
    total = (QUOTE_WEIGHT * quote_score + PREFIX_WEIGHT * prefix + SUFFIX_WEIGHT * suffix
             + POSITION_WEIGHT * position) / TOTAL_WEIGHT
    return Scored(total, (prefix + suffix) / 2)
