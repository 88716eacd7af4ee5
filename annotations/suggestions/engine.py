"""`suggest`: the article read once, in order, by every rule family.

1. blocks, sentences and quotations (text, quotes);
2. names in every block, then the article-wide cast: canonical names, surnames,
   acronyms (names, actors);
3. block by block, sentence by sentence: the quotations' claims and the reported speech,
   so that a pronoun or a floating quote sees who spoke last (claims, speakers); a Q&A
   interview's answers are claims of their own (interviews);
4. hedges and question sentences (questions), not in an interview's turns;
5. actors: every person and organisation named, except inside titles of works in quotes.

Headings give no claims. A language other than English gives nothing: rules written
for English would only offer wrong suggestions.

The reader runs `suggest` in a worker thread beside the screen, so no single step holds
the interpreter's lock for long: the text is searched in pieces, never in one call over a
whole book.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import replace
from operator import attrgetter

from annotations.suggestions.actors import cast
from annotations.suggestions.claims import Claim, ClaimReader, words_of
from annotations.suggestions.interviews import ANSWERS, Turn, turns
from annotations.suggestions.model import ACTOR, CLAIM, QUESTION, Suggestion
from annotations.suggestions.names import (
    ORGANISATION,
    PERSON,
    UNKNOWN,
    Mention,
    RunCache,
    mentions,
)
from annotations.suggestions.questions import hedge_rule, is_question
from annotations.suggestions.quotes import Quotation, Quoted, quotations
from annotations.suggestions.speakers import Speaker, Speakers
from annotations.suggestions.text import HEADING, Block, blocks_of, dateline, sentences

_LOWER_WORD = re.compile(r"(?<![\w’'-])[a-z][a-z’'-]*")


def is_english(language: str) -> bool:
    key = language.strip().casefold()
    return key in ("", "en", "eng", "english") or key.startswith(("en-", "en_"))


def suggest(text: str, blocks: Sequence[tuple[int, int, str]] | None = None,
            language: str = "en") -> list[Suggestion]:
    """Every claim, actor and open question the rules find in `text`, sorted by start.

    `blocks` are the article's (start, end, kind) blocks ("heading", "paragraph",
    "quote", "list_item", …); None cuts the text at blank lines."""
    if not is_english(language or ""):
        return []
    parts = blocks_of(text, blocks)
    lower_words = _lower_words(text)
    datelines = _datelines(text, parts)
    found: list[Mention] = []
    runs: RunCache = {}
    credits: set[int] = set()
    for index, block in enumerate(parts):
        named = mentions(text, block.start, block.end, lower_words, runs)
        if index in datelines:
            named = _after_the_place(named, *datelines[index])
            credits.update(m.start for m in named if m.start < datelines[index][1])
        found.extend(named)
    block_quotes = [quotations(text, block) for block in parts]
    inside = [(q.start, q.end) for quotes in block_quotes for q in quotes]
    people = cast(text, found, lower_words, inside)
    speakers = Speakers(text, people, frozenset(credits))
    reader = ClaimReader(text, speakers)
    claims: list[Claim] = []
    questions: list[Suggestion] = []
    run_on: Speaker | None = None
    # the claim (index) of a quote the block before left open, its speaker only guessed:
    # the quote's continuation may name who speaks
    floated = -1
    titled: list[tuple[int, int]] = []
    interview = turns(text, parts, speakers)
    for index, block in enumerate(parts):
        if index in datelines:
            block = Block(datelines[index][1], block.end, block.kind)  # the report, not its dateline
        spans = sentences(text, block.start, block.end)
        quotes = _continuing(block_quotes[index], parts[index], run_on is not None)
        quoted = Quoted(quotes)
        turn = interview.get(index)
        words = [words_of(text, *sentence) for sentence in spans]
        if turn is not None and turn.role == ANSWERS:
            claims.append(_answer(reader, block, turn))
            run_on, floated = None, -1
            continue
        if block.kind != HEADING:
            block_claims = _block_claims(reader, block, spans, quotes, quoted, run_on, words)
            if floated >= 0:
                _attribute_run_on(claims, floated, quotes, block_claims)
            claims.extend(block_claims)
            floated = _floated_run_on(quotes, block_claims, len(claims))
            run_on = _run_on_speaker(quotes, block_claims)
            titled.extend(_titles_of_works(text, quotes, block_claims))
        if turn is None:
            questions.extend(_questions(text, spans, quoted, words))
    actors = [m for m in people.mentions if not _within(m.start, titled)]
    return sorted(_actor_suggestions(text, actors, parts)
                  + [_claim_suggestion(text, c) for c in _without_nested(claims)] + questions,
                  key=attrgetter("start", "end", "kind"))


_CHUNK = 1 << 16
"""Code points of text one search for lower-case words reads at a time."""


def _lower_words(text: str) -> frozenset[str]:
    """The words the text uses in lower case, read in pieces cut at line breaks: one search
    over a book would hold the interpreter's lock for a quarter of a second."""
    words: set[str] = set()
    at = 0
    while at < len(text):
        cut = text.find("\n", at + _CHUNK)
        cut = len(text) if cut < 0 else cut
        words.update(_LOWER_WORD.findall(text, at, cut))
        at = cut
    return frozenset(words)


