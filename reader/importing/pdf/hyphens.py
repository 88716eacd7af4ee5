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
import string
from typing import NamedTuple

HYPHENS = ("-", "\u2010")
_DASHES = ("\u2013", "\u2014")
_URL_BREAKS = "/.-_?&=#~"
_PUNCTUATION = string.punctuation + "“”‘’«»‹›…–—"
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
    words: set[str] = set()
    compounds: set[str] = set()
    for token in set(" ".join(texts).lower().split()):
        if token.endswith(HYPHENS):
            continue  # a word broken at a line end is not a spelling the document uses
        word = token.strip(_PUNCTUATION)
        (compounds if "-" in word or "\u2010" in word else words).add(word)
    return Vocabulary(frozenset(words), frozenset(compounds))


def is_cjk(char: str) -> bool:
    """A Han character, kana, or CJK punctuation or full-width form."""
    code = ord(char)
    return 0x3000 <= code <= 0x30FF or 0x3400 <= code <= 0x4DBF or 0x4E00 <= code <= 0x9FFF \
        or 0xF900 <= code <= 0xFAFF or 0xFF00 <= code <= 0xFFEF or 0x20000 <= code <= 0x3134F


def _is_url(token: str) -> bool:
    return "://" in token or token.startswith(("www.", "doi.org/"))


def _goes_on_as_url(text: str) -> bool:
    """The next line starts with the rest of an address ("papers/2024/", "org.uk"), not
    with a word of the sentence ("with the minutes")."""
    token = text.split(" ", 1)[0].rstrip(".,;:)")
    return any(c in _URL_BREAKS or c.isdigit() for c in token)


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
    if is_cjk(last) and is_cjk(after[0]):
        return CLOSE  # Chinese and Japanese put no spaces between words
    if last in _DASHES and len(before) > 1 and not before[-2].isspace():
        return CLOSE  # "the plan—" + "which": no space either side of the dash
    if last in _URL_BREAKS and _is_url(before[before.rfind(" ") + 1:]) \
            and _goes_on_as_url(after):
        return CLOSE  # "https://doi.org/10.5555/" + "jes.2024.0112"
    if last not in HYPHENS or len(before) < 2 or not before[-2].isalpha():
        return SPACE
    head = _LAST_WORD.search(before, before.rfind(" ") + 1)
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
