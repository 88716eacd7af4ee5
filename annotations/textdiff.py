"""A word-level diff of two article texts, paragraph by paragraph, for `glossator diff`.

Paragraphs are matched first (a book has thousands; comparing every word of it at once
would be slow), then the words of each changed paragraph. Whitespace between words is
not a difference.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

_WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class Piece:
    kind: str
    """"same", "removed" or "added"."""
    text: str


@dataclass(frozen=True)
class Change:
    """One changed stretch: where it is in each text (1-based paragraphs) and its words."""

    old_paragraph: int
    new_paragraph: int
    pieces: tuple[Piece, ...]


def paragraphs(text: str) -> list[str]:
    return [p for p in re.split(r"\n\s*\n", text) if p.strip()]


def word_diff(old: str, new: str, context: int = 6) -> list[Change]:
    """The changes from `old` to `new`, each with up to `context` unchanged words around."""
    before, after = paragraphs(old), paragraphs(new)
    matcher = SequenceMatcher(None, [_key(p) for p in before], [_key(p) for p in after],
                              autojunk=False)
    changes = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        old_words = [w for p in before[i1:i2] for w in (*_words(p), "¶")][:-1] if i2 > i1 else []
        new_words = [w for p in after[j1:j2] for w in (*_words(p), "¶")][:-1] if j2 > j1 else []
        pieces = _word_pieces(old_words, new_words, context)
        if pieces:
            changes.append(Change(i1 + 1, j1 + 1, tuple(pieces)))
    return changes


def _key(paragraph: str) -> str:
    return " ".join(paragraph.split())


def _words(paragraph: str) -> list[str]:
    return _WORD.findall(paragraph)


def _word_pieces(old: list[str], new: list[str], context: int) -> list[Piece]:
    opcodes = SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
    pieces: list[Piece] = []
    for index, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag == "equal":
            shown = _context(old[i1:i2], context, first=index == 0,
                             last=index == len(opcodes) - 1)
            if shown:
                pieces.append(Piece("same", shown))
            continue
        if i2 > i1:
            pieces.append(Piece("removed", " ".join(old[i1:i2])))
        if j2 > j1:
            pieces.append(Piece("added", " ".join(new[j1:j2])))
    return pieces


def _context(words: list[str], context: int, first: bool, last: bool) -> str:
    """Unchanged words around a change: the end of a run before the first change, the
    start of one after the last, both ends of one between two changes."""
    if first and last:
        return ""
    if first:
        return ("… " if len(words) > context else "") + " ".join(words[-context:])
    if last:
        return " ".join(words[:context]) + (" …" if len(words) > context else "")
    if len(words) > 2 * context:
        return " ".join(words[:context]) + " … " + " ".join(words[-context:])
    return " ".join(words)