def _continuing(quotes: list[Quotation], block: Block, continued: bool) -> list[Quotation]:
    """The block's quotations, the first marked `continued` when it opens the block and the
    block before left a quotation open."""
    if continued and quotes and quotes[0].open == block.start:
        return [replace(quotes[0], continued=True), *quotes[1:]]
    return quotes


def _datelines(text: str, parts: list[Block]) -> dict[int, tuple[int, int]]:
    """The datelines of the blocks that may have one (the first of the article, and the
    first after each heading: a book of reports), by block index: (place end, body start)."""
    found = {}
    for index, block in enumerate(parts):
        if block.kind != HEADING and (index == 0 or parts[index - 1].kind == HEADING):
            place_end, body = dateline(text, block)
            if body > block.start:
                found[index] = (place_end, body)
    return found


def _after_the_place(named: list[Mention], place_end: int, body: int) -> list[Mention]:
    """A dateline's names: its place ("PORT ASTRID") none; the agency in its parentheses
    ("(Lowland Wire)") an organisation, whatever its words."""
    kept = [m for m in named if m.start >= place_end]
    for mention in kept:
        if mention.start < body and mention.type in (PERSON, UNKNOWN):
            mention.type = ORGANISATION
    return kept


def _block_claims(reader: ClaimReader, block: Block, spans: list[tuple[int, int]],
                  quotes: list[Quotation], quoted: Quoted, run_on: Speaker | None,
                  words: list[set[str]]) -> list[Claim]:
    """The claims of one block, quotations and reported speech in text order."""
    found: list[Claim] = []
    index = 0
    for sentence, sentence_words in zip(spans, words, strict=True):
        while index < len(quotes) and quotes[index].open < sentence[1]:
            quote_sentence = sentence if quotes[index].open >= sentence[0] else spans[0]
            previous = found[-1] if found and found[-1].rule not in _REPORTED else None
            claim = reader.quoted(block, quotes, index, quote_sentence, previous, run_on)
            if claim is not None:
                found.append(claim)
            index += 1
        found.extend(reader.reported(sentence, quoted, sentence_words))
    return found


def _answer(reader: ClaimReader, block: Block, turn: Turn) -> Claim:
    """An interview answer is one claim: the paragraph after "Name: "."""
    reader.speakers.heard(turn.speaker, block.end)
    return Claim(turn.content_start, block.end, turn.speaker, "", "interview-answer")


_REPORTED = frozenset(("reported-that", "clause-then-said", "according-to", "study-found", "adding-that"))


_ATTRIBUTED = frozenset(("quote-then-said", "said-then-quote", "colon-quote"))


def _floated_run_on(quotes: list[Quotation], claims: list[Claim], count: int) -> int:
    """Where among all claims (`count` so far) the block's last claim is, when it is a
    quote left open whose speaker was guessed (a floating quote); -1 otherwise."""
    if quotes and quotes[-1].runs_on and claims and claims[-1].start == quotes[-1].start \
            and claims[-1].rule == "floating-quote":
        return count - 1
    return -1


