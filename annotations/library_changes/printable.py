"""Names a person gives (a tag, an actor) hold no control or format characters.

A tab or an escape in a tag name is shown on every line that names the tag, in the
terminal, in exports and in other tools' codebooks; a right-to-left override makes the
name read differently from what it is. Such characters come from a paste or a script,
never from meaning them, so a new name holding one is refused, with where it is; names
already in the library are still found by them, so they can be renamed away.

Refused: the C0 and C1 controls (tab and newline too: a name is one line), DEL, line and
paragraph separators, surrogates, and the format characters (Cf: bidi controls, zero
width space, soft hyphen, byte order mark) except the zero-width joiner and non-joiner,
which Persian, Indic scripts and emoji need.
"""

from __future__ import annotations

import unicodedata

from annotations.errors import GlossatorError

_JOINERS = frozenset("\u200c\u200d")
_REFUSED = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs"})
_SHORT_NAMES = {"\t": "a tab", "\n": "a line break", "\r": "a carriage return",
                "\x1b": "an escape (ESC)", "\x00": "a NUL"}


def unprintable(name: str) -> tuple[int, str] | None:
    """The first control or format character of `name`: its position (from 1) and what it
    is ("a tab", "U+202E RIGHT-TO-LEFT OVERRIDE"); None when there is none."""
    for position, character in enumerate(name, start=1):
        if character in _JOINERS or unicodedata.category(character) not in _REFUSED:
            continue
        described = _SHORT_NAMES.get(character)
        if described is None:
            label = unicodedata.name(character, "")
            described = f"U+{ord(character):04X}" + (f" {label}" if label else "")
        return position, described
    return None


def refuse_unprintable(name: str, what: str) -> None:
    """Refuse, in one line, a new `what` ("a tag name") holding a control or format
    character."""
    found = unprintable(name)
    if found is not None:
        position, described = found
        raise GlossatorError(f"{what} cannot hold control or format characters, and "
                             f"{name!r} has {described} at character {position}; "
                             "type the name without it")


def without_unprintable(name: str) -> str:
    """`name` with its control and format characters taken out, for a name read from a
    document's text (a mention marked in the reader, a suggested speaker): a soft hyphen
    or a zero-width space in the text is no reason to refuse the mark."""
    if unprintable(name) is None:
        return name
    return "".join(c for c in name if c in _JOINERS
                   or unicodedata.category(c) not in _REFUSED or c in "\t\n\r")


def name_of_words(words: str) -> str:
    """An actor's name for the words of a mention: single-spaced (tabs and line breaks
    become the spaces between words), without what else could not be shown (a soft
    hyphen, a bidi control from the text)."""
    return " ".join(without_unprintable(words).split())
