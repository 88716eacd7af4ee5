"""Finding a quote's words as they were: every occurrence in a text, for one quote or for
thousands at once.

An occurrence has the quote's words in order, whatever whitespace separates them (a
reflowed line is still the same words). Where the mark began at the start of a word it
must begin at the start of one here too, and likewise at its end: a mark on "port" that
had a space before it does not move into "report". (That is known from the stored prefix
and suffix; a quote without them may start or end inside a word.)
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence

from annotations.matching.quotes import Quote

Span = tuple[int, int]

_WORD_CHAR = re.compile(r"\w")
_WORD = re.compile(r"\w+")
_WHITESPACE = re.compile(r"\s")
BLOCK = 8192
"""About how many code points of text the many-quote search reads at a time."""
WINDOW = 4096
"""Up to this many code points, the words are looked for by hand rather than by a regex."""
FEW = 16
"""Up to this many quotes, searching for each one costs less than reading the text once."""


class Words:
    """One quote's words, and how to tell an occurrence of them."""

    def __init__(self, quote: Quote) -> None:
        self.quote = quote
        self.exact = quote.exact
        self.words = quote.exact.split()
        self.lead = len(self.exact) - len(self.exact.lstrip())
        self.trail = len(self.exact) - len(self.exact.rstrip())
        self.starts_word = _starts_word(quote)
        self.ends_word = _ends_word(quote)
        self._pattern: re.Pattern[str] | None = None

    @property
    def pattern(self) -> re.Pattern[str]:
        # No lookarounds for the word boundaries (`bounded` checks them): a pattern that
        # begins with a literal lets the regex engine skip ahead to it, 30 times faster.
        if self._pattern is None:
            self._pattern = re.compile(r"\s+".join(re.escape(word) for word in self.words))
        return self._pattern

    def bounded(self, text: str, start: int, end: int) -> bool:
        """Whether `start..end` begins and ends a word where the mark did."""
        if self.starts_word and start > 0 and _WORD_CHAR.match(text[start - 1]):
            return False
        return not (self.ends_word and end < len(text) and _WORD_CHAR.match(text[end]))

    def occurrences(self, text: str, lo: int = 0, hi: int | None = None) -> list[Span]:
        """Every occurrence that starts in `text[lo:hi]`, in order."""
        hi = len(text) if hi is None else hi
        if not self.words:
            return _literal_occurrences(text, self.exact, lo, hi)
        spans = []
        for start, end in self._word_matches(text, max(0, lo - self.lead), hi):
            # A quote with whitespace at its ends holds it where the text has it too.
            if self.lead and text[start - self.lead : start] == self.exact[: self.lead]:
                start -= self.lead
            if self.trail and text[end : end + self.trail] == self.exact[-self.trail :]:
                end += self.trail
            if lo <= start <= hi:
                spans.append((start, end))
        return spans

    def _word_matches(self, text: str, lo: int, hi: int) -> Iterator[Span]:
        """Every place from `lo` to `hi` where the words start, with whitespace of any
        kind between them and word boundaries where the mark had them."""
        if hi - lo > WINDOW:
            # The regex engine skips ahead to the first word's letters in C; worth its
            # compiling (up to a millisecond for a long quote) only for a long stretch.
            stop = min(len(text), hi + 2 * len(self.exact) + 64)
            match = self.pattern.search(text, lo, stop)
            while match is not None and match.start() <= hi:
                if self.bounded(text, *match.span()):
                    yield match.span()
                    match = self.pattern.search(text, match.end(), stop)
                else:  # a refused match may overlap one that holds
                    match = self.pattern.search(text, match.start() + 1, stop)
            return
        first = self.words[0]
        at = text.find(first, lo, hi + len(first))
        while at >= 0:
            end = self._words_end(text, at)
            if end is not None and self.bounded(text, at, end):
                yield at, end
            at = text.find(first, at + 1, hi + len(first))

    def _words_end(self, text: str, start: int) -> int | None:
        """Where the words end if they follow each other from `start` (the first known to
        be there), with whitespace of any kind and length between them."""
        at = start + len(self.words[0])
        for word in self.words[1:]:
            gap = at
            while gap < len(text) and text[gap].isspace():
                gap += 1
            if gap == at or not text.startswith(word, gap):
                return None
            at = gap + len(word)
        return at

    def occurrences_around(self, text: str, at: int, inside: int, index: int) -> list[Span]:
        """Occurrences in which the quote's `index`-th word (`inside` code points into the
        quote) is the word at `at`."""
        start = at - inside
        if text.startswith(self.exact, start):  # the common case: nothing to normalise
            end = start + len(self.exact)
            return [(start, end)] if self.bounded(text, start + self.lead, end - self.trail) else []
        if not self._words_agree(text, at, inside, index):
            return []
        return self.occurrences(text, at - 2 * inside - 16, at)

    def _words_agree(self, text: str, at: int, inside: int, index: int) -> bool:
        """Whether the words before and after `at` are the quote's (its first and last may
        be parts of longer words): a quick test before the pattern's exact one."""
        words = self.words
        before = text[max(0, at - 2 * inside - 16) : at].split()[-index:] if index else []
        after = text[at : at + 2 * (len(self.exact) - inside) + 16].split()[: len(words) - index]
        seen = before + after
        if len(seen) != len(words):
            return False
        if len(words) == 1:
            return words[0] in seen[0]
        return (seen[0].endswith(words[0]) and seen[-1].startswith(words[-1])
                and seen[1:-1] == words[1:-1])


def _starts_word(quote: Quote) -> bool:
    first = quote.exact.lstrip()[:1]
    if not _WORD_CHAR.match(first):
        return False
    return quote.exact[0].isspace() or bool(quote.prefix) and not _WORD_CHAR.match(quote.prefix[-1])


