"""The article text cut the way the rules read it: blocks, and sentences within them.

A regular-expression segmenter rather than pysbd: pysbd needs about 40 ms for a
1,000-word article, more than the whole suggester may spend, and news prose only asks
it to know abbreviations ("Dr. Ruiz", "Acme Corp. said", "the U.S. Navy") and initials.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from annotations.suggestions.lexicon.common import FUNCTION
from annotations.suggestions.lexicon.titles import ABBREVIATIONS

UPPER = "".join(chr(c) for c in range(0x41, 0x250) if chr(c).isupper())
LOWER = "".join(chr(c) for c in range(0x61, 0x250) if chr(c).islower())
"""Latin letters, Latin-1 and Latin Extended-A/B: the stdlib `re` has no \\p{Lu}."""

HEADING = "heading"
SKIPPED_KINDS = frozenset(("code", "rule"))
"""Blocks no suggestion is drawn from: code and horizontal rules."""


class Block(NamedTuple):
    start: int
    end: int
    kind: str


_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_SENTENCE_END = re.compile(rf"[.!?…]+[\"”’»)\]]*(?=\s+[\"“‘'«„(\[]?[{UPPER}0-9]|\s*$)")
"""A sentence's last stop and closing marks, before a capital or the block's end (one
pattern starting with the stops, not two alternatives: the engine skips to a stop)."""
_BEFORE_NUMBERS = frozenset(("no", "nos"))
"""Abbreviations only before a number: "No. 5"; "she said no." ends a sentence."""
_INITIALISM = re.compile(rf"^(?:[{UPPER}{LOWER}]\.)+$")


_MONTHS = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
           r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_DATELINE = re.compile(
    rf"(?P<place>[{UPPER}][{UPPER}.'’-]+(?: [{UPPER}][{UPPER}.'’-]+){{0,3}})"   # HARBOR CITY
    rf"(?:, (?!{_MONTHS} )[{UPPER}][\w.]*(?: [{UPPER}][\w.]*)?)?"               # , Ukraine
    rf"(?:, {_MONTHS} \d{{1,2}}(?:, \d{{4}})?)?"                                # , March 3
    rf"(?: ?\([^()\n]{{1,40}}\))?"                                            # (Reuters)
    rf" ?[-—–]+ "
)
"""A wire report's dateline: the place in capitals, a region, a date, the agency, a dash."""


def dateline(text: str, block: Block) -> tuple[int, int]:
    """(where the dateline's place ends, where the report begins) at the start of `block`;
    (block.start, block.start) when it has none. The place names no actor and the dateline
    is no part of a claim; the agency in parentheses is an actor as anywhere else."""
    match = _DATELINE.match(text, block.start, block.end)
    if match is None or not any(c.isalpha() and c.isupper() for c in match.group("place")[1:]):
        return block.start, block.start
    return match.end("place"), match.end()


def blocks_of(text: str, blocks: Sequence[tuple[int, int, str]] | None) -> list[Block]:
    """The blocks to read, trimmed of surrounding whitespace; code and rules left out.

    Without `blocks` the text is cut at blank lines, every piece a paragraph."""
    if blocks is None:
        spans, at = [], 0
        for gap in _BLANK_LINE.finditer(text):
            spans.append((at, gap.start(), "paragraph"))
            at = gap.end()
        spans.append((at, len(text), "paragraph"))
    else:
        spans = [(int(s), int(e), str(k)) for s, e, k in blocks]
    found = []
    for start, end, kind in spans:
        if kind in SKIPPED_KINDS:
            continue
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            found.append(Block(start, end, kind))
    found.sort()
    return found


def sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The sentences of `text[start:end]`, as (start, end) spans that tile it less spaces."""
    spans, at = [], start
    for match in _SENTENCE_END.finditer(text, start, end):
        if _ends_abbreviation(text, at, match):
            continue
        spans.append((at, match.end()))
        at = match.end()
        while at < end and text[at].isspace():
            at += 1
    if at < end:
        spans.append((at, end))
    return spans


def _ends_abbreviation(text: str, sentence_start: int, match: re.Match[str]) -> bool:
    """Whether the full stop of `match` belongs to an abbreviation, not a sentence end."""
    stops, at = match.group(), match.start()
    if stops[0] != "." or stops[1:2] == ".":
        return False
    space = text.rfind(" ", sentence_start, at)
    # a line break after the last space, looked for only there: a long sentence of
    # abbreviations would otherwise be read back to its start at each one
    word_start = max(space, text.rfind("\n", space + 1 if space >= 0 else sentence_start, at)) + 1
    word = text[max(word_start, sentence_start):at].lstrip("(\"“‘'«„").casefold()
    if not word:
        return False
    if word in _BEFORE_NUMBERS:
        return text[match.end():match.end() + 3].lstrip()[:1].isdigit()  # "No. 5", not "said no."
    if word in ABBREVIATIONS:
        return True
    if len(word) == 1:
        return word.isalpha()  # an initial: "George W. Bush"
    if "." not in word:
        return False  # most sentences end on a plain word: no initialism
    if _INITIALISM.match(word + "."):
        # "the U.S. Navy" runs on; "… in the U.S. The next day" ends.
        following = text[match.end():match.end() + 24].split(maxsplit=1)
        return not following or following[0].strip("\"“‘'«„(").casefold() not in FUNCTION
    return False
