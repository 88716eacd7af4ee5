"""A damaged library file read by a screen: said once in a notice, never a crash.

What a screen reads besides its own article (the actors for the pane, the codebook's
colours) is read often; a damaged file is told once per screen, with the line that names
it and `glossator doctor --repair`, and the screen goes on with what it has.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar
from weakref import WeakKeyDictionary

from textual.screen import Screen

from annotations.errors import GlossatorError

T = TypeVar("T")

_told: WeakKeyDictionary[Screen, set[str]] = WeakKeyDictionary()


def read_or_say(screen: Screen, read: Callable[[], T], instead: T) -> T:
    """`read()`; when the library refuses it, `instead`, the reason told once."""
    try:
        return read()
    except GlossatorError as error:
        line = " ".join(str(error).split())
        told = _told.setdefault(screen, set())
        if line not in told:
            told.add(line)
            screen.notify(line, title="Damaged file", severity="error", timeout=15,
                          markup=False)
        return instead
