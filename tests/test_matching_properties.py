"""Property tests of the anchoring matcher (issue 9, point 3): random insertions,
deletions, replacements and reflowed whitespace around and inside marks. Every mark whose
quote survives word for word lands on it, at the right occurrence; no mark is ever lost;
a mark is orphaned only where its words no longer exist.

The quote to find occurs several times: one phrase is planted in the text again and
again, and some marks are on its copies. The words around them are each used once, and
inserted or replacing words are new, so an edit never makes a copy of a quote that was not
there, and where each marked passage went is known exactly: that is what the matcher must
find. (With repeated filler words, or a copy deleted along with the words between it and
the next, a text can be explained by two edit histories, and the right occurrence is not
defined; the word after each copy is therefore never deleted or replaced.) Words carry
accents, a combining mark and emoji, so offsets are counted in code points.

The default run is quick; `pytest -m slow` runs the same properties on many more cases.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotations.matching import FUZZY, KEPT, MOVED, ORPHANED, Quote, find_again, find_all_again
from annotations.matching.exact import occurrences

WORDS = ["the", "port", "would", "pay", "for", "itself", "said", "council", "ferry", "vote",
         "café", "naïve", "Zoë", "e\u0301te\u0301", "🚢", "budget,", "years."]
"""Filler: each use gets a number of its own (`port7`), so no two filler words are alike."""
PHRASE_WORDS = ["minister", "harbour", "subsidy", "crossing", "état", "⚓"]
NEW_WORDS = ["QUILL", "VEX", "ŻUBR", "OKTA", "🦀", "JOLT"]
SEPARATORS = [" ", " ", " ", " ", "\n", "\n\n", "  "]

QUICK = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
THOROUGH = settings(max_examples=1500, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@dataclass
class Token:
    origin: int | None
    """Its index in the old text's tokens; None for a word an edit brought."""
    word: str
    after: str
    """The whitespace after it."""
    kept: bool = False
    """Never deleted or replaced (the word after a copy of the phrase)."""


@dataclass
class Case:
    old: str
    new: str
    quotes: list[Quote]
    expected: list[tuple[int, int] | None]
    """Where each quote's words are in the new text; None where an edit touched them."""


def joined(tokens: list[Token]) -> tuple[str, list[int]]:
    """The text of `tokens` and where each token starts in it."""
    text, starts = [], []
    at = 0
    for token in tokens:
        starts.append(at)
        text.append(token.word + token.after)
        at += len(token.word) + len(token.after)
    return "".join(text), starts


@st.composite
def cases(draw: st.DrawFn) -> Case:
    phrase = draw(st.lists(st.sampled_from(PHRASE_WORDS), min_size=1, max_size=4, unique=True))
    tokens: list[Token] = []
    planted: list[tuple[int, int]] = []
    for _ in range(draw(st.integers(2, 12))):
        if draw(st.booleans()):
            planted.append((len(tokens), len(tokens) + len(phrase) - 1))
            for word in phrase:
                tokens.append(Token(len(tokens), word, draw(st.sampled_from(SEPARATORS))))
        for n, word in enumerate(draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=8))):
            tokens.append(Token(len(tokens), f"{word}{len(tokens)}", draw(st.sampled_from(SEPARATORS)),
                                kept=n == 0 and bool(planted) and planted[-1][1] == len(tokens) - 1))
    tokens[-1].after = ""
    old, starts = joined(tokens)

    # Marks: on planted copies of the phrase (a quote that occurs several times) and on
    # any few words.
    ranges = [r for r in planted if draw(st.booleans())]
    for _ in range(draw(st.integers(1, 6))):
        first = draw(st.integers(0, len(tokens) - 1))
        ranges.append((first, min(len(tokens) - 1, first + draw(st.integers(0, 6)))))
    quotes = [Quote.at(old, starts[first], starts[last] + len(tokens[last].word))
              for first, last in ranges]

    # Edits, at random places, around and inside marks.
    edited = list(tokens)
    inside_edits: set[int] = set()  # old tokens before which a word was inserted
    for _ in range(draw(st.integers(0, 8))):
        if not edited:
            break
        at = draw(st.integers(0, len(edited) - 1))
        kind = draw(st.sampled_from(["insert", "delete", "replace", "reflow"]))
        if edited[at].kept and kind in ("delete", "replace"):
            kind = "insert"
        new_word = draw(st.sampled_from(NEW_WORDS))
        if kind == "insert":
            if edited[at].origin is not None:
                inside_edits.add(edited[at].origin)
            edited.insert(at, Token(None, new_word, " "))
        elif kind == "delete":
            if at > 0 and at == len(edited) - 1:
                edited[at - 1].after = ""
            del edited[at]
        elif kind == "replace":
            edited[at] = Token(None, new_word, edited[at].after)
        elif at < len(edited) - 1:
            edited[at].after = draw(st.sampled_from(["\n", "  ", " \n ", "\t"]))
    new, new_starts = joined(edited)
    if not new.strip():
        edited, new, new_starts = [], "", []

    position = {token.origin: n for n, token in enumerate(edited) if token.origin is not None}
    expected: list[tuple[int, int] | None] = []
    for first, last in ranges:
        at = position.get(first)
        intact = at is not None and all(
            position.get(origin) == at + offset and (offset == 0 or origin not in inside_edits)
            for offset, origin in enumerate(range(first, last + 1)))
        expected.append((new_starts[at], new_starts[at + last - first] + len(edited[at + last - first].word))
                        if intact and at is not None else None)
    return Case(old, new, quotes, expected)


