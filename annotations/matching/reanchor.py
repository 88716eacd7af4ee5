"""Finding marks again in a changed text, in the order issue 9 sets:

1. kept: found at its old offsets, word for word. After a refresh the diff of the two
   versions says so (its span is in text both share, at the same offsets); without the
   old text, the old offsets must hold the exact words with their stored surroundings
   (an insertion as long as a repeated passage can put another copy there);
2. moved: the words are found word for word elsewhere; of several occurrences, the one
   whose surroundings best match the stored prefix and suffix, then the one nearest
   where the mark was expected, wins. After a refresh, occurrences in text both versions
   share that the old text had away from the mark are another passage: they come last;
3. fuzzy: the words changed a little; the best fuzzy match (Hypothesis' `matchQuote`
   way), if it clears the bars in `annotations.matching.scoring`;
4. orphaned: nothing clears them, and the words occur nowhere.

One refinement of step 2: an occurrence elsewhere whose surroundings do not match loses to
a fuzzy match at the mark's own place that scores higher on the same scale. A mark on
"the minister said" in paragraph 5, where the text now says "the minister stated", stays
in paragraph 5 rather than jumping to the same words in paragraph 2, which it never
quoted. An exact occurrence with matching surroundings always wins (its quote term is
perfect, a fuzzy match's never is).

"Expected" is a hint: where the old start maps to when the old text is known (a
refresh), else the old start itself, or for many marks, where their neighbours moved.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence, Set
from dataclasses import dataclass

from annotations.matching.exact import (
    Span,
    Words,
    anchor_words,
    merged,
    occurrences,
    occurrences_of_many,
    word_places,
)
from annotations.matching.fuzzy import Candidate, best_candidate, ceiling, far_candidate
from annotations.matching.offsets import OffsetMap
from annotations.matching.quotes import FUZZY, KEPT, MOVED, Found, Quote, orphan
from annotations.matching.scoring import MIN_CONTEXT, context_scores, match_score, max_errors, similarity

PLACE_CONFIRMED = 0.8
"""How well the text before the expected place must match the prefix to say the mark's
place is still there (see `_place_confirmed`)."""
MIN_SUGGESTED = 0.7
"""How like the typed words a stretch must be (1 − edits / length, case aside) to be
offered for them."""
MOST_SCORED = 64
"""Of a quote's occurrences, how many have their surroundings measured; the rest (a short
quote can occur thousands of times in a book) are ranked by exact agreement of their
surroundings and nearness first."""


def find_again(text: str, quote: Quote, hint: int | None = None) -> Found:
    """Where the quote is in `text` now; `hint` is where it is expected (its old start by
    default)."""
    hint = quote.start if hint is None else hint
    if _still_there(text, quote):
        return Found(KEPT, quote.start, quote.end, 1.0)
    near = _settled_near(text, quote, hint, occurrences(text, quote))
    if isinstance(near, Found):
        return near
    return _settled_far(text, [quote], [_Unsettled(0, hint, near)])[0]


def find_all_again(text: str, quotes: Sequence[Quote], old_text: str | None = None) -> list[Found]:
    """`find_again` for many marks of one article: one `Found` per quote, in order.

    With the old text (a refresh), a diff of the two maps every old span to the new text,
    so a mark whose words the edit did not touch is found at once, at the occurrence the
    diff says it became. The others are looked for word for word near where their old
    place went and in the text the new version added (where a moved paragraph lands).
    An occurrence in text both versions share was another passage in the old text too,
    which the mark never quoted: it is taken only when nothing else is (a mark is never
    orphaned while its words are in the text), and a fuzzy match there never.

    Without it (marks imported from another tool), a mark whose offsets no longer hold its
    words is searched for in the whole text and expected where the nearest mark before it
    was found to have moved.
    """
    if old_text is None:
        return _found_without_old_text(text, quotes)
    offsets = OffsetMap.between(old_text, text)
    found: list[Found | None] = [None] * len(quotes)
    pending = []
    for n, quote in enumerate(quotes):
        if old_text[quote.start : quote.end] != quote.exact:
            # Offsets that never held the quote: nothing to map; search it like an import.
            found[n] = find_again(text, quote)
            continue
        span = offsets.span(quote.start, quote.end)
        if span is not None:
            found[n] = Found(KEPT if span[0] == quote.start else MOVED, *span, 1.0)
        else:
            pending.append(n)
    added = _added_text(text, offsets, [quotes[n] for n in pending])
    if sum(end - start for start, end in added) > len(text) // 2:
        # Most of the text is new (a page replaced wholesale): search all of it at once.
        moved_in, whole_text = occurrences_of_many(text, [quotes[n] for n in pending]), True
    else:
        moved_in, whole_text = _occurrences_in(text, added, [quotes[n] for n in pending]), False
    unsettled = []
    for n, elsewhere in zip(pending, moved_in, strict=True):
        quote, hint = quotes[n], offsets.offset(quotes[n].start)
        near = Words(quote).occurrences(text, hint - _reach(quote), hint + _reach(quote))
        another = _shared_elsewhere(offsets, quote)
        result = _settled_near(text, quote, hint, sorted(set(near + elsewhere)), another)
        if isinstance(result, Found):
            found[n] = result
        else:
            unsettled.append(_Unsettled(n, hint, result, another, whole_text))
    for entry, result in zip(unsettled, _settled_far(text, quotes, unsettled), strict=True):
        found[entry.index] = result
    return [result for result in found if result is not None]


def _found_without_old_text(text: str, quotes: Sequence[Quote]) -> list[Found]:
    found: list[Found | None] = [None] * len(quotes)
    # In the order of the text, each mark is first looked for as far from its old place as
    # the mark before it moved: a text edited here and there shifts its marks together.
    # Words there with both surroundings as they were are the best occurrence there can be
    # (any other as good would be farther from where the mark is expected).
    shift = 0
    for n in sorted(range(len(quotes)), key=lambda n: quotes[n].start):
        quote = quotes[n]
        if _still_there(text, quote):
            found[n], shift = Found(KEPT, quote.start, quote.end, 1.0), 0
            continue
        hint = quote.start + shift
        near = Words(quote).occurrences(text, hint - _reach(quote), hint + _reach(quote))
        sure = [span for span in near if _as_they_were(text, span, quote)]
        if sure:
            span = min(sure, key=lambda span: abs(span[0] - hint))
            found[n], shift = _moved(quote, span), span[0] - quote.start
    pending = [n for n, result in enumerate(found) if result is None]
    spans = occurrences_of_many(text, [quotes[n] for n in pending])
    hints = _hints_from_neighbours(quotes, found, pending)
    unsettled = []
    for n, held in zip(pending, spans, strict=True):
        result = _settled_near(text, quotes[n], hints[n], held)
        if isinstance(result, Found):
            found[n] = result
        else:
            unsettled.append(_Unsettled(n, hints[n], result))
    for entry, result in zip(unsettled, _settled_far(text, quotes, unsettled), strict=True):
        found[entry.index] = result
    return [result for result in found if result is not None]


def _as_they_were(text: str, span: Span, quote: Quote) -> bool:
    """Whether the text beside `span` is the stored prefix and suffix, exactly."""
    start, end = span
    return (text[max(0, start - len(quote.prefix)) : start] == quote.prefix
            and text[end : end + len(quote.suffix)] == quote.suffix)


def _added_text(text: str, offsets: OffsetMap, quotes: Sequence[Quote]) -> list[Span]:
    """The stretches of `text` the old text lacked and a quote could fit in, with a little
    of what surrounds them."""
    if not quotes:
        return []
    shortest = min(len(quote.exact.strip()) for quote in quotes)
    return merged([(max(0, start - ADDED_MARGIN), min(len(text), end + ADDED_MARGIN))
                   for start, end in offsets.unshared(max(1, shortest))])


def _occurrences_in(text: str, stretches: list[Span], quotes: Sequence[Quote]) -> list[list[Span]]:
    """Each quote's occurrences within `stretches` of `text`, searched in one pass."""
    if not stretches:
        return [[] for _ in quotes]
    # One text of them all, a character no word holds between them.
    joined = "\x00".join(text[start:end] for start, end in stretches)
    starts_in_joined = [0]
    for start, end in stretches[:-1]:
        starts_in_joined.append(starts_in_joined[-1] + end - start + 1)
    result = []
    for quote, spans in zip(quotes, occurrences_of_many(joined, quotes), strict=True):
        words, real = Words(quote), []
        for start, end in spans:
            i = bisect_right(starts_in_joined, start) - 1
            shift = stretches[i][0] - starts_in_joined[i]
            # Its word boundaries were judged beside a stretch's cut: judge them again.
            if words.bounded(text, start + shift + words.lead, end + shift - words.trail):
                real.append((start + shift, end + shift))
        result.append(real)
    return result


