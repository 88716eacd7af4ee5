"""Joining a line to the next: a space, or nothing after a line-end hyphen, which is
dropped when it only split a word ("sub-" + "sidy") and kept when it is part of one
("state-of-the-" + "art", "COVID-" + "19").

PDFium marks a hyphen at a line end in its own text order, but lines cut at a column
gutter come to it run together with the other column, and reading order pairs lines
PDFium never saw together; so every line-end hyphen is judged here, on the words: the
document's own spelling decides where it has one (the joined word, or the hyphenated
form, elsewhere in the text). Otherwise a word that English begins compounds with keeps
its hyphen ("well-" + "known", "self-" + "employed") unless only an ending follows
("cross-" + "ing"); a prefix that is also the first syllable of many words keeps it
only before a word the text uses on its own ("co-" + "author", with "author"
elsewhere; not "co-" + "herent", "pre-" + "vious"); and otherwise a lowercase
continuation means a split.
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
_COMPOUND_WORDS = frozenset(
    "well self ill half all high low long short full cross wide far ever".split())
"""Words that begin hyphenated compounds ("well-known", "self-employed", "long-term")
and that English hyphenation does not otherwise leave at a line end."""
_ENDINGS = frozenset("ing ings ed er ers est ly ness less ish ful y".split())
"""What follows such a word when it is a stem broken before its ending ("cross-" +
"ing", "high-" + "er", "self-" + "ish")."""
_PREFIXES = frozenset("non co ex pre post anti multi semi".split())
"""Prefixes written with a hyphen before a word ("co-author", "post-war") that are also
the first syllable of many words ("co-herent", "post-pone", "pre-vious")."""


class Vocabulary(NamedTuple):
    words: frozenset[str]
    """Every word of the document, lowercase, as written whole on a line."""
    compounds: frozenset[str]
    """Every hyphenated word written whole on a line ("state-of-the-art")."""
    alone: frozenset[str]
    """Every word written anywhere but first on a line after a line-end hyphen: the
    words the document uses on their own, not only as the rest of a broken word."""


def vocabulary(texts: list[str]) -> Vocabulary:
    """The words of the document's lines (in the order PDFium gives them)."""
    words: set[str] = set()
    compounds: set[str] = set()
    for token in set(" ".join(texts).lower().split()):
        if token.endswith(HYPHENS):
            continue  # a word broken at a line end is not a spelling the document uses
        word = token.strip(_PUNCTUATION)
        (compounds if "-" in word or "\u2010" in word else words).add(word)
    return Vocabulary(frozenset(words), frozenset(compounds), _used_alone(texts))


def _used_alone(texts: list[str]) -> frozenset[str]:
    alone: set[str] = set()
    broken = False
    for text in texts:
        tokens = text.lower().split()
        alone.update(token.strip(_PUNCTUATION) for token in tokens[1 if broken else 0:])
        broken = text.endswith(HYPHENS)
    return frozenset(alone)


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
    first, rest = prefix.lower(), rest.lower()
    if first in _COMPOUND_WORDS and rest not in _ENDINGS:
        return CLOSE  # "well-" + "known"
    if first in _PREFIXES and rest in words.alone:
        return CLOSE  # "co-" + "author", the document writing "author" too
    if len(prefix) >= _COMPOUND_PART and len(rest) >= _COMPOUND_PART \
            and first in words.words and rest in words.words:
        return CLOSE
    return JOIN
