"""What a view's worker read, handed to the screen on the app's thread.

The library-wide views read in `@work(thread=True)` workers, so the screen shows at once
and fills in; what the library refuses (a GlossatorError) is shown as a notice instead.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from textual.screen import Screen

from annotations.errors import GlossatorError
from annotations.textsafety import inert

T = TypeVar("T")


def deliver(screen: Screen, read: Callable[[], T], then: Callable[[T], object], *,
            failed: str) -> None:
    """From a worker thread: `then(read())` on the app's thread, or the error of `read`
    as a notice titled `failed`."""
    try:
        result = read()
    except GlossatorError as error:
        screen.app.call_from_thread(screen.notify, inert(str(error)), title=failed,
                                    severity="error", timeout=10)
        return
    screen.app.call_from_thread(then, result)