def words_of(text: str) -> list[str]:
    return text.split()


def check_refresh(case: Case) -> None:
    """The old text known, as a refresh has it: every surviving mark exactly where its
    words went; every mark answered; an orphan only where its words are gone."""
    found = find_all_again(case.new, case.quotes, old_text=case.old)
    assert len(found) == len(case.quotes)
    for quote, result, expected in zip(case.quotes, found, case.expected, strict=True):
        if expected is not None:
            assert result.outcome in (KEPT, MOVED), (quote, result, expected)
            assert result.span == expected, (quote, result, expected, case.new)
        check_answer(case.new, quote, result)


def check_import(case: Case) -> None:
    """Without the old text (an import): every surviving mark lands on its words, at its
    own occurrence when its surroundings are as they were and no other copy has them."""
    found = find_all_again(case.new, case.quotes)
    assert len(found) == len(case.quotes)
    for quote, result, expected in zip(case.quotes, found, case.expected, strict=True):
        if expected is not None:
            assert result.outcome in (KEPT, MOVED), (quote, result, expected)
            assert words_of(case.new[result.start : result.end]) == words_of(quote.exact)
            if own_surroundings_unique(case.new, quote, expected):
                assert result.span == expected, (quote, result, expected, case.new)
        check_answer(case.new, quote, result)


def check_one_by_one(case: Case) -> None:
    """`find_again` for one mark at a time agrees on what survived."""
    for quote, expected in zip(case.quotes, case.expected, strict=True):
        result = find_again(case.new, quote)
        if expected is not None:
            assert result.outcome in (KEPT, MOVED)
            assert words_of(case.new[result.start : result.end]) == words_of(quote.exact)
        check_answer(case.new, quote, result)


def own_surroundings_unique(text: str, quote: Quote, expected: tuple[int, int]) -> bool:
    def surroundings(span: tuple[int, int]) -> tuple[str, str]:
        return (text[max(0, span[0] - len(quote.prefix)) : span[0]],
                text[span[1] : span[1] + len(quote.suffix)])

    if surroundings(expected) != (quote.prefix, quote.suffix):
        return False
    return [surroundings(span) for span in occurrences(text, quote)].count((quote.prefix,
                                                                            quote.suffix)) == 1


def check_answer(text: str, quote: Quote, result) -> None:
    assert result.outcome in (KEPT, MOVED, FUZZY, ORPHANED)
    if result.outcome == ORPHANED:
        assert not occurrences(text, quote), "orphaned although its words are there"
        assert result.score == 0
        return
    assert 0 <= result.start < result.end <= len(text)
    if result.outcome in (KEPT, MOVED):
        assert result.score == 1.0
        assert words_of(text[result.start : result.end]) == words_of(quote.exact)
    else:
        assert 0 < result.score < 1


@given(cases())
@QUICK
def test_after_a_refresh_every_surviving_mark_is_where_its_words_went(case):
    check_refresh(case)


@given(cases())
@QUICK
def test_without_the_old_text_every_surviving_mark_lands_on_its_words(case):
    check_import(case)


@given(cases())
@QUICK
def test_one_mark_at_a_time_lands_on_its_words(case):
    check_one_by_one(case)


@st.composite
def typo_cases(draw: st.DrawFn) -> tuple[str, str, Quote, tuple[int, int]]:
    """A long quote with one letter changed inside it, everything else as it was (its
    words, like the filler's, each used once: a copy elsewhere would be moved to)."""
    def numbered(words: list[str], first: int) -> str:
        return " ".join(f"{word}{first + n}" for n, word in enumerate(words))

    before = numbered(draw(st.lists(st.sampled_from(WORDS), min_size=3, max_size=30)), 0)
    words = numbered(draw(st.lists(st.sampled_from(WORDS + PHRASE_WORDS), min_size=4, max_size=12)), 100)
    after = numbered(draw(st.lists(st.sampled_from(WORDS), min_size=3, max_size=30)), 200)
    old = f"{before} {words} {after}"
    start = len(before) + 1
    quote = Quote.at(old, start, start + len(words))
    at = draw(st.integers(1, len(words) - 2))
    letter = draw(st.sampled_from("xqzŁ"))
    changed = words[:at] + letter + words[at + 1 :]
    new = f"{before} {changed} {after}"
    return old, new, quote, (start, start + len(changed))


def check_typo(case: tuple[str, str, Quote, tuple[int, int]]) -> None:
    old, new, quote, expected = case
    for result in (find_all_again(new, [quote], old_text=old)[0], find_again(new, quote)):
        if new[expected[0] : expected[1]] == quote.exact:
            continue  # the letter was replaced by itself
        assert result.outcome == FUZZY, result
        assert 0.7 <= result.score < 1
        # On the changed words, give or take the letter at either end.
        assert abs(result.start - expected[0]) <= 1 and abs(result.end - expected[1]) <= 1


@given(typo_cases())
@QUICK
def test_a_quote_with_one_letter_changed_is_found_fuzzy_on_its_new_words(case):
    check_typo(case)


@pytest.mark.slow
@given(cases())
@THOROUGH
def test_after_a_refresh_thoroughly(case):
    check_refresh(case)


@pytest.mark.slow
@given(cases())
@THOROUGH
def test_without_the_old_text_thoroughly(case):
    check_import(case)


@pytest.mark.slow
@given(cases())
@THOROUGH
def test_one_mark_at_a_time_thoroughly(case):
    check_one_by_one(case)


@pytest.mark.slow
@given(typo_cases())
@THOROUGH
def test_one_letter_changed_thoroughly(case):
    check_typo(case)