def _ends_word(quote: Quote) -> bool:
    last = quote.exact.rstrip()[-1:]
    if not _WORD_CHAR.match(last):
        return False
    return quote.exact[-1].isspace() or bool(quote.suffix) and not _WORD_CHAR.match(quote.suffix[0])


def occurrences(text: str, quote: Quote, lo: int = 0, hi: int | None = None) -> list[Span]:
    """Every occurrence of the quote's words that starts in `text[lo:hi]`, in order."""
    return Words(quote).occurrences(text, lo, hi)


def _literal_occurrences(text: str, exact: str, lo: int, hi: int) -> list[Span]:
    spans, at = [], text.find(exact, lo, hi + len(exact)) if exact else -1
    while at >= 0:
        spans.append((at, at + len(exact)))
        at = text.find(exact, at + 1, hi + len(exact))
    return spans


def occurrences_of_many(text: str, quotes: Sequence[Quote]) -> list[list[Span]]:
    """`occurrences(text, quote)` for each quote, reading the text about twice for them all.

    A quote of three words or more is looked for by the rarest of its inner words (those
    with whitespace on both sides, so any occurrence holds them whole): one pass over the
    text's words counts them, a second finds where the chosen ones are, and only there,
    after a cheap check of the words beside it, is the quote itself looked for. A quote
    with no inner word, or only very common ones, is searched for on its own.
    """
    found: list[list[Span]] = [[] for _ in quotes]
    inner = [_inner_words(quote.exact) for quote in quotes]
    if len(quotes) <= FEW:
        return [occurrences(text, quote) for quote in quotes]
    wanted = {word for words in inner for word, _, _ in words}
    counts = Counter(filter(wanted.__contains__, text.split()))
    by_word: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
    for n, quote in enumerate(quotes):
        if not inner[n]:
            found[n] = occurrences(text, quote)
            continue
        word, inside, index = min(inner[n], key=lambda w: counts[w[0]])
        if counts[word] > MOST_HITS:
            found[n] = occurrences(text, quote)
        elif counts[word]:  # none: the quote's words are not all in the text
            by_word[word].append((n, inside, index))
    held: dict[int, set[Span]] = defaultdict(set)
    checks = {n: Words(quotes[n]) for entries in by_word.values() for n, _, _ in entries}
    for offset, block in _blocks(text):
        for word in by_word.keys() & block.split():
            for at in _whole_word_starts(block, word):
                for n, inside, index in by_word[word]:
                    held[n].update(checks[n].occurrences_around(text, offset + at, inside, index))
    for n, spans in held.items():
        found[n] = sorted(spans)
    return found


MOST_HITS = 2000
"""A quote whose rarest inner word occurs more often than this is searched for on its own:
checking it at every place that word occurs would cost more."""


def _inner_words(exact: str) -> list[tuple[str, int, int]]:
    """The quote's whitespace-separated words with whitespace on both sides within the
    quote, so any occurrence holds them whole: (word, where it starts, its index)."""
    found, at = [], 0
    for index, word in enumerate(exact.split()):
        at = exact.find(word, at)
        if at > 0 and at + len(word) < len(exact):
            found.append((word, at, index))
        at += len(word)
    return found


def _blocks(text: str) -> Iterator[tuple[int, str]]:
    """The text in pieces of about `BLOCK` code points, each ending at whitespace so no
    word is cut in two."""
    at = 0
    while at < len(text):
        cut = _WHITESPACE.search(text, min(len(text), at + BLOCK))
        end = cut.start() + 1 if cut else len(text)
        yield at, text[at:end]
        at = end


def _whole_word_starts(block: str, word: str) -> Iterator[int]:
    """Where `word` stands between whitespace (or the block's ends) in `block`. (str.find
    and a look at both sides: a pattern opening with a lookbehind cannot skip ahead.)"""
    at = block.find(word)
    while at >= 0:
        end = at + len(word)
        if (at == 0 or block[at - 1].isspace()) and (end == len(block) or block[end].isspace()):
            yield at
        at = block.find(word, at + 1)


def anchor_words(quote: Quote) -> list[tuple[str, int]]:
    """The quote's whole words (its first and last only if the mark began and ended on a
    word boundary), with where each starts in the quote: what a far search looks for."""
    words = Words(quote)
    found = []
    for match in _WORD.finditer(quote.exact):
        if match.start() == 0 and not words.starts_word or (
                match.end() == len(quote.exact) and not words.ends_word):
            continue  # perhaps part of a longer word where the mark was
        found.append((match.group(), match.start()))
    return found


def word_places(text: str, words: set[str]) -> dict[str, list[int]]:
    """Where each of `words` stands as a whole word in `text`."""
    places: dict[str, list[int]] = {word: [] for word in words}
    if len(words) > FEW:
        for match in _WORD.finditer(text):  # one pass for them all
            if match.group() in places:
                places[match.group()].append(match.start())
        return places
    for word in words:
        at = text.find(word)
        while at >= 0:
            end = at + len(word)
            if not (at and _WORD_CHAR.match(text[at - 1]) or end < len(text) and _WORD_CHAR.match(text[end])):
                places[word].append(at)
            at = text.find(word, at + 1)
    return places


def merged(spans: list[Span]) -> list[Span]:
    """Sorted spans with those that overlap or touch joined."""
    joined: list[Span] = []
    for start, end in spans:
        if joined and start <= joined[-1][1]:
            joined[-1] = (joined[-1][0], max(joined[-1][1], end))
        else:
            joined.append((start, end))
    return joined