ADDED_MARGIN = 32
"""How much of the shared text beside an added stretch is searched with it: an occurrence
of a moved quote may begin or end a little outside what the diff calls added."""


def best_match(text: str, words: str) -> Found:
    """The stretch of `text` closest to `words` (a quote typed with a slip), to offer the
    user: `kept` with its first place when the words occur as typed (whitespace aside),
    `fuzzy` with the closest stretch otherwise, `orphaned` when nothing is close.

    With no surroundings or position to weigh, the score is the words' similarity alone,
    ignoring case: 1 − edits / len(words), below 1 whenever the stretch differs.
    """
    quote = Quote(words)
    spans = occurrences(text, quote)
    if spans:
        return Found(KEPT, *spans[0], 1.0)
    lowered, typed = text.lower(), words.lower()
    if len(lowered) != len(text) or len(typed) != len(words):
        lowered, typed = text, words  # lowering changed lengths (İ): offsets would drift
    candidate = best_candidate(lowered, Quote(typed), 0)
    if candidate is None:
        return orphan(quote)
    score = 1 - candidate.errors / len(words)
    if text[candidate.start : candidate.end] != words:
        score = min(score, 0.99)
    if score < MIN_SUGGESTED:
        return orphan(quote)
    return Found(FUZZY, candidate.start, candidate.end, score)