def _attribute_run_on(claims: list[Claim], floated: int, quotes: list[Quotation],
                      block_claims: list[Claim]) -> None:
    """“We will bring the government down. … (no close) / “This is no bluff,” Whitby said.:
    the continuation's speaker speaks the quote that ran on into it."""
    if quotes and quotes[0].continued and block_claims and block_claims[0].start == quotes[0].start \
            and block_claims[0].rule in _ATTRIBUTED and block_claims[0].speaker is not None:
        claims[floated] = claims[floated]._replace(speaker=block_claims[0].speaker)


def _run_on_speaker(quotes: list[Quotation], claims: list[Claim]) -> Speaker | None:
    """Who speaks the quote this block leaves open, for the next block's continuation."""
    if not quotes or not quotes[-1].runs_on:
        return None
    for claim in reversed(claims):
        if claim.speaker is not None:
            return claim.speaker
    return None


def _titles_of_works(text: str, quotes: list[Quotation], claims: list[Claim]) -> list[tuple[int, int]]:
    """Short quotations that are no claim: titles, names of things (“The Winter’s Tale”,
    “Low Tide”); a capitalised word in them names no actor."""
    claimed = {(c.start, c.end) for c in claims}
    return [(q.start, q.end) for q in quotes
            if (q.start, q.end) not in claimed and len(text[q.start:q.end].split()) <= 6]


def _without_nested(claims: list[Claim]) -> list[Claim]:
    """A quotation inside a reported clause is part of that claim, not one of its own
    (most of it inside: the clause ends before the quote's full stop and mark)."""
    reported = sorted((c.start, c.end) for c in claims if c.rule in _REPORTED)
    starts = [s for s, _ in reported]
    kept = []
    for claim in claims:
        if claim.rule not in _REPORTED:
            # reported clauses never overlap each other: the nearest one before is the only candidate
            i = bisect_right(starts, claim.start) - 1
            if i >= 0 and (min(reported[i][1], claim.end) - claim.start) * 2 > claim.end - claim.start:
                continue
        kept.append(claim)
    return kept


def _claim_suggestion(text: str, claim: Claim) -> Suggestion:
    speaker = claim.speaker
    return Suggestion(
        CLAIM, claim.start, claim.end, text[claim.start:claim.end],
        speaker=speaker.name if speaker else "",
        speaker_start=speaker.start if speaker else -1,
        speaker_end=speaker.end if speaker else -1,
        description=speaker.description if speaker else "",
        actor_type=speaker.type if speaker and speaker.type in (PERSON, ORGANISATION) else "",
        cue=claim.cue, rule=claim.rule,
    )


def _actor_suggestions(text: str, found: list[Mention], parts: list[Block]) -> list[Suggestion]:
    """Every person and organisation named; in a heading only those the body names too
    (a headline's capitals are Title Case, not names)."""
    headings = [(b.start, b.end) for b in parts if b.kind == HEADING]
    named_in_body = {m.name for m in found if not _within(m.start, headings)}
    return [Suggestion(ACTOR, m.start, m.end, text[m.start:m.end], description=m.description,
                       actor_type=m.type, name=m.name or m.text, aliases=m.aliases,
                       rule=_actor_rule(m))
            for m in found if m.type in (PERSON, ORGANISATION)
            and (m.name in named_in_body or not _within(m.start, headings))]


def _within(at: int, spans: list[tuple[int, int]]) -> bool:
    """Whether `at` lies in one of `spans` (sorted, not overlapping)."""
    i = bisect_right(spans, (at, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= at < spans[i][1]


def _actor_rule(mention: Mention) -> str:
    if mention.title:
        return "title-name"
    if mention.name and mention.name != mention.text:
        return "same-actor"
    if mention.aliases:
        return "acronym"
    return "person-name" if mention.type == PERSON else "organisation-name"


def _questions(text: str, spans: list[tuple[int, int]], quoted: Quoted,
               words: list[set[str]]) -> list[Suggestion]:
    """Hedges and question sentences of one block, outside its quotations."""

    def outside(at: int) -> bool:
        return not quoted.at(at)

    found: list[Suggestion] = []
    for (start, end), sentence_words in zip(spans, words, strict=True):
        rule = hedge_rule(text, start, end, outside, sentence_words)
        if not rule and is_question(text, start, end) and not quoted.at(end - 1):
            rule = "question-sentence"
        if rule:
            found.append(Suggestion(QUESTION, start, end, text[start:end], rule=rule))
    return found
