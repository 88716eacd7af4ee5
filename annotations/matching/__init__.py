"""The anchoring matcher: finding marks again after their article's text changed.

Every place a quote must be found again uses it: a refresh of an article (many marks, the
old text known), marks imported from another tool (only their quote and maybe a
position), and `annotate --quote` with a slightly wrong quote.

    find_again(text, quote, hint=None) -> Found          one mark
    find_all_again(text, quotes, old_text=None) -> list  every mark of an article
    best_match(text, words) -> Found                     a typed quote's closest stretch

A `Found` says `kept`, `moved`, `fuzzy` (with its score) or `orphaned`; an orphan is an
answer too, never a dropped mark. The order of the steps is in `reanchor`, the score and
the orphan bar in `scoring`.

Pure domain code: edlib, which does the approximate search, is imported only when a
search runs.
"""

from annotations.matching.quotes import FUZZY, KEPT, MOVED, ORPHANED, OUTCOMES, Found, Quote
from annotations.matching.reanchor import best_match, find_again, find_all_again
from annotations.matching.scoring import MIN_FUZZY_SCORE

__all__ = ["FUZZY", "KEPT", "MIN_FUZZY_SCORE", "MOVED", "ORPHANED", "OUTCOMES", "Found", "Quote",
           "best_match", "find_again", "find_all_again"]
