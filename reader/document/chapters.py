"""EPUB bodies: Markdown whose level-1 headings start chapters (reader/importing/epub
writes them so), to a `Document` whose `chapters` give each chapter's locator label.

A book has no fixed pages, so a mark is cited by its chapter and its paragraph within
the chapter (APA 8.28): a heading "Chapter IV: The Storm", "CHAPTER FOUR" or "4. The
Storm" is "Chapter 4"; any other heading ("Preface", "A Note on Sources") names itself.
"""

from __future__ import annotations

import re

from reader.document.markdown import parse_markdown
from reader.document.model import HEADING, Chapter, Document

_NUMBER_WORDS = {
    word: n for n, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen "
        "fourteen fifteen sixteen seventeen eighteen nineteen twenty".split())
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}
_ROMAN = re.compile(r"^(?=[MDCLXVI])M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$", re.I)
_CHAPTER_WORD = re.compile(r"^(?:chapter|chap\.?|ch\.)\s+([\w-]+)\b", re.I)
_LEADING_NUMBER = re.compile(r"^(\d{1,4}|[MDCLXVI]{1,8})(?:[.:)]|\s+[–—-]\s+|\s*$)", re.I)
_MAX_LABEL = 60


def parse_chapters(body: str) -> Document:
    document = parse_markdown(body)
    headings = [b for b in document.blocks if b.kind == HEADING and b.level == 1]
    document.chapters = [
        Chapter(block.start, chapter_label(document.text[block.start:block.end]))
        for block in headings
    ]
    return document


def chapter_label(heading: str) -> str:
    """How a citation names the chapter this heading starts."""
    heading = " ".join(heading.split())
    number = _chapter_number(heading)
    if number is not None:
        return f"Chapter {number}"
    if len(heading) > _MAX_LABEL:
        heading = heading[: _MAX_LABEL - 1].rstrip() + "…"
    return heading or "Chapter"


def _chapter_number(heading: str) -> str | None:
    named = _CHAPTER_WORD.match(heading)
    if named:
        return _as_number(named.group(1))
    leading = _LEADING_NUMBER.match(heading)
    if leading:
        return _as_number(leading.group(1))
    return None


def _as_number(word: str) -> str | None:
    """"4", "IV", "four", "twenty-one" → "4", "4", "4", "21"; None for anything else."""
    if word.isdigit():
        return str(int(word))
    if _ROMAN.match(word):
        return str(_roman_value(word.upper()))
    lowered = word.lower()
    if lowered in _NUMBER_WORDS:
        return str(_NUMBER_WORDS[lowered])
    tens, _, unit = lowered.partition("-")
    if tens in _TENS and (not unit or unit in _NUMBER_WORDS):
        return str(_TENS[tens] + (_NUMBER_WORDS[unit] if unit else 0))
    return None


def _roman_value(numeral: str) -> int:
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
    total = 0
    for here, after in zip(numeral, numeral[1:] + " ", strict=True):
        value = values[here]
        total += -value if after != " " and values[after] > value else value
    return total
