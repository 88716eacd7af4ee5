"""Where in a passage a query of several words was found: the closest cluster of them.

FTS5 marks every occurrence of every word of the query, so the first mark in a passage
searched for `half the coral` is the passage's first "the", often a sentence away from
what was meant. The hit a result opens at is instead the shortest run of marks holding
the most of the query's words, each counted once and a word as common as "the" counting
for little (`STOP_WORD_WEIGHT`), within `CLUSTER_REACH` characters: there the words are
together, as the person typed them.
"""

from __future__ import annotations

from collections.abc import Sequence

from annotations.search.query import Term, folded_words

CLUSTER_REACH = 160
"""The most characters, from its first mark's start to its last's end, a cluster spans:
about a sentence or two, what the snippet shows after the hit."""
STOP_WORD_WEIGHT = 0.2
"""What a stop-word counts for beside another word: enough to choose between two places
that hold the same other words, not enough to outweigh one of them."""

STOP_WORDS = frozenset("""
a an and are as at be but by for from had has have he her his i if in into is it its of
on or our she so that the their them then there these they this to was we were which who
will with you
al como con de del el en es la las lo los o para por que se su sus un una y
au aux ce dans des du elle est et il ils la le les leur ne ou par pas pour qui sa se son
sur un une
am auf aus das dem den der des die ein eine er es im ist mit nicht sich und von zu
ao as da das do dos em na nas no nos os um uma
di gli il nel non per che
""".split())
"""The commonest function words of the languages the reader's articles are mostly in
(English, Spanish, French, German, Portuguese, Italian), folded as the index folds them."""


def best_cluster(plain: str, spans: Sequence[tuple[int, int]],
                 terms: Sequence[Term]) -> tuple[int, int] | None:
    """Where the best cluster of hits is in `plain` (its first mark's start and its last's
    end), the hits at `spans`, found for `terms`; None without hits. The earliest of
    clusters as good as each other."""
    if not spans:
        return None
    words = [folded_words(term.text) for term in terms]
    matched: dict[str, tuple[int | str, ...]] = {}  # a hit's words, often repeated
    keys = []
    for start, stop in spans:
        text = plain[start:stop]
        if text not in matched:
            matched[text] = _matched(folded_words(text), words, terms)
        keys.append(matched[text])
    weights = {key: _weight(key, words) for found in matched.values() for key in found}
    held: dict[int | str, int] = dict.fromkeys(weights, 0)
    """How many hits of the run from `first` to `last` are each word."""
    latest: dict[int | str, int] = {}
    """The last hit, up to `last`, of each word."""
    score = 0.0
    best: tuple[float, int, int] | None = None
    best_at = spans[0]
    first = 0
    for last, (_, end) in enumerate(spans):
        for key in keys[last]:
            held[key] += 1
            score += weights[key] if held[key] == 1 else 0.0
            latest[key] = last
        while end - spans[first][0] > CLUSTER_REACH and first < last:
            for key in keys[first]:
                held[key] -= 1
                score -= weights[key] if held[key] == 0 else 0.0
            first += 1
        # The widest run ending here holds the most words; the shortest that holds as
        # much begins at the earliest of their last hits.
        begin = min(latest[key] for key, count in held.items() if count)
        candidate = (-round(score, 6), end - spans[begin][0], spans[begin][0])
        if best is None or candidate < best:
            best, best_at = candidate, (spans[begin][0], end)
    return best_at


def _matched(span: list[str], words: list[list[str]],
             terms: Sequence[Term]) -> tuple[int | str, ...]:
    """The query terms (by index) a hit's words are; the words themselves when none is."""
    found: set[int | str] = set()
    for n, (term, wanted) in enumerate(zip(terms, words, strict=True)):
        if not wanted:
            continue
        if len(wanted) == 1:
            if any(w == wanted[0] or (term.prefix and w.startswith(wanted[0])) for w in span):
                found.add(n)
        elif set(span) & set(wanted):
            found.add(n)
    return tuple(found) if found else (" ".join(span),)


def _weight(key: int | str, words: list[list[str]]) -> float:
    said = words[key] if isinstance(key, int) else key.split()
    return STOP_WORD_WEIGHT if len(said) == 1 and said[0] in STOP_WORDS else 1.0
