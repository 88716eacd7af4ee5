"""`y` / `Y`: the text to copy, sent to the terminal (OSC 52) and to the clipboard chain.

OSC 52 goes out at once through Textual (and lands in `App.clipboard`); the system
clipboard helpers may take a moment, so they run in a worker thread and report back
with one notification saying where the text went.
"""

from __future__ import annotations

from textual.app import App

from annotations.model import Annotation, Article


def text_to_copy(article: Article, quote: Annotation | None, reference_only: bool) -> str:
    """The reference, or `quote` (a mark, or a selection dressed as one) cited at its
    locator: the page, chapter or paragraph it starts on."""
    from reader.cli.citing import citation_text

    return citation_text(article, None if reference_only else quote)


def copy_everywhere(app: App, text: str) -> None:
    """Send `text` by OSC 52 now, then through the clipboard chain in a thread."""
    app.copy_to_clipboard(text)
    app.run_worker(lambda: _copy_elsewhere(app, text), thread=True, group="clipboard",
                   exit_on_error=False)


def _copy_elsewhere(app: App, text: str) -> None:
    from annotations.clipboard import copy_text

    outcome = copy_text(text, osc52_sent=True)
    severity = "warning" if outcome.method in ("file", "none") else "information"
    app.call_from_thread(app.notify, outcome.message, markup=False, severity=severity,
                         timeout=5)
