"""Joining a line to the next: a space, or nothing after a line-end hyphen, which is
dropped when it only split a word ("sub-" + "sidy") and kept when it is part of one
("state-of-the-" + "art", "COVID-" + "19").

PDFium marks a hyphen at a line end in its own text order, but lines cut at a column
gutter come to it run together with the other column, and reading order pairs lines
PDFium never saw together; so every line-end hyphen is judged here, on the words: the
document's own spelling decides where it has one (the joined word, or the hyphenated
form, elsewhere in the text), and otherwise a lowercase continuation means a split.
"""

from __future__ import annotations

import re
from typing import NamedTuple

HYPHENS = ("-", "\u2010")
_DASHES = ("\u2013", "\u2014")
_WHOLE_WORD = re.compile(r"(?<![^\W\d_])(?>[^\W\d_]+(?:[-\u2010][^\W\d_]+)*)(?![-\u2010]\n)")
_LAST_WORD = re.compile(r"([^\W\d_]+(?:[-\u2010][^\W\d_]+)*)[-\u2010]$")
_FIRST_WORD = re.compile(r"[^\W\d_]+")
_COMPOUND_PART = 4
"""Both halves whole words of the text, this long or longer: a compound ("decision-" +
"making"), not a word split by syllables ("in-" + "formation")."""


class Vocabulary(NamedTuple):
    words: frozenset[str]
    """Every word of the document, lowercase, as written whole on a line."""
    compounds: frozenset[str]
    """Every hyphenated word written whole on a line ("state-of-the-art")."""


def vocabulary(texts: list[str]) -> Vocabulary:
    # One pass over the whole text; a word broken at a line end ("sub-" before a line
    # break) is not a spelling the document uses, and the atomic group keeps the
    # pattern from settling for part of it instead.
    found = set(_WHOLE_WORD.findall("\n".join(texts).lower()))
    compounds = {word for word in found if "-" in word or "\u2010" in word}
    return Vocabulary(frozenset(found - compounds), frozenset(compounds))


class Glue(NamedTuple):
    text: str
    """What goes between the two lines: " " or ""."""
    drop: int
    """How many characters to take off the end of the first line (its hyphen)."""


SPACE = Glue(" ", 0)
CLOSE = Glue("", 0)
JOIN = Glue("", 1)


def glue(before: str, after: str, words: Vocabulary) -> Glue:
    """How the line `before` joins the line `after` (both as cleaning.line_text
    gives them)."""
    if not before or not after:
        return SPACE
    last = before[-1]
    if last in _DASHES and len(before) > 1 and not before[-2].isspace():
        return CLOSE  # "the plan—" + "which": no space either side of the dash
    if last not in HYPHENS or len(before) < 2 or not before[-2].isalpha():
        return SPACE
    head = _LAST_WORD.search(before)
    tail = _FIRST_WORD.match(after)
    if head is None or tail is None or not after[0].islower():
        return CLOSE  # "COVID-" + "19", "anti-" + "American": part of the word
    prefix, rest = head.group(1), tail.group(0)
    if "-" in prefix or "\u2010" in prefix or after[len(rest):len(rest) + 1] in HYPHENS:
        return CLOSE  # "state-of-the-" + "art", "state-" + "of-the-art"
    joined = (prefix + rest).lower()
    hyphenated = f"{prefix}-{rest}".lower()
    if joined in words.words and hyphenated not in words.compounds:
        return JOIN
    if hyphenated in words.compounds and joined not in words.words:
        return CLOSE
    if len(prefix) >= _COMPOUND_PART and len(rest) >= _COMPOUND_PART \
            and prefix.lower() in words.words and rest.lower() in words.words:
        return CLOSE
    return JOIN