def _still_there(text: str, quote: Quote) -> bool:
    """Whether the old offsets still hold the exact words with the stored surroundings.

    Words alone are not enough: in a text that repeats itself, an insertion the length of
    the repeat puts another copy at the old offsets. Without its surroundings the old
    place is only one occurrence among the others (and wins, if it is the best)."""
    return (bool(quote.exact) and quote.end - quote.start == len(quote.exact)
            and text[quote.start : quote.end] == quote.exact
            and _as_they_were(text, (quote.start, quote.end), quote))


Another = Callable[[int, int], bool]
"""Whether a span of the new text is known to be another passage than the mark's."""


def _unknown(start: int, end: int) -> bool:
    return False


def _shared_elsewhere(offsets: OffsetMap, quote: Quote) -> Another:
    """Spans of text both versions share that the old text had away from the mark: they
    are another passage. (What is left of the mark's own words after an edit is either
    changed text or shared text from inside its old span.)"""
    def another(start: int, end: int) -> bool:
        was = offsets.old_span(start, end)
        return was is not None and (was[1] <= quote.start or was[0] >= quote.end)

    return another


def _settled_near(text: str, quote: Quote, hint: int, spans: list[Span],
                  another: Another = _unknown) -> Found | bool:
    """Steps 2 and 3 for one quote, given the occurrences of its words (`another`
    passage's last), as far as the mark's own place decides them: its `Found`, or, when
    neither its words nor a fuzzy match near its place settle it, whether its place is
    still recognisable (see `_place_confirmed`)."""
    others = {span for span in spans if another(*span)}
    exact = _best_occurrence(text, quote, hint, spans, others)
    if exact is not None and exact[1] not in others and exact[0] >= ceiling(1, quote.exact):
        return _moved(quote, exact[1])  # no fuzzy match could score higher
    at_place, near = _near_candidates(text, quote, hint, _allowed(another))
    local = near if near is not None and near.scored.acceptable(len(quote.exact)) else None
    if exact is not None:
        if local is not None and (local.start, local.end) in spans:
            return _moved(quote, (local.start, local.end))  # the best match is the words
        if local is not None and exact[1] in others:
            return _fuzzy(local)
        # The refinement: the mark's own changed words, right where it is expected, beat
        # the same words elsewhere when they score higher (not a span that differs from
        # the quote only by running into a longer word: that is no change of words).
        if (at_place is not None and at_place.errors > 0 and at_place.scored.acceptable(len(quote.exact))
                and at_place.score > exact[0]):
            return _fuzzy(at_place)
        return _moved(quote, exact[1])
    if local is not None:
        return _fuzzy(local)
    return _place_confirmed(text, quote, hint, near)


@dataclass(frozen=True)
class _Unsettled:
    """A mark its own place did not settle."""

    index: int
    hint: int
    place_confirmed: bool
    another: Another = _unknown
    whole_text: bool = True
    """Whether its words were looked for in the whole text already."""


def _settled_far(text: str, quotes: Sequence[Quote], unsettled: list[_Unsettled]) -> list[Found]:
    """Steps 2 to 4, away from their places, for the marks their places did not settle,
    all at once: their words anywhere in the text (never orphaned while they are there),
    else a fuzzy match where one of their rarer words is (unless their place is still
    there: then their words, not their place, changed), else orphaned."""
    results: list[Found | None] = [None] * len(unsettled)
    look = [k for k, entry in enumerate(unsettled) if not entry.whole_text]
    for k, spans in zip(look, occurrences_of_many(text, [quotes[unsettled[k].index] for k in look]),
                        strict=True):
        entry, quote = unsettled[k], quotes[unsettled[k].index]
        exact = _best_occurrence(text, quote, entry.hint, spans,
                                 {span for span in spans if entry.another(*span)})
        if exact is not None:
            results[k] = _moved(quote, exact[1])
    far = [k for k, result in enumerate(results) if result is None and not unsettled[k].place_confirmed]
    places = word_places(text, {word for k in far for word, _ in anchor_words(quotes[unsettled[k].index])})
    for k in far:
        entry, quote = unsettled[k], quotes[unsettled[k].index]
        candidate = far_candidate(text, quote, entry.hint, places, _allowed(entry.another))
        if candidate is not None and candidate.scored.acceptable(len(quote.exact)):
            results[k] = _fuzzy(candidate)
    return [result or orphan(quotes[entry.index]) for result, entry in zip(results, unsettled, strict=True)]


