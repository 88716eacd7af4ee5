"""Open questions: the hedges that leave a point unresolved, and the article's own questions.

    hedge:<family>     a sentence with a phrase of `lexicon.hedges` ("declined to comment",
                       "remains to be seen", "is expected to", "postponed"); span: the sentence
    question-sentence  a sentence ending in "?" outside quotation marks, in the article's voice
"""

from __future__ import annotations

import re
from collections.abc import Callable

from annotations.suggestions.lexicon.hedges import FAMILIES, TRIGGERS


def _families() -> list[tuple[str, frozenset[str], re.Pattern[str]]]:
    return [(name, TRIGGERS[name], re.compile(rf"\b(?:{'|'.join(fragments)})\b"))
            for name, fragments in FAMILIES.items()]


_FAMILIES = _families()
_ANY_TRIGGER = frozenset().union(*TRIGGERS.values())
_WORD = re.compile(r"[a-z]+")
_FIRST_WORD = 40
"""Enough of a sentence's start to hold its first word after an opening mark."""


def hedge_rule(text: str, start: int, end: int, outside: Callable[[int], bool],
               words: set[str] | None = None) -> str:
    """The rule of the first hedge phrase in `text[start:end]` for which `outside(at)`
    holds (outside quotation marks), or "".

    A family's pattern runs only on sentences holding one of its words, and stops at its
    first phrase: tried at every position of a book, the patterns would be most of the
    suggester's time."""
    if words is None:
        words = set(_WORD.findall(text[start:end].lower()))
        opening = ""
    else:
        # "Pending", "Neither", "It" start sentences, and a capital is no word of `words`
        first_word = _WORD.match(text[start:min(end, start + _FIRST_WORD)].lstrip(" “\"‘'«„(").lower())
        opening = first_word.group() if first_word else ""
    if words.isdisjoint(_ANY_TRIGGER) and opening not in _ANY_TRIGGER:
        return ""  # most sentences: no word of any hedge
    families = [family for family in _FAMILIES
                if opening in family[1] or not words.isdisjoint(family[1])]
    sentence = text[start:end]
    lowered = sentence.lower()
    if len(lowered) != len(sentence):
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in sentence)
    first, rule = len(lowered), ""
    for name, _triggers, pattern in families:
        at = 0
        while at < first:
            match = pattern.search(lowered, at, first)
            if match is None:
                break
            if outside(start + match.start()):
                first, rule = match.start(), "hedge:" + name
                break
            at = match.end()
    return rule


def is_question(text: str, start: int, end: int) -> bool:
    """Whether the sentence `text[start:end]` ends in its own question mark."""
    end -= 1
    while end > start and text[end].isspace():
        end -= 1
    return end >= start and text[end] == "?"
