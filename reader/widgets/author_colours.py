"""A colour per mark author, the same one every time, for "colours by author" (`C`).

The kind keeps the background of a mark (claim amber, actor green…); the author's colour
is its text and underline, so both read at once. Eight colours, each in a bright shade
for dark themes and a deep one for light themes, told apart by most colour-blind readers
(blue/orange/purple lead; red and green are never the only difference).

A name's colour comes from a checksum of it (not Python's `hash`, which changes every
run), so ana is teal today and tomorrow, in every article. Two names that land on one
colour: the later in alphabetical order takes the next free one.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable

PALETTE: tuple[tuple[str, str, str], ...] = (
    # name, on a dark background, on a light background
    ("blue", "#6cb6ff", "#0a58ca"),
    ("orange", "#ffab5e", "#b35900"),
    ("purple", "#d2a8ff", "#6f42c1"),
    ("teal", "#4fd6be", "#00796b"),
    ("pink", "#ff8fc7", "#b3186f"),
    ("yellow", "#f2cc60", "#7a5c00"),
    ("red", "#ff7b72", "#cf222e"),
    ("grey", "#c9d1d9", "#57606a"),
)


def colour_indexes(authors: Iterable[str]) -> dict[str, int]:
    """Each author's place in `PALETTE`: by checksum, then the next free one on a clash."""
    taken: set[int] = set()
    found: dict[str, int] = {}
    for author in sorted(set(authors), key=lambda a: (a.casefold(), a)):
        index = zlib.crc32(author.casefold().encode("utf-8")) % len(PALETTE)
        if len(taken) < len(PALETTE):
            while index in taken:
                index = (index + 1) % len(PALETTE)
        taken.add(index)
        found[author] = index
    return found


def author_colours(authors: Iterable[str], dark: bool = True) -> dict[str, str]:
    """Author → `#rrggbb` for the theme's background."""
    shade = 1 if dark else 2
    return {author: PALETTE[i][shade] for author, i in colour_indexes(authors).items()}


def colour_name(authors: Iterable[str], author: str) -> str:
    """The colour's name ("teal"), for saying which is whose."""
    return PALETTE[colour_indexes(authors)[author]][0]