def _allowed(another: Another) -> Callable[[int, int], bool] | None:
    return None if another is _unknown else lambda start, end: not another(start, end)


def _near_candidates(text: str, quote: Quote, hint: int, allowed: Callable[[int, int], bool] | None
                     ) -> tuple[Candidate | None, Candidate | None]:
    """The best fuzzy match at the expected place (`hint`, give or take the allowed
    edits), and the best within a paragraph of it. The first is searched on its own:
    edlib reports only the closest spans of what it searches, and an exact copy of the
    quote a paragraph away would hide the mark's own changed words."""
    slack = max_errors(quote.exact) + 16
    at_place = best_candidate(text, quote, hint, hint - slack, hint + len(quote.exact) + slack, allowed)
    if at_place is not None and at_place.scored.context >= PLACE_CONFIRMED:
        return at_place, at_place  # its surroundings say this is the place
    wide = best_candidate(text, quote, hint, hint - _reach(quote), hint + len(quote.exact) + _reach(quote),
                          allowed)
    near = max((c for c in (at_place, wide) if c is not None), key=lambda c: c.score, default=None)
    return at_place, near


def _place_confirmed(text: str, quote: Quote, hint: int, near: Candidate | None) -> bool:
    """Whether the mark's surroundings are still where it was expected, so its words,
    not its place, are what changed, and searching the rest of the text would only find
    words it never quoted (and cost a book-length search per orphan)."""
    if near is not None and near.scored.context >= MIN_CONTEXT:
        return True
    before = text[max(0, hint - len(quote.prefix)) : hint]
    return len(quote.prefix) >= 8 and similarity(quote.prefix, before) >= PLACE_CONFIRMED


def _reach(quote: Quote) -> int:
    """How far from the hint counts as the mark's own place: its length and a paragraph."""
    return len(quote.exact) + 256


def _best_occurrence(text: str, quote: Quote, hint: int, spans: list[Span],
                     others: Set[Span]) -> tuple[float, Span] | None:
    """The occurrence with the surroundings most like the stored ones, then the nearest
    to `hint` (one of `others` only when there is nothing else); with its score on the
    fuzzy scale, as a match with no edits."""
    if not spans:
        return None
    if len(spans) > MOST_SCORED:
        spans = sorted(spans, key=lambda span: (span in others, -_agreeing_ends(text, span, quote),
                                                abs(span[0] - hint)))[:MOST_SCORED]
    scored = []
    for start, end in spans:
        prefix, suffix = context_scores(text, start, end, quote)
        scored.append(((start, end) not in others, prefix + suffix, -abs(start - hint), (start, end)))
    best = max(scored)[-1]
    return match_score(text, best[0], best[1], 0, quote, hint).total, best


def _agreeing_ends(text: str, span: Span, quote: Quote) -> int:
    """How many of the stored prefix and suffix the text beside `span` matches exactly."""
    start, end = span
    before = bool(quote.prefix) and text[max(0, start - len(quote.prefix)) : start] == quote.prefix
    after = bool(quote.suffix) and text[end : end + len(quote.suffix)] == quote.suffix
    return before + after


def _hints_from_neighbours(quotes: Sequence[Quote], found: list[Found | None],
                           pending: list[int]) -> dict[int, int]:
    """Where each pending mark is expected: as far from its old place as the nearest mark
    before it (by old offset) that was found word for word; the first ones, as the first
    found; their old place when none was."""
    anchors = sorted((quotes[n].start, result.start - quotes[n].start)
                     for n, result in enumerate(found)
                     if result is not None and result.outcome in (KEPT, MOVED))
    if not anchors:
        return {n: quotes[n].start for n in pending}
    starts = [start for start, _ in anchors]
    return {n: max(0, quotes[n].start + anchors[max(0, bisect_right(starts, quotes[n].start) - 1)][1])
            for n in pending}


def _moved(quote: Quote, span: Span) -> Found:
    return Found(KEPT if span == (quote.start, quote.end) else MOVED, span[0], span[1], 1.0)


def _fuzzy(candidate: Candidate) -> Found:
    return Found(FUZZY, candidate.start, candidate.end, candidate.score)
